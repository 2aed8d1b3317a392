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
import { ImmediateSqliteDialect, type StatementObserver } from './sqlite-driver.ts';
import { WalCheckpointer } from './wal-checkpoints.ts';
import { WalSyncer } from './wal-sync.ts';

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
  /** SQLite only: sees every statement the connection runs (the bench records the server's SQL). */
  readonly observeStatements?: StatementObserver;
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

interface SqliteDurability {
  readonly syncer: WalSyncer;
  readonly checkpointer: WalCheckpointer;
}

function openSqlite(
  file: string,
  observe: StatementObserver | undefined,
): { db: Kysely<DB>; durability: SqliteDurability | null } {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (sqlite.memory) {
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite, { observe }) });
    enableGroupCommit(db);
    return { db, durability: null };
  }
  // A file database: COMMIT appends to the WAL without syncing; the WAL is flushed asynchronously
  // before anything is answered (wal-sync.ts), and checkpointed on another thread (wal-checkpoints.ts).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  // The WAL is rewritten from the start after a complete checkpoint; keep its file from staying huge.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const durability = { syncer: new WalSyncer(file), checkpointer: new WalCheckpointer(file) };
  const durable = () => {
    durability.checkpointer.committed();
    return durability.syncer.sync();
  };
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite, { durable, observe }) });
  enableGroupCommit(db, { durable });
  return { db, durability };
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
  let durability: SqliteDurability | null = null;
  if (options.databaseUrl) {
    db = openPostgres(options.databaseUrl, options.poolSize ?? 10);
  } else {
    const file = options.sqliteFile ?? join(options.dataDir ?? './data', 'yibao.sqlite');
    mkdirSync(join(file, '..'), { recursive: true });
    ({ db, durability } = openSqlite(file, options.observeStatements));
  }
  if (options.migrate !== false) await migrateToLatest(db, dialect);
  const close = async () => {
    await durability?.syncer.close();
    await durability?.checkpointer.close();
    await db.destroy();
  };
  return { db, dialect, close };
}
