/**
 * 城乡居民大病保险 — residents' serious-illness insurance (R-M5): the year's accumulated personal
 * in-scope share (合规自付) moves by this part's share; the part of the new accumulation above the
 * threshold pays band by band, up to the remaining annual cap.
 */
import { type Fen, fen, minFen, sumFen } from '../money/index.ts';
import type { SeriousIllnessSpec } from '../policy/index.ts';
import { FundType } from '../reference/codes.ts';
import { AccumulatorKey, type AccumulatorLedger } from './accumulators.ts';
import { bandSegments } from './bands.ts';
import { bandStep } from './pooled-fund.ts';
import { type TraceStep, TraceStepKind, yuan } from './trace.ts';

export interface SeriousIllnessOutcome {
  readonly payFen: Fen;
  readonly remainingCapFen: Fen;
  readonly steps: readonly TraceStep[];
}

export function computeSeriousIllness(
  spec: SeriousIllnessSpec,
  ledger: AccumulatorLedger,
  shareFen: Fen,
  partNo: number,
): SeriousIllnessOutcome {
  const beforeFen = fen(ledger.get(AccumulatorKey.seriousIllnessShare));
  const afterFen = fen(beforeFen + shareFen);
  const segments = bandSegments(spec.bands, spec.thresholdFen, beforeFen, afterFen, 0);
  const computedFen = sumFen(segments.map((s) => s.payFen));
  const paidBefore = ledger.get(AccumulatorKey.fund(FundType.ResidentSeriousIllness));
  const remainingCapFen = fen(Math.max(0, spec.capFen - paidBefore));
  const payFen = minFen(computedFen, remainingCapFen);
  const steps: TraceStep[] = segments.map((s) =>
    bandStep(TraceStepKind.SeriousIllnessBand, s, 0, partNo, '大病保险'),
  );
  steps.push({
    step: TraceStepKind.SeriousIllness,
    ruleId: 'R-M5',
    partNo,
    params: {
      fundType: FundType.ResidentSeriousIllness,
      thresholdFen: spec.thresholdFen,
      capFen: spec.capFen,
      paidBeforeFen: paidBefore,
      remainingCapFen,
    },
    formulaZh:
      `大病保险：年度合规自付累计 ${yuan(beforeFen)} + 本次 ${yuan(shareFen)} = ${yuan(afterFen)}，起付线 ${yuan(spec.thresholdFen)}；` +
      `支付 = min(各段合计 ${yuan(computedFen)}, 年度剩余限额 ${yuan(remainingCapFen)}) = ${yuan(payFen)}`,
    amounts: {
      accumulatedBeforeFen: beforeFen,
      shareFen,
      accumulatedAfterFen: afterFen,
      computedFen,
      payFen,
    },
  });
  return { payFen, remainingCapFen, steps };
}
