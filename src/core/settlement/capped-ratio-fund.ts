/**
 * The common shape of the supplementary funds after the pooled fund (R-M5): a ratio of a base,
 * limited by what is left of the fund's annual cap for this person.
 */
import { applyRatio, type Fen, fen, minFen, type RatioBp } from '../money/index.ts';
import type { FundType } from '../reference/codes.ts';
import { AccumulatorKey, type AccumulatorLedger } from './accumulators.ts';
import { exactProductYuan, pct, type TraceStep, type TraceStepKind, yuan } from './trace.ts';

export interface CappedFundOutcome {
  readonly fundType: FundType;
  readonly payFen: Fen;
  readonly remainingCapFen: Fen | null;
  readonly step: TraceStep;
}

export interface CappedFundSpec {
  readonly kind: TraceStepKind;
  readonly fundType: FundType;
  readonly nameZh: string;
  /** What the base is, for the formula line, e.g. '超限额符合范围费用'. */
  readonly baseNameZh: string;
  readonly baseFen: Fen;
  readonly ratioBp: RatioBp;
  readonly capFen: Fen | null;
  readonly extraParams?: Readonly<Record<string, string | number | boolean | null>>;
}

export function payCappedRatioFund(
  spec: CappedFundSpec,
  ledger: AccumulatorLedger,
  partNo: number,
): CappedFundOutcome {
  const computedFen = applyRatio(spec.baseFen, spec.ratioBp);
  const paidBefore = ledger.get(AccumulatorKey.fund(spec.fundType));
  const remainingCapFen = spec.capFen === null ? null : fen(Math.max(0, spec.capFen - paidBefore));
  const payFen = remainingCapFen === null ? computedFen : minFen(computedFen, remainingCapFen);
  const capText = remainingCapFen === null ? '' : `，年度剩余限额 ${yuan(remainingCapFen)}`;
  const step: TraceStep = {
    step: spec.kind,
    ruleId: 'R-M5',
    partNo,
    params: {
      fundType: spec.fundType,
      ratioBp: spec.ratioBp,
      capFen: spec.capFen,
      paidBeforeFen: paidBefore,
      remainingCapFen,
      exactYuan: exactProductYuan(spec.baseFen, spec.ratioBp),
      rounding: 'half_up',
      ...spec.extraParams,
    },
    formulaZh: `${spec.nameZh}：${spec.baseNameZh} ${yuan(spec.baseFen)} × ${pct(spec.ratioBp)} = ${exactProductYuan(spec.baseFen, spec.ratioBp)} → 四舍五入 ${yuan(computedFen)}${capText}，支付 ${yuan(payFen)}`,
    amounts: { baseFen: spec.baseFen, computedFen, payFen },
  };
  return { fundType: spec.fundType, payFen, remainingCapFen, step };
}
