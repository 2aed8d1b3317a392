/**
 * Refunds within a person-year (R-C3). By default chronic settlements are refunded newest first.
 * Beyond that, 隔笔退费 (non-sequential refund): cancel an older settlement and recompute every later
 * one in order from the corrected accumulators, returning per-settlement differences, so the books
 * are exact without undoing the later visits.
 */
import { err, ok, type Result } from '../errors.ts';
import { type Fen, fen } from '../money/index.ts';
import type { FundType } from '../reference/codes.ts';
import { type AccumulatorDeltas, type Accumulators, diffAccumulators } from './accumulators.ts';
import { subtractAmounts } from './amounts.ts';
import { cancelSettlement, type ReversalIds, type SettlementReversal } from './cancel.ts';
import { computeBenefits } from './compute-benefits.ts';
import { settlementErrors } from './errors.ts';
import type { BenefitsInput, SettledVisit, SettlementAmounts, SettlementResult } from './types.ts';

export interface FundDifference {
  readonly fundType: FundType;
  readonly diffFen: Fen;
}

/** recomputed − previous: per fund, and every setlinfo amount (personalFen is the person's). */
export interface SettlementDifference {
  readonly funds: readonly FundDifference[];
  readonly amounts: SettlementAmounts;
}

export interface ResettledVisit {
  readonly settlementId: string;
  /** The input as it now stands (corrected accumulators and balance), to store with the new result. */
  readonly input: BenefitsInput;
  readonly previous: SettlementResult;
  readonly recomputed: SettlementResult;
  readonly difference: SettlementDifference;
}

export interface RefundResettlement {
  readonly reversal: SettlementReversal;
  readonly resettled: readonly ResettledVisit[];
  /** The person-year's accumulators after the refund and every recomputation. */
  readonly accumulatorsAfter: Accumulators;
  /** From the stored accumulators (after the last settlement) to accumulatorsAfter. */
  readonly accumulatorDeltas: AccumulatorDeltas;
}

/** R-C3 by default: a chronic settlement may be refunded only when no later chronic settlement exists. */
export function checkRefundOrder(history: readonly SettledVisit[], refundedId: string): Result<null> {
  const index = history.findIndex((v) => v.result.settlementId === refundedId);
  const target = history[index];
  if (target === undefined) return err(settlementErrors.unknownSettlement(refundedId));
  if (!isChronic(target.result)) return ok(null);
  const newer = history
    .slice(index + 1)
    .filter((v) => isChronic(v.result))
    .map((v) => v.result.settlementId);
  return newer.length === 0 ? ok(null) : err(settlementErrors.refundNotNewest(refundedId, newer));
}

function isChronic(r: SettlementResult): boolean {
  return r.parts.some((p) => p.category === 'chronic_outpatient');
}

/**
 * 隔笔退费. `history` is one person-year's live settlements in settlement order. Later settlements
 * are recomputed as if the refunded one never happened: the accumulators start from its
 * `accumulatorsBefore`, and each later account balance is raised by the refunded account payment
 * and by the account differences of the recomputed settlements before it.
 */
export function resettleAfterRefund(
  history: readonly SettledVisit[],
  refundedId: string,
  ids: ReversalIds,
): Result<RefundResettlement> {
  const checked = checkHistory(history);
  if (!checked.ok) return checked;
  const index = history.findIndex((v) => v.result.settlementId === refundedId);
  const target = history[index];
  if (target === undefined) return err(settlementErrors.unknownSettlement(refundedId));
  const reversal = cancelSettlement(target.result, ids);
  let accumulators = target.result.accumulatorsBefore;
  let balanceShift: number = target.result.totals.accountFen;
  const resettled: ResettledVisit[] = [];
  for (const visit of history.slice(index + 1)) {
    const input: BenefitsInput = {
      ...visit.input,
      accumulators,
      person: {
        ...visit.input.person,
        accountBalanceFen: fen(visit.input.person.accountBalanceFen + balanceShift),
      },
    };
    const recomputed = computeBenefits(input);
    if (!recomputed.ok) return err(recomputed.error);
    const difference = differenceOf(visit.result, recomputed.value);
    balanceShift -= difference.amounts.accountFen;
    accumulators = recomputed.value.accumulatorsAfter;
    resettled.push({
      settlementId: visit.result.settlementId,
      input,
      previous: visit.result,
      recomputed: recomputed.value,
      difference,
    });
  }
  const stored = history.at(-1)?.result.accumulatorsAfter ?? accumulators;
  return ok({
    reversal,
    resettled,
    accumulatorsAfter: accumulators,
    accumulatorDeltas: diffAccumulators(stored, accumulators),
  });
}

export function differenceOf(previous: SettlementResult, recomputed: SettlementResult): SettlementDifference {
  const byFund = new Map<FundType, number>();
  for (const p of previous.parts)
    for (const l of p.fundLines) byFund.set(l.fundType, (byFund.get(l.fundType) ?? 0) - l.payFen);
  for (const p of recomputed.parts)
    for (const l of p.fundLines) byFund.set(l.fundType, (byFund.get(l.fundType) ?? 0) + l.payFen);
  const funds = [...byFund.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([fundType, diff]) => ({ fundType, diffFen: fen(diff) }));
  return { funds, amounts: subtractAmounts(recomputed.totals, previous.totals) };
}

function checkHistory(history: readonly SettledVisit[]): Result<null> {
  const first = history[0];
  for (const [i, v] of history.entries()) {
    if (first && (v.result.personNo !== first.result.personNo || v.result.year !== first.result.year)) {
      return err(settlementErrors.mixedPersonYear(v.result.settlementId));
    }
    const prev = history[i - 1];
    if (prev && v.result.settledAt < prev.result.settledAt)
      return err(settlementErrors.outOfOrder(v.result.settlementId));
  }
  return ok(null);
}
