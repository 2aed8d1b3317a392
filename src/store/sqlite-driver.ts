/**
 * A Kysely driver for better-sqlite3 that differs from Kysely's own in two ways that matter for money:
 * write transactions start with BEGIN IMMEDIATE (so two writers never both read, then one fails to
 * upgrade its lock mid-transaction), and prepared statements are cached per SQL text (the hot path runs
 * the same dozen statements thousands of times a second).
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

const STATEMENT_CACHE_MAX = 500;

/**
 * Sees every statement the connection ran successfully, in order, with its parameters (transaction
 * control included; a statement that failed is not seen). The bench records the server's SQL through it
 * to replay it without Kysely, HTTP or logic.
 */
export type StatementObserver = (sql: string, parameters: readonly unknown[]) => void;

/** A prepared statement with whether it returns rows (asked once: it is a native call). */
interface PreparedStatement {
  readonly statement: BetterSqlite3.Statement;
  readonly reader: boolean;
}

class CachedSqliteConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, PreparedStatement>();
  readonly #durable: (() => Promise<void>) | undefined;
  readonly #observe: StatementObserver | undefined;

  constructor(db: BetterSqlite3.Database, options: SqliteDialectOptions) {
    this.#db = db;
    this.#durable = options.durable;
    this.#observe = options.observe;
  }

  #prepare(sqlText: string): PreparedStatement {
    let prepared = this.#statements.get(sqlText);
    if (!prepared) {
      const statement = this.#db.prepare(sqlText);
      prepared = { statement, reader: statement.reader };
      if (this.#statements.size >= STATEMENT_CACHE_MAX) this.#statements.clear();
      this.#statements.set(sqlText, prepared);
    }
    return prepared;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, reader } = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (reader) {
      const rows = statement.all(parameters) as R[];
      this.#observe?.(compiled.sql, parameters);
      return Promise.resolve({ rows });
    }
    const wasInTransaction = this.#db.inTransaction;
    const { changes, lastInsertRowid } = statement.run(parameters);
    this.#observe?.(compiled.sql, parameters);
    const result: QueryResult<R> = {
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    };
    // A write outside any transaction committed on its own: answer once the WAL flush covers it.
    // (Transactions are made durable by whoever commits them — the group committer.)
    const autocommitted = !wasInTransaction && !this.#db.inTransaction && changes > 0;
    if (autocommitted && this.#durable) return this.#durable().then(() => result);
    return Promise.resolve(result);
  }

  // biome-ignore lint/correctness/useYield: streaming is not used by yibao; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported by the SQLite driver');
  }
}

/** A mutex over the single connection: Kysely may interleave async callers, SQLite has one connection. */
class ConnectionMutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

class ImmediateSqliteDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #connection: CachedSqliteConnection;
  readonly #mutex = new ConnectionMutex();

  constructor(db: BetterSqlite3.Database, options: SqliteDialectOptions) {
    this.#db = db;
    this.#connection = new CachedSqliteConnection(db, options);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#db.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

export interface SqliteDialectOptions {
  /**
   * When given, a write that commits on its own (outside a transaction) waits until it is on stable
   * storage before it resolves (see wal-sync.ts).
   */
  readonly durable?: (() => Promise<void>) | undefined;
  readonly observe?: StatementObserver | undefined;
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database;
  readonly #options: SqliteDialectOptions;

  constructor(db: BetterSqlite3.Database, options: SqliteDialectOptions = {}) {
    this.#db = db;
    this.#options = options;
  }

  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#db, this.#options);
  }

  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector is generic over any database.
  createIntrospector(db: Kysely<any>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}
