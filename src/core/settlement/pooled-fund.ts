/**
 * 统筹基金 — the basic pooled fund: the in-scope amount above the deductible paid, band by band,
 * then limited by the smallest remaining annual cap of the rule (R-M4). When a cap binds, the
 * in-scope base it leaves uncovered is what employee large-amount insurance looks at.
 */
import { type Fen, fen, minFen, type RatioBp, sumFen } from '../money/index.ts';
import type { BenefitRule, CapDefinition } from '../policy/index.ts';
import type { FundType } from '../reference/codes.ts';
import { AccumulatorKey, type AccumulatorLedger } from './accumulators.ts';
import { type BandSegment, bandSegments } from './bands.ts';
import { adjustedRatio, exactProductYuan, pct, type TraceStep, TraceStepKind, yuan } from './trace.ts';

export interface PooledOutcome {
  readonly fundType: FundType;
  readonly payFen: Fen;
  readonly computedFen: Fen;
  /** Smallest remaining cap before this payment; null when the rule has no cap. */
  readonly remainingCapFen: Fen | null;
  readonly bindingCapId: string | null;
  /** Accumulator keys of every cap of the rule; each moves by payFen. */
  readonly capKeys: readonly string[];
  readonly coveredBaseFen: Fen;
  readonly overCapBaseFen: Fen;
  readonly ratioBp: RatioBp;
  readonly steps: readonly TraceStep[];
}

export function computePooled(
  rule: BenefitRule,
  caps: readonly CapDefinition[],
  ledger: AccumulatorLedger,
  diseaseCode: string | null,
  deductiblePaidFen: Fen,
  inScopeFen: Fen,
  deltaBp: number,
  fundType: FundType,
  partNo: number,
): PooledOutcome {
  const segments = bandSegments(rule.bands, fen(0), deductiblePaidFen, inScopeFen, deltaBp);
  const computedFen = sumFen(segments.map((s) => s.payFen));
  const room = remainingRoom(rule, caps, ledger, diseaseCode);
  const payFen = room.remainingFen === null ? computedFen : minFen(computedFen, room.remainingFen);
  const coveredBaseFen = coveredBase(segments, room.remainingFen);
  const baseFen = sumFen(segments.map((s) => s.overlapFen));
  const overCapBaseFen = fen(baseFen - coveredBaseFen);
  const firstBand = rule.bands[0];
  const ratioBp =
    segments.at(-1)?.ratioBp ?? adjustedRatio(firstBand ? firstBand.ratioBp : (0 as RatioBp), deltaBp);
  const steps: TraceStep[] = segments.map((s) =>
    bandStep(TraceStepKind.Band, s, deltaBp, partNo, '统筹基金'),
  );
  steps.push({
    step: TraceStepKind.Pooled,
    ruleId: 'R-M4',
    partNo,
    params: {
      fundType,
      policyRuleId: rule.ruleId,
      capIds: rule.capIds.join(','),
      bindingCapId: room.bindingCapId,
      remainingCapFen: room.remainingFen,
    },
    formulaZh:
      room.remainingFen === null
        ? `统筹基金支付 = 各段合计 ${yuan(computedFen)}（无年度限额）`
        : `统筹基金支付 = min(各段合计 ${yuan(computedFen)}, 年度剩余限额 ${yuan(room.remainingFen)}) = ${yuan(payFen)}` +
          (overCapBaseFen > 0 ? `；超限额部分的符合范围费用 ${yuan(overCapBaseFen)}` : ''),
    amounts: { baseFen, computedFen, payFen, coveredBaseFen, overCapBaseFen },
  });
  return {
    fundType,
    payFen,
    computedFen,
    remainingCapFen: room.remainingFen,
    bindingCapId: room.bindingCapId,
    capKeys: room.keys,
    coveredBaseFen,
    overCapBaseFen,
    ratioBp,
    steps,
  };
}

export function bandStep(
  kind: TraceStep['step'],
  s: BandSegment,
  deltaBp: number,
  partNo: number,
  fundNameZh: string,
): TraceStep {
  const upper = s.highFen === null ? '以上' : `至 ${yuan(s.highFen)}`;
  const adjusted =
    deltaBp === 0 ? '' : `（${pct(s.baseRatioBp)} 调整 ${deltaBp > 0 ? '+' : ''}${pct(deltaBp)}）`;
  return {
    step: kind,
    ruleId: deltaBp === 0 ? 'R-M4' : 'R-F8',
    partNo,
    params: {
      bandIndex: s.index,
      lowFen: s.lowFen,
      highFen: s.highFen,
      baseRatioBp: s.baseRatioBp,
      deltaBp,
      ratioBp: s.ratioBp,
      exactYuan: exactProductYuan(s.overlapFen, s.ratioBp),
      rounding: 'half_up',
    },
    formulaZh: `${fundNameZh}第 ${s.index + 1} 段（${yuan(s.lowFen)}${upper}）：${yuan(s.overlapFen)} × ${pct(s.ratioBp)}${adjusted} = ${exactProductYuan(s.overlapFen, s.ratioBp)} → 四舍五入 ${yuan(s.payFen)}`,
    amounts: { overlapFen: s.overlapFen, payFen: s.payFen },
  };
}

interface Room {
  readonly remainingFen: Fen | null;
  readonly bindingCapId: string | null;
  readonly keys: string[];
}

function remainingRoom(
  rule: BenefitRule,
  caps: readonly CapDefinition[],
  ledger: AccumulatorLedger,
  diseaseCode: string | null,
): Room {
  let remainingFen: Fen | null = null;
  let bindingCapId: string | null = null;
  const keys: string[] = [];
  for (const capId of rule.capIds) {
    const cap = caps.find((c) => c.capId === capId);
    if (cap === undefined) continue; // validatePolicy guarantees every referenced cap exists
    const key = AccumulatorKey.cap(capId, cap.perDisease ? diseaseCode : null);
    keys.push(key);
    const left = fen(Math.max(0, cap.amountFen - ledger.get(key)));
    if (remainingFen === null || left < remainingFen) {
      remainingFen = left;
      bindingCapId = capId;
    }
  }
  return { remainingFen, bindingCapId, keys };
}

/**
 * The in-scope base the capped payment stands for: whole bands while their pay fits the room, then
 * the part of the next band the rest of the room pays for (rounded down: never claim more covered).
 */
export function coveredBase(segments: readonly BandSegment[], remainingFen: Fen | null): Fen {
  let covered = 0;
  let room = remainingFen;
  for (const s of segments) {
    if (room === null || s.payFen <= room) {
      covered += s.overlapFen;
      if (room !== null) room = fen(room - s.payFen);
      continue;
    }
    // BigInt floor division: exact, and ratio > 0 here because this band's pay exceeded the room.
    covered += Math.min(s.overlapFen, Number((BigInt(room) * 10_000n) / BigInt(s.ratioBp)));
    break;
  }
  return fen(covered);
}
