/**
 * core/settlement — split by the treatment region's catalog, pay by the insured region's policy,
 * explain every fen (R-M1, R-M3…R-M6, R-C2, R-C3).
 */
export {
  type AccumulatorDeltas,
  AccumulatorKey,
  type Accumulators,
  applyDeltas,
  canonicalAccumulators,
  diffAccumulators,
  negateDeltas,
  readAccumulator,
} from './accumulators.ts';
export { AMOUNT_FIELDS, negateAmounts, subtractAmounts, sumAmounts } from './amounts.ts';
export { cancelSettlement, type ReversalIds, type ReversalPart, type SettlementReversal } from './cancel.ts';
export { readSettlementCase } from './case-document.ts';
export { ageOn, computeBenefits } from './compute-benefits.ts';
export { SettlementErrorCode } from './errors.ts';
export { explainTrace } from './explain.ts';
export { CHRONIC_DISEASE_NAMES, categoryZh } from './grouping.ts';
export {
  checkRefundOrder,
  differenceOf,
  type FundDifference,
  type RefundResettlement,
  type ResettledVisit,
  resettleAfterRefund,
  type SettlementDifference,
} from './refund.ts';
export { benefitsInputOf, settle } from './settle.ts';
export { type TraceStep, TraceStepKind, type TraceValue } from './trace.ts';
export * from './types.ts';
