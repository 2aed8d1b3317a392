/**
 * Properties of the settlement core over generated policies, persons and person-years of visits
 * (R-M1, R-M4…R-M6, R-C2, R-C3). Prints its seed; set FC_SEED to replay a failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineSplit } from '../catalog/index.ts';
import { type Fen, fen, units } from '../money/index.ts';
import { type BenefitPolicy, validatePolicy } from '../policy/index.ts';
import type { MedicalType } from '../reference/codes.ts';
import { type Accumulators, applyDeltas } from './accumulators.ts';
import { AMOUNT_FIELDS } from './amounts.ts';
import { cancelSettlement } from './cancel.ts';
import { computeBenefits } from './compute-benefits.ts';
import { catalogItem, demoInstitution, demoPerson, lookupOf } from './fixtures.test-support.ts';
import { checkRefundOrder, resettleAfterRefund } from './refund.ts';
import { settle } from './settle.ts';
import { evaluateTrace } from './trace-evaluator.test-support.ts';
import type { BenefitsInput, SettledVisit, SettlementResult } from './types.ts';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
console.log(`settlement.properties seed = ${SEED} (replay with FC_SEED=${SEED})`);

const MEDICAL_TYPES: MedicalType[] = ['11', '13', '14', '21', '41'];
const DISEASES = ['M03900', 'M01600', 'M00500'];
const SITUATIONS = [
  'local',
  'in_province_exempt',
  'in_province_filed',
  'cross_province_long_term',
  'referral',
  'emergency',
  'other_temporary',
] as const;

const ratio = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.constantFrom(5000, 6000, 7000, 8500, 9000, 10_000),
);
const money = (max: number) =>
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max }));

/** 1–3 bands with strictly ascending upper bounds above `floor`, the last one open. */
const bands = (floor: number, maxGap: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: maxGap }), ratio), { minLength: 0, maxLength: 2 })
    .chain((closed) =>
      ratio.map((last) => {
        let upto = floor;
        const out: { uptoFen: number | null; ratioBp: number }[] = closed.map(([gap, r]) => {
          upto += gap;
          return { uptoFen: upto, ratioBp: r };
        });
        out.push({ uptoFen: null, ratioBp: last });
        return out;
      }),
    );

const deductible = (groupAmounts: Record<string, number>) =>
  fc.oneof(
    fc.constant({ kind: 'none' }),
    money(200_000).map((amountFen) => ({ kind: 'per_visit', amountFen })),
    fc
      .array(money(150_000), { minLength: 1, maxLength: 3 })
      .map((amountsFen) => ({ kind: 'per_admission', amountsFen })),
    fc.tuple(fc.constantFrom('g1', 'g2'), fc.boolean()).map(([groupId, perDisease]) => ({
      kind: 'annual',
      groupId,
      amountFen: groupAmounts[groupId],
      perDisease,
    })),
  );

const capIds = fc.subarray(['pooled', 'outpatient', 'chronic']);
const medicalTypes = fc.subarray(MEDICAL_TYPES, { minLength: 1 });

const rule = (id: string, when: object, groupAmounts: Record<string, number>) =>
  fc.record({
    ruleId: fc.constant(id),
    nameZh: fc.constant(`规则${id}`),
    when: fc.constant(when),
    deductible: deductible(groupAmounts),
    bands: bands(0, 3_000_000),
    capIds,
  });

