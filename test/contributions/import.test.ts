/**
 * The `contributions` import kind (R-P2) on both dialects: a file with one bad row is rejected whole with
 * (row, field, reason in Chinese); stored rows are append-only — the same file again changes nothing, a
 * changed row under a stored number is refused, and a correction is a new row naming the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { importDocument } from '../../src/service/import/index.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { OTHER_PERSON, PERSON, seedWebFixture } from '../web/fixture.ts';
import { contributionsCsv, fixtureLines, type Line } from './support.ts';

const NOW = () => new Date('2026-11-24T02:00:00.000Z');

describe.each(DIALECTS)('contributions import on %s', (dialect) => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openAppContext({ ...(await freshStoreLocation(dialect)), now: NOW });
    await seedWebFixture(ctx);
  });
  afterAll(async () => {
    if (ctx) await closeAppContext(ctx);
  });

  const importCsv = (lines: readonly Line[]) =>
    importDocument(
      ctx.store,
      { kind: 'contributions', format: 'csv', content: contributionsCsv(lines), source: 'contributions.csv' },
      { now: NOW },
    );

  async function count(): Promise<number> {
    const row = await ctx.store.db
      .selectFrom('contributions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  const base = (): Line[] => fixtureLines(PERSON.psnNo, OTHER_PERSON.psnNo);

  it('rejects the whole file for one amount with three decimals, naming row, field and reason', async () => {
    const lines = base();
    lines[4] = { ...lines[4]!, personal: '120.005', credit: '120.00' };
    const result = await importCsv(lines);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IMPORT_REJECTED');
    expect(result.error.issues).toEqual([
      expect.objectContaining({
        row: 5,
        field: 'personalPart',
        reason: expect.stringMatching(/个人缴费.*两位小数/),
      }),
    ]);
    expect(await count()).toBe(0);
  });

  it('rejects rows that break the insurance type rules, each at its row and field', async () => {
    const lines: Line[] = [
      { id: 'X1', psn: PERSON.psnNo, region: '341700', period: '2025' },
      {
        id: 'X2',
        psn: PERSON.psnNo,
        region: '341700',
        type: '390',
        period: '2025',
        base: '',
        employer: '10.00',
        personal: '400.00',
        credit: '0',
      },
      {
        id: 'X3',
        psn: PERSON.psnNo,
        region: '341700',
        period: '2025-05',
        personal: '120.00',
        credit: '700.00',
      },
      {
        id: 'X4',
        psn: PERSON.psnNo,
        region: '341700',
        period: '2025-06',
        status: 'unpaid',
        paidDate: '2025-06-15',
      },
      { id: 'X5', psn: PERSON.psnNo, region: '341700', period: '2025-13', paidDate: '2025-12-15' },
    ];
    const result = await importCsv(lines);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.error.issues.map((i) => [i.row, i.field]);
    expect(found).toEqual([
      [1, 'period'],
      [2, 'employerPart'],
      [3, 'accountCredit'],
      [4, 'paidDate'],
      [5, 'period'],
    ]);
    expect(result.error.issues[0]?.reason).toMatch(/职工医保（310）按月缴费/);
    expect(await count()).toBe(0);
  });

  it('rejects an unknown person and a correction written before its original, writing nothing', async () => {
    const result = await importCsv([
      { id: 'Y1-R1', psn: PERSON.psnNo, region: '341700', period: '2025-01', corrects: 'Y1' },
      { id: 'Y1', psn: PERSON.psnNo, region: '341700', period: '2025-01' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]).toMatchObject({ row: 1, field: 'correctsId' });
    const unknown = await importCsv([{ id: 'Z1', psn: 'NOBODY01', region: '341700', period: '2025-01' }]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.issues).toEqual([
        expect.objectContaining({
          row: 1,
          field: 'psnNo',
          reason: expect.stringContaining('NOBODY01 不存在'),
        }),
      ]);
    }
    expect(await count()).toBe(0);
  });

  it('writes a valid file once; the same file again changes nothing', async () => {
    const first = await importCsv(base());
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const written = await count();
    expect(written).toBe(base().length);
    const again = await importCsv(base());
    expect(again.ok).toBe(true);
    expect(await count()).toBe(written);
    const row = await ctx.store.db
      .selectFrom('contributions')
      .selectAll()
      .where('contribution_id', '=', `JF-${PERSON.psnNo}-202501`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      base_fen: 600_000,
      employer_fen: 48_000,
      personal_fen: 12_000,
      account_credit_fen: 12_000,
    });
    expect(row.batch_id).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses to change a stored row, and takes a correction as a new row (once)', async () => {
    const id = `JF-${PERSON.psnNo}-202508`;
    const changed = await importCsv([
      { id, psn: PERSON.psnNo, region: '341700', period: '2025-08', personal: '130.00' },
    ]);
    expect(changed.ok).toBe(false);
    if (!changed.ok) {
      expect(changed.error.issues[0]).toMatchObject({ row: 1, field: 'contributionId' });
      expect(changed.error.issues[0]?.reason).toMatch(/不能修改.*更正记录/);
    }
    const fix: Line = {
      id: `${id}-R1`,
      psn: PERSON.psnNo,
      region: '341700',
      period: '2025-08',
      personal: '130.00',
      corrects: id,
    };
    expect((await importCsv([fix])).ok).toBe(true);
    const twice = await importCsv([{ ...fix, id: `${id}-R2` }]);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.issues[0]?.reason).toMatch(/已由 .*-R1 更正/);
    const otherPeriod = await importCsv([{ ...fix, id: `${id}-R3`, period: '2025-09' }]);
    expect(otherPeriod.ok).toBe(false);
  });

  it('takes the same rows as a JSON document declaring its kind', async () => {
    const result = await importDocument(
      ctx.store,
      {
        format: 'json',
        content: JSON.stringify({
          kind: 'contributions',
          rows: [
            {
              contributionId: 'JSON-1',
              psnNo: OTHER_PERSON.psnNo,
              insuredRegionCode: '420100',
              insuranceType: '310',
              period: '2025-12',
              base: '9000.00',
              employerPart: 720,
              personalPart: '180.00',
              accountCredit: '180.00',
              status: 'paid',
              paidDate: '2025-12-10',
              payerName: null,
            },
          ],
        }),
        source: 'contributions.json',
      },
      { now: NOW },
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});
