import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, MAX_ABS_FEN } from './fen.ts';
import { fenToYuanNumber, formatQuantity, formatRatio, formatRatioDecimal, formatYuan } from './format.ts';
import { parseYuan } from './parse-yuan.ts';
import { quantity } from './quantity.ts';
import { bp } from './ratio.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/money/format seed=${seed} (rerun with FC_SEED=${seed})`);

const anyAmount = fc.integer({ min: -MAX_ABS_FEN, max: MAX_ABS_FEN }).map(fen);

describe('formatYuan / fenToYuanNumber / formatRatio', () => {
  it.each([
    [452, '4.52'],
    [-2510, '-25.10'],
    [0, '0.00'],
    [123_456_789, '1234567.89'],
    [5, '0.05'],
    [-5, '-0.05'],
    [MAX_ABS_FEN, '9999999999999.99'],
  ])('formatYuan(%i) = %s', (f, text) => {
    expect(formatYuan(fen(f))).toBe(text);
  });

  it('fenToYuanNumber gives the exact shortest number', () => {
    expect(fenToYuanNumber(fen(452))).toBe(4.52);
    expect(String(fenToYuanNumber(fen(1001)))).toBe('10.01');
    expect(Object.is(fenToYuanNumber(fen(0)), 0)).toBe(true);
  });

  it.each([
    [8500, '85%', '0.85'],
    [1250, '12.5%', '0.125'],
    [1, '0.01%', '0.0001'],
    [10_000, '100%', '1'],
    [0, '0%', '0'],
  ])('formatRatio(%i) = %s, decimal %s', (r, percent, decimal) => {
    expect(formatRatio(bp(r))).toBe(percent);
    expect(formatRatioDecimal(bp(r))).toBe(decimal);
  });

  it('formatQuantity trims zeros', () => {
    expect(formatQuantity(quantity(25_000))).toBe('2.5');
    expect(formatQuantity(quantity(30_000))).toBe('3');
    expect(formatQuantity(quantity(1))).toBe('0.0001');
  });

  it('property: parseYuan(formatYuan(f)) = f and parseYuan(fenToYuanNumber(f)) = f over the whole range', () => {
    fc.assert(
      fc.property(anyAmount, (f) => {
        expect(parseYuan(formatYuan(f))).toEqual({ ok: true, value: f });
        expect(parseYuan(fenToYuanNumber(f))).toEqual({ ok: true, value: f });
        expect(String(fenToYuanNumber(f))).toBe(formatYuan(f).replace(/\.?0+$/, '') || '0');
      }),
      { seed, numRuns: 5000 },
    );
  });
});
