/**
 * Region positions after multilateral netting (轧差) and after drawing the advance funds (预付金).
 * Every pair amount is one region's receivable and another's payable, and every advance is one region's
 * holding and another's payment, so both nets sum to zero over all regions — by construction, and
 * asserted by the property tests.
 */
import { fen } from '../money/index.ts';
import type { AdvanceBalance, RegionPosition, StatementDraft } from './types.ts';

interface Acc {
  receivable: number;
  payable: number;
  held: number;
  paid: number;
}

export function computePositions(
  statements: readonly Pick<StatementDraft, 'insuredRegionCode' | 'treatmentRegionCode' | 'totalFen'>[],
  advances: readonly AdvanceBalance[],
): RegionPosition[] {
  const regions = new Map<string, Acc>();
  const acc = (code: string): Acc => {
    let a = regions.get(code);
    if (!a) {
      a = { receivable: 0, payable: 0, held: 0, paid: 0 };
      regions.set(code, a);
    }
    return a;
  };
  for (const s of statements) {
    acc(s.treatmentRegionCode).receivable += s.totalFen;
    acc(s.insuredRegionCode).payable += s.totalFen;
  }
  for (const a of advances) {
    if (a.amountFen === 0) continue;
    acc(a.treatmentRegionCode).held += a.amountFen;
    acc(a.insuredRegionCode).paid += a.amountFen;
  }
  return [...regions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([regionCode, a]) => {
      const net = a.receivable - a.payable;
      return {
        regionCode,
        receivableFen: fen(a.receivable),
        payableFen: fen(a.payable),
        netFen: fen(net),
        advanceHeldFen: fen(a.held),
        advancePaidFen: fen(a.paid),
        netAfterAdvanceFen: fen(net - a.held + a.paid),
      };
    });
}
