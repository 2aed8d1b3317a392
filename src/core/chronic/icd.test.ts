import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIcdMatcher, normalizeIcd, parseIcdPattern, patternMatches } from './icd.ts';

const matcher = (() => {
  const m = compileIcdMatcher([
    { diseaseCode: 'M05300', patterns: ['G20-G22'] },
    { diseaseCode: 'M01400', patterns: ['D80'] },
    { diseaseCode: 'M04302', patterns: ['Z95.1'] },
    { diseaseCode: 'M01301', patterns: ['D69.3-D69.4'] },
  ]);
  if (!m.ok) throw new Error(m.error.message);
  return m.value;
})();

describe('ICD-10 matching for the T-1 screen (R-C5)', () => {
  it.each([
    ['G20.x00', 'M05300'],
    ['g21.1', 'M05300'],
    ['G22', 'M05300'],
    ['D80.301', 'M01400'],
    ['Z95.101', 'M04302'],
    ['Z951', 'M04302'],
    ['D69.300', 'M01301'],
    ['D69.4', 'M01301'],
    ['G30.0', null],
    ['G23', null],
    ['G19.9', null],
    ['Z95.5', null],
    ['D69.5', null],
    ['', null],
    ['高血压', null],
  ])('%s → %s', (code, disease) => {
    expect(matcher.match([code]).map((m) => m.diseaseCode)[0] ?? null).toBe(disease);
  });

  it('normalises marks, spaces and the missing dot', () => {
    expect(normalizeIcd(' z95.1 ')).toBe('Z95.1');
    expect(normalizeIcd('G20†')).toBe('G20');
    expect(normalizeIcd('Z9510')).toBe('Z95.10');
  });

  it('rejects malformed patterns and inverted or uneven ranges', () => {
    for (const p of ['G2', 'G22-G20', 'G20-G22.1', '20', 'G20-', 'G20.12345']) {
      expect(parseIcdPattern(p).ok, p).toBe(false);
    }
  });

  it('property: the pre-check never rejects a code the matcher accepts', () => {
    const code = fc
      .tuple(
        fc.constantFrom('D', 'G', 'Z', 'I'),
        fc.integer({ min: 0, max: 99 }),
        fc.option(fc.stringMatching(/^[0-9x]{1,4}$/)),
      )
      .map(([l, n, ext]) => `${l}${String(n).padStart(2, '0')}${ext ? `.${ext}` : ''}`);
    fc.assert(
      fc.property(code, (c) => {
        if (matcher.match([c]).length > 0)
          expect(matcher.mayMatchText(JSON.stringify([{ diag_code: c }]))).toBe(true);
      }),
      { seed: 20260302 },
    );
  });

  it('property: a range matches exactly the codes whose head lies between its bounds', () => {
    const range = parseIcdPattern('G20-G22');
    if (!range.ok) throw new Error('range');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.stringMatching(/^[0-9]{0,3}$/), (n, ext) => {
        const head = `G${String(n).padStart(2, '0')}`;
        const code = normalizeIcd(`${head}${ext ? `.${ext}` : ''}`);
        expect(patternMatches(range.value, code)).toBe(n >= 20 && n <= 22);
      }),
      { seed: 20260303 },
    );
  });
});
