/**
 * Everything a demo deployment loads on an empty store, in order: the demo reference data, the demo
 * filing lists (unconditional-referral and critical-illness diseases), each region's published list of
 * reimbursement materials, and one demo staff account per region. Each step is idempotent, so a restart
 * adds nothing.
 */
import type { AppContext } from './context.ts';
import { seedFilingListsIfEmpty } from './filing/index.ts';
import { seedMaterialListsIfEmpty } from './reimbursement/material-lists.ts';
import { type SeedResult, seedDemoIfEmpty } from './seed-demo.ts';
import { seedDemoStaffAccounts } from './staff-login.ts';

export interface DemoSetup {
  readonly reference: SeedResult;
  readonly filingListEntries: number;
  readonly materialLists: number;
  readonly staffAccounts: readonly string[];
}

export async function setUpDemo(ctx: AppContext): Promise<DemoSetup> {
  const reference = await seedDemoIfEmpty(ctx.store, undefined, ctx.now);
  const lists = await seedFilingListsIfEmpty(ctx.store, { now: ctx.now() });
  const materialLists = await seedMaterialListsIfEmpty(ctx);
  const staffAccounts = await seedDemoStaffAccounts(ctx);
  return { reference, filingListEntries: lists.entries, materialLists, staffAccounts };
}
