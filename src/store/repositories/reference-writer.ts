/**
 * Bulk writes of reference data (regions, institutions, catalogs, policies, persons, code tables)
 * with upsert semantics on each table's natural key, plus the lookups the import needs to check a
 * file against what is already stored. Multi-row INSERT … ON CONFLICT DO UPDATE in chunks, so
 * 100k rows are a few hundred statements; the same SQL runs on SQLite and PostgreSQL.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';
import type { Tx } from '../transaction.ts';

type Db = Kysely<DB> | Tx;

/**
 * Bound parameters per statement stay well below both limits (SQLite 32766, PostgreSQL 65535),
 * and chunks stay large enough that statement overhead does not dominate.
 */
const PARAMETERS_PER_STATEMENT = 20_000;
const ROWS_PER_STATEMENT_MAX = 1_000;

function chunkSize(columns: number): number {
  return Math.max(1, Math.min(ROWS_PER_STATEMENT_MAX, Math.floor(PARAMETERS_PER_STATEMENT / columns)));
}

type WritableTable =
  | 'regions'
  | 'institutions'
  | 'catalog_items'
  | 'benefit_policies'
  | 'persons'
  | 'code_tables';

/** The natural key of each reference table: a re-imported row with the same key replaces the stored one. */
export const NATURAL_KEYS: Record<WritableTable, readonly string[]> = {
  regions: ['code'],
  institutions: ['code'],
  catalog_items: ['region_code', 'code', 'valid_from'],
  benefit_policies: ['region_code', 'insurance_type', 'effective_from'],
  persons: ['psn_no'],
  code_tables: ['table_name', 'code'],
};

async function upsert<T extends WritableTable>(
  db: Db,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  extraSet: Record<string, unknown> = {},
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const key = NATURAL_KEYS[table];
  const set: Record<string, unknown> = { ...extraSet };
  for (const column of columns) {
    if (!key.includes(column)) set[column] = sql.ref(`excluded.${column}`);
  }
  const size = chunkSize(columns.length);
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    // The generic table name defeats Kysely's per-table typing; the row and column types are checked
    // by the typed wrappers below.
    await (db as Kysely<DB>)
      .insertInto(table as 'regions')
      .values(chunk as never)
      .onConflict((oc) =>
        Object.keys(set).length === 0
          ? oc.columns(key as never).doNothing()
          : oc.columns(key as never).doUpdateSet(set as never),
      )
      .execute();
  }
}

export function upsertRegions(db: Db, rows: readonly Insertable<DB['regions']>[]): Promise<void> {
  return upsert(db, 'regions', rows);
}

export function upsertInstitutions(db: Db, rows: readonly Insertable<DB['institutions']>[]): Promise<void> {
  return upsert(db, 'institutions', rows);
}

export function upsertCatalogItems(db: Db, rows: readonly Insertable<DB['catalog_items']>[]): Promise<void> {
  return upsert(db, 'catalog_items', rows);
}

export function upsertBenefitPolicies(
  db: Db,
  rows: readonly Insertable<DB['benefit_policies']>[],
): Promise<void> {
  return upsert(db, 'benefit_policies', rows);
}

/** A replaced person gets a new row_version, so optimistic readers notice the change. */
export function upsertPersons(db: Db, rows: readonly Insertable<DB['persons']>[]): Promise<void> {
  return upsert(db, 'persons', rows, { row_version: sql`persons.row_version + 1` });
}

export function upsertCodeTables(db: Db, rows: readonly Insertable<DB['code_tables']>[]): Promise<void> {
  return upsert(db, 'code_tables', rows);
}

export function recordImportBatch(db: Db, batch: Insertable<DB['import_batches']>): Promise<unknown> {
  return db.insertInto('import_batches').values(batch).execute();
}

/** Every stored region code (a few thousand at most nationwide). */
export async function regionCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('regions').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

const IN_LIST_MAX = 500;

async function inChunks<V, R>(values: readonly V[], query: (chunk: V[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < values.length; start += IN_LIST_MAX) {
    out.push(...(await query(values.slice(start, start + IN_LIST_MAX))));
  }
  return out;
}

/** Stored persons holding any of these certificate numbers: certificate number → psn_no. */
export async function personsByCertificateNo(
  db: Db,
  certificateNos: readonly string[],
): Promise<Map<string, string>> {
  const rows = await inChunks(certificateNos, (chunk) =>
    db
      .selectFrom('persons')
      .select(['psn_no', 'certificate_no'])
      .where('certificate_no', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.certificate_no, r.psn_no]));
}

/** Stored persons holding any of these social-security card numbers: card number → psn_no. */
export async function personsBySocialSecurityCardNo(
  db: Db,
  cardNos: readonly string[],
): Promise<Map<string, string>> {
  const rows = await inChunks(cardNos, (chunk) =>
    db
      .selectFrom('persons')
      .select(['psn_no', 'social_security_card_no'])
      .where('social_security_card_no', 'in', chunk)
      .execute(),
  );
  return new Map(
    rows.flatMap((r) => (r.social_security_card_no === null ? [] : [[r.social_security_card_no, r.psn_no]])),
  );
}

export interface StoredPeriod {
  readonly regionCode: string;
  readonly key: string;
  readonly from: string;
  readonly to: string | null;
}

/** Validity periods of the stored policies of these regions (key = insurance type). */
export async function policyPeriods(db: Db, regionCodes: readonly string[]): Promise<StoredPeriod[]> {
  const rows = await inChunks(regionCodes, (chunk) =>
    db
      .selectFrom('benefit_policies')
      .select(['region_code', 'insurance_type', 'effective_from', 'effective_to'])
      .where('region_code', 'in', chunk)
      .execute(),
  );
  return rows.map((r) => ({
    regionCode: r.region_code,
    key: r.insurance_type,
    from: r.effective_from,
    to: r.effective_to,
  }));
}

/** Validity periods of the stored catalog items of these regions (key = item code). */
export async function catalogPeriods(db: Db, regionCodes: readonly string[]): Promise<StoredPeriod[]> {
  const rows = await inChunks(regionCodes, (chunk) =>
    db
      .selectFrom('catalog_items')
      .select(['region_code', 'code', 'valid_from', 'valid_to'])
      .where('region_code', 'in', chunk)
      .execute(),
  );
  return rows.map((r) => ({ regionCode: r.region_code, key: r.code, from: r.valid_from, to: r.valid_to }));
}
