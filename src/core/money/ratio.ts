/**
 * 比例 — a ratio in integer basis points, 10000 = 100 %. The national interface's 4-decimal ratios
 * (e.g. 0.8500) are exactly basis points, so no ratio ever needs a float.
 */
export type RatioBp = number & { readonly __unit: 'bp' };

export const FULL_RATIO_BP = 10_000 as RatioBp;
export const ZERO_RATIO_BP = 0 as RatioBp;

/** Checked constructor: an integer 0..10000. Anything else is a bug in the caller. */
export function bp(n: number): RatioBp {
  if (!Number.isInteger(n) || n < 0 || n > 10_000) {
    throw new RangeError(`bp: expected an integer 0..10000 basis points, got ${String(n)}`);
  }
  return (n === 0 ? 0 : n) as RatioBp;
}

/** The complement 1 − r, e.g. the copay share left after a fund ratio. */
export function complementRatio(r: RatioBp): RatioBp {
  return bp(10_000 - r);
}