const policyArb = fc
  .record({
    insuranceType: fc.constantFrom('310', '390'),
    groupAmounts: fc.record({ g1: money(300_000), g2: money(300_000) }),
    caps: fc.tuple(money(20_000_000), money(600_000), money(400_000)),
    extra: fc.boolean(),
  })
  .chain(({ insuranceType, groupAmounts, caps, extra }) =>
    fc.record({
      policyId: fc.constant(`P-${insuranceType}`),
      version: fc.constant('v1'),
      regionCode: fc.constant('341700'),
      insuranceType: fc.constant(insuranceType),
      nameZh: fc.constant('生成的政策'),
      demo: fc.constant(true),
      effectiveFrom: fc.constant('2026-01-01'),
      effectiveTo: fc.constant(null),
      caps: fc.constant([
        { capId: 'pooled', nameZh: '统筹', amountFen: caps[0], perDisease: false },
        { capId: 'outpatient', nameZh: '门诊', amountFen: caps[1], perDisease: false },
        { capId: 'chronic', nameZh: '慢病', amountFen: caps[2], perDisease: true },
      ]),
      rules: fc.tuple(
        ...MEDICAL_TYPES.map((mt) => rule(`base-${mt}`, { medicalTypes: [mt] }, groupAmounts)),
        rule('l3-inpatient', { medicalTypes: ['21'], institutionLevels: ['3'] }, groupAmounts),
        rule('retired', { employment: ['retired'], medicalTypes: ['11', '21'] }, groupAmounts),
        rule('htn', { medicalTypes: ['14'], diseaseCodes: ['M03900'] }, groupAmounts),
        rule('elderly', { medicalTypes: ['21'], ageMin: 70 }, groupAmounts),
      ),
      adjustments: fc
        .tuple(fc.integer({ min: -3000, max: 0 }), fc.integer({ min: 0, max: 1500 }))
        .map(([trip, retiree]) => [
          {
            adjustmentId: 'trip',
            nameZh: '临时外出未转诊',
            when: { situations: ['other_temporary'] },
            ratioDeltaBp: trip,
          },
          {
            adjustmentId: 'retiree',
            nameZh: '退休',
            when: { employment: ['retired'] },
            ratioDeltaBp: retiree,
          },
          { adjustmentId: 'unfiled', nameZh: '未备案', when: { situations: ['unfiled'] }, notPayable: true },
        ]),
      seriousIllness:
        insuranceType === '390'
          ? fc.option(
              fc.integer({ min: 0, max: 2_000_000 }).chain((thresholdFen) =>
                fc.record({
                  medicalTypes,
                  thresholdFen: fc.constant(thresholdFen),
                  bands: bands(thresholdFen, 5_000_000),
                  capFen: money(40_000_000),
                }),
              ),
            )
          : fc.constant(null),
      largeAmount:
        insuranceType === '310'
          ? fc.option(
              fc.record({
                capIds: fc.subarray(['pooled', 'outpatient', 'chronic']),
                ratioBp: ratio,
                capFen: money(40_000_000),
              }),
            )
          : fc.constant(null),
      civilServant: fc.option(
        fc.record({ medicalTypes, ratioBp: ratio, capFen: fc.option(money(5_000_000)) }),
      ),
      medicalAssistance: fc.option(
        fc.record({
          medicalTypes,
          categories: fc.constant([
            { category: 'subsistence', ratioBp: 7000, capFen: 4_000_000 },
            { category: 'extreme_poverty', ratioBp: 10_000, capFen: extra ? 100_000 : 5_000_000 },
          ]),
        }),
      ),
      personalAccount:
        insuranceType === '310'
          ? fc.option(
              fc.record({ medicalTypes, scope: fc.constantFrom('in_scope_personal', 'all_personal') }),
            )
          : fc.constant(null),
    }),
  )
  .map((json) => {
    const r = validatePolicy(json);
    if (!r.ok) throw new Error(`generated policy invalid: ${r.error.message}`);
    return r.value;
  });

