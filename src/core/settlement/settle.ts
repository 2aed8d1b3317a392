/**
 * settle — one whole settlement: split the fee lines by the treatment region's catalog (R-M2, R-M3),
 * then compute benefits by the insured region's policy (R-M4, R-M5). 就医地目录、参保地政策.
 */
import { splitBill } from '../catalog/index.ts';
import { err, ok, type Result } from '../errors.ts';
import { computeBenefits, isSettlementTime } from './compute-benefits.ts';
import { settlementErrors } from './errors.ts';
import type { BenefitsInput, SettlementInput, SettlementResult } from './types.ts';

/** The insured-side input of a settlement, as stored for later recomputation. */
export function benefitsInputOf(input: SettlementInput): Result<BenefitsInput> {
  if (!isSettlementTime(input.settledAt)) return err(settlementErrors.timeInvalid(input.settledAt));
  const split = splitBill(input.feeLines, input.catalog, input.settledAt.slice(0, 10));
  if (!split.ok) return err(split.error);
  const { institution, feeLines: _f, catalog: _c, ...rest } = input;
  return ok({ ...rest, institutionLevel: institution.level, lines: split.value.lines });
}

export function settle(input: SettlementInput): Result<SettlementResult> {
  const benefits = benefitsInputOf(input);
  if (!benefits.ok) return err(benefits.error);
  return computeBenefits(benefits.value);
}
