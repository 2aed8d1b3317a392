/**
 * Every store test runs once per dialect: `describe.each(DIALECTS)` with `openTestStore(dialect)`,
 * which gives a fresh SQLite file or a fresh PostgreSQL database, fully migrated.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type DialectName, openStore, type Store } from '../../src/store/database.ts';
import type { DB } from '../../src/store/schema.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

let databaseCounter = 0;

/** Creates a new empty PostgreSQL database in the suite's cluster and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `yibao_t${process.pid}_${Date.now().toString(36)}_${databaseCounter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function tempSqliteFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'yibao-sqlite-')), 'yibao.sqlite');
}

/** Connection settings for a fresh store of the given dialect (for tests that spawn a server process). */
export async function freshStoreLocation(
  dialect: DialectName,
): Promise<{ databaseUrl?: string; sqliteFile?: string }> {
  return dialect === 'postgres'
    ? { databaseUrl: await createPostgresDatabase() }
    : { sqliteFile: tempSqliteFile() };
}

export async function openTestStore(dialect: DialectName): Promise<Store> {
  return openStore(await freshStoreLocation(dialect));
}

/** How many rows a whole table holds (PostgreSQL's count is int8 text; both dialects answer a number). */
export async function countRows(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