const lineArb = (i: number) =>
  fc
    .record({
      fullOwnPayFen: money(800_000),
      overLimitFen: money(200_000),
      classBCopayFen: money(300_000),
      inScopeFen: money(3_000_000),
      diseaseCode: fc.option(fc.constantFrom(...DISEASES), { nil: undefined }),
    })
    .map((c): LineSplit => {
      const amountFen = fen(c.fullOwnPayFen + c.overLimitFen + c.classBCopayFen + c.inScopeFen);
      return {
        lineNo: String(i + 1),
        itemCode: `ITEM${i}`,
        itemName: '',
        ...(c.diseaseCode === undefined ? {} : { diseaseCode: c.diseaseCode }),
        catalogClass: '01',
        outOfScopeReason: null,
        amountFen,
        fullOwnPayFen: fen(c.fullOwnPayFen),
        overLimitFen: fen(c.overLimitFen),
        classBCopayFen: fen(c.classBCopayFen),
        inScopeFen: fen(c.inScopeFen),
        classAFen: fen(c.inScopeFen),
        classBFen: fen(0),
        priceLimitFen: null,
        copayRatioBp: 0 as LineSplit['copayRatioBp'],
      };
    });

const visitArb = fc.record({
  medicalType: fc.constantFrom(...MEDICAL_TYPES),
  institutionLevel: fc.constantFrom('0', '1', '2', '3' as const),
  situation: fc.constantFrom(...SITUATIONS),
  useAccount: fc.boolean(),
  depositFen: money(300_000),
  lines: fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i)))),
});

const yearArb = (maxVisits: number) =>
  policyArb.chain((policy) =>
    fc.record({
      policy: fc.constant(policy),
      person: fc.record({
        employment: fc.constantFrom('employed', 'retired' as const),
        civilServant: fc.boolean(),
        assistanceCategory: fc.constantFrom('none', 'subsistence', 'extreme_poverty', 'low_income' as const),
        birthDate: fc.constantFrom('1940-02-29', '1956-06-30', '1980-01-01', '2015-12-31'),
        accountBalanceFen: money(1_000_000),
      }),
      chronicDiseases: fc.subarray(DISEASES),
      visits: fc.array(visitArb, { minLength: 1, maxLength: maxVisits }),
    }),
  );

type Year = typeof yearArb extends (n: number) => fc.Arbitrary<infer T> ? T : never;

/** Runs a person-year in order; `skip` leaves one visit out (its deposit still arrives). */
function runYear(year: Year, skip = -1): SettledVisit[] {
  const out: SettledVisit[] = [];
  let accumulators: Accumulators = {};
  let balance = year.person.accountBalanceFen ?? 0;
  year.visits.forEach((v, i) => {
    balance += v.depositFen;
    if (i === skip) return;
    const input: BenefitsInput = {
      settlementId: `S${i}`,
      settledAt: `2026-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 === 0 ? '10' : '20'}T09:00:00+08:00`,
      person: demoPerson({
        ...year.person,
        insuranceType: year.policy.insuranceType,
        accountBalanceFen: fen(balance),
      }),
      institutionLevel: v.institutionLevel,
      medicalType: v.medicalType,
      situation: v.situation,
      chronicDiseases: year.chronicDiseases,
      lines: v.lines,
      policy: year.policy,
      accumulators,
      useAccount: v.useAccount,
    };
    const r = computeBenefits(input);
    if (!r.ok) throw new Error(`settlement ${i} failed: ${r.error.code} ${r.error.message}`);
    out.push({ input, result: r.value });
    accumulators = r.value.accumulatorsAfter;
    balance = r.value.accountBalanceAfterFen;
  });
  return out;
}

let settlementsChecked = 0;
/** How often each path was exercised, so a generator change cannot quietly stop covering one. */
const exercised: Record<string, number> = {};
function tally(r: SettlementResult): void {
  const hit = (k: string, cond: boolean) => {
    if (cond) exercised[k] = (exercised[k] ?? 0) + 1;
  };
  for (const p of r.parts) {
    hit('pooled', p.pooledFen > 0);
    hit('seriousIllness', p.seriousIllnessFen > 0);
    hit('largeAmount', p.largeAmountFen > 0);
    hit('civilServant', p.civilServantFen > 0);
    hit('assistance', p.assistanceFen > 0);
    hit('account', p.accountFen > 0);
    hit('chronicPart', p.category === 'chronic_outpatient');
    hit('multiPart', r.parts.length > 1);
    hit('deductible', p.deductiblePaidFen > 0);
    hit('ratioAdjusted', p.adjustmentIds.length > 0);
  }
  for (const s of r.trace) {
    hit('capBound', s.step === 'pooled' && (s.amounts.overCapBaseFen ?? 0) > 0);
    hit('multiBand', s.step === 'band' && s.params.bandIndex === 1);
    hit('siCapBound', s.step === 'serious_illness' && (s.amounts.payFen ?? 0) < (s.amounts.computedFen ?? 0));
  }
}

