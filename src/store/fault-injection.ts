/**
 * Fault injection for the deterministic-simulation tests (reliability.md T13): a store whose driver
 * fails a seeded fraction of the statements run INSIDE transactions (commit included) with the errors a
 * real database gives under contention — PostgreSQL 40001 (serialization failure) and 40P01 (deadlock),
 * SQLite SQLITE_BUSY — before the statement reaches the database. `inTransaction` must then roll back
 * and retry the whole unit of work; a correct service ends in exactly the state of a fault-free run.
 *
 * Statements outside a transaction are never failed (they have no retry by design, and the services
 * run every write in a transaction). Test-only: nothing in src/ outside tests opens such a store.
 */
import Database from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresDialect,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { DialectName, Store } from './database.ts';
import { migrateToLatest } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { ImmediateSqliteDialect } from './sqlite-driver.ts';

export interface FaultOptions {
  /** PRNG seed: the same seed and the same statement sequence fail the same statements. */
  readonly seed: number;
  /** Fraction of in-transaction statements that fail, 0…1. */
  readonly rate: number;
}

export interface FaultStats {
  statementsInTransactions: number;
  injected: number;
  byCode: Record<string, number>;
}

/** An error shaped like the driver's own (pg: `code` = SQLSTATE; better-sqlite3: `code` = SQLITE_*). */
export class InjectedFault extends Error {
  readonly injected = true;
  constructor(readonly code: string) {
    super(`injected fault ${code}`);
  }
}

/** mulberry32: small, fast, good enough to pick statements. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES: Readonly<Record<DialectName, readonly string[]>> = {
  postgres: ['40001', '40P01'],
  sqlite: ['SQLITE_BUSY'],
};

class Injector {
  readonly stats: FaultStats = { statementsInTransactions: 0, injected: 0, byCode: {} };
  readonly #random: () => number;
  enabled = true;

  constructor(
    readonly options: FaultOptions,
    readonly codes: readonly string[],
  ) {
    this.#random = seededRandom(options.seed);
  }

  maybeFail(): void {
    this.stats.statementsInTransactions += 1;
    const roll = this.#random();
    const pick = this.#random();
    if (!this.enabled || roll >= this.options.rate) return;
    const code = this.codes[Math.floor(pick * this.codes.length)] ?? this.codes[0]!;
    this.stats.injected += 1;
    this.stats.byCode[code] = (this.stats.byCode[code] ?? 0) + 1;
    throw new InjectedFault(code);
  }
}

class FaultyConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    readonly injector: Injector,
  ) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) {
      try {
        this.injector.maybeFail();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.inner.executeQuery(compiled);
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(compiled, chunkSize);
  }
}

class FaultyDriver implements Driver {
  readonly #wrapped = new WeakMap<DatabaseConnection, FaultyConnection>();
  constructor(
    readonly inner: Driver,
    readonly injector: Injector,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapped = this.#wrapped.get(connection);
    if (wrapped === undefined) {
      wrapped = new FaultyConnection(connection, this.injector);
      this.#wrapped.set(connection, wrapped);
    }
    return wrapped;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as FaultyConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as FaultyConnection;
    // A failure at commit time (SQLite busy on commit, a serialization failure found at commit on PG):
    // nothing is committed; Kysely then rolls back.
    this.injector.maybeFail();
    c.inTransaction = false;
    await this.inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as FaultyConnection;
    c.inTransaction = false;
    await this.inner.rollbackTransaction(c.inner);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as FaultyConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class FaultyDialect implements Dialect {
  constructor(
    readonly inner: Dialect,
    readonly injector: Injector,
  ) {}
  createDriver(): Driver {
    return new FaultyDriver(this.inner.createDriver(), this.injector);
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
  createAdapter() {
    return this.inner.createAdapter();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector is generic over any database.
  createIntrospector(db: Kysely<any>) {
    return this.inner.createIntrospector(db);
  }
}

export interface FaultyStore extends Store {
  readonly faults: FaultStats;
  /** Turn injection off (to read the final state) or back on. */
  setFaultsEnabled(enabled: boolean): void;
}

/**
 * Opens the same store as `openStore` (same pragmas, same migrations, run fault-free), with faults
 * injected into every later transaction.
 */
export async function openFaultyStore(
  location: { databaseUrl?: string; sqliteFile?: string },
  options: FaultOptions,
): Promise<FaultyStore> {
  const dialect: DialectName = location.databaseUrl ? 'postgres' : 'sqlite';
  const injector = new Injector(options, CODES[dialect]);
  let inner: Dialect;
  if (location.databaseUrl) {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 4 });
    pool.on('error', () => {});
    inner = new PostgresDialect({ pool });
  } else {
    if (!location.sqliteFile) throw new Error('openFaultyStore: sqliteFile or databaseUrl is required');
    const sqlite = new Database(location.sqliteFile);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    inner = new ImmediateSqliteDialect(sqlite);
  }
  const db = new Kysely<DB>({ dialect: new FaultyDialect(inner, injector) });
  injector.enabled = false;
  await migrateToLatest(db, dialect);
  injector.enabled = true;
  return {
    db,
    dialect,
    faults: injector.stats,
    setFaultsEnabled: (enabled) => {
      injector.enabled = enabled;
    },
    close: () => db.destroy(),
  };
}
