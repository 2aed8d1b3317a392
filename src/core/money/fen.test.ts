import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFen,
  clampNonNegative,
  fen,
  isFen,
  maxFen,
  minFen,
  negFen,
  subFen,
  sumFen,
  ZERO_FEN,
} from './fen.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/money/fen seed=${seed} (rerun with FC_SEED=${seed})`);

const anyFen = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }).map(fen);

describe('fen — integer money (R-M1)', () => {
  it('accepts safe integers and normalises -0 to 0', () => {
    expect(fen(452)).toBe(452);
    expect(Object.is(fen(-0), 0)).toBe(true);
    expect(ZERO_FEN).toBe(0);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)])(
    'throws RangeError for %s',
    (n) => {
      expect(() => fen(n)).toThrow(RangeError);
    },
  );

  it('adds, subtracts, negates, compares', () => {
    expect(addFen(fen(150), fen(-50))).toBe(100);
    expect(subFen(fen(150), fen(200))).toBe(-50);
    expect(Object.is(negFen(ZERO_FEN), 0)).toBe(true);
    expect(minFen(fen(3), fen(-4))).toBe(-4);
    expect(maxFen(fen(3), fen(-4))).toBe(3);
    expect(clampNonNegative(fen(-1))).toBe(0);
    expect(clampNonNegative(fen(7))).toBe(7);
    expect(sumFen([])).toBe(0);
    expect(isFen(1.5)).toBe(false);
    expect(isFen('1')).toBe(false);
  });

  it('throws when a sum leaves the safe range', () => {
    const big = fen(Number.MAX_SAFE_INTEGER);
    expect(() => addFen(big, fen(1))).toThrow(RangeError);
    expect(() => sumFen([big, fen(1), fen(-1)])).toThrow(RangeError);
  });

  it('property: sum of a list equals a BigInt sum; a − b + b = a; −(−a) = a', () => {
    fc.assert(
      fc.property(fc.array(anyFen, { maxLength: 50 }), anyFen, anyFen, (xs, a, b) => {
        expect(BigInt(sumFen(xs))).toBe(xs.reduce((s, x) => s + BigInt(x), 0n));
        expect(addFen(subFen(a, b), b)).toBe(a);
        expect(negFen(negFen(a))).toBe(a);
      }),
      { seed },
    );
  });
});
