/**
 * What every use case receives: the store and the clock. Time comes from here and is passed into the
 * core as an argument, so tests and simulations can set it.
 */
import { type DialectName, openStore, type Store, type StoreOptions } from '../store/database.ts';

export interface AppContext {
  readonly store: Store;
  /** The current instant; tests inject a fixed or stepping clock. */
  readonly now: () => Date;
}

export type { DialectName, StoreOptions };

export async function openAppContext(options: StoreOptions & { now?: () => Date }): Promise<AppContext> {
  const store = await openStore(options);
  return { store, now: options.now ?? (() => new Date()) };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.store.close();
}
