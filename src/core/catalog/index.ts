/**
 * core/catalog — fee-line classification and splitting by the treatment region's catalog
 * (费用分割, R-M2, R-M3).
 */

export { CatalogClass } from '../reference/codes.ts';
export { CatalogErrorCode } from './errors.ts';
export { isIsoDate, outOfScopeReason } from './scope.ts';
export { splitBill } from './split-bill.ts';
export { splitLine } from './split-line.ts';
export { sumSplits } from './totals.ts';
export type { CatalogLookup, FeeLine, LineSplit, OutOfScopeReason, SplitBill, SplitTotals } from './types.ts';
