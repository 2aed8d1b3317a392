/** Row validation without a database: ID-card checksum (GB 11643), CSV reading, file names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, readIdCard } from '../../src/service/import/id-card.ts';
import { kindFromFileName } from '../../src/service/import/index.ts';
import { prepareImport } from '../../src/service/import/prepare.ts';
import { idCardNo } from './fixtures.ts';

describe('ID-card number checksum (GB 11643-1999)', () => {
  it('accepts the standard worked example and rejects a changed check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(readIdCard('11010519491231002X')).toEqual({
      ok: true,
      facts: { birthDate: '1949-12-31', gender: '2' },
    });
    expect(readIdCard('110105194912310021')).toEqual({ ok: false, fault: 'checksum' });
    expect(readIdCard('110105194902300029')).toEqual({ ok: false, fault: 'birth_date' });
    expect(readIdCard('11010519491231002x')).toEqual({ ok: false, fault: 'format' });
  });

  it('detects every single-digit error in the first 17 digits (property)', () => {
    const seed = Date.now();
    console.log(`fast-check seed ${seed}`);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 6, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (birth, sequence, position, delta) => {
          const valid = idCardNo('341702', birth.toISOString().slice(0, 10), sequence);
          expect(readIdCard(valid).ok).toBe(true);
          const digit = (Number(valid[position]) + delta) % 10;
          const changed = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
          expect(readIdCard(changed).ok).toBe(false);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe('CSV reading', () => {
  const header =
    'code,name,regionCode,kind,level,crossRegionNetworked,chronicDiseases,employeeOutpatientPooling,address';

  it('reads quoted cells, a BOM, booleans as 是/否 and |-separated lists', async () => {
    const csv = `\uFEFF${header}\r\nH34170000001,"池州市人民医院,总院",341700,hospital,3,是,M03900|M01600,否,"安徽省池州市""长江路"""\r\n`;
    const prepared = await prepareImport({
      kind: 'institutions',
      format: 'csv',
      content: csv,
      source: 'i.csv',
    });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.value.records[0]).toMatchObject({
      name: '池州市人民医院,总院',
      cross_region_networked: 1,
      chronic_diseases: '["M01600","M03900"]',
      employee_outpatient_pooling: 0,
      address: '安徽省池州市"长江路"',
    });
  });

  it('numbers rows as the user sees them and reports broken quoting on the file', async () => {
    const csv = `${header}\nH34170000001,甲,341700,hospital,3,true,,false,\nH34170000002,乙,341700,hospital,2,true,M03900|M99,false,\nP34170000001,丙,341700,pharmacy,2,true,,true,\n`;
    const prepared = await prepareImport({
      kind: 'institutions',
      format: 'csv',
      content: csv,
      source: 'i.csv',
    });
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.error.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'chronicDiseases'],
      [3, 'level'],
    ]);
    expect(prepared.error.issues[0]?.reason).toContain('门慢特病种（chronicDiseases）第 2 项');
    const broken = await prepareImport({
      kind: 'institutions',
      format: 'csv',
      content: `${header}\n"H1,x\n`,
      source: 'b.csv',
    });
    expect(!broken.ok && broken.error.issues[0]).toMatchObject({
      row: 0,
      reason: expect.stringContaining('引号没有闭合'),
    });
  });

  it('refuses CSV for policies, which carry a nested document', async () => {
    const prepared = await prepareImport({
      kind: 'policies',
      format: 'csv',
      content: 'a\n1\n',
      source: 'p.csv',
    });
    expect(!prepared.ok && prepared.error.code).toBe('IMPORT_UNREADABLE');
  });
});

describe('kind from file name', () => {
  it.each([
    ['catalog-340000.csv', 'catalog'],
    ['data/demo/persons.csv', 'persons'],
    ['code-tables.json', 'code_tables'],
    ['regions_2025.json', 'regions'],
    ['drugs.csv', undefined],
  ])('%s → %s', (name, kind) => {
    expect(kindFromFileName(name)).toBe(kind);
  });
});
