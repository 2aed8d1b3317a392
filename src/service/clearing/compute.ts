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
import { aggregateClearingGroups } from '../../store/repositories/clearing-aggregate.ts';
import type { Executor } from '../../store/repositories/executor.ts';

export interface ClearingProgress {
  readonly phase: 'aggregate' | 'write';
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (progress: ClearingProgress) => void;

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
): Promise<ComputedClearing> {
  // SQLite walks the settled_at index and looks fund lines up by key, so day chunks cost nothing extra
  // and give a real progress bar. PostgreSQL hash-joins: per-day queries would each scan the fund lines,
  // so it gets the whole period in one query and plans it as a whole.
  const chunks = dialect === 'sqlite' ? range.days : [range];
  const parts: AggregateGroup[][] = [];
  for (const [i, chunk] of chunks.entries()) {
    parts.push(await aggregateClearingGroups(db, chunk, range.startIso));
    onProgress?.({ phase: 'aggregate', done: i + 1, total: chunks.length });
  }
  // Advances effective up to the period's last day count towards its positions.
  const advances = await advanceBalances(db, `${nextPeriod(range.period)}-01`);
  const result = buildClearing(mergeGroups(parts), advances);
  return { result, digest: digestOf(result) };
}
