/**
 * Opens the store: SQLite (embedded default, a file under the data directory) or PostgreSQL when a
 * connection URL is given. Both run the same migrations and the same Kysely queries.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { enableGroupCommit } from './group-commit.ts';
import { migrateToLatest } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { ImmediateSqliteDialect } from './sqlite-driver.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection URL; when absent the SQLite file `yibao.sqlite` in dataDir is used. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string;
  /** SQLite only: an explicit file path (tests use one file per case). */
  readonly sqliteFile?: string;
  readonly poolSize?: number;
  /** Run migrations on open (default true). */
  readonly migrate?: boolean;
}

/** PostgreSQL int8 arrives as text; money columns are BIGINT, so parse and refuse anything unsafe. */
function parseSafeInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  }
  return value;
}

pg.types.setTypeParser(pg.types.builtins.INT8, parseSafeInt8);

function openSqlite(file: string): Kysely<DB> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite) });
  enableGroupCommit(db);
  return db;
}

function openPostgres(url: string, poolSize: number): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  let db: Kysely<DB>;
  if (options.databaseUrl) {
    db = openPostgres(options.databaseUrl, options.poolSize ?? 10);
  } else {
    const file = options.sqliteFile ?? join(options.dataDir ?? './data', 'yibao.sqlite');
    mkdirSync(join(file, '..'), { recursive: true });
    db = openSqlite(file);
  }
  if (options.migrate !== false) await migrateToLatest(db, dialect);
  return { db, dialect, close: () => db.destroy() };
}
