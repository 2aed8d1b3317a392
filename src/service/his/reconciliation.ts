/**
 * 对总账 (3201): the institution's totals against the platform's posted settlements. The reconciliation
 * service reads on its own (read-only), so it runs before the message's transaction; the message
 * handler then records the answer under the msgid like any other.
 */

import type { TotalsReconciliation } from '../../core/clearing/index.ts';
import { ok, type Result } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import {
  reconcileInstitutionTotals,
  type TotalsReconciliationInput,
} from '../reconciliation/reconcile-totals.ts';
import type { HisUseCase } from './message.ts';

export type { TotalsReconciliationInput };

export function prepareTotalsReconciliation(
  ctx: AppContext,
  input: TotalsReconciliationInput,
): Promise<Result<TotalsReconciliation>> {
  return reconcileInstitutionTotals(ctx, input);
}

/** The prepared answer, recorded in the message log. */
export const answerReconciliation: HisUseCase<TotalsReconciliation, TotalsReconciliation> = async (
  _env,
  prepared,
) => ok(prepared);
