/**
 * Splitting one fee line by the treatment region's catalog (R-M2, R-M3, seed 003): out-of-scope
 * lines are wholly self-paid; otherwise the part above the price limit comes off first, then the
 * class-B copay on what is left, and the rest is in scope. Rounded here, per line (E-1).
 */
import { err, ok, type Result } from '../errors.ts';
import {
  applyRatio,
  divRoundHalfUp,
  type Fen,
  multiplyQuantity,
  type RatioBp,
  subFen,
  ZERO_FEN,
  ZERO_RATIO_BP,
} from '../money/index.ts';
import { CatalogClass } from '../reference/codes.ts';
import type { CatalogItem } from '../reference/types.ts';
import {
  amountMismatch,
  dateInvalid,
  itemCodeMissing,
  itemMismatch,
  lineNoMissing,
  negativeAmount,
  negativePrice,
  quantityNotPositive,
} from './errors.ts';
import { isIsoDate, outOfScopeReason } from './scope.ts';
import type { FeeLine, LineSplit, OutOfScopeReason } from './types.ts';

/** The checks a line must pass before it can be split; the first failure wins. */
function validateLine(line: FeeLine, item: CatalogItem | undefined, onDate: string): Result<null> {
  if (!isIsoDate(onDate)) return err(dateInvalid(onDate));
  if (line.lineNo === '') return err(lineNoMissing());
  if (line.itemCode === '') return err(itemCodeMissing(line.lineNo));
  if (item !== undefined && item.code !== line.itemCode) {
    return err(itemMismatch(line.lineNo, line.itemCode, item.code));
  }
  if (line.amountFen < 0) return err(negativeAmount(line.lineNo, line.amountFen));
  if (line.unitPriceFen < 0) return err(negativePrice(line.lineNo, line.unitPriceFen));
  if (!(line.quantity > 0)) return err(quantityNotPositive(line.lineNo));
  // BigInt, so an absurd price × quantity is reported as a mismatch instead of overflowing.
  const expected = divRoundHalfUp(BigInt(line.unitPriceFen) * BigInt(line.quantity), 10_000n);
  if (BigInt(line.amountFen) !== expected) {
    return err(amountMismatch(line.lineNo, line.amountFen, line.unitPriceFen, line.quantity, expected));
  }
  return ok(null);
}

interface Parts {
  readonly fullOwnPayFen: Fen;
  readonly overLimitFen: Fen;
  readonly classBCopayFen: Fen;
  readonly inScopeFen: Fen;
  readonly classAFen: Fen;
  readonly classBFen: Fen;
  readonly copayRatioBp: RatioBp;
}

function outOfScopeParts(amount: Fen): Parts {
  return {
    fullOwnPayFen: amount,
    overLimitFen: ZERO_FEN,
    classBCopayFen: ZERO_FEN,
    inScopeFen: ZERO_FEN,
    classAFen: ZERO_FEN,
    classBFen: ZERO_FEN,
    copayRatioBp: ZERO_RATIO_BP,
  };
}

/** 超限价 — amount above limit × quantity; both products round the same way, so it is never negative. */
function overLimit(line: FeeLine, limit: Fen | null): Fen {
  if (limit === null || line.unitPriceFen <= limit) return ZERO_FEN;
  return subFen(line.amountFen, multiplyQuantity(limit, line.quantity));
}

function inScopeParts(line: FeeLine, item: CatalogItem): Parts {
  const over = overLimit(line, item.priceLimitFen);
  const withinLimit = subFen(line.amountFen, over);
  if (item.catalogClass === CatalogClass.B) {
    const copay = applyRatio(withinLimit, item.copayRatioBp);
    return {
      fullOwnPayFen: ZERO_FEN,
      overLimitFen: over,
      classBCopayFen: copay,
      inScopeFen: subFen(withinLimit, copay),
      classAFen: ZERO_FEN,
      classBFen: withinLimit,
      copayRatioBp: item.copayRatioBp,
    };
  }
  // Class A: no copay, whatever the catalog row says about a ratio.
  return {
    fullOwnPayFen: ZERO_FEN,
    overLimitFen: over,
    classBCopayFen: ZERO_FEN,
    inScopeFen: withinLimit,
    classAFen: withinLimit,
    classBFen: ZERO_FEN,
    copayRatioBp: ZERO_RATIO_BP,
  };
}

/**
 * Splits one fee line. `item` is the treatment region's catalog entry for the line's code (undefined
 * when the catalog has none); `onDate` is the treatment date, YYYY-MM-DD, checked against the item's
 * inclusive validity. Negative amounts are rejected: refunds are reversals of a settlement, not lines.
 */
export function splitLine(line: FeeLine, item: CatalogItem | undefined, onDate: string): Result<LineSplit> {
  const valid = validateLine(line, item, onDate);
  if (!valid.ok) return valid;
  const reason: OutOfScopeReason | null = outOfScopeReason(item, onDate);
  const parts =
    reason !== null || item === undefined ? outOfScopeParts(line.amountFen) : inScopeParts(line, item);
  return ok({
    lineNo: line.lineNo,
    itemCode: line.itemCode,
    itemName: line.itemName ?? item?.name ?? '',
    ...(line.diseaseCode === undefined ? {} : { diseaseCode: line.diseaseCode }),
    catalogClass: item?.catalogClass ?? null,
    outOfScopeReason: reason,
    amountFen: line.amountFen,
    ...parts,
    priceLimitFen: item?.priceLimitFen ?? null,
  });
}
