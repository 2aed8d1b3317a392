/**
 * 关账 — closing a clearing period makes it immutable (R-S3). Only after the period has ended, only
 * when the current draft still equals a fresh computation (nothing posted or advanced since), and only
 * when every statement of the draft is confirmed. Closing twice answers with the first closure.
 * Refunds posted later belong to the period in which they are posted and show there as adjustments.
 */

import { clearingErrors, parsePeriod, stateAfter } from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import {
  insertClosure,
  readClosure,
  readCurrentRun,
  readLatestActions,
  readStatements,
} from '../../store/repositories/clearing.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { computeClearing, type ProgressListener } from './compute.ts';
import { lockPeriod } from './lock.ts';

export interface ClosePeriodInput {
  readonly period: string;
  readonly actor: string;
  readonly requestId?: string | null;
  readonly onProgress?: ProgressListener;
}

export interface PeriodClosure {
  readonly period: string;
  readonly runId: string;
  readonly closedAt: string;
  /** False when the period was already closed (nothing written). */
  readonly changed: boolean;
}

export async function closeClearingPeriod(
  ctx: AppContext,
  input: ClosePeriodInput,
): Promise<Result<PeriodClosure>> {
  const parsed = parsePeriod(input.period);
  if (!parsed.ok) return parsed;
  const range = parsed.value;
  const { db, dialect } = ctx.store;
  const existing = await readClosure(db, range.period);
  if (existing) {
    return ok({ period: range.period, runId: existing.run_id, closedAt: existing.closed_at, changed: false });
  }
  const now = ctx.now();
  if (now.toISOString() < range.endIso) return err(clearingErrors.periodNotEnded(range.period, range.endIso));
  const computed = await computeClearing(db, dialect, range, input.onProgress);

  return inTransaction(db, async (tx): Promise<Result<PeriodClosure>> => {
    await lockPeriod(tx, dialect, range.period);
    const closed = await readClosure(tx, range.period);
    if (closed)
      return ok({ period: range.period, runId: closed.run_id, closedAt: closed.closed_at, changed: false });
    const current = await readCurrentRun(tx, range.period);
    if (!current) return err(clearingErrors.periodNotRun(range.period));
    if (current.digest !== computed.digest) return err(clearingErrors.draftStale(range.period));
    const statements = await readStatements(tx, current.run_id);
    const actions = await readLatestActions(tx, current.run_id);
    const unconfirmed = statements
      .map((s) => s.statement_id)
      .filter((id) => stateAfter(actions.has(id) ? [actions.get(id)!] : []) !== 'confirmed');
    if (unconfirmed.length > 0) return err(clearingErrors.statementsUnconfirmed(range.period, unconfirmed));
    const closedAt = now.toISOString();
    await insertClosure(tx, {
      period: range.period,
      run_id: current.run_id,
      actor: input.actor,
      closed_at: closedAt,
    });
    await appendAudit(tx, dialect, {
      at: closedAt,
      actor: input.actor,
      role: 'admin',
      action: 'clearing.close',
      subject: range.period,
      requestId: input.requestId ?? null,
      detail: { runId: current.run_id, totalFen: current.total_fen, digest: current.digest },
    });
    return ok({ period: range.period, runId: current.run_id, closedAt, changed: true });
  });
}
