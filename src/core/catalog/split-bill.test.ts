import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRatio,
  bp,
  type Fen,
  fen,
  formatYuan,
  multiplyQuantity,
  type Quantity,
  quantity,
  subFen,
  units,
} from '../money/index.ts';
import { CatalogClass, CatalogKind } from '../reference/codes.ts';
import type { CatalogItem } from '../reference/types.ts';
import { CatalogErrorCode } from './errors.ts';
import { splitBill } from './split-bill.ts';
import { splitLine } from './split-line.ts';
import { sumSplits } from './totals.ts';
import type { CatalogLookup, FeeLine, LineSplit } from './types.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/catalog/split-bill seed=${seed} (rerun with FC_SEED=${seed})`);

const ON = '2026-03-15';

function item(code: string, over: Partial<CatalogItem> = {}): CatalogItem {
  return {
    regionCode: '341700',
    code,
    name: code,
    kind: CatalogKind.Drug,
    catalogClass: CatalogClass.A,
    copayRatioBp: bp(0),
    priceLimitFen: null,
    validFrom: '2020-01-01',
    validTo: null,
    ...over,
  };
}

function feeLine(lineNo: string, itemCode: string, priceFen: number, qty: Quantity): FeeLine {
  const unitPriceFen = fen(priceFen);
  return { lineNo, itemCode, unitPriceFen, quantity: qty, amountFen: multiplyQuantity(unitPriceFen, qty) };
}

function lookupOf(items: readonly CatalogItem[]): CatalogLookup {
  const byCode = new Map(items.map((i) => [i.code, i]));
  return (code) => byCode.get(code);
}

describe('splitBill — examples/settlement E-1 (R-M2, R-M3)', () => {
  const catalog = lookupOf([
    item('D1'),
    item('D2', { catalogClass: CatalogClass.B, copayRatioBp: bp(1000) }),
    item('C1', {
      kind: CatalogKind.Consumable,
      catalogClass: CatalogClass.B,
      copayRatioBp: bp(2000),
      priceLimitFen: fen(100_000),
    }),
    item('S1', { kind: CatalogKind.ServiceItem, catalogClass: CatalogClass.C }),
    item('S2', { kind: CatalogKind.ServiceItem }),
    item('D3', { catalogClass: CatalogClass.B, copayRatioBp: bp(500) }),
  ]);
  const bill = [
    feeLine('1', 'D1', 2000, units(10)),
    feeLine('2', 'D2', 5880, units(5)),
    feeLine('3', 'C1', 125_000, units(2)),
    feeLine('4', 'S1', 35_000, units(1)),
    feeLine('5', 'S2', 3333, units(3)),
    feeLine('6', 'D3', 1234, units(3)),
  ];

  it('totals: 3,481.01 = self-pay 350.00 + over limit 500.00 + copay 431.25 + in scope 2,199.76', () => {
    const r = splitBill(bill, catalog, ON);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = r.value.totals;
    expect(formatYuan(t.amountFen)).toBe('3481.01');
    expect(formatYuan(t.overLimitFen)).toBe('500.00');
    expect(formatYuan(t.fullOwnPayFen)).toBe('350.00');
    expect(formatYuan(t.classBCopayFen)).toBe('431.25');
    expect(formatYuan(t.inScopeFen)).toBe('2199.76');
    expect(formatYuan(t.classAFen)).toBe('299.99');
    expect(formatYuan(t.classBFen)).toBe('2331.02');
    expect(r.value.lines.map((l) => l.lineNo)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(r.value.lines[3]?.outOfScopeReason).toBe('CLASS_C');
  });

  it('rounds per line, then sums (three 10.01 copays at 50 % are 15.03, not 15.02)', () => {
    const half = lookupOf([item('B', { catalogClass: CatalogClass.B, copayRatioBp: bp(5000) })]);
    const r = splitBill(
      [
        feeLine('a', 'B', 1001, units(1)),
        feeLine('b', 'B', 1001, units(1)),
        feeLine('c', 'B', 1001, units(1)),
      ],
      half,
      ON,
    );
    expect(r.ok && r.value.totals.classBCopayFen).toBe(1503);
  });

  it('rejects a duplicate line number, naming it', () => {
    const r = splitBill([feeLine('1', 'D1', 100, units(1)), feeLine('1', 'D2', 100, units(1))], catalog, ON);
    expect(r.ok ? undefined : r.error).toMatchObject({
      code: CatalogErrorCode.DuplicateLineNo,
      field: 'feedetl_sn',
    });
    if (!r.ok) expect(r.error.message).toContain('第 1 行');
  });

  it('the first faulty line rejects the whole bill', () => {
    const bad = { ...feeLine('2', 'D1', 100, units(1)), amountFen: fen(101) };
    const r = splitBill([feeLine('1', 'D1', 100, units(1)), bad], catalog, ON);
    expect(r.ok ? undefined : r.error.code).toBe(CatalogErrorCode.AmountMismatch);
  });

  it('an empty bill splits to zero totals', () => {
    const r = splitBill([], catalog, ON);
    expect(r.ok && r.value.totals).toEqual(sumSplits([]));
    expect(r.ok && r.value.totals.amountFen).toBe(0);
  });
});

// ---- properties over generated lines ----------------------------------------------------------

const classArb = fc.constantFrom(CatalogClass.A, CatalogClass.B, CatalogClass.C);
const dateArb = fc
  .record({
    y: fc.integer({ min: 2024, max: 2027 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const caseArb = fc.record({
  priceFen: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10_000_000 })),
  qty: fc.oneof(
    fc.integer({ min: 1, max: 100 }).map((n) => n * 10_000),
    fc.integer({ min: 1, max: 5_000_000 }),
  ),
  inCatalog: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.9),
  catalogClass: classArb,
  copay: fc.oneof(fc.constantFrom(0, 500, 1000, 2000, 3000, 10_000), fc.integer({ min: 0, max: 10_000 })),
  limit: fc.option(fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10_000_000 })), {
    nil: null,
  }),
  validFrom: dateArb,
  validTo: fc.option(dateArb, { nil: null }),
  onDate: dateArb,
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case, lineNo: string): { line: FeeLine; catalogItem: CatalogItem | undefined } {
  const line = feeLine(lineNo, 'X', c.priceFen, quantity(c.qty));
  const catalogItem = c.inCatalog
    ? item('X', {
        catalogClass: c.catalogClass,
        copayRatioBp: bp(c.copay),
        priceLimitFen: c.limit === null ? null : fen(c.limit),
        validFrom: c.validFrom,
        validTo: c.validTo,
      })
    : undefined;
  return { line, catalogItem };
}

