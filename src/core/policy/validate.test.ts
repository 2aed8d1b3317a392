/**
 * validatePolicy (R-M4): the demo policies import; every malformed field is rejected with a stable
 * code and a Chinese message naming the field path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from './validate.ts';

const DIR = join(import.meta.dirname, '../../../data/examples/policies');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, f), 'utf8'));

describe('demo policies in data/examples/policies', () => {
  it('has the four demo policies of 池州 341700 and 武汉 420100', () => {
    expect(files.sort()).toEqual([
      '341700-310-employee.demo.json',
      '341700-390-resident.demo.json',
      '420100-310-employee.demo.json',
      '420100-390-resident.demo.json',
    ]);
  });

  it.each(files)('%s validates, is marked demo and round-trips through JSON unchanged', (f) => {
    const r = validatePolicy(load(f));
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect(r.value.demo).toBe(true);
    const again = validatePolicy(JSON.parse(JSON.stringify(r.value)));
    expect(again.ok && again.value).toEqual(r.value);
  });
});

describe('validatePolicy rejects malformed policies with coded Chinese errors (R-M4)', () => {
  const base = load('341700-310-employee.demo.json');
  const rules = base.rules as Record<string, unknown>[];
  const with_ = (patch: Record<string, unknown>) => ({ ...base, ...patch });
  const withRule0 = (patch: Record<string, unknown>) =>
    with_({ rules: [{ ...rules[0], ...patch }, ...rules.slice(1)] });

  it.each([
    ['not an object', [], 'POLICY_FIELD_INVALID', 'policy'],
    ['region code', with_({ regionCode: '3417' }), 'POLICY_FIELD_INVALID', 'regionCode'],
    ['insurance type', with_({ insuranceType: '320' }), 'POLICY_CODE_UNKNOWN', 'insuranceType'],
    ['date', with_({ effectiveFrom: '2026-02-30' }), 'POLICY_DATE_INVALID', 'effectiveFrom'],
    ['reversed range', with_({ effectiveTo: '2025-12-31' }), 'POLICY_DATE_INVALID', 'effectiveTo'],
    ['no rules', with_({ rules: [] }), 'POLICY_FIELD_INVALID', 'rules'],
    ['unknown key (typo)', with_({ personalAcount: null }), 'POLICY_FIELD_INVALID', 'policy.personalAcount'],
    [
      'fractional fen',
      withRule0({ deductible: { kind: 'per_visit', amountFen: 10.5 } }),
      'POLICY_AMOUNT_INVALID',
      'rules[0].deductible.amountFen',
    ],
    [
      'negative fen',
      withRule0({ deductible: { kind: 'per_visit', amountFen: -1 } }),
      'POLICY_AMOUNT_INVALID',
      'rules[0].deductible.amountFen',
    ],
    [
      'ratio over 100 %',
      withRule0({ bands: [{ uptoFen: null, ratioBp: 10_001 }] }),
      'POLICY_RATIO_INVALID',
      'rules[0].bands[0].ratioBp',
    ],
    [
      'ratio as a fraction',
      withRule0({ bands: [{ uptoFen: null, ratioBp: 0.85 }] }),
      'POLICY_RATIO_INVALID',
      'rules[0].bands[0].ratioBp',
    ],
    [
      'bands not ascending',
      withRule0({
        bands: [
          { uptoFen: 500, ratioBp: 1 },
          { uptoFen: 400, ratioBp: 1 },
          { uptoFen: null, ratioBp: 1 },
        ],
      }),
      'POLICY_BANDS_INVALID',
      'rules[0].bands[1].uptoFen',
    ],
    [
      'last band closed',
      withRule0({ bands: [{ uptoFen: 500, ratioBp: 1 }] }),
      'POLICY_BANDS_INVALID',
      'rules[0].bands[0].uptoFen',
    ],
    ['unknown cap', withRule0({ capIds: ['nope'] }), 'POLICY_CAP_UNKNOWN', 'rules[0].capIds[0]'],
    ['duplicate rule id', with_({ rules: [rules[0], rules[0]] }), 'POLICY_ID_DUPLICATE', 'rules.ruleId'],
    [
      'medical type',
      withRule0({ when: { medicalTypes: ['99'] } }),
      'POLICY_CODE_UNKNOWN',
      'rules[0].when.medicalTypes[0]',
    ],
    [
      'situation',
      withRule0({ when: { situations: ['abroad'] } }),
      'POLICY_CODE_UNKNOWN',
      'rules[0].when.situations[0]',
    ],
    [
      'empty selector list',
      withRule0({ when: { employment: [] } }),
      'POLICY_FIELD_INVALID',
      'rules[0].when.employment',
    ],
    [
      'deductible kind',
      withRule0({ deductible: { kind: 'monthly' } }),
      'POLICY_CODE_UNKNOWN',
      'rules[0].deductible.kind',
    ],
    [
      'civil-servant cap missing (must be explicit null for "no cap")',
      with_({ civilServant: { medicalTypes: ['21'], ratioBp: 5000 } }),
      'POLICY_AMOUNT_INVALID',
      'civilServant.capFen',
    ],
    [
      'serious-illness band below threshold',
      with_({
        seriousIllness: {
          medicalTypes: ['21'],
          thresholdFen: 1000,
          bands: [
            { uptoFen: 900, ratioBp: 1 },
            { uptoFen: null, ratioBp: 1 },
          ],
          capFen: 1,
        },
      }),
      'POLICY_BANDS_INVALID',
      'seriousIllness.bands[0].uptoFen',
    ],
    [
      'account scope',
      with_({ personalAccount: { medicalTypes: ['11'], scope: 'some' } }),
      'POLICY_CODE_UNKNOWN',
      'personalAccount.scope',
    ],
  ] as const)('%s → %s at %s', (_name, json, code, field) => {
    const r = validatePolicy(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.field).toBe(field);
    expect(r.error.ruleId).toBe('R-M4');
    expect(r.error.message).toContain(field);
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
