/**
 * Worked examples of shared/examples/settlement (E-2, E-3, E-4), amounts in fen.
 */
import { describe, expect, it } from 'vitest';
import { fen, units } from '../money/index.ts';
import { applyDeltas } from './accumulators.ts';
import { cancelSettlement } from './cancel.ts';
import { explainTrace } from './explain.ts';
import {
  catalogItem,
  demoInstitution,
  demoPerson,
  examplePolicy,
  lookupOf,
} from './fixtures.test-support.ts';
import { settle } from './settle.ts';
import { evaluateTrace } from './trace-evaluator.test-support.ts';
import type { SettlementInput, SettlementResult } from './types.ts';

const e2Catalog = lookupOf([
  catalogItem('A-DRUG', '01'),
  catalogItem('A-CONSUMABLE', '01', 0, 100_000),
  catalogItem('B-DRUG', '02', 1000),
  catalogItem('C-ITEM', '03'),
]);

/** E-2 bill: 甲 18,000 (incl. a consumable 2 × 1,100 limited to 1,000 → over limit 200), 乙 8,000, 丙 3,800. */
const e2Lines = [
  {
    lineNo: '1',
    itemCode: 'A-DRUG',
    unitPriceFen: fen(160_000),
    quantity: units(10),
    amountFen: fen(1_600_000),
  },
  {
    lineNo: '2',
    itemCode: 'A-CONSUMABLE',
    unitPriceFen: fen(110_000),
    quantity: units(2),
    amountFen: fen(220_000),
  },
  {
    lineNo: '3',
    itemCode: 'B-DRUG',
    unitPriceFen: fen(80_000),
    quantity: units(10),
    amountFen: fen(800_000),
  },
  {
    lineNo: '4',
    itemCode: 'C-ITEM',
    unitPriceFen: fen(380_000),
    quantity: units(1),
    amountFen: fen(380_000),
  },
];

function inpatient(
  balanceYuan: number,
  scope: 'in_scope_personal' | 'all_personal',
  admissions = 0,
): SettlementInput {
  return {
    settlementId: 'S-E2',
    settledAt: '2026-03-05T10:30:00+08:00',
    person: demoPerson({ accountBalanceFen: fen(balanceYuan * 100) }),
    institution: demoInstitution,
    medicalType: '21',
    situation: 'cross_province_long_term',
    chronicDiseases: [],
    feeLines: e2Lines,
    catalog: e2Catalog,
    policy: examplePolicy('310', scope),
    accumulators: admissions > 0 ? { 'inpatient.admissions': admissions } : {},
    useAccount: true,
  };
}

