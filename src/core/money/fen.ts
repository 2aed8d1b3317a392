/**
 * 分 — money as an integer number of fen (R-M1). Branded so a yuan float or a ratio can never be
 * passed where fen are expected; values come only from the checked constructor below.
 */
export type Fen = number & { readonly __unit: 'fen' };

/**
 * Largest magnitude any parsed amount may have: 9,999,999,999,999.99 yuan (about 10 万亿元, above
 * the nation's yearly health spending). Fifteen digits keep every amount exact as a JSON number
 * (any decimal with ≤ 15 significant digits survives a float round trip) and leave room below
 * 2^53 for sums of several such amounts.
 */
export const MAX_ABS_FEN = 999_999_999_999_999 as Fen;

export const ZERO_FEN = 0 as Fen;

/** Checked constructor. A non-integer here is a bug in the caller, hence a throw, not a Result. */
export function fen(n: number): Fen {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`fen: expected a safe integer number of fen, got ${String(n)}`);
  }
  // -0 would survive as a distinct value in Object.is / toEqual comparisons; money has one zero.
  return (n === 0 ? 0 : n) as Fen;
}

export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b);
}

export function subFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

export function negFen(a: Fen): Fen {
  return fen(-a);
}

export function sumFen(xs: readonly Fen[]): Fen {
  let total = 0;
  for (const x of xs) {
    total += x;
    // Checked at each step: once past 2^53 the float sum is no longer exact, so catch it there.
    if (!Number.isSafeInteger(total)) {
      throw new RangeError('sumFen: total exceeds the safe integer range');
    }
  }
  return fen(total);
}

export function minFen(a: Fen, b: Fen): Fen {
  return a <= b ? a : b;
}

export function maxFen(a: Fen, b: Fen): Fen {
  return a >= b ? a : b;
}

export function clampNonNegative(a: Fen): Fen {
  return a < 0 ? ZERO_FEN : a;
}

/** Type guard for values that arrive untyped (storage rows, tests). */
export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n);
}
