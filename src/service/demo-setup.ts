/**
 * Everything a demo deployment loads on an empty store, in order: the demo reference data, the demo
 * filing lists (unconditional-referral and critical-illness diseases), each region's published list of
 * reimbursement materials, one demo staff account per region, the demo gateway key pair of one hospital per
 * region (the institution web login), and the demo activity (a few hundred
 * settlements over the last months, through the real HIS use cases). Each step is idempotent, so a restart
 * adds nothing.
 */
import type { AppContext } from './context.ts';
import { type DemoActivity, seedDemoActivityIfEmpty } from './demo-activity.ts';
import { seedFilingListsIfEmpty } from './filing/index.ts';
import { seedDemoInstitutionCredentials } from './institution-login.ts';
import { seedMaterialListsIfEmpty } from './reimbursement/material-lists.ts';
import { type SeedResult, seedDemoIfEmpty } from './seed-demo.ts';
import { seedDemoStaffAccounts } from './staff-login.ts';

export interface DemoSetup {
  readonly reference: SeedResult;
  readonly filingListEntries: number;
  readonly materialLists: number;
  readonly staffAccounts: readonly string[];
  /** Institutions given the demo gateway key pair (`demo<code>` / `demo-sk-<code>`) for the web login. */
  readonly institutionCredentials: readonly string[];
  /** What the demo activity added (seeded false when it already ran or the store is not a demo store). */
  readonly activity: DemoActivity;
}

export async function setUpDemo(ctx: AppContext): Promise<DemoSetup> {
  const reference = await seedDemoIfEmpty(ctx.store, undefined, ctx.now);
  const lists = await seedFilingListsIfEmpty(ctx.store, { now: ctx.now() });
  const materialLists = await seedMaterialListsIfEmpty(ctx);
  const staffAccounts = await seedDemoStaffAccounts(ctx);
  const institutionCredentials = await seedDemoInstitutionCredentials(ctx);
  const activity = await seedDemoActivityIfEmpty(ctx);
  return {
    reference,
    filingListEntries: lists.entries,
    materialLists,
    staffAccounts,
    institutionCredentials,
    activity,
  };
}