function expectLineInvariants(s: LineSplit, c: Case): void {
  const parts = [s.fullOwnPayFen, s.overLimitFen, s.classBCopayFen, s.inScopeFen, s.classAFen, s.classBFen];
  for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
  expect(s.fullOwnPayFen + s.overLimitFen + s.classBCopayFen + s.inScopeFen).toBe(s.amountFen);
  expect(s.classAFen + s.classBFen).toBe(s.inScopeFen + s.classBCopayFen);
  if (s.outOfScopeReason !== null) {
    expect(s.fullOwnPayFen).toBe(s.amountFen);
    expect(s.classAFen + s.classBFen + s.overLimitFen).toBe(0);
    return;
  }
  expect(s.fullOwnPayFen).toBe(0);
  const limited = c.limit !== null && c.priceFen > c.limit;
  const withinLimit: Fen = limited ? multiplyQuantity(fen(c.limit ?? 0), quantity(c.qty)) : s.amountFen;
  expect(s.overLimitFen).toBe(subFen(s.amountFen, withinLimit));
  if (s.catalogClass === CatalogClass.B) {
    expect(s.classBCopayFen).toBe(applyRatio(withinLimit, bp(c.copay)));
    expect(s.classBFen).toBe(withinLimit);
  } else {
    expect(s.catalogClass).toBe(CatalogClass.A);
    expect(s.classBCopayFen).toBe(0);
    expect(s.classAFen).toBe(s.inScopeFen);
  }
}

function expectedReason(c: Case): string | null {
  if (!c.inCatalog) return 'NOT_IN_CATALOG';
  if (c.onDate < c.validFrom) return 'NOT_YET_VALID';
  if (c.validTo !== null && c.onDate > c.validTo) return 'EXPIRED';
  if (c.catalogClass === CatalogClass.C) return 'CLASS_C';
  return null;
}

describe('split invariants over generated lines', () => {
  it('per line: parts are non-negative and sum to the amount; rules hold (20,000 lines)', () => {
    let count = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const { line, catalogItem } = build(c, '1');
        const r = splitLine(line, catalogItem, c.onDate);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        count++;
        expect(r.value.outOfScopeReason).toBe(expectedReason(c));
        expectLineInvariants(r.value, c);
      }),
      { seed, numRuns: 20_000 },
    );
    expect(count).toBe(20_000);
  });

  it('per bill: totals are the sums of the lines and conserve the amount (1,000 bills ≈ 10,000 lines)', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 20 }), dateArb, (cases, onDate) => {
        const built = cases.map((c, i) => build({ ...c, onDate }, String(i + 1)));
        const items = new Map(built.map((b) => [b.line.lineNo, b.catalogItem]));
        // Each generated line has its own catalog row; code 'X' is made unique per line here.
        const lines = built.map((b) => ({ ...b.line, itemCode: `X${b.line.lineNo}` }));
        const lookup: CatalogLookup = (code) => {
          const found = items.get(code.slice(1));
          return found === undefined ? undefined : { ...found, code };
        };
        const r = splitBill(lines, lookup, onDate);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const t = r.value.totals;
        expect(t).toEqual(sumSplits(r.value.lines));
        expect(t.fullOwnPayFen + t.overLimitFen + t.classBCopayFen + t.inScopeFen).toBe(t.amountFen);
        expect(t.amountFen).toBe(lines.reduce((s, l) => s + l.amountFen, 0));
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('any amount other than the rounded price × quantity is rejected', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
        (c, delta) => {
          const { line, catalogItem } = build(c, '1');
          const amountFen = line.amountFen + delta;
          const r = splitLine({ ...line, amountFen: fen(amountFen) }, catalogItem, c.onDate);
          expect(r.ok ? undefined : r.error.code).toBe(
            amountFen < 0 ? CatalogErrorCode.NegativeAmount : CatalogErrorCode.AmountMismatch,
          );
        },
      ),
      { seed, numRuns: 2000 },
    );
  });
});
