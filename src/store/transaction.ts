/**
 * The one way a service opens a transaction: the whole unit of work runs inside `work`, and is retried
 * from the start when the database reports a transient conflict (PostgreSQL serialization failure or
 * deadlock, SQLite busy/locked, a group commit that failed as a whole), a bounded number of times. Any
 * other error aborts at once, and the unit's writes are rolled back.
 */
import type { Kysely, Transaction } from 'kysely';
import { groupCommitterOf } from './group-commit.ts';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

export interface RetryOptions {
  readonly attemptsMax?: number;
  /** Called before each retry; fault-injection tests and metrics listen here. */
  readonly onRetry?: (attempt: number, error: unknown) => void;
}

const POSTGRES_TRANSIENT = new Set(['40001', '40P01']);
const SQLITE_TRANSIENT = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
  'SQLITE_BUSY_RECOVERY',
]);

/** True for failures that a fresh attempt of the same transaction can succeed past. */
export function isTransientConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return (
    POSTGRES_TRANSIENT.has(code) ||
    SQLITE_TRANSIENT.has(code) ||
    code === 'YIBAO_INJECTED_CONFLICT' ||
    code === 'YIBAO_GROUP_ABORTED'
  );
}

export class TransactionRetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`transaction failed after ${attempts} attempts`);
  }
}

function backoffMs(attempt: number): number {
  // Jittered exponential backoff: spreads competing writers apart without long stalls.
  const base = Math.min(50, 2 ** attempt);
  return base / 2 + Math.random() * base;
}

export async function inTransaction<T>(
  db: Kysely<DB>,
  work: (tx: Tx) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attemptsMax = options.attemptsMax ?? 12;
  // SQLite: units of work share commits (see group-commit.ts); PostgreSQL: one transaction each.
  const group = groupCommitterOf(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return group ? await group.run(work) : await db.transaction().execute(work);
    } catch (error) {
      if (!isTransientConflict(error)) throw error;
      if (attempt >= attemptsMax) throw new TransactionRetriesExhausted(attempt, error);
      options.onRetry?.(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}
