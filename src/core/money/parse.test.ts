import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ABS_FEN } from './fen.ts';
import { formatQuantity, formatRatioDecimal } from './format.ts';
import { MAX_QUANTITY, parseQuantity, QuantityErrorCode } from './parse-quantity.ts';
import { parseRatio, RatioErrorCode } from './parse-ratio.ts';
import { MoneyErrorCode, parseYuan } from './parse-yuan.ts';
import { quantity } from './quantity.ts';
import { bp } from './ratio.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/money/parse seed=${seed} (rerun with FC_SEED=${seed})`);

function codeOf(r: { ok: boolean; error?: { code: string } }): string | undefined {
  return r.ok ? undefined : r.error?.code;
}

describe('parseYuan — exact yuan → fen (R-M1)', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['-25.1', -2510],
    ['0', 0],
    ['-0.00', 0],
    ['007.05', 705],
    ['9999999999999.99', MAX_ABS_FEN],
    [0.1, 10],
    [10.01, 1001],
    [1202848 / 100, 1_202_848],
    [-0, 0],
    [12n, 1200],
  ])('parses %s as %i fen', (input, expected) => {
    const r = parseYuan(input);
    expect(r).toEqual({ ok: true, value: expected });
    if (r.ok) expect(Object.is(r.value, -0)).toBe(false);
  });

  it.each([
    ['', MoneyErrorCode.Empty],
    ['   ', MoneyErrorCode.Empty],
    [undefined, MoneyErrorCode.Empty],
    [null, MoneyErrorCode.Empty],
    ['abc', MoneyErrorCode.Malformed],
    [' 12.30', MoneyErrorCode.Malformed],
    ['1,234.00', MoneyErrorCode.Malformed],
    ['¥12', MoneyErrorCode.Malformed],
    ['+12', MoneyErrorCode.Malformed],
    ['12.', MoneyErrorCode.Malformed],
    ['.5', MoneyErrorCode.Malformed],
    ['1.2.3', MoneyErrorCode.Malformed],
    ['0x10', MoneyErrorCode.Malformed],
    [true, MoneyErrorCode.Malformed],
    [{}, MoneyErrorCode.Malformed],
    ['١٢', MoneyErrorCode.Malformed], // Arabic-Indic digits are not digits here
    ['１２.３０', MoneyErrorCode.FullWidth],
    ['12．30', MoneyErrorCode.FullWidth],
    ['－12', MoneyErrorCode.FullWidth],
    ['1e5', MoneyErrorCode.Exponent],
    ['1.5E-2', MoneyErrorCode.Exponent],
    ['-2e+3', MoneyErrorCode.Exponent],
    [Number.NaN, MoneyErrorCode.NotFinite],
    [Number.POSITIVE_INFINITY, MoneyErrorCode.NotFinite],
    [Number.NEGATIVE_INFINITY, MoneyErrorCode.NotFinite],
    ['NaN', MoneyErrorCode.NotFinite],
    ['-Infinity', MoneyErrorCode.NotFinite],
    ['12.345', MoneyErrorCode.TooPrecise],
    ['12.300', MoneyErrorCode.TooPrecise],
    [0.1 + 0.2, MoneyErrorCode.TooPrecise],
    [1e-7, MoneyErrorCode.TooPrecise],
    ['10000000000000.00', MoneyErrorCode.OutOfRange],
    ['-10000000000000', MoneyErrorCode.OutOfRange],
    ['99999999999999999999999999', MoneyErrorCode.OutOfRange],
    [1e21, MoneyErrorCode.OutOfRange],
    [Number.MAX_SAFE_INTEGER, MoneyErrorCode.OutOfRange],
  ])('rejects %j with %s', (input, code) => {
    expect(codeOf(parseYuan(input))).toBe(code);
  });

  it('names the field in the error and in the Chinese message', () => {
    const r = parseYuan('12.345', 'det_item_fee_sumamt');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({
        code: 'MONEY_TOO_PRECISE',
        field: 'det_item_fee_sumamt',
        ruleId: 'R-M1',
      });
      expect(r.error.message).toContain('det_item_fee_sumamt');
      expect(r.error.message).toContain('两位小数');
    }
    const unnamed = parseYuan('x');
    if (!unnamed.ok) expect(unnamed.error.field).toBeUndefined();
  });

  it('every money code has its own distinct Chinese message', () => {
    const samples = ['', 'x', '１', '1e2', 'NaN', '1.234', '99999999999999999'];
    const messages = samples.map((s) => {
      const r = parseYuan(s, 'amt');
      return r.ok ? '' : r.error.message;
    });
    expect(new Set(messages).size).toBe(samples.length);
    expect(new Set(samples.map((s) => codeOf(parseYuan(s)))).size).toBe(samples.length);
  });

  it('property: any plain decimal text with ≤ 2 decimals parses exactly (BigInt check)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^\d{1,13}$/),
        fc.stringMatching(/^\d{0,2}$/),
        (negative, whole, fraction) => {
          const text = `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
          const expected = (BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))) * (negative ? -1n : 1n);
          const r = parseYuan(text);
          expect(r.ok).toBe(true);
          if (r.ok) expect(BigInt(r.value)).toBe(expected);
        },
      ),
      { seed, numRuns: 5000 },
    );
  });

  it('property: a third decimal digit is always MONEY_TOO_PRECISE', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,10}\.\d{3,8}$/), (text) => {
        expect(codeOf(parseYuan(text))).toBe(MoneyErrorCode.TooPrecise);
      }),
      { seed },
    );
  });

  it('property: arbitrary strings either parse to a safe integer or fail with a known code', () => {
    const codes = new Set<string>(Object.values(MoneyErrorCode));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.double()), (input) => {
        const r = parseYuan(input);
        if (r.ok) expect(Number.isSafeInteger(r.value)).toBe(true);
        else expect(codes.has(r.error.code)).toBe(true);
      }),
      { seed, numRuns: 5000 },
    );
  });
});

describe('parseRatio — decimals → basis points', () => {
  it.each([
    ['0.1', 1000],
    [0.85, 8500],
    ['1', 10_000],
    ['1.0000', 10_000],
    ['0', 0],
    ['-0', 0],
    ['0.0001', 1],
    [0.125, 1250],
  ])('parses %j as %i bp', (input, expected) => {
    expect(parseRatio(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', RatioErrorCode.Empty],
    [undefined, RatioErrorCode.Empty],
    ['85%', RatioErrorCode.Malformed],
    [[], RatioErrorCode.Malformed],
    ['０.５', RatioErrorCode.FullWidth],
    ['5e-1', RatioErrorCode.Exponent],
    [Number.NaN, RatioErrorCode.NotFinite],
    ['0.12345', RatioErrorCode.TooPrecise],
    [1e-7, RatioErrorCode.TooPrecise],
    ['1.0001', RatioErrorCode.OutOfRange],
    ['-0.1', RatioErrorCode.OutOfRange],
    [85, RatioErrorCode.OutOfRange],
  ])('rejects %j with %s', (input, code) => {
    expect(codeOf(parseRatio(input))).toBe(code);
  });

  it('names the field', () => {
    const r = parseRatio('2', 'selfpay_prop');
    expect(r.ok ? undefined : r.error).toMatchObject({ field: 'selfpay_prop' });
    if (!r.ok) expect(r.error.message).toContain('selfpay_prop');
  });

  it('round trip: every basis point survives formatRatioDecimal and the JS number r / 10000', () => {
    for (let r = 0; r <= 10_000; r++) {
      expect(parseRatio(formatRatioDecimal(bp(r)))).toEqual({ ok: true, value: r });
      expect(parseRatio(r / 10_000)).toEqual({ ok: true, value: r });
    }
  });
});

describe('parseQuantity — up to four decimals, > 0', () => {
  it.each([
    ['2.5', 25_000],
    [10, 100_000],
    ['0.0001', 1],
    ['100000000', MAX_QUANTITY],
  ])('parses %j as %i ten-thousandths', (input, expected) => {
    expect(parseQuantity(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', QuantityErrorCode.Empty],
    [null, QuantityErrorCode.Empty],
    ['two', QuantityErrorCode.Malformed],
    ['２', QuantityErrorCode.FullWidth],
    ['1e3', QuantityErrorCode.Exponent],
    [Number.POSITIVE_INFINITY, QuantityErrorCode.NotFinite],
    ['1.23456', QuantityErrorCode.TooPrecise],
    ['0', QuantityErrorCode.NotPositive],
    ['-1', QuantityErrorCode.NotPositive],
    ['0.0000', QuantityErrorCode.NotPositive],
    ['100000000.0001', QuantityErrorCode.OutOfRange],
  ])('rejects %j with %s', (input, code) => {
    expect(codeOf(parseQuantity(input))).toBe(code);
  });

  it('names the field', () => {
    const r = parseQuantity('0', 'cnt');
    expect(r.ok ? undefined : r.error).toMatchObject({ code: 'QUANTITY_NOT_POSITIVE', field: 'cnt' });
  });

  it('property: parseQuantity(formatQuantity(q)) = q and parseQuantity(q / 10000) = q', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY }), (n) => {
        const q = quantity(n);
        expect(parseQuantity(formatQuantity(q))).toEqual({ ok: true, value: q });
        expect(parseQuantity(n / 10_000)).toEqual({ ok: true, value: q });
      }),
      { seed, numRuns: 5000 },
    );
  });
});
