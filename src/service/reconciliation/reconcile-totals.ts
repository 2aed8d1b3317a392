/**
 * 对总账 (3201) as a use case: the institution's totals for a scope against the platform's posted
 * settlements. Counting rule: every posted row in scope is one settlement record (结算笔数); a refund is
 * its own record with negative amounts, included only when the institution says its figures include
 * refunds. Read-only.
 */
import {
  type ReconciliationTotals,
  reconcileTotals,
  type TotalsReconciliation,
} from '../../core/clearing/index.ts';
import { ok, type Result } from '../../core/errors.ts';
import { readInstitutionTotals } from '../../store/repositories/clearing-details.ts';
import type { AppContext } from '../context.ts';
import { type ReconciliationScopeInput, toScope } from './scope.ts';

export interface TotalsReconciliationInput extends ReconciliationScopeInput {
  readonly insuranceType: string;
  readonly clearingType: string;
  readonly institution: ReconciliationTotals;
}

export async function reconcileInstitutionTotals(
  ctx: AppContext,
  input: TotalsReconciliationInput,
): Promise<Result<TotalsReconciliation>> {
  const scope = toScope(input);
  if (!scope.ok) return scope;
  const platform = await readInstitutionTotals(ctx.store.db, scope.value);
  return ok(reconcileTotals(input.institution, platform));
}
