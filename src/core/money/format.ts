/**
 * Money, ratios and quantities back to text and wire numbers — integer arithmetic, never toFixed.
 */
import type { Fen } from './fen.ts';
import type { Quantity } from './quantity.ts';
import type { RatioBp } from './ratio.ts';

/** Splits |n| into whole and fractional parts of `scale` exactly (n % scale is exact for safe integers). */
function splitScaled(n: number, scale: number): { sign: string; whole: number; fraction: number } {
  const abs = Math.abs(n);
  const fraction = abs % scale;
  return { sign: n < 0 ? '-' : '', whole: (abs - fraction) / scale, fraction };
}

/** '4.52', '-25.10', '0.00', '1234567.89' — always two decimals, no grouping. */
export function formatYuan(f: Fen): string {
  const { sign, whole, fraction } = splitScaled(f, 100);
  return `${sign}${whole}.${String(fraction).padStart(2, '0')}`;
}

/**
 * f / 100 as a JSON number for the wire. Division is correctly rounded, so the result is the double
 * nearest the exact yuan value, and for |f| ≤ MAX_ABS_FEN (15 digits) its shortest text is exactly
 * the yuan amount (e.g. 452 → 4.52, never 4.5200000001).
 */
export function fenToYuanNumber(f: Fen): number {
  const y = f / 100;
  return y === 0 ? 0 : y;
}

/** Decimal text of `n / 10^4` without trailing zeros: 8500 → '0.85', 25000 → '2.5'. */
function trimmedScaled(n: number, scale: number, width: number): string {
  const { sign, whole, fraction } = splitScaled(n, scale);
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(width, '0').replace(/0+$/, '')}`;
}

/** '85%', '12.5%', '0.01%' for people. */
export function formatRatio(r: RatioBp): string {
  return `${trimmedScaled(r, 100, 2)}%`;
}

/** The ratio as the national interface's decimal text: 8500 → '0.85', 10000 → '1'. */
export function formatRatioDecimal(r: RatioBp): string {
  return trimmedScaled(r, 10_000, 4);
}

/** The quantity in units: 25000 → '2.5', 30000 → '3'. */
export function formatQuantity(q: Quantity): string {
  return trimmedScaled(q, 10_000, 4);
}
