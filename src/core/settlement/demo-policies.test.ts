/**
 * The demo policies of data/examples/policies in action, with hand-computed amounts: residents'
 * serious-illness insurance on top of banded pooled ratios (池州 390), employees' large-amount fund
 * once the pooled cap binds, plus the civil-servant subsidy (武汉 310) (R-M4, R-M5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LineSplit } from '../catalog/index.ts';
import { fen } from '../money/index.ts';
import { type BenefitPolicy, validatePolicy } from '../policy/index.ts';
import { computeBenefits } from './compute-benefits.ts';
import { explainTrace } from './explain.ts';
import { demoPerson } from './fixtures.test-support.ts';
import { evaluateTrace } from './trace-evaluator.test-support.ts';
import type { BenefitsInput, SettlementResult } from './types.ts';

function demoPolicy(name: string): BenefitPolicy {
  const path = join(import.meta.dirname, '../../../data/examples/policies', `${name}.demo.json`);
  const r = validatePolicy(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const inScopeLine = (amount: number): LineSplit => ({
  lineNo: '1',
  itemCode: 'X',
  itemName: '住院费用',
  catalogClass: '01',
  outOfScopeReason: null,
  amountFen: fen(amount),
  fullOwnPayFen: fen(0),
  overLimitFen: fen(0),
  classBCopayFen: fen(0),
  inScopeFen: fen(amount),
  classAFen: fen(amount),
  classBFen: fen(0),
  priceLimitFen: null,
  copayRatioBp: 0 as LineSplit['copayRatioBp'],
});

function run(input: BenefitsInput): SettlementResult {
  const r = computeBenefits(input);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  expect(evaluateTrace(r.value)).toEqual([]);
  return r.value;
}

describe('池州 resident (341700-390 demo): banded pooled fund, then serious illness', () => {
  it('in scope 200,000 at a level-3 hospital: pooled 137,980, serious illness 28,212', () => {
    const r = run({
      settlementId: 'CZ-1',
      settledAt: '2026-06-01T10:00:00+08:00',
      person: demoPerson({ insuranceType: '390' }),
      institutionLevel: '3',
      medicalType: '21',
      situation: 'in_province_filed',
      chronicDiseases: [],
      lines: [inScopeLine(20_000_000)],
      policy: demoPolicy('341700-390-resident'),
      accumulators: {},
      useAccount: false,
    });
    // (30,000 − 800) × 65 % = 18,980; (200,000 − 30,000) × 70 % = 119,000
    expect(r.totals.pooledFen).toBe(13_798_000);
    // personal in-scope share 62,020; (62,020 − 15,000) × 60 % = 28,212
    expect(r.totals.seriousIllnessFen).toBe(2_821_200);
    expect(r.totals.cashFen).toBe(20_000_000 - 13_798_000 - 2_821_200);
    expect(r.accumulatorsAfter['seriousIllness.personalInScopeFen']).toBe(6_202_000);
    expect(r.parts[0]?.fundLines.map((l) => l.fundType)).toEqual(['390100', '390200']);
  });

  it('a temporary trip without referral gets a ratio 10 points lower (R-F8)', () => {
    const r = run({
      settlementId: 'CZ-2',
      settledAt: '2026-06-01T10:00:00+08:00',
      person: demoPerson({ insuranceType: '390' }),
      institutionLevel: '1',
      medicalType: '21',
      situation: 'other_temporary',
      chronicDiseases: [],
      lines: [inScopeLine(1_020_000)],
      policy: demoPolicy('341700-390-resident'),
      accumulators: {},
      useAccount: false,
    });
    expect(r.parts[0]?.pooledRatioBp).toBe(7500); // 85 % − 10 %
    expect(r.totals.pooledFen).toBe(750_000); // (10,200 − 200) × 75 %
    expect(explainTrace(r)).toContain('调整 -10%');
  });
});

describe('武汉 employee (420100-310 demo): the pooled cap binds, large-amount and civil-servant funds follow', () => {
  it('10,000 left of the 400,000 cap, second admission, in scope 50,000', () => {
    const r = run({
      settlementId: 'WH-1',
      settledAt: '2026-11-20T16:00:00+08:00',
      person: demoPerson({
        insuredRegionCode: '420100',
        civilServant: true,
        accountBalanceFen: fen(100_000),
      }),
      institutionLevel: '3',
      medicalType: '21',
      situation: 'local',
      chronicDiseases: [],
      lines: [inScopeLine(5_000_000)],
      policy: demoPolicy('420100-310-employee'),
      accumulators: { 'inpatient.admissions': 1, 'cap.pooled.paidFen': 39_000_000 },
      useAccount: true,
    });
    const t = r.totals;
    expect(t.deductiblePaidFen).toBe(50_000);
    expect(t.pooledFen).toBe(1_000_000); // min((50,000 − 500) × 88 % = 43,560, 10,000 left)
    // the cap covers 10,000 / 88 % = 11,363.63 of base; (49,500 − 11,363.63) × 90 % = 34,322.73
    expect(t.largeAmountFen).toBe(3_432_273);
    // (50,000 − 10,000 − 34,322.73) × 60 % = 3,406.36
    expect(t.civilServantFen).toBe(340_636);
    expect(t.accountFen).toBe(100_000);
    expect(t.fundTotalFen + t.accountFen + t.cashFen).toBe(t.totalFen);
    expect(r.accumulatorsAfter['cap.pooled.paidFen']).toBe(40_000_000);
    expect(r.parts[0]?.fundLines).toEqual([
      { fundType: '310100', payFen: 1_000_000, inScopeFen: 5_000_000, payableLimitFen: 1_000_000 },
      { fundType: '330100', payFen: 3_432_273, inScopeFen: 5_000_000, payableLimitFen: 50_000_000 },
      { fundType: '320100', payFen: 340_636, inScopeFen: 5_000_000, payableLimitFen: 340_636 },
    ]);
  });
});
