/**
 * Bill totals are sums of already-rounded line figures (round per line, then sum — E-1), so the
 * totals always agree with the lines printed on the receipt.
 */
import { sumFen } from '../money/index.ts';
import type { LineSplit, SplitTotals } from './types.ts';

export function sumSplits(lines: readonly LineSplit[]): SplitTotals {
  return {
    amountFen: sumFen(lines.map((l) => l.amountFen)),
    fullOwnPayFen: sumFen(lines.map((l) => l.fullOwnPayFen)),
    overLimitFen: sumFen(lines.map((l) => l.overLimitFen)),
    classBCopayFen: sumFen(lines.map((l) => l.classBCopayFen)),
    inScopeFen: sumFen(lines.map((l) => l.inScopeFen)),
    classAFen: sumFen(lines.map((l) => l.classAFen)),
    classBFen: sumFen(lines.map((l) => l.classBFen)),
  };
}
