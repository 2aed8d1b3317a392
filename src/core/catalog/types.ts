/**
 * The shapes of fee splitting (费用分割, R-M2, R-M3): fee lines in, per-line splits and bill totals out.
 */
import type { Fen, Quantity, RatioBp } from '../money/index.ts';
import type { CatalogClass } from '../reference/codes.ts';
import type { CatalogItem } from '../reference/types.ts';

/** 费用明细 — one fee line as the institution's HIS uploads it. */
export interface FeeLine {
  /** Line number within the bill, unique per bill (feedetl_sn at the wire). */
  readonly lineNo: string;
  /** National catalog code of the drug, service item or consumable. */
  readonly itemCode: string;
  readonly itemName?: string;
  readonly unitPriceFen: Fen;
  readonly quantity: Quantity;
  /** Line amount as sent by the HIS (det_item_fee_sumamt); must equal unit price × quantity. */
  readonly amountFen: Fen;
  /** For chronic visits: the national chronic disease code (e.g. 'M03900') this line treats, if any. */
  readonly diseaseCode?: string;
}

/** Why a line is wholly out of policy scope (全自费). */
export type OutOfScopeReason = 'CLASS_C' | 'NOT_IN_CATALOG' | 'EXPIRED' | 'NOT_YET_VALID';

/**
 * One line after splitting. Invariant: amount = fullOwnPay + overLimit + classBCopay + inScope, all ≥ 0.
 * classAFen and classBFen describe the in-scope-by-class view and are not a further partition.
 */
export interface LineSplit {
  readonly lineNo: string;
  readonly itemCode: string;
  /** The HIS's name for the item when it sent one, else the catalog's, else ''. */
  readonly itemName: string;
  readonly diseaseCode?: string;
  /** The catalog's class; null when the item is not in the catalog. */
  readonly catalogClass: CatalogClass | null;
  readonly outOfScopeReason: OutOfScopeReason | null;
  readonly amountFen: Fen;
  /** 全自费 — wholly self-paid (fulamt_ownpay_amt). */
  readonly fullOwnPayFen: Fen;
  /** 超限价自费 — the part above the price limit (overlmt_selfpay). */
  readonly overLimitFen: Fen;
  /** 乙类先行自付 — class-B copay (preselfpay_amt). */
  readonly classBCopayFen: Fen;
  /** 符合政策范围 — in-scope amount (inscp_scp_amt). */
  readonly inScopeFen: Fen;
  /** 甲类金额 — the in-scope part of a class-A line. */
  readonly classAFen: Fen;
  /** 乙类金额 — a class-B line's amount within the price limit, before the copay. */
  readonly classBFen: Fen;
  /** The catalog's unit price limit, when the item has one. */
  readonly priceLimitFen: Fen | null;
  /** The copay ratio actually applied: the catalog's for class B, 0 otherwise. */
  readonly copayRatioBp: RatioBp;
}

export interface SplitTotals {
  readonly amountFen: Fen;
  readonly fullOwnPayFen: Fen;
  readonly overLimitFen: Fen;
  readonly classBCopayFen: Fen;
  readonly inScopeFen: Fen;
  readonly classAFen: Fen;
  readonly classBFen: Fen;
}

export interface SplitBill {
  readonly lines: readonly LineSplit[];
  readonly totals: SplitTotals;
}

/** Looks an item up in the TREATMENT region's catalog (就医地目录, R-M2); the caller picks the catalog. */
export type CatalogLookup = (itemCode: string) => CatalogItem | undefined;
