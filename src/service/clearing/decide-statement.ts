/**
 * 清算单确认 / 争议 — the insured region confirms a statement, or disputes it with a reason. Each
 * decision is a posted event and an audit record. Only statements of the current draft of an open
 * period can be decided.
 */

import {
  clearingErrors,
  decideStatement,
  type StatementAction,
  type StatementState,
  stateAfter,
} from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import {
  insertEvent,
  readClosure,
  readCurrentRun,
  readEvents,
  readStatement,
} from '../../store/repositories/clearing.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { lockPeriod } from './lock.ts';

export interface StatementDecisionInput {
  readonly statementId: string;
  readonly actor: string;
  /** Required for a dispute; a note for a confirmation. */
  readonly reason?: string;
  readonly requestId?: string | null;
  /** Who decides, for the audit record: the administrator (default) or an insured-region staff account. */
  readonly role?: 'admin' | 'staff';
}

export interface StatementDecision {
  readonly statementId: string;
  readonly state: StatementState;
  readonly at: string;
}

export function confirmStatement(
  ctx: AppContext,
  input: StatementDecisionInput,
): Promise<Result<StatementDecision>> {
  return decide(ctx, input, 'confirm');
}

export function disputeStatement(
  ctx: AppContext,
  input: StatementDecisionInput,
): Promise<Result<StatementDecision>> {
  return decide(ctx, input, 'dispute');
}

async function decide(
  ctx: AppContext,
  input: StatementDecisionInput,
  action: StatementAction,
): Promise<Result<StatementDecision>> {
  const { db, dialect } = ctx.store;
  return inTransaction(db, async (tx): Promise<Result<StatementDecision>> => {
    const statement = await readStatement(tx, input.statementId);
    if (!statement) return err(clearingErrors.statementNotFound(input.statementId));
    await lockPeriod(tx, dialect, statement.period);
    if (await readClosure(tx, statement.period)) return err(clearingErrors.periodClosed(statement.period));
    const current = await readCurrentRun(tx, statement.period);
    if (current && current.run_id !== statement.run_id) {
      return err(clearingErrors.statementSuperseded(input.statementId, current.run_id));
    }
    const events = await readEvents(tx, input.statementId);
    const reason = (input.reason ?? '').trim();
    const next = decideStatement(input.statementId, stateAfter(events.map((e) => e.action)), action, reason);
    if (!next.ok) return next;
    const at = ctx.now().toISOString();
    await insertEvent(tx, { statement_id: input.statementId, action, reason, actor: input.actor, at });
    await appendAudit(tx, dialect, {
      at,
      actor: input.actor,
      role: input.role ?? 'admin',
      action: `clearing.statement.${action}`,
      subject: input.statementId,
      requestId: input.requestId ?? null,
      detail: { reason, totalFen: statement.total_fen },
    });
    return ok({ statementId: input.statementId, state: next.value, at });
  });
}
