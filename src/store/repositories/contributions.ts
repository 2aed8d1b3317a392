/**
 * 缴费记录 — the append-only contribution rows (R-P2): bulk insert for the import (a row already stored
 * under the same id is left as it is), lookups by id for the import's checks, and one person's rows.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { Tx } from '../transaction.ts';

type Db = Kysely<DB> | Tx;
export type ContributionRecord = Insertable<DB['contributions']>;
export type StoredContribution = Selectable<DB['contributions']>;

const IN_LIST_MAX = 500;
const ROWS_PER_STATEMENT = 1_000;

/** Inserts new rows; a stored row with the same contribution_id is never changed (append-only). */
export async function insertContributions(db: Db, rows: readonly ContributionRecord[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('contributions')
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.column('contribution_id').doNothing())
      .execute();
  }
}

/** Stored rows by contribution_id. */
export async function contributionsById(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, StoredContribution>> {
  const out = new Map<string, StoredContribution>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += IN_LIST_MAX) {
    const rows = await db
      .selectFrom('contributions')
      .selectAll()
      .where('contribution_id', 'in', unique.slice(start, start + IN_LIST_MAX))
      .execute();
    for (const r of rows) out.set(r.contribution_id, r);
  }
  return out;
}

/** Stored rows that correct one of `ids` (each row may be corrected once). */
export async function correctionsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += IN_LIST_MAX) {
    const rows = await db
      .selectFrom('contributions')
      .select(['contribution_id', 'corrects_id'])
      .where('corrects_id', 'in', unique.slice(start, start + IN_LIST_MAX))
      .execute();
    for (const r of rows) if (r.corrects_id !== null) out.set(r.corrects_id, r.contribution_id);
  }
  return out;
}

/** Which of `psnNos` are stored persons. */
export async function existingPersons(db: Db, psnNos: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const unique = [...new Set(psnNos)];
  for (let start = 0; start < unique.length; start += IN_LIST_MAX) {
    const rows = await db
      .selectFrom('persons')
      .select('psn_no')
      .where('psn_no', 'in', unique.slice(start, start + IN_LIST_MAX))
      .execute();
    for (const r of rows) out.add(r.psn_no);
  }
  return out;
}

/** All of one person's rows, oldest period first, in the order they were recorded. */
export function contributionsOfPerson(db: Db, psnNo: string): Promise<StoredContribution[]> {
  return db
    .selectFrom('contributions')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('period')
    .orderBy('recorded_at')
    .orderBy('contribution_id')
    .execute();
}
