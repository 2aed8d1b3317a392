/**
 * The disease lists behind filing rules, per insured region: 无条件转诊转院病种目录 (referrals that need
 * no certificate, R-F6) and 急危重病种标准 (critical illnesses that may file after admission, R-F4) —
 * and each region's filing policy document.
 */
import type { Executor } from './executor.ts';

export type FilingListKind = 'unconditional_referral' | 'critical_illness';

export interface FilingListEntry {
  readonly code: string;
  readonly name: string;
}

export async function readFilingList(
  db: Executor,
  regionCode: string,
  list: FilingListKind,
): Promise<FilingListEntry[]> {
  return db
    .selectFrom('filing_list_entries')
    .select(['code', 'name'])
    .where('region_code', '=', regionCode)
    .where('list', '=', list)
    .orderBy('code')
    .execute();
}

/** Replaces a region's list with the given entries (an import is the whole list, not a patch). */
export async function replaceFilingList(
  db: Executor,
  regionCode: string,
  list: FilingListKind,
  entries: readonly FilingListEntry[],
  at: string,
): Promise<void> {
  await db
    .deleteFrom('filing_list_entries')
    .where('region_code', '=', regionCode)
    .where('list', '=', list)
    .execute();
  if (entries.length === 0) return;
  await db
    .insertInto('filing_list_entries')
    .values(
      entries.map((e) => ({ region_code: regionCode, list, code: e.code, name: e.name, imported_at: at })),
    )
    .execute();
}

export async function countFilingListEntries(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('filing_list_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stored policy document of a region, as JSON text; undefined when the region uses the default. */
export async function readFilingPolicyDocument(
  db: Executor,
  regionCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('filing_policies')
    .select('document')
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  return row?.document;
}

export async function writeFilingPolicyDocument(
  db: Executor,
  regionCode: string,
  document: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('filing_policies')
    .values({ region_code: regionCode, document, updated_at: at })
    .onConflict((oc) => oc.column('region_code').doUpdateSet({ document, updated_at: at }))
    .execute();
}
