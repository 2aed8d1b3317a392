import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';
import { fen } from './fen.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/money/allocate seed=${seed} (rerun with FC_SEED=${seed})`);

describe('allocate — remainder-preserving pro-rata split', () => {
  it('gives leftover fen to the largest remainders, ties to the lower index', () => {
    expect(allocate(fen(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(fen(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(fen(10), [1, 2])).toEqual([3, 7]); // 3.33 / 6.67: the larger remainder wins
    expect(allocate(fen(5), [0, 3, 0, 3])).toEqual([0, 3, 0, 2]);
    expect(allocate(fen(0), [4, 5])).toEqual([0, 0]);
  });

  it('all-zero weights put everything on index 0', () => {
    expect(allocate(fen(999), [0, 0, 0])).toEqual([999, 0, 0]);
    expect(allocate(fen(-7), [0])).toEqual([-7]);
  });

  it.each([[[]], [[-1]], [[1.5]], [[Number.NaN]]])('throws RangeError for weights %j', (weights) => {
    expect(() => allocate(fen(1), weights as number[])).toThrow(RangeError);
  });

  it('property: sums to total, within 1 fen of exact pro-rata, zero weight gets zero, odd in total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = allocate(fen(total), weights);
          expect(shares).toHaveLength(weights.length);
          expect(shares.reduce((s, x) => s + BigInt(x), 0n)).toBe(BigInt(total));
          const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
          if (weightSum > 0n) {
            shares.forEach((share, i) => {
              // |share − total·w/W| < 1  ⇔  |share·W − total·w| < W
              const diff = BigInt(share) * weightSum - BigInt(total) * BigInt(weights[i]!);
              expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
              if (weights[i] === 0) expect(share).toBe(0);
            });
          }
          expect(allocate(fen(-total), weights)).toEqual(shares.map((s) => fen(-s)));
        },
      ),
      { seed },
    );
  });
});
