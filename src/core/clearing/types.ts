/** The shapes of inter-region clearing (清算, R-S3). All amounts are integer fen. */
import type { Fen } from '../money/index.ts';

/**
 * One group of the set-based aggregation over posted settlements of a cross-region pair at one
 * institution. `fundType` null is the settlement-level group: it carries the personal-account payments
 * (account payments are not fund lines in settlement_funds), the medical total and the settlement
 * count; a fund-type group carries that fund's payments and the number of fund lines.
 */
export interface AggregateGroup {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly institutionCode: string;
  readonly fundType: string | null;
  /** A reversal whose original settlement lies before the period: a late refund rolled forward. */
  readonly adjustment: boolean;
  readonly amountFen: Fen;
  /** Settlement-level groups only (0 on fund groups): Σ medical total (medfee_sumamt). */
  readonly medicalTotalFen: Fen;
  /** Settlements (settlement-level group) or fund lines (fund group). */
  readonly count: number;
  /** Settlement-level groups only (0 on fund groups): settlements that moved the personal account. */
  readonly accountCount: number;
}

/** 预付金 balance an insured region has advanced to a treatment region (net of returns). */
export interface AdvanceBalance {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly amountFen: Fen;
}

/** One line of a statement: one fund type (or the personal account) of one region pair. */
export interface StatementLine {
  readonly fundType: string;
  readonly amountFen: Fen;
  /** The part of amountFen from late refunds of settlements of earlier periods. */
  readonly adjustmentFen: Fen;
  readonly rowCount: number;
}

/** 清算单 — what the insured region owes the treatment region for the period. */
export interface StatementDraft {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly lines: readonly StatementLine[];
  readonly settlementCount: number;
  readonly adjustmentCount: number;
  readonly medicalTotalFen: Fen;
  readonly fundTotalFen: Fen;
  readonly accountTotalFen: Fen;
  readonly adjustmentFen: Fen;
  /** fund + account: the amount cleared for the pair. */
  readonly totalFen: Fen;
}

/** What the treatment region owes one of its institutions for settlements on other regions' behalf. */
export interface InstitutionPayable {
  readonly treatmentRegionCode: string;
  readonly institutionCode: string;
  readonly amountFen: Fen;
  readonly settlementCount: number;
}

/**
 * A region's position: receivable as a treatment region, payable as an insured region, their
 * difference (multilateral netting, 轧差), the advances it holds and has paid, and the net after
 * drawing the advances. Over all regions both nets sum to zero.
 */
export interface RegionPosition {
  readonly regionCode: string;
  readonly receivableFen: Fen;
  readonly payableFen: Fen;
  readonly netFen: Fen;
  readonly advanceHeldFen: Fen;
  readonly advancePaidFen: Fen;
  readonly netAfterAdvanceFen: Fen;
}

export interface ClearingResult {
  readonly statements: readonly StatementDraft[];
  readonly institutionPayables: readonly InstitutionPayable[];
  readonly positions: readonly RegionPosition[];
  readonly settlementCount: number;
  readonly totalFen: Fen;
}

/** 清算单状态 — pending until the insured region confirms or disputes it. */
export type StatementState = 'pending' | 'confirmed' | 'disputed';
export type StatementAction = 'confirm' | 'dispute';
