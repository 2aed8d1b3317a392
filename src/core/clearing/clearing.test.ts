import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Fen, fen } from '../money/index.ts';
import { ACCOUNT_LINE_FUND_TYPE, buildClearing, mergeGroups } from './aggregate.ts';
import { buildDrillDownRows, checkDrillDown, type DrillDownSettlement } from './drill-down.ts';
import { computePositions } from './positions.ts';
import type { AdvanceBalance, AggregateGroup } from './types.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/clearing seed=${seed} (rerun with FC_SEED=${seed})`);
const params = { seed, numRuns: 200 };

const REGIONS = ['341700', '210300', '420100', '410100'];
const FUNDS = ['310100', '330100', '390100', '390200'];

const groupArb: fc.Arbitrary<AggregateGroup> = fc
  .record({
    insured: fc.constantFrom(...REGIONS),
    treatment: fc.constantFrom(...REGIONS),
    institution: fc.integer({ min: 1, max: 3 }),
    fundType: fc.option(fc.constantFrom(...FUNDS), { nil: null }),
    adjustment: fc.boolean(),
    amount: fc.integer({ min: -5_000_000, max: 50_000_000 }),
    medical: fc.integer({ min: 0, max: 90_000_000 }),
    count: fc.integer({ min: 1, max: 500 }),
  })
  .map((r) => ({
    insuredRegionCode: r.insured,
    treatmentRegionCode: r.treatment,
    // An institution sits in its treatment region.
    institutionCode: `H${r.treatment}${r.institution}`,
    fundType: r.fundType,
    adjustment: r.adjustment,
    amountFen: fen(r.amount),
    medicalTotalFen: fen(r.fundType === null ? r.medical : 0),
    count: r.count,
    accountCount: r.fundType === null ? Math.min(r.count, 3) : 0,
  }));

const advanceArb: fc.Arbitrary<AdvanceBalance> = fc
  .record({
    insured: fc.constantFrom(...REGIONS),
    treatment: fc.constantFrom(...REGIONS),
    amount: fc.integer({ min: -1_000_000, max: 100_000_000 }),
  })
  .filter((a) => a.insured !== a.treatment)
  .map((a) => ({ insuredRegionCode: a.insured, treatmentRegionCode: a.treatment, amountFen: fen(a.amount) }));

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

