import { describe, expect, it } from 'vitest';
import { bp, fen, multiplyQuantity, type Quantity, quantity, units } from '../money/index.ts';
import { CatalogClass, CatalogKind } from '../reference/codes.ts';
import type { CatalogItem } from '../reference/types.ts';
import { CatalogErrorCode } from './errors.ts';
import { splitLine } from './split-line.ts';
import type { FeeLine } from './types.ts';

function item(code: string, over: Partial<CatalogItem> = {}): CatalogItem {
  return {
    regionCode: '341700',
    code,
    name: `目录 ${code}`,
    kind: CatalogKind.Drug,
    catalogClass: CatalogClass.A,
    copayRatioBp: bp(0),
    priceLimitFen: null,
    validFrom: '2020-01-01',
    validTo: null,
    ...over,
  };
}

function line(
  lineNo: string,
  itemCode: string,
  priceFen: number,
  qty: Quantity,
  amountFen?: number,
): FeeLine {
  const amount = amountFen === undefined ? multiplyQuantity(fen(priceFen), qty) : fen(amountFen);
  return { lineNo, itemCode, unitPriceFen: fen(priceFen), quantity: qty, amountFen: amount };
}

const ON = '2026-03-15';

function split(l: FeeLine, i: CatalogItem | undefined, onDate = ON) {
  const r = splitLine(l, i, onDate);
  if (!r.ok) throw new Error(`unexpected ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorOf(l: FeeLine, i: CatalogItem | undefined, onDate = ON) {
  const r = splitLine(l, i, onDate);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('splitLine — examples/settlement E-1 line by line (R-M2, R-M3)', () => {
  // [description, item, price, qty, amount, overLimit, selfPay, copay, inScope]
  const table: [string, CatalogItem, number, number, number, number, number, number, number][] = [
    ['drug 20.00 × 10, 甲', item('D1'), 2000, 10, 20000, 0, 0, 0, 20000],
    [
      'drug 58.80 × 5, 乙 10 %',
      item('D2', { catalogClass: CatalogClass.B, copayRatioBp: bp(1000) }),
      5880,
      5,
      29400,
      0,
      0,
      2940,
      26460,
    ],
    [
      'consumable 1,250.00 × 2, 乙 20 %, limit 1,000.00',
      item('C1', {
        kind: CatalogKind.Consumable,
        catalogClass: CatalogClass.B,
        copayRatioBp: bp(2000),
        priceLimitFen: fen(100_000),
      }),
      125_000,
      2,
      250_000,
      50_000,
      0,
      40_000,
      160_000,
    ],
    [
      'item 350.00 × 1, 丙',
      item('S1', { kind: CatalogKind.ServiceItem, catalogClass: CatalogClass.C }),
      35_000,
      1,
      35_000,
      0,
      35_000,
      0,
      0,
    ],
    ['service 33.33 × 3, 甲', item('S2', { kind: CatalogKind.ServiceItem }), 3333, 3, 9999, 0, 0, 0, 9999],
    [
      'drug 12.34 × 3, 乙 5 % (1.851 → 1.85)',
      item('D3', { catalogClass: CatalogClass.B, copayRatioBp: bp(500) }),
      1234,
      3,
      3702,
      0,
      0,
      185,
      3517,
    ],
  ];

  it.each(table)('%s', (_d, catalogItem, price, qty, amount, over, self, copay, inScope) => {
    const s = split(line('1', catalogItem.code, price, units(qty)), catalogItem);
    expect(s.amountFen).toBe(amount);
    expect(s.overLimitFen).toBe(over);
    expect(s.fullOwnPayFen).toBe(self);
    expect(s.classBCopayFen).toBe(copay);
    expect(s.inScopeFen).toBe(inScope);
    expect(s.fullOwnPayFen + s.overLimitFen + s.classBCopayFen + s.inScopeFen).toBe(s.amountFen);
  });

  it('reports class amounts: 甲 in scope, 乙 within the limit before copay', () => {
    const b = item('C1', {
      catalogClass: CatalogClass.B,
      copayRatioBp: bp(2000),
      priceLimitFen: fen(100_000),
    });
    const s = split(line('3', 'C1', 125_000, units(2)), b);
    expect(s).toMatchObject({
      classAFen: 0,
      classBFen: 200_000,
      catalogClass: CatalogClass.B,
      outOfScopeReason: null,
      priceLimitFen: 100_000,
      copayRatioBp: 2000,
      itemName: '目录 C1',
    });
    const a = split(line('1', 'D1', 2000, units(10)), item('D1'));
    expect(a).toMatchObject({ classAFen: 20_000, classBFen: 0, copayRatioBp: 0 });
  });
});

describe('splitLine — scope rules', () => {
  it('not in the catalog: wholly self-paid, class null', () => {
    const s = split(line('9', 'X1', 1000, units(1)), undefined);
    expect(s).toMatchObject({
      outOfScopeReason: 'NOT_IN_CATALOG',
      catalogClass: null,
      fullOwnPayFen: 1000,
      inScopeFen: 0,
    });
  });

  it('validity is inclusive at both ends', () => {
    const i = item('D1', { validFrom: '2026-03-15', validTo: '2026-03-31' });
    expect(split(line('1', 'D1', 100, units(1)), i, '2026-03-15').outOfScopeReason).toBeNull();
    expect(split(line('1', 'D1', 100, units(1)), i, '2026-03-31').outOfScopeReason).toBeNull();
    const before = split(line('1', 'D1', 100, units(1)), i, '2026-03-14');
    expect(before).toMatchObject({
      outOfScopeReason: 'NOT_YET_VALID',
      fullOwnPayFen: 100,
      catalogClass: CatalogClass.A,
    });
    expect(split(line('1', 'D1', 100, units(1)), i, '2026-04-01').outOfScopeReason).toBe('EXPIRED');
  });

  it('an expired class-C item reports EXPIRED', () => {
    const i = item('D1', { catalogClass: CatalogClass.C, validTo: '2025-12-31' });
    expect(split(line('1', 'D1', 100, units(1)), i).outOfScopeReason).toBe('EXPIRED');
  });

  it('class A with a price limit: over-limit comes off, no copay even if the row carries a ratio', () => {
    const i = item('D1', { priceLimitFen: fen(800), copayRatioBp: bp(1000) });
    const s = split(line('1', 'D1', 1000, units(3)), i);
    expect(s).toMatchObject({ overLimitFen: 600, classBCopayFen: 0, inScopeFen: 2400, classAFen: 2400 });
  });

  it('price at or below the limit: nothing over limit', () => {
    const i = item('D1', { catalogClass: CatalogClass.B, copayRatioBp: bp(1000), priceLimitFen: fen(1000) });
    expect(split(line('1', 'D1', 1000, units(2)), i).overLimitFen).toBe(0);
  });

  it('fractional quantity: 12.35 × 0.3333 → 4.12; limit 10.00 → 3.33, over 0.79', () => {
    const i = item('D1', { catalogClass: CatalogClass.B, copayRatioBp: bp(1000), priceLimitFen: fen(1000) });
    const s = split(line('1', 'D1', 1235, quantity(3333)), i);
    expect(s).toMatchObject({
      amountFen: 412,
      overLimitFen: 79,
      classBFen: 333,
      classBCopayFen: 33,
      inScopeFen: 300,
    });
  });

  it('keeps the HIS item name and the disease code', () => {
    const l = { ...line('1', 'D1', 100, units(1)), itemName: '硝苯地平缓释片', diseaseCode: 'M03900' };
    expect(split(l, item('D1'))).toMatchObject({ itemName: '硝苯地平缓释片', diseaseCode: 'M03900' });
    expect('diseaseCode' in split(line('1', 'D1', 100, units(1)), item('D1'))).toBe(false);
    expect(split(line('1', 'X', 100, units(1)), undefined).itemName).toBe('');
  });

  it('zero-price lines are allowed and split to zero', () => {
    const s = split(
      line('1', 'D1', 0, units(1)),
      item('D1', { catalogClass: CatalogClass.B, copayRatioBp: bp(1000) }),
    );
    expect(s).toMatchObject({ amountFen: 0, inScopeFen: 0, classBCopayFen: 0 });
  });
});

describe('splitLine — rejections, each with its code', () => {
  it('amount ≠ price × quantity names the line and det_item_fee_sumamt', () => {
    const e = errorOf(line('7', 'D1', 1234, units(3), 3703), item('D1'));
    expect(e).toMatchObject({
      code: CatalogErrorCode.AmountMismatch,
      field: 'det_item_fee_sumamt',
      ruleId: 'R-M3',
    });
    expect(e.message).toContain('第 7 行');
    expect(e.message).toContain('37.03');
    expect(e.message).toContain('37.02');
  });

  it('a huge price × quantity is a mismatch, not an overflow', () => {
    const l = line('1', 'D1', Number.MAX_SAFE_INTEGER, quantity(Number.MAX_SAFE_INTEGER), 1);
    expect(errorOf(l, item('D1')).code).toBe(CatalogErrorCode.AmountMismatch);
  });

  it.each([
    [
      'negative amount',
      line('1', 'D1', -100, units(1), -100),
      CatalogErrorCode.NegativeAmount,
      'det_item_fee_sumamt',
    ],
    ['negative price', line('1', 'D1', -100, units(1), 0), CatalogErrorCode.NegativePrice, 'pric'],
    [
      'zero quantity',
      { ...line('1', 'D1', 100, units(1)), quantity: 0 as Quantity },
      CatalogErrorCode.QuantityNotPositive,
      'cnt',
    ],
    ['missing line number', line('', 'D1', 100, units(1)), CatalogErrorCode.LineNoMissing, 'feedetl_sn'],
    ['missing item code', line('1', '', 100, units(1)), CatalogErrorCode.ItemCodeMissing, 'med_list_codg'],
    ['item for another code', line('1', 'D2', 100, units(1)), CatalogErrorCode.ItemMismatch, 'med_list_codg'],
  ])('%s', (_d, l, code, field) => {
    expect(errorOf(l, item('D1'))).toMatchObject({ code, field });
  });

  it.each(['2026-02-30', '2026-3-15', '', '2026-13-01', '20260315'])('invalid date %j', (d) => {
    expect(errorOf(line('1', 'D1', 100, units(1)), item('D1'), d).code).toBe(CatalogErrorCode.DateInvalid);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(splitLine(line('1', 'D1', 100, units(1)), item('D1'), '2028-02-29').ok).toBe(true);
    expect(splitLine(line('1', 'D1', 100, units(1)), item('D1'), '2100-02-29').ok).toBe(false);
  });
});
