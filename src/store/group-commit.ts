/**
 * Group commit for the embedded SQLite store. SQLite has one writer and, with synchronous=FULL, every
 * COMMIT waits for an fsync (milliseconds on real disks) — so one transaction per request caps the whole
 * server at a few hundred writes a second. Instead, units of work that arrive together run one after
 * another inside ONE physical transaction, each in its own SAVEPOINT, and share one COMMIT:
 * - atomic per unit: a unit that throws is rolled back to its savepoint and alone gets the error;
 * - durable: no unit's promise settles before the COMMIT that holds it is on stable storage — either
 *   COMMIT itself synced (synchronous=FULL) or the asynchronous WAL flush that follows it (wal-sync.ts),
 *   during which the next group already runs;
 * - serial: units run strictly one at a time on the single connection, as before.
 * If the group as a whole cannot commit, every unit is told so with a transient error and the caller's
 * retry loop runs it again in a later group.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';
import type { Tx } from './transaction.ts';

interface PendingUnit {
  readonly work: (tx: Tx) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** Raised to units whose group could not commit: nothing of theirs was kept, so a retry is safe. */
export class GroupAborted extends Error {
  readonly code = 'YIBAO_GROUP_ABORTED';
  constructor(override readonly cause: unknown) {
    super('the group transaction could not commit; the unit of work was not applied');
  }
}

export interface GroupCommitOptions {
  /** Resolves once the last COMMIT is on stable storage; absent when COMMIT syncs by itself. */
  readonly durable?: (() => Promise<void>) | undefined;
  readonly maxUnits?: number;
}

export class GroupCommitter {
  readonly #db: Kysely<DB>;
  readonly #maxUnits: number;
  readonly #durable: (() => Promise<void>) | undefined;
  readonly #queue: PendingUnit[] = [];
  #draining = false;

  constructor(db: Kysely<DB>, options: GroupCommitOptions = {}) {
    this.#db = db;
    this.#maxUnits = options.maxUnits ?? 64;
    this.#durable = options.durable;
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Start after the current I/O callbacks, so requests that arrived together join one group.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#runGroup(this.#queue.splice(0, this.#maxUnits));
    } finally {
      this.#draining = false;
    }
  }

  async #runGroup(units: readonly PendingUnit[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await this.#db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        let committed = false;
        try {
          for (const unit of units) outcomes.push(await runUnit(connection as unknown as Tx, unit));
          await sql`commit`.execute(connection);
          committed = true;
        } finally {
          if (!committed) await sql`rollback`.execute(connection).catch(() => undefined);
        }
      });
    } catch (groupError) {
      for (const unit of units) unit.reject(new GroupAborted(groupError));
      return;
    }
    const settle = () =>
      units.forEach((unit, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      });
    if (!this.#durable) return settle();
    // Not awaited: the next group runs while the disk flushes this one.
    this.#durable().then(settle, (syncError: unknown) => {
      // Committed but not known to be on disk. Callers hear "failed"; a retry of the same message id
      // finds the committed answer through idempotency, so nothing is applied twice.
      for (const unit of units) unit.reject(syncError);
    });
  }
}

async function runUnit(tx: Tx, unit: PendingUnit): Promise<Outcome> {
  await sql`savepoint yibao_unit`.execute(tx);
  try {
    const value = await unit.work(tx);
    await sql`release savepoint yibao_unit`.execute(tx);
    return { ok: true, value };
  } catch (error) {
    // If SQLite already rolled the whole transaction back, this throws and the group aborts as a whole.
    await sql`rollback to savepoint yibao_unit`.execute(tx);
    await sql`release savepoint yibao_unit`.execute(tx);
    return { ok: false, error };
  }
}

const committers = new WeakMap<Kysely<DB>, GroupCommitter>();

/** Makes every inTransaction() on this SQLite database go through group commit. */
export function enableGroupCommit(db: Kysely<DB>, options: GroupCommitOptions = {}): void {
  committers.set(db, new GroupCommitter(db, options));
}

export function groupCommitterOf(db: Kysely<DB>): GroupCommitter | undefined {
  return committers.get(db);
}