describe('buildClearing — statements, payables and positions (R-S3)', () => {
  it('a worked example: two funds and the account, one late refund, one advance', () => {
    const g = (fundType: string | null, amount: number, adjustment = false, count = 1): AggregateGroup => ({
      insuredRegionCode: '341700',
      treatmentRegionCode: '420100',
      institutionCode: 'H420100001',
      fundType,
      adjustment,
      amountFen: fen(amount),
      medicalTotalFen: fen(fundType === null ? amount * 3 : 0),
      count,
      accountCount: fundType === null && amount !== 0 ? count : 0,
    });
    const result = buildClearing(
      [g('310100', 10_000, false, 2), g('330100', 2_000), g(null, 500, false, 2), g('310100', -1_000, true)],
      [{ insuredRegionCode: '341700', treatmentRegionCode: '420100', amountFen: fen(4_000) }],
    );
    expect(result.statements).toHaveLength(1);
    const s = result.statements[0]!;
    expect(s.lines).toEqual([
      { fundType: '310100', amountFen: 9_000, adjustmentFen: -1_000, rowCount: 3 },
      { fundType: ACCOUNT_LINE_FUND_TYPE, amountFen: 500, adjustmentFen: 0, rowCount: 2 },
      { fundType: '330100', amountFen: 2_000, adjustmentFen: 0, rowCount: 1 },
    ]);
    expect(s.totalFen).toBe(11_500);
    expect(s.fundTotalFen).toBe(11_000);
    expect(s.accountTotalFen).toBe(500);
    expect(s.adjustmentFen).toBe(-1_000);
    expect(result.institutionPayables).toEqual([
      { treatmentRegionCode: '420100', institutionCode: 'H420100001', amountFen: 11_500, settlementCount: 2 },
    ]);
    expect(result.positions).toEqual([
      {
        regionCode: '341700',
        receivableFen: 0,
        payableFen: 11_500,
        netFen: -11_500,
        advanceHeldFen: 0,
        advancePaidFen: 4_000,
        netAfterAdvanceFen: -7_500,
      },
      {
        regionCode: '420100',
        receivableFen: 11_500,
        payableFen: 0,
        netFen: 11_500,
        advanceHeldFen: 4_000,
        advancePaidFen: 0,
        netAfterAdvanceFen: 7_500,
      },
    ]);
  });

  it('property: each pair statement is Σ of its fund payments and account payments; lines add up', () => {
    fc.assert(
      fc.property(
        fc.array(groupArb, { maxLength: 60 }),
        fc.array(advanceArb, { maxLength: 6 }),
        (groups, adv) => {
          const result = buildClearing(groups, adv);
          for (const s of result.statements) {
            const mine = groups.filter(
              (g) =>
                g.insuredRegionCode === s.insuredRegionCode &&
                g.treatmentRegionCode === s.treatmentRegionCode,
            );
            expect(s.insuredRegionCode).not.toBe(s.treatmentRegionCode);
            expect(s.totalFen).toBe(sum(mine.map((g) => g.amountFen)));
            expect(s.fundTotalFen).toBe(sum(mine.filter((g) => g.fundType !== null).map((g) => g.amountFen)));
            expect(sum(s.lines.map((l) => l.amountFen))).toBe(s.totalFen);
            expect(s.adjustmentFen).toBe(sum(mine.filter((g) => g.adjustment).map((g) => g.amountFen)));
            expect(s.settlementCount).toBe(sum(mine.filter((g) => g.fundType === null).map((g) => g.count)));
          }
          const crossTotal = sum(
            groups.filter((g) => g.insuredRegionCode !== g.treatmentRegionCode).map((g) => g.amountFen),
          );
          expect(result.totalFen).toBe(crossTotal);
          expect(sum(result.institutionPayables.map((p) => p.amountFen))).toBe(crossTotal);
        },
      ),
      params,
    );
  });

  it('property: Σ of all net positions is zero, before and after drawing advances', () => {
    fc.assert(
      fc.property(
        fc.array(groupArb, { maxLength: 60 }),
        fc.array(advanceArb, { maxLength: 8 }),
        (groups, adv) => {
          const { positions, statements } = buildClearing(groups, adv);
          expect(sum(positions.map((p) => p.netFen))).toBe(0);
          expect(sum(positions.map((p) => p.netAfterAdvanceFen))).toBe(0);
          expect(sum(positions.map((p) => p.receivableFen))).toBe(sum(statements.map((s) => s.totalFen)));
          for (const p of positions) {
            const treated = statements.filter((s) => s.treatmentRegionCode === p.regionCode);
            expect(p.receivableFen).toBe(sum(treated.map((s) => s.totalFen)));
          }
        },
      ),
      params,
    );
  });

  it('property: each treatment region owes its institutions exactly what it receives', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 60 }), (groups) => {
        const { positions, institutionPayables } = buildClearing(groups, []);
        for (const p of positions) {
          const owed = institutionPayables.filter((x) => x.treatmentRegionCode === p.regionCode);
          expect(sum(owed.map((x) => x.amountFen))).toBe(p.receivableFen);
        }
      }),
      params,
    );
  });

  it('property: merging day-by-day partial aggregates gives the same clearing as one aggregate', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (groups, parts) => {
        const chunks: AggregateGroup[][] = Array.from({ length: parts }, () => []);
        groups.forEach((g, i) => {
          chunks[i % parts]!.push(g);
        });
        const whole = buildClearing(mergeGroups([groups]), []);
        const split = buildClearing(mergeGroups(chunks), []);
        expect(split).toEqual(whole);
        // Order of the groups does not matter either.
        expect(buildClearing([...groups].reverse(), [])).toEqual(buildClearing(groups, []));
      }),
      params,
    );
  });

  it('local settlements (insured = treatment region) are not cleared', () => {
    const result = buildClearing(
      [
        {
          insuredRegionCode: '341700',
          treatmentRegionCode: '341700',
          institutionCode: 'H1',
          fundType: '310100',
          adjustment: false,
          amountFen: fen(100),
          medicalTotalFen: fen(0),
          count: 1,
          accountCount: 0,
        },
      ],
      [],
    );
    expect(result.statements).toEqual([]);
    expect(result.positions).toEqual([]);
  });

  it('positions include regions that only hold or paid advances', () => {
    const positions = computePositions(
      [],
      [{ insuredRegionCode: '341700', treatmentRegionCode: '210300', amountFen: fen(900) }],
    );
    expect(positions.map((p) => [p.regionCode, p.netAfterAdvanceFen])).toEqual([
      ['210300', -900],
      ['341700', 900],
    ]);
  });
});