/** A plain assertion: vitest's expect is too slow for the ~10^6 checks of a run. */
function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`property violated: ${what}`);
}

function checkConservation(r: SettlementResult): void {
  for (const a of [...r.parts, r.totals]) {
    for (const f of AMOUNT_FIELDS) check(a[f] >= 0, `${f} < 0`);
    check(
      a.totalFen === a.fundTotalFen + a.accountFen + a.cashFen + a.hospitalBorneFen,
      'total = funds + account + cash',
    );
    check(a.personalFen === a.accountFen + a.cashFen, 'personal = account + cash');
    check(
      a.totalFen === a.inScopeFen + a.fullOwnPayFen + a.overLimitFen + a.classBCopayFen,
      'total = inScope + fullOwnPay + overLimit + classBCopay',
    );
    const funds =
      a.pooledFen +
      a.seriousIllnessFen +
      a.largeAmountFen +
      a.civilServantFen +
      a.assistanceFen +
      a.enterpriseSupplementFen +
      a.otherFundFen;
    check(a.fundTotalFen === funds, 'fund total = Σ funds');
    check(a.fundTotalFen <= a.inScopeFen, 'funds pay only in-scope amounts');
    check(a.deductiblePaidFen <= a.inScopeFen, 'deductible ≤ in scope');
  }
  for (const p of r.parts) {
    check(p.fundLines.reduce((s, l) => s + l.payFen, 0) === p.fundTotalFen, 'fund lines = fund total');
    for (const l of p.lines) {
      check(
        l.amountFen === l.fullOwnPayFen + l.overLimitFen + l.classBCopayFen + l.inScopeFen,
        `line ${l.lineNo} partitions`,
      );
    }
  }
}

/** No fund above its annual cap and no annual deductible over-taken (R-M4, R-M6). */
function checkCaps(policy: BenefitPolicy, acc: Accumulators): void {
  for (const [key, value] of Object.entries(acc)) {
    const cap = /^cap\.([^.]+)\.(?:[^.]+\.)?paidFen$/.exec(key);
    if (cap)
      check(value <= (policy.caps.find((c) => c.capId === cap[1])?.amountFen ?? -1), `${key} over its cap`);
    const ded = /^deductible\.([^.]+)\.(?:[^.]+\.)?usedFen$/.exec(key);
    if (ded) {
      const amounts = policy.rules.flatMap((r) =>
        r.deductible.kind === 'annual' && r.deductible.groupId === ded[1] ? [r.deductible.amountFen] : [],
      );
      check(value <= Math.max(...amounts), `${key} over the annual deductible`);
    }
  }
  const fund = (t: string) => acc[`fund.${t}.paidFen`] ?? 0;
  const capOf = (t: string, capFen: number | null | undefined) =>
    check(capFen === null || capFen === undefined || fund(t) <= capFen, `fund ${t} over its cap`);
  capOf('390200', policy.seriousIllness?.capFen);
  capOf('330100', policy.largeAmount?.capFen);
  capOf('320100', policy.civilServant?.capFen);
  capOf('610100', policy.medicalAssistance ? 5_000_000 : null);
}

