import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, MAX_ABS_FEN } from './fen.ts';
import { quantity } from './quantity.ts';
import { bp } from './ratio.ts';
import { applyRatio, divRoundHalfUp, multiplyQuantity } from './rounding.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/money/rounding seed=${seed} (rerun with FC_SEED=${seed})`);

/** Independent reference: round(n/d) half away from zero as floor((2|n| + d) / 2d), signed. */
function referenceRound(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return negative ? -q : q;
}

/** mulberry32 — a tiny seeded PRNG, so the million-case loop stays fast and reproducible. */
function mulberry32(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('divRoundHalfUp — THE rounding rule (四舍五入)', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-4n, 3n, -1n],
    [-5n, 3n, -2n],
    [0n, 7n, 0n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [14_999n, 10_000n, 1n],
    [15_000n, 10_000n, 2n],
  ])('%s / %s → %s', (n, d, expected) => {
    expect(divRoundHalfUp(n, d)).toBe(expected);
  });

  it('throws on a zero denominator', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('property: commutes with negation and matches the reference', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          expect(divRoundHalfUp(-n, d)).toBe(-divRoundHalfUp(n, d));
          expect(divRoundHalfUp(n, d)).toBe(referenceRound(n, d));
        },
      ),
      { seed },
    );
  });
});

describe('applyRatio and multiplyQuantity — examples/settlement E-5', () => {
  it('10.01 × 50 % = 5.005 → 5.01 (toFixed on floats would give 5.00)', () => {
    expect(applyRatio(fen(1001), bp(5000))).toBe(501);
  });

  it('12,028.48 × 84 % = 10,103.9232 → 10,103.92', () => {
    expect(applyRatio(fen(1_202_848), bp(8400))).toBe(1_010_392);
  });

  it('12.34 × 3 × 5 % = 1.851 → 1.85', () => {
    const amount = multiplyQuantity(fen(1234), quantity(30_000));
    expect(amount).toBe(3702);
    expect(applyRatio(amount, bp(500))).toBe(185);
  });

  it('negative amounts round half away from zero, so a reversal mirrors its original', () => {
    expect(applyRatio(fen(-1001), bp(5000))).toBe(-501);
  });

  it('fractional quantities: 33.33 × 2.5 = 83.325 → 83.33; 0.01 × 0.0001 → 0.00', () => {
    expect(multiplyQuantity(fen(3333), quantity(25_000))).toBe(8333);
    expect(multiplyQuantity(fen(1), quantity(1))).toBe(0);
  });

  it('applyRatio matches a BigInt reference on 10^6 random (fen, ratio) pairs', () => {
    const loopSeed = seed;
    console.log(`[prng] applyRatio million-case loop seed=${loopSeed}`);
    const random = mulberry32(loopSeed);
    const max = MAX_ABS_FEN;
    let mismatches = 0;
    let firstMismatch = '';
    for (let i = 0; i < 1_000_000; i++) {
      // Mix magnitudes: a third small (cent-level rounding), a third mid, a third full range.
      const band = i % 3 === 0 ? 100_000 : i % 3 === 1 ? 10_000_000_000 : max;
      const magnitude = Math.floor(random() * (band + 1));
      const amount = random() < 0.2 ? -magnitude : magnitude;
      const ratio = i % 7 === 0 ? [0, 1, 5000, 9999, 10_000][i % 5]! : Math.floor(random() * 10_001);
      const got = applyRatio(fen(amount), bp(ratio));
      const want = referenceRound(BigInt(amount) * BigInt(ratio), 10_000n);
      if (BigInt(got) !== want) {
        mismatches++;
        if (firstMismatch === '') firstMismatch = `${amount} × ${ratio}bp → ${got}, want ${want}`;
      }
    }
    expect(firstMismatch).toBe('');
    expect(mismatches).toBe(0);
  });
});
