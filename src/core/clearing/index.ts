/** core/clearing — inter-region clearing arithmetic and institution reconciliation (R-S3). */
export { ACCOUNT_LINE_FUND_TYPE, buildClearing, mergeGroups } from './aggregate.ts';
export {
  buildDrillDownRows,
  checkDrillDown,
  type DrillDownFund,
  type DrillDownRow,
  type DrillDownSettlement,
} from './drill-down.ts';
export { ClearingErrorCode, clearingErrors } from './errors.ts';
export { fundTypeName } from './fund-names.ts';
export {
  type InstantRange,
  nextPeriod,
  type PeriodRange,
  parseDateRange,
  parsePeriod,
  periodOf,
} from './period.ts';
export { computePositions } from './positions.ts';
export {
  type DetailDifference,
  type DetailDifferenceKind,
  type DetailReconciliation,
  type DetailRecord,
  type FieldDifference,
  firstDuplicateId,
  type PlatformDetailRecord,
  reconcileDetails,
} from './reconcile-details.ts';
export {
  type ReconciliationTotals,
  reconcileTotals,
  type TotalsDifference,
  type TotalsReconciliation,
} from './reconcile-totals.ts';
export { decideStatement, stateAfter } from './statement-state.ts';
export type * from './types.ts';