function settled(input: SettlementInput): SettlementResult {
  const r = settle(input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  expect(evaluateTrace(r.value)).toEqual([]);
  return r.value;
}

describe('examples/settlement E-2 — employee, level-3 hospital, first admission (R-M4, R-M5)', () => {
  it.each([
    // balance, account scope, account, cash — rows of E-2
    [2_000, 'in_scope_personal', 200_000, 726_000],
    [8_000, 'in_scope_personal', 526_000, 400_000],
    [8_000, 'all_personal', 800_000, 126_000],
  ] as const)(
    'balance %d yuan, account may pay %s → account %d fen, cash %d fen',
    (balance, scope, account, cash) => {
      const r = settled(inpatient(balance, scope));
      const t = r.totals;
      expect(t.totalFen).toBe(3_000_000);
      expect(t.inScopeFen).toBe(2_520_000);
      expect(t.classBCopayFen).toBe(80_000);
      expect(t.overLimitFen).toBe(20_000);
      expect(t.fullOwnPayFen).toBe(380_000);
      expect(t.deductiblePaidFen).toBe(80_000);
      expect(t.pooledFen).toBe(2_074_000);
      expect(t.fundTotalFen).toBe(2_074_000);
      expect(t.personalFen).toBe(926_000);
      expect(t.accountFen).toBe(account);
      expect(t.cashFen).toBe(cash);
      expect(r.parts[0]?.pooledRatioBp).toBe(8500);
      expect(r.parts[0]?.fundLines).toEqual([
        { fundType: '310100', payFen: 2_074_000, inScopeFen: 2_520_000, payableLimitFen: 30_000_000 },
      ]);
      expect(r.accountBalanceAfterFen).toBe(balance * 100 - account);
    },
  );

  it('counts the admission and the deductible in the accumulators (R-M6)', () => {
    const r = settled(inpatient(2_000, 'in_scope_personal'));
    expect(r.accumulatorDeltas).toMatchObject({
      'inpatient.admissions': 1,
      'deductible.paidFen': 80_000,
      'cap.pooled.paidFen': 2_074_000,
      'fund.310100.paidFen': 2_074_000,
      'account.paidFen': 200_000,
    });
    const reversal = cancelSettlement(r, { reversalId: 'R-E2', reversedAt: '2026-03-06T09:00:00+08:00' });
    expect(applyDeltas(r.accumulatorsAfter, reversal.accumulatorDeltas)).toEqual(r.accumulatorsBefore);
    expect(reversal.totals.pooledFen).toBe(-2_074_000);
    expect(reversal.accountRefundFen).toBe(200_000);
  });

  it('explains the pooled fund in Chinese, with the rounding visible', () => {
    const text = explainTrace(settled(inpatient(2_000, 'in_scope_personal')));
    expect(text).toContain('年度第 1 次住院起付线 800.00元');
    expect(text).toContain('24400.00元 × 85% = 20740.00 → 四舍五入 20740.00元');
    expect(text).toContain(
      '个人现金 = 总额 30000.00元 − 基金合计 20740.00元 − 个人账户 2000.00元 = 7260.00元',
    );
  });
});

describe('examples/settlement E-3 — second admission, deductible halved (R-M4)', () => {
  it('in scope 10,000 → pooled (10,000 − 400) × 85 % = 8,160', () => {
    const input: SettlementInput = {
      ...inpatient(0, 'in_scope_personal', 1),
      feeLines: [
        {
          lineNo: '1',
          itemCode: 'A-DRUG',
          unitPriceFen: fen(1_000_000),
          quantity: units(1),
          amountFen: fen(1_000_000),
        },
      ],
    };
    const r = settled(input);
    expect(r.totals.deductiblePaidFen).toBe(40_000);
    expect(r.totals.pooledFen).toBe(816_000);
    expect(r.totals.inScopeFen - r.totals.deductiblePaidFen - r.totals.pooledFen).toBe(144_000); // pool copay 1,440
    expect(r.accumulatorsAfter['inpatient.admissions']).toBe(2);
  });
});

describe('examples/settlement E-4 — two chronic diseases and an unrelated line in one visit (R-C2)', () => {
  const catalog = lookupOf([
    catalogItem('HTN', '01'),
    catalogItem('DM', '02', 1000),
    catalogItem('COLD', '01'),
  ]);
  const input: SettlementInput = {
    settlementId: 'S-E4',
    settledAt: '2026-04-10T15:00:00+08:00',
    person: demoPerson({ insuranceType: '390' }),
    institution: demoInstitution,
    medicalType: '14',
    situation: 'cross_province_long_term',
    chronicDiseases: ['M03900', 'M01600'],
    feeLines: [
      {
        lineNo: '1',
        itemCode: 'HTN',
        unitPriceFen: fen(6_000),
        quantity: units(3),
        amountFen: fen(18_000),
        diseaseCode: 'M03900',
      },
      {
        lineNo: '2',
        itemCode: 'DM',
        unitPriceFen: fen(46_667),
        quantity: units(1),
        amountFen: fen(46_667),
        diseaseCode: 'M01600',
      },
      { lineNo: '3', itemCode: 'COLD', unitPriceFen: fen(9_000), quantity: units(1), amountFen: fen(9_000) },
    ],
    catalog,
    policy: examplePolicy('390', 'in_scope_personal'),
    accumulators: {},
    useAccount: false,
  };

  it('settles three parts, each stating its category', () => {
    const r = settled(input);
    expect(r.parts.map((p) => [p.category, p.diseaseCode, p.inScopeFen, p.pooledFen])).toEqual([
      ['chronic_outpatient', 'M03900', 18_000, 12_600],
      ['chronic_outpatient', 'M01600', 42_000, 29_400],
      ['general_outpatient', null, 9_000, 5_400],
    ]);
    expect(r.parts[1]?.classBCopayFen).toBe(4_667);
    expect(r.totals.fundTotalFen).toBe(47_400);
    expect(r.totals.totalFen).toBe(73_667);
    expect(r.totals.personalFen).toBe(26_267);
    expect(r.accumulatorsAfter).toMatchObject({
      'chronic.M03900.paidFen': 12_600,
      'chronic.M01600.paidFen': 29_400,
      'chronic.M03900.settlements': 1,
    });
  });

  it('settles a line of a disease the person is not qualified for as general outpatient', () => {
    const r = settled({ ...input, chronicDiseases: ['M03900'] });
    expect(r.parts.map((p) => p.category)).toEqual(['chronic_outpatient', 'general_outpatient']);
    expect(r.trace[0]?.formulaZh).toContain('M01600 无待遇资格');
  });
});