describe('settlement properties over generated person-years (R-M1, R-M4, R-M5, R-M6)', () => {
  it('conserves every fen, stays within caps, explains itself, cancels exactly, is deterministic', () => {
    fc.assert(
      fc.property(yearArb(8), (year) => {
        const history = runYear(year);
        for (const { input, result } of history) {
          settlementsChecked++;
          tally(result);
          checkConservation(result);
          checkCaps(year.policy, result.accumulatorsAfter);
          const problems = evaluateTrace(result);
          check(problems.length === 0, `trace: ${problems.join('; ')}`);
          const json = (a: unknown) => JSON.stringify(a);
          check(
            json(applyDeltas(result.accumulatorsBefore, result.accumulatorDeltas)) ===
              json(result.accumulatorsAfter),
            'deltas',
          );
          const reversal = cancelSettlement(result, {
            reversalId: 'X',
            reversedAt: '2026-12-31T00:00:00+08:00',
          });
          check(
            json(applyDeltas(result.accumulatorsAfter, reversal.accumulatorDeltas)) ===
              json(result.accumulatorsBefore),
            'cancel',
          );
          for (const f of AMOUNT_FIELDS) check(reversal.totals[f] + result.totals[f] === 0, `reversal ${f}`);
          const again = computeBenefits(JSON.parse(json(input)) as BenefitsInput);
          check(again.ok && json(again.value) === json(result), 'determinism');
        }
      }),
      { seed: SEED, numRuns: 5_000 },
    );
    console.log(`settlements checked: ${settlementsChecked}; paths exercised: ${JSON.stringify(exercised)}`);
    for (const path of [
      'capBound',
      'multiBand',
      'siCapBound',
      'largeAmount',
      'seriousIllness',
      'civilServant',
      'assistance',
    ]) {
      expect(exercised[path] ?? 0, path).toBeGreaterThan(50);
    }
    expect(settlementsChecked).toBeGreaterThanOrEqual(20_000);
  });

  it('non-sequential refund (隔笔退费) equals settling the remaining visits from scratch (R-C3)', () => {
    let resettled = 0;
    fc.assert(
      fc.property(
        yearArb(7).filter((y) => y.visits.length >= 2),
        fc.nat(),
        (year, pick) => {
          const history = runYear(year);
          const k = pick % history.length;
          const refund = resettleAfterRefund(history, `S${k}`, {
            reversalId: 'R',
            reversedAt: '2026-12-31T00:00:00+08:00',
          });
          if (!refund.ok) throw new Error(refund.error.message);
          const scratch = runYear(year, k);
          const later = scratch.slice(k);
          expect(refund.value.resettled.map((v) => JSON.stringify(v.recomputed))).toEqual(
            later.map((v) => JSON.stringify(v.result)),
          );
          const expectedFinal =
            scratch.at(-1)?.result.accumulatorsAfter ?? history[0]?.result.accumulatorsBefore;
          expect(refund.value.accumulatorsAfter).toEqual(expectedFinal);
          const stored = history.at(-1)?.result.accumulatorsAfter ?? {};
          expect(applyDeltas(stored, refund.value.accumulatorDeltas)).toEqual(expectedFinal);
          // The books: what was paid before, minus the refund, plus the differences = from scratch.
          for (const f of AMOUNT_FIELDS) {
            const before = history.reduce((s, v) => s + v.result.totals[f], 0);
            const diffs = refund.value.resettled.reduce((s, v) => s + v.difference.amounts[f], 0);
            const after = scratch.reduce((s, v) => s + v.result.totals[f], 0);
            expect(before + refund.value.reversal.totals[f] + diffs).toBe(after);
          }
          resettled += refund.value.resettled.length + 1;
        },
      ),
      { seed: SEED, numRuns: 1_500 },
    );
    console.log(`refund scenarios: settlements recomputed ${resettled}`);
  });
});

