/**
 * 清算 — the monthly clearing run of one period (R-S3). Idempotent: a closed period is returned as it
 * was closed, and a run whose result equals the current draft's (same digest) writes nothing, so
 * confirmations survive. Otherwise the run is posted as run n+1, superseding the draft.
 * The aggregation reads outside the write transaction (it may take a while over a national month and
 * must not block settlement writers); the short write transaction re-checks closure under the period
 * lock.
 */

import { parsePeriod } from '../../core/clearing/index.ts';
import { ok, type Result } from '../../core/errors.ts';
import {
  countStatements,
  insertRun,
  readClosure,
  readCurrentRun,
  readRun,
  runIdOf,
} from '../../store/repositories/clearing.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { computeClearing, type ProgressListener } from './compute.ts';
import { lockPeriod } from './lock.ts';

export interface RunClearingInput {
  readonly period: string;
  readonly actor: string;
  readonly requestId?: string | null;
  readonly onProgress?: ProgressListener;
}

export interface ClearingRunSummary {
  readonly period: string;
  readonly runId: string;
  readonly runNo: number;
  readonly status: 'draft' | 'closed';
  /** False when nothing was written: the period is closed, or the data are unchanged since the draft. */
  readonly changed: boolean;
  readonly statementCount: number;
  readonly settlementCount: number;
  readonly totalFen: number;
  readonly createdAt: string;
}

export async function runClearing(
  ctx: AppContext,
  input: RunClearingInput,
): Promise<Result<ClearingRunSummary>> {
  const parsed = parsePeriod(input.period);
  if (!parsed.ok) return parsed;
  const range = parsed.value;
  const { db, dialect } = ctx.store;

  const closure = await readClosure(db, range.period);
  if (closure) return ok(await closedSummary(ctx, range.period, closure.run_id));

  const computed = await computeClearing(db, dialect, range, input.onProgress);
  input.onProgress?.({ phase: 'write', done: 0, total: 1 });
  const summary = await inTransaction(db, async (tx) => {
    await lockPeriod(tx, dialect, range.period);
    const closedMeanwhile = await readClosure(tx, range.period);
    if (closedMeanwhile) return null;
    const current = await readCurrentRun(tx, range.period);
    const statementCount = computed.result.statements.length;
    if (current && current.digest === computed.digest) {
      return {
        period: range.period,
        runId: current.run_id,
        runNo: current.run_no,
        status: 'draft',
        changed: false,
        statementCount,
        settlementCount: current.settlement_count,
        totalFen: current.total_fen,
        createdAt: current.created_at,
      } satisfies ClearingRunSummary;
    }
    const runNo = (current?.run_no ?? 0) + 1;
    const createdAt = ctx.now().toISOString();
    const run = {
      run_id: runIdOf(range.period, runNo),
      period: range.period,
      run_no: runNo,
      range_start: range.startIso,
      range_end: range.endIso,
      settlement_count: computed.result.settlementCount,
      total_fen: computed.result.totalFen,
      digest: computed.digest,
      actor: input.actor,
      created_at: createdAt,
    };
    await insertRun(tx, run, computed.result);
    await appendAudit(tx, dialect, {
      at: createdAt,
      actor: input.actor,
      role: 'admin',
      action: 'clearing.run',
      subject: run.run_id,
      requestId: input.requestId ?? null,
      detail: {
        period: range.period,
        statements: statementCount,
        totalFen: run.total_fen,
        digest: run.digest,
      },
    });
    return {
      period: range.period,
      runId: run.run_id,
      runNo,
      status: 'draft',
      changed: true,
      statementCount,
      settlementCount: run.settlement_count,
      totalFen: run.total_fen,
      createdAt,
    } satisfies ClearingRunSummary;
  });
  input.onProgress?.({ phase: 'write', done: 1, total: 1 });
  if (summary) return ok(summary);
  // Closed by someone else while this run aggregated: answer with the closed period.
  const late = await readClosure(db, range.period);
  if (!late) throw new Error(`clearing period ${range.period} neither written nor closed`);
  return ok(await closedSummary(ctx, range.period, late.run_id));
}

async function closedSummary(ctx: AppContext, period: string, runId: string): Promise<ClearingRunSummary> {
  const run = await readRun(ctx.store.db, runId);
  if (!run) throw new Error(`closure names unknown run ${runId}`);
  const statementCount = await countStatements(ctx.store.db, runId);
  return {
    period,
    runId,
    runNo: run.run_no,
    status: 'closed',
    changed: false,
    statementCount,
    settlementCount: run.settlement_count,
    totalFen: run.total_fen,
    createdAt: run.created_at,
  };
}
