import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateChronicCatalog } from './catalog.ts';
import { GrantMode } from './types.ts';

const shipped: unknown = JSON.parse(
  readFileSync(new URL('../../../data/chronic/catalog.json', import.meta.url), 'utf8'),
);

const disease = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: code,
  grantMode: 'standard',
  crossProvince: false,
  icd10: [],
  ...extra,
});

describe('chronic catalog import (R-C1)', () => {
  it('accepts the shipped catalog: the five cross-province diseases, 6 免申即享 and 4 即申即享, eight regions mapped', () => {
    const result = validateChronicCatalog(shipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.value;
    expect(c.diseases.filter((d) => d.crossProvince).map((d) => d.code)).toEqual([
      'M03900',
      'M01600',
      'M00500',
      'M07801',
      'M08301',
      'M08302',
      'M08303',
      'M08304',
      'M08305',
      'M08306',
    ]);
    expect(c.diseases.filter((d) => d.grantMode === GrantMode.NoApplication)).toHaveLength(6);
    expect(c.diseases.filter((d) => d.grantMode === GrantMode.InstantOnApplication)).toHaveLength(4);
    expect(new Set(c.mappings.map((m) => m.regionCode))).toEqual(
      new Set(['341700', '340100', '340200', '210300', '210100', '420100', '420500', '410100']),
    );
  });

  it('rejects a local code mapped to two national codes, and a national code mapped twice (one-to-one)', () => {
    const result = validateChronicCatalog({
      diseases: [disease('M03900'), disease('M01600')],
      mappings: [
        { regionCode: '341700', localCode: 'A1', diseaseCode: 'M03900' },
        { regionCode: '341700', localCode: 'A1', diseaseCode: 'M01600' },
        { regionCode: '340100', localCode: 'B1', diseaseCode: 'M03900' },
        { regionCode: '340100', localCode: 'B2', diseaseCode: 'M03900' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CHRONIC_CATALOG_INVALID');
    expect(result.error.issues.map((i) => i.path)).toEqual([
      'mappings[1].localCode',
      'mappings[3].diseaseCode',
    ]);
  });

  it('lists every problem at once and imports nothing', () => {
    const result = validateChronicCatalog({
      diseases: [
        disease('X1'),
        disease('M05300', { grantMode: 'no_application' }),
        disease('M01200', { icd10: ['G2'] }),
      ],
      mappings: [{ regionCode: '3417', localCode: 'A', diseaseCode: 'M77777' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path)).toEqual([
      'diseases[0].code',
      'diseases[1].icd10',
      'diseases[2].icd10[0]',
      'mappings[0].regionCode',
    ]);
    expect(result.error.message).toContain('整份不生效');
  });
});
