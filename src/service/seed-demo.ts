/**
 * 演示数据 — loads data/demo/ into an empty store, once. Every file goes through the import service
 * (same validation as any user file), in dependency order, and the whole seed is ONE transaction: a
 * crash half-way leaves an empty store that the next start seeds again, never a half-seeded one.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Store } from '../store/database.ts';
import type { DB } from '../store/schema.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { applyImport } from './import/apply.ts';
import { formatFromFileName, kindFromFileName } from './import/file-names.ts';
import { type PreparedImport, prepareImport } from './import/prepare.ts';
import { IMPORT_KINDS, type ImportRejection, type ImportSummary } from './import/types.ts';

/** data/demo/ of this checkout (resolved from this module's location, not the working directory). */
export const DEFAULT_DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));

/** The demo directory: an explicit one, else the repository's data/demo/. */
export function resolveDemoDir(explicit?: string): string {
  return explicit ?? DEFAULT_DEMO_DIR;
}

export const DEMO_SEEDED_KEY = 'demo_seeded';

export interface SeedResult {
  readonly seeded: boolean;
  /** What each file contributed, when seeded. */
  readonly imports: readonly ImportSummary[];
}

/** The demo set's files, in dependency order (code tables, regions, institutions, catalogs, policies, persons). */
export async function demoFiles(demoDir: string): Promise<string[]> {
  const names = (await readdir(demoDir)).filter((n) => formatFromFileName(n) && kindFromFileName(n));
  const rank = (n: string) => IMPORT_KINDS.indexOf(kindFromFileName(n)!);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((n) => join(demoDir, n));
}

/** A demo file that fails validation is a bug in the generator, not a user error: fail loudly. */
class DemoDataInvalid extends Error {
  constructor(readonly rejection: ImportRejection) {
    super(`demo data invalid: ${rejection.message} ${JSON.stringify(rejection.issues.slice(0, 5))}`);
  }
}

async function prepareFile(path: string): Promise<PreparedImport> {
  const format = formatFromFileName(path)!;
  const prepared = await prepareImport({
    kind: kindFromFileName(path),
    format,
    content: await readFile(path, 'utf8'),
    source: `demo/${path.split(/[\\/]/).pop()}`,
  });
  if (!prepared.ok) throw new DemoDataInvalid(prepared.error);
  return prepared.value;
}

async function storeIsEmpty(db: Kysely<DB> | Tx): Promise<boolean> {
  const region = await db.selectFrom('regions').select('code').limit(1).executeTakeFirst();
  return region === undefined;
}

/**
 * Seeds the demo data when the store has no regions and has never been seeded. A second call (another
 * start, a concurrent start) does nothing: the `demo_seeded` meta row is claimed first, in the same
 * transaction, so two processes cannot both seed.
 */
export async function seedDemoIfEmpty(
  store: Store,
  demoDir?: string,
  now: () => Date = () => new Date(),
): Promise<SeedResult> {
  const notSeeded: SeedResult = { seeded: false, imports: [] };
  const marker = await store.db
    .selectFrom('meta')
    .select('key')
    .where('key', '=', DEMO_SEEDED_KEY)
    .executeTakeFirst();
  if (marker !== undefined || !(await storeIsEmpty(store.db))) return notSeeded;

  // Read and validate outside the transaction: the write lock is held only for the writes.
  const prepared: PreparedImport[] = [];
  for (const path of await demoFiles(resolveDemoDir(demoDir))) prepared.push(await prepareFile(path));

  const at = now();
  return inTransaction(store.db, async (tx) => {
    const claimed = await tx
      .insertInto('meta')
      .values({ key: DEMO_SEEDED_KEY, value: at.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return notSeeded;
    if (!(await storeIsEmpty(tx))) return notSeeded; // checked again under the lock
    const imports: ImportSummary[] = [];
    for (const file of prepared) {
      const applied = await applyImport(tx, file, { batchId: randomUUID(), now: at });
      if (!applied.ok) throw new DemoDataInvalid(applied.error);
      imports.push(applied.value);
    }
    return { seeded: true, imports };
  });
}
