/**
 * Serializes clearing writes of one period. SQLite write transactions already run one at a time
 * (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock keyed by the period, so two
 * concurrent runs cannot both add "run n+1".
 */
import { sql } from 'kysely';
import type { DialectName } from '../../store/database.ts';
import type { Tx } from '../../store/transaction.ts';

const CLEARING_LOCK_BASE = 7_242_100_000;

export async function lockPeriod(tx: Tx, dialect: DialectName, period: string): Promise<void> {
  if (dialect !== 'postgres') return;
  const [year, month] = period.split('-').map(Number) as [number, number];
  await sql`select pg_advisory_xact_lock(${CLEARING_LOCK_BASE + year * 12 + month})`.execute(tx);
}
