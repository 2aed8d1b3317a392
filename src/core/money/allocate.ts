/**
 * Remainder-preserving pro-rata split (最大余数法, largest remainder), for sharing one amount over
 * lines or funds without losing or inventing a fen.
 */
import { type Fen, fen } from './fen.ts';

/**
 * Splits `total` over non-negative integer `weights`. Each share is the exact pro-rata share rounded
 * down (towards zero), then the leftover fen go one each to the largest remainders, ties to the lower
 * index. The result sums to `total` exactly and each share is within 1 fen of the exact share.
 * A zero weight never receives anything — unless all weights are zero: then there is no proportion
 * to follow and everything goes to index 0, so the total is still conserved.
 * A negative total is split as its magnitude and negated, so allocate(−t) = −allocate(t).
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  if (weights.length === 0) {
    throw new RangeError('allocate: at least one weight is needed');
  }
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`allocate: weights must be non-negative safe integers, got ${String(w)}`);
    }
  }
  const sign = total < 0 ? -1n : 1n;
  const magnitude = BigInt(total) * sign;
  const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (weightSum === 0n) {
    return weights.map((_, i) => fen(i === 0 ? total : 0));
  }
  const shares = weights.map((w) => (magnitude * BigInt(w)) / weightSum);
  const remainders = weights.map((w) => (magnitude * BigInt(w)) % weightSum);
  let leftover = magnitude - shares.reduce((s, x) => s + x, 0n);
  // Stable order: larger remainder first, lower index first among equals.
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (leftover === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => fen(Number(s * sign)));
}