describe('settlement edge rules', () => {
  const policy = fc.sample(policyArb, { seed: 7, numRuns: 1 })[0] as BenefitPolicy;
  const base = (over: Partial<BenefitsInput>): BenefitsInput => ({
    settlementId: 'S1',
    settledAt: '2026-05-01T08:00:00',
    person: demoPerson({ insuranceType: policy.insuranceType }),
    institutionLevel: '3',
    medicalType: '21',
    situation: 'local',
    chronicDiseases: [],
    lines: fc.sample(lineArb(0), { seed: 1, numRuns: 1 }),
    policy,
    accumulators: {},
    useAccount: true,
    ...over,
  });

  it('an unfiled cross-province visit is not payable, with a coded Chinese error (R-F1)', () => {
    const r = computeBenefits(base({ situation: 'unfiled' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('POLICY_SITUATION_NOT_PAYABLE');
      expect(r.error.message).toContain('备案');
    }
  });

  it.each([
    [{ settledAt: '2026-13-01T00:00:00' }, 'SETTLEMENT_TIME_INVALID'],
    [{ settledAt: '2025-12-31T23:59:59' }, 'SETTLEMENT_POLICY_NOT_EFFECTIVE'],
    [{ lines: [] }, 'SETTLEMENT_EMPTY_BILL'],
    [{ accumulators: { 'inpatient.admissions': -1 } }, 'SETTLEMENT_ACCUMULATOR_INVALID'],
    [
      { person: demoPerson({ insuranceType: policy.insuranceType, status: 'suspended' }) },
      'SETTLEMENT_PERSON_NOT_ACTIVE',
    ],
    [
      { person: demoPerson({ insuranceType: policy.insuranceType, insuredRegionCode: '420100' }) },
      'SETTLEMENT_POLICY_REGION_MISMATCH',
    ],
  ] as const)('rejects %j with %s', (over, code) => {
    const r = computeBenefits(base(over as Partial<BenefitsInput>));
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('refunds chronic settlements newest first by default (R-C3)', () => {
    const chronicPolicy = policy;
    const lines = [
      { ...(fc.sample(lineArb(0), { seed: 2, numRuns: 1 })[0] as LineSplit), diseaseCode: 'M03900' },
    ];
    const visit = (id: string, at: string, acc: Accumulators): SettledVisit => {
      const input = base({
        settlementId: id,
        settledAt: at,
        medicalType: '14',
        chronicDiseases: ['M03900'],
        lines,
        accumulators: acc,
        policy: chronicPolicy,
      });
      const r = computeBenefits(input);
      if (!r.ok) throw new Error(r.error.message);
      return { input, result: r.value };
    };
    const first = visit('C1', '2026-02-01T09:00:00', {});
    const second = visit('C2', '2026-03-01T09:00:00', first.result.accumulatorsAfter);
    const r = checkRefundOrder([first, second], 'C1');
    expect(r.ok ? 'ok' : r.error.code).toBe('SETTLEMENT_REFUND_NOT_NEWEST');
    expect(checkRefundOrder([first, second], 'C2').ok).toBe(true);
    const nonSequential = resettleAfterRefund([first, second], 'C1', {
      reversalId: 'R1',
      reversedAt: '2026-04-01T00:00:00',
    });
    expect(nonSequential.ok && nonSequential.value.resettled.map((v) => v.settlementId)).toEqual(['C2']);
  });

  it('splits fee lines through settle(): every line partitions its amount (R-M3)', () => {
    const items = [
      catalogItem('A', '01'),
      catalogItem('B', '02', 1500),
      catalogItem('L', '01', 0, 5_000),
      catalogItem('C', '03'),
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('A', 'B', 'L', 'C', 'X'),
            fc.integer({ min: 0, max: 200_000 }),
            fc.integer({ min: 1, max: 20 }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (raw) => {
          const feeLines = raw.map(([code, price, qty], i) => ({
            lineNo: String(i),
            itemCode: code,
            unitPriceFen: fen(price),
            quantity: units(qty),
            amountFen: fen(price * qty) as Fen,
          }));
          const r = settle({
            ...base({}),
            institution: demoInstitution,
            feeLines,
            catalog: lookupOf(items),
          });
          if (!r.ok) throw new Error(r.error.message);
          checkConservation(r.value);
          expect(r.value.totals.totalFen).toBe(feeLines.reduce((s, l) => s + l.amountFen, 0));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
