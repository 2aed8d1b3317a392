import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument, importFile } from '../../src/service/import/index.ts';
import { DEFAULT_DEMO_DIR } from '../../src/service/seed-demo.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import { CATALOG_HEADER, catalogCsv, personRow, REGIONS_JSON } from './fixtures.ts';

const NOW = () => new Date('2026-01-05T08:00:00.000Z');

async function count(
  store: Store,
  table: 'regions' | 'catalog_items' | 'persons' | 'import_batches',
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DIALECTS)('import on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    const regions = await importDocument(
      store,
      { format: 'json', content: REGIONS_JSON, source: 'regions.json' },
      { now: NOW },
    );
    expect(regions.ok).toBe(true);
  });
  afterAll(async () => {
    await store.close();
  });

  it('writes every row of a valid JSON file and records the batch', async () => {
    expect(await count(store, 'regions')).toBe(3);
    const batch = await store.db
      .selectFrom('import_batches')
      .selectAll()
      .where('kind', '=', 'regions')
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      source: 'regions.json',
      row_count: 3,
      imported_at: '2026-01-05T08:00:00.000Z',
    });
  });

  it('rejects a 1,000-row CSV whose row 537 is bad, writing nothing and naming row and field in Chinese', async () => {
    const csv = catalogCsv(1000, (row) =>
      row === 537 ? '341700,XJ01CAA000537,坏行,drug,02,0.1,12.345,2024-01-01,' : undefined,
    );
    const result = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: csv,
      source: 'catalog-341700.csv',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IMPORT_REJECTED');
    expect(result.error.issueCount).toBe(1);
    expect(result.error.issues).toEqual([
      expect.objectContaining({ row: 537, field: 'priceLimit', reason: expect.stringContaining('限价') }),
    ]);
    expect(result.error.issues[0]?.reason).toMatch(/两位小数/);
    expect(result.error.message).toMatch(/未写入任何数据/);
    expect(await count(store, 'catalog_items')).toBe(0);
  });

  it('rejects a 1,000-row JSON persons file whose row 537 has a wrong ID-card checksum, writing nothing', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => personRow(i + 1));
    const bad = rows[536]!;
    const certificateNo = String(bad.certificateNo);
    const wrongCheck = certificateNo.endsWith('0') ? '1' : '0';
    rows[536] = { ...bad, certificateNo: certificateNo.slice(0, 17) + wrongCheck };
    const content = JSON.stringify({ kind: 'persons', rows });
    const result = await importDocument(store, { format: 'json', content, source: 'persons.json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      expect.objectContaining({
        row: 537,
        field: 'certificateNo',
        reason: expect.stringMatching(/证件号码.*校验码/),
      }),
    ]);
    expect(await count(store, 'persons')).toBe(0);
  });

  it('reports schema errors of every bad row with Chinese reasons (allErrors)', async () => {
    const csv = [
      CATALOG_HEADER,
      '341700,A1,甲药,drug,01,,,2024-01-01,',
      '341700,A2,乙药,medicine,04,0.1,,2024-02-30,',
      '999999,A3,丙药,drug,03,,,2024-01-01,2023-12-31',
      '341700,A1,甲药,drug,01,,,2024-01-01,',
    ].join('\n');
    const result = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: csv,
      source: 'c.csv',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byRow = (row: number) =>
      result.error.issues
        .filter((i) => i.row === row)
        .map((i) => i.field)
        .sort();
    expect(byRow(2)).toEqual(['catalogClass', 'kind', 'validFrom']);
    expect(byRow(3)).toEqual(['validTo']);
    expect(byRow(4)).toEqual(['code']);
    expect(result.error.issues.find((i) => i.row === 2 && i.field === 'kind')?.reason).toMatch(
      /目录类别.*只能是 drug、service_item、consumable/,
    );
    expect(result.error.issues.find((i) => i.row === 4)?.reason).toMatch(/与本文件第 1 行重复/);
    expect(await count(store, 'catalog_items')).toBe(0);
  });

  it('rejects rows that reference a region that does not exist', async () => {
    const csv = catalogCsv(3, (row) => (row === 2 ? '999999,X2,某药,drug,01,,,2024-01-01,' : undefined));
    const result = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: csv,
      source: 'c.csv',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'regionCode',
        reason: expect.stringContaining('统筹区 999999 不存在'),
      }),
    ]);
  });

  it('upserts on the natural key when a file is imported again', async () => {
    const first = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: catalogCsv(1000),
      source: 'a.csv',
    });
    expect(first.ok && first.value.rows).toBe(1000);
    const second = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: catalogCsv(1200, undefined, '阿莫西林胶囊（新）'),
      source: 'b.csv',
    });
    expect(second.ok && second.value.rows).toBe(1200);
    expect(await count(store, 'catalog_items')).toBe(1200);
    const item = await store.db
      .selectFrom('catalog_items')
      .selectAll()
      .where('code', '=', 'XJ01CAA000005')
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      name: '阿莫西林胶囊（新）5',
      price_limit_fen: 1250,
      copay_ratio_bp: 0,
      catalog_class: '01',
    });
    const b = await store.db
      .selectFrom('catalog_items')
      .selectAll()
      .where('code', '=', 'XJ01CAA000003')
      .executeTakeFirstOrThrow();
    expect(b.copay_ratio_bp).toBe(1000);
  });

  it('imports persons from JSON and CSV alike, upserting and bumping row_version', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => personRow(i + 1));
    const json = await importDocument(store, {
      format: 'json',
      content: JSON.stringify({ kind: 'persons', rows }),
      source: 'p.json',
    });
    expect(json.ok).toBe(true);
    const columns = Object.keys(rows[0]!);
    const csv = [columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c])).join(','))].join(
      '\r\n',
    );
    const again = await importDocument(store, {
      kind: 'persons',
      format: 'csv',
      content: csv,
      source: 'persons.csv',
    });
    expect(again.ok).toBe(true);
    expect(await count(store, 'persons')).toBe(50);
    const p = await store.db
      .selectFrom('persons')
      .selectAll()
      .where('psn_no', '=', 'P34170000000002')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ account_balance_fen: 123456, civil_servant: 0, row_version: 2 });
  });

  it('refuses a certificate number that already belongs to another stored person', async () => {
    const taken = personRow(1);
    const content = JSON.stringify({
      kind: 'persons',
      rows: [
        personRow(9001, {
          certificateNo: taken.certificateNo,
          birthDate: taken.birthDate,
          gender: taken.gender,
          socialSecurityCardNo: null,
        }),
      ],
    });
    const result = await importDocument(store, { format: 'json', content, source: 'p2.json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues[0]).toMatchObject({ row: 1, field: 'certificateNo' });
    expect(result.error.issues[0]?.reason).toContain('P34170000000001');
  });

  it('says plainly when a file is not readable as its format', async () => {
    const bad = await importDocument(store, {
      format: 'json',
      content: '{"kind": "regions", "rows": [',
      source: 'x.json',
    });
    expect(!bad.ok && bad.error.code).toBe('IMPORT_UNREADABLE');
    const header = await importDocument(store, {
      kind: 'catalog',
      format: 'csv',
      content: 'regionCode,名字\n341700,x\n',
      source: 'y.csv',
    });
    expect(header.ok).toBe(false);
    if (header.ok) return;
    expect(header.error.issues.map((i) => [i.row, i.field])).toEqual(
      expect.arrayContaining([
        [0, '名字'],
        [0, 'code'],
      ]),
    );
  });

  it('imports a file from disk, telling kind and format from its name, and refuses a missing file', async () => {
    const loaded = await importFile(store, join(DEFAULT_DEMO_DIR, 'code-tables.json'));
    expect(loaded.ok && loaded.value.kind).toBe('code_tables');
    const missing = await importFile(store, join(DEFAULT_DEMO_DIR, 'nope.csv'));
    expect(!missing.ok && missing.error.code).toBe('IMPORT_UNREADABLE');
  });
});