describe('drill-down to every settlement, to the fen (R-S3)', () => {
  const settlementArb = fc.record({
    id: fc.integer({ min: 1, max: 10_000 }),
    account: fc.integer({ min: -20_000, max: 20_000 }),
    funds: fc.array(
      fc.record({ fundType: fc.constantFrom(...FUNDS), pay: fc.integer({ min: -1e7, max: 1e8 }) }),
      {
        maxLength: 4,
      },
    ),
  });

  it('property: the rows add up to the statement lines, per line and in total', () => {
    fc.assert(
      fc.property(fc.uniqueArray(settlementArb, { selector: (s) => s.id, maxLength: 40 }), (raw) => {
        const settlements: DrillDownSettlement[] = raw.map((r) => ({
          settlementId: `S${r.id}`,
          visitId: `V${r.id}`,
          psnNo: `P${r.id}`,
          institutionCode: 'H1',
          settledAt: '2026-10-02T00:00:00.000Z',
          kind: 'settlement',
          reversesId: null,
          adjustment: false,
          medicalTotalFen: fen(0),
          accountPayFen: fen(r.account),
        }));
        // One fund line per (settlement, fund type), as the settlement_funds primary key guarantees.
        const funds = raw.flatMap((r) => {
          const seen = new Set<string>();
          return r.funds
            .filter((f) => !seen.has(f.fundType) && seen.add(f.fundType))
            .map((f) => ({ settlementId: `S${r.id}`, fundType: f.fundType, payFen: fen(f.pay) }));
        });
        const groups: AggregateGroup[] = [
          ...funds.map((f) => ({
            insuredRegionCode: 'A',
            treatmentRegionCode: 'B',
            institutionCode: 'H1',
            fundType: f.fundType,
            adjustment: false,
            amountFen: f.payFen,
            medicalTotalFen: fen(0),
            count: 1,
            accountCount: 0,
          })),
          ...settlements.map((s) => ({
            insuredRegionCode: 'A',
            treatmentRegionCode: 'B',
            institutionCode: 'H1',
            fundType: null,
            adjustment: false,
            amountFen: s.accountPayFen,
            medicalTotalFen: fen(0),
            count: 1,
            accountCount: s.accountPayFen === 0 ? 0 : 1,
          })),
        ];
        const statement = buildClearing(mergeGroups([groups]), []).statements[0];
        const rows = buildDrillDownRows(settlements, funds);
        expect(rows).toHaveLength(settlements.length);
        const total = sum(rows.map((r) => r.clearingFen));
        expect(total).toBe(statement?.totalFen ?? 0);
        expect(checkDrillDown(statement?.lines ?? [], rows)).toBeNull();
      }),
      params,
    );
  });

  it('names the line whose rows do not add up', () => {
    const rows = buildDrillDownRows(
      [
        {
          settlementId: 'S1',
          visitId: 'V1',
          psnNo: 'P1',
          institutionCode: 'H1',
          settledAt: '2026-10-02T00:00:00.000Z',
          kind: 'settlement',
          reversesId: null,
          adjustment: false,
          medicalTotalFen: fen(1_000),
          accountPayFen: fen(0),
        },
      ],
      [{ settlementId: 'S1', fundType: '310100', payFen: fen(700) as Fen }],
    );
    expect(
      checkDrillDown([{ fundType: '310100', amountFen: fen(701), adjustmentFen: fen(0), rowCount: 1 }], rows),
    ).toMatchObject({ code: 'CLEARING_DRILL_DOWN_MISMATCH' });
  });
});
