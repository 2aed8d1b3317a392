/**
 * The statement's life (清算单确认 / 争议): pending → confirmed, pending → disputed → confirmed.
 * A confirmed statement is final; a dispute is resolved by confirming, or by correcting the data and
 * re-running the period, which issues new statements.
 */
import { err, ok, type Result } from '../errors.ts';
import { clearingErrors } from './errors.ts';
import type { StatementAction, StatementState } from './types.ts';

export function stateAfter(actions: readonly StatementAction[]): StatementState {
  const last = actions.at(-1);
  return last === 'confirm' ? 'confirmed' : last === 'dispute' ? 'disputed' : 'pending';
}

export function decideStatement(
  statementId: string,
  state: StatementState,
  action: StatementAction,
  reason: string,
): Result<StatementState> {
  if (state === 'confirmed') return err(clearingErrors.statementAlreadyConfirmed(statementId));
  if (action === 'dispute') {
    if (state === 'disputed') return err(clearingErrors.statementAlreadyDisputed(statementId));
    const trimmed = reason.trim();
    if (trimmed.length === 0 || trimmed.length > 500) return err(clearingErrors.reasonRequired());
    return ok('disputed');
  }
  return ok('confirmed');
}
