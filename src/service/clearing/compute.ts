/**
 * Computes a period's clearing without writing anything: the set-based aggregation day by day (so a
 * progress bar can follow a month of millions of settlements), the advance balances, the pure core,
 * and a digest of the result that decides whether a re-run changes anything.
 */
import { createHash } from 'node:crypto';
import {
  type AggregateGroup,
  buildClearing,
  type ClearingResult,
  mergeGroups,
  nextPeriod,
  type PeriodRange,
} from '../../core/clearing/index.ts';
import type { DialectName } from '../../store/database.ts';
import { advanceBalances } from '../../store/repositories/clearing-advances.ts';
import {
  aggregateClearingGroups,
  aggregateClearingGroupsOnPostgres,
  clearingAggregateQuery,
  type GroupRow,
  toAggregateGroups,
} from '../../store/repositories/clearing-aggregate.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import { queryOnReadWorkers, readerCount, sqliteFileOf } from '../../store/sqlite-read-workers.ts';

export interface ClearingProgress {
  readonly phase: 'aggregate' | 'write';
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (progress: ClearingProgress) => void;

/**
 * Where SQLite runs the per-day aggregation: 'auto' uses read worker threads when the store is a file
 * and the machine has more than one core, otherwise the store's own connection ('in-process').
 */
export type AggregationReaders = 'auto' | 'in-process' | 'workers';

export interface ComputedClearing {
  readonly result: ClearingResult;
  readonly digest: string;
}

export function digestOf(result: ClearingResult): string {
  return createHash('sha256').update(JSON.stringify(result)).digest('hex');
}

export async function computeClearing(
  db: Executor,
  dialect: DialectName,
  range: PeriodRange,
  onProgress?: ProgressListener,
  readers: AggregationReaders = 'auto',
): Promise<ComputedClearing> {
  const parts = await aggregatePeriod(db, dialect, range, onProgress, readers);
  // Advances effective up to the period's last day count towards its positions.
  const advances = await advanceBalances(db, `${nextPeriod(range.period)}-01`);
  const result = buildClearing(mergeGroups(parts), advances);
  return { result, digest: digestOf(result) };
}

/** The period's aggregate groups, one part per chunk (per day on SQLite, the whole period on PostgreSQL). */
export async function aggregatePeriod(
  db: Executor,
  dialect: DialectName,
  range: PeriodRange,
  onProgress?: ProgressListener,
  readers: AggregationReaders = 'auto',
): Promise<AggregateGroup[][]> {
  // SQLite walks the settled_at index and looks fund lines up by key, so day chunks cost nothing extra,
  // give a real progress bar, and spread over read workers. PostgreSQL hash-joins: per-day queries would
  // each scan the fund lines, so it gets the whole period in one query, hashed in one pass (see work_mem).
  if (dialect !== 'sqlite') return [await aggregateClearingGroupsOnPostgres(db, range, range.startIso)];
  const chunks = range.days;
  const report = (done: number) => onProgress?.({ phase: 'aggregate', done, total: chunks.length });
  const file = readers === 'in-process' ? null : await sqliteFileOf(db);
  if (file && (readers === 'workers' || readerCount() > 1)) {
    const queries = chunks.map((chunk) => clearingAggregateQuery(chunk, range.startIso).compile(db));
    const rows = await queryOnReadWorkers<GroupRow>(file, queries, { onDone: report });
    return rows.map(toAggregateGroups);
  }
  const parts: AggregateGroup[][] = [];
  for (const chunk of chunks) {
    parts.push(await aggregateClearingGroups(db, chunk, range.startIso));
    report(parts.length);
  }
  return parts;
}
