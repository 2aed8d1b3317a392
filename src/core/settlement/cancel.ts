/**
 * 结算撤销 — full cancellation as the exact inverse of a settlement: every amount negated, every
 * accumulator delta negated, linked to the original (posted rows are append-only).
 */
import { type Fen, negFen } from '../money/index.ts';
import { type AccumulatorDeltas, negateDeltas } from './accumulators.ts';
import { negateAmounts, pickAmounts } from './amounts.ts';
import type { FundLine, SettlementAmounts, SettlementCategory, SettlementResult } from './types.ts';

export interface ReversalPart extends SettlementAmounts {
  readonly partNo: number;
  readonly category: SettlementCategory;
  readonly diseaseCode: string | null;
  readonly fundLines: readonly FundLine[];
}

/** 冲销记录 — amounts are negative; applying `accumulatorDeltas` undoes the original exactly. */
export interface SettlementReversal {
  readonly reversalId: string;
  readonly originalId: string;
  readonly reversedAt: string;
  readonly personNo: string;
  readonly year: number;
  readonly parts: readonly ReversalPart[];
  readonly totals: SettlementAmounts;
  /** What goes back into the personal account (the original account payment). */
  readonly accountRefundFen: Fen;
  readonly accumulatorDeltas: AccumulatorDeltas;
}

export interface ReversalIds {
  readonly reversalId: string;
  readonly reversedAt: string;
}

export function cancelSettlement(result: SettlementResult, ids: ReversalIds): SettlementReversal {
  return {
    reversalId: ids.reversalId,
    originalId: result.settlementId,
    reversedAt: ids.reversedAt,
    personNo: result.personNo,
    year: result.year,
    parts: result.parts.map((p) => ({
      partNo: p.partNo,
      category: p.category,
      diseaseCode: p.diseaseCode,
      ...negateAmounts(pickAmounts(p)),
      fundLines: p.fundLines.map((l) => ({
        fundType: l.fundType,
        payFen: negFen(l.payFen),
        inScopeFen: negFen(l.inScopeFen),
        payableLimitFen: l.payableLimitFen,
      })),
    })),
    totals: negateAmounts(result.totals),
    accountRefundFen: result.totals.accountFen,
    accumulatorDeltas: negateDeltas(result.accumulatorDeltas),
  };
}
