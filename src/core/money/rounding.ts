/**
 * The one rounding rule (四舍五入, half-up) and the two products that need it. Every fen amount
 * derived from a ratio or a quantity goes through divRoundHalfUp, so there is exactly one place
 * where a fraction of a fen is decided.
 */
import { type Fen, fen } from './fen.ts';
import type { Quantity } from './quantity.ts';
import type { RatioBp } from './ratio.ts';

/**
 * numerator / denominator rounded half-up; for negative quotients half away from zero, so that
 * rounding commutes with negation (a refund rounds exactly like its original). BigInt, exact.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new RangeError('divRoundHalfUp: division by zero');
  }
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) {
    q += 1n;
  }
  return negative ? -q : q;
}

const BP_DENOMINATOR = 10_000n;
const QUANTITY_DENOMINATOR = 10_000n;

/** amount × ratio / 10000, rounded by divRoundHalfUp. */
export function applyRatio(amount: Fen, ratio: RatioBp): Fen {
  return fen(Number(divRoundHalfUp(BigInt(amount) * BigInt(ratio), BP_DENOMINATOR)));
}

/** unitPrice × quantity (quantity in ten-thousandths), rounded by divRoundHalfUp. */
export function multiplyQuantity(unitPrice: Fen, qty: Quantity): Fen {
  return fen(Number(divRoundHalfUp(BigInt(unitPrice) * BigInt(qty), QUANTITY_DENOMINATOR)));
}
