/** Rule resolution and version selection (R-M4, R-F8). */
import { describe, expect, it } from 'vitest';
import { resolveBenefitRule } from './resolve.ts';
import type { BenefitPolicy, RuleContext } from './types.ts';
import { validatePolicy } from './validate.ts';
import { selectPolicyVersion } from './versions.ts';

const rule = (ruleId: string, when: object, ratioBp = 5000) => ({
  ruleId,
  nameZh: ruleId,
  when,
  deductible: { kind: 'none' },
  bands: [{ uptoFen: null, ratioBp }],
  capIds: [],
});

function policy(patch: Record<string, unknown> = {}): BenefitPolicy {
  const r = validatePolicy({
    policyId: 'P',
    version: 'v1',
    regionCode: '341700',
    insuranceType: '310',
    nameZh: '测试政策',
    demo: true,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    caps: [],
    rules: [
      rule('inpatient', { medicalTypes: ['21'] }),
      rule('inpatient-l3', { medicalTypes: ['21'], institutionLevels: ['3'] }),
      rule('inpatient-l3-first', { medicalTypes: ['21'], institutionLevels: ['3'] }),
      rule('inpatient-l3-again', { institutionLevels: ['3'], medicalTypes: ['21'] }),
      rule('elderly', { medicalTypes: ['21'], institutionLevels: ['2'], ageMin: 70 }),
      rule('chronic-htn', { medicalTypes: ['14'], diseaseCodes: ['M03900'] }),
    ],
    adjustments: [
      {
        adjustmentId: 'trip',
        nameZh: '临时外出',
        when: { situations: ['other_temporary'] },
        ratioDeltaBp: -1000,
      },
      { adjustmentId: 'retiree', nameZh: '退休', when: { employment: ['retired'] }, ratioDeltaBp: 500 },
      { adjustmentId: 'unfiled', nameZh: '未备案', when: { situations: ['unfiled'] }, notPayable: true },
    ],
    seriousIllness: null,
    largeAmount: null,
    civilServant: null,
    medicalAssistance: null,
    personalAccount: null,
    ...patch,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  medicalType: '21',
  institutionLevel: '3',
  employment: 'employed',
  situation: 'local',
  ageYears: 45,
  diseaseCode: null,
  ...over,
});

describe('resolveBenefitRule (R-M4)', () => {
  it.each([
    [ctx(), 'inpatient-l3'],
    [ctx({ institutionLevel: '1' }), 'inpatient'],
    [ctx({ institutionLevel: '2', ageYears: 70 }), 'elderly'],
    [ctx({ institutionLevel: '2', ageYears: 69 }), 'inpatient'],
    [ctx({ medicalType: '14', diseaseCode: 'M03900' }), 'chronic-htn'],
  ] as const)('%j → %s (most specific wins, earlier wins a tie)', (c, expected) => {
    const r = resolveBenefitRule(policy(), c);
    expect(r.ok && r.value.rule.ruleId).toBe(expected);
  });

  it('sums every matching adjustment (R-F8 reduction for temporary trips, retiree bonus)', () => {
    const r = resolveBenefitRule(policy(), ctx({ situation: 'other_temporary', employment: 'retired' }));
    expect(r.ok && [r.value.ratioDeltaBp, r.value.adjustmentIds]).toEqual([-500, ['trip', 'retiree']]);
  });

  it('says plainly when no rule matches', () => {
    const r = resolveBenefitRule(policy(), ctx({ medicalType: '14', diseaseCode: 'M01600' }));
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['POLICY_NO_MATCHING_RULE', 'rules']);
    expect(r.ok ? '' : r.error.message).toContain('M01600');
  });

  it('refuses an unfiled cross-province visit as not payable (R-F1)', () => {
    const r = resolveBenefitRule(policy(), ctx({ situation: 'unfiled' }));
    expect(r.ok ? null : [r.error.code, r.error.ruleId]).toEqual(['POLICY_SITUATION_NOT_PAYABLE', 'R-F1']);
  });
});

describe('selectPolicyVersion (R-M4)', () => {
  const v1 = policy({ version: 'v1', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' });
  const v2 = policy({ version: 'v2', effectiveFrom: '2026-01-01', effectiveTo: null });

  it.each([
    ['2025-01-01', 'v1'],
    ['2025-12-31T23:59:59+08:00', 'v1'],
    ['2026-01-01T00:00:00+08:00', 'v2'],
    ['2031-06-30', 'v2'],
  ])('%s → %s (both ends inclusive)', (at, version) => {
    const r = selectPolicyVersion([v2, v1], at);
    expect(r.ok && r.value.version).toBe(version);
  });

  it('reports a date before every version, and overlapping versions', () => {
    const before = selectPolicyVersion([v1, v2], '2024-12-31');
    expect(before.ok ? null : before.error.code).toBe('POLICY_NOT_EFFECTIVE');
    const overlap = selectPolicyVersion(
      [v1, policy({ version: 'v1b', effectiveFrom: '2025-06-01', effectiveTo: null })],
      '2025-07-01',
    );
    expect(overlap.ok ? null : overlap.error.code).toBe('POLICY_VERSIONS_OVERLAP');
  });
});
