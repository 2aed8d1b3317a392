/** Liveness and readiness: the store answers a trivial query. */
import { sql } from 'kysely';
import type { AppContext } from './context.ts';

export interface Health {
  readonly status: 'ok';
  readonly store: string;
  readonly time: string;
}

export async function checkHealth(ctx: AppContext): Promise<Health> {
  await sql`select 1`.execute(ctx.store.db);
  return { status: 'ok', store: ctx.store.dialect, time: ctx.now().toISOString() };
}
