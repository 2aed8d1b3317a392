/**
 * 我的缴费记录 (R-P2) through the real HTTP API on both dialects: the person sees their own rows only
 * (never another person's, whatever the query says), one year at a time, with the year's totals, the
 * months without a paid contribution, and a correction replacing the row it corrects.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { importDocument } from '../../src/service/import/index.ts';
import { myContributions } from '../../src/service/person-contributions.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { latestSmsCode, OTHER_PERSON, PERSON, seedWebFixture } from '../web/fixture.ts';
import { contributionsCsv, fixtureLines } from './support.ts';

const NOW = new Date('2026-11-24T02:00:00.000Z');

interface Answer {
  year: number;
  years: number[];
  currentMonth: string;
  rows: {
    contributionId: string;
    period: string;
    personalYuan: string;
    status: string;
    correctsId: string | null;
    supersededBy: string | null;
  }[];
  totals: {
    monthsPaid: number;
    employerYuan: string;
    personalYuan: string;
    accountCreditYuan: string;
    totalYuan: string;
  };
  checked: { from: string; to: string; months: number } | null;
  gaps: { from: string; to: string; months: number }[];
  gapMonths: number;
  continuousMonthsToDate: number;
  summaryZh: string;
}

describe.each(DIALECTS)('my contributions on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let cookie = '';

  beforeAll(async () => {
    ctx = await openAppContext({ ...(await freshStoreLocation(dialect)), now: () => NOW });
    await seedWebFixture(ctx);
    const imported = await importDocument(
      ctx.store,
      {
        kind: 'contributions',
        format: 'csv',
        content: contributionsCsv(fixtureLines(PERSON.psnNo, OTHER_PERSON.psnNo)),
        source: 'contributions.csv',
      },
      { now: () => NOW },
    );
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    app = await build(ctx, { logger: false });
    await app.inject({
      method: 'POST',
      url: '/api/person/login-code',
      payload: { certificateNo: PERSON.certificateNo },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/person/login',
      payload: { certificateNo: PERSON.certificateNo, code: await latestSmsCode(ctx, PERSON.psnNo) },
    });
    expect(login.statusCode).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  async function get(query: string): Promise<{ status: number; body: Answer & { code?: string } }> {
    const res = await app.inject({
      method: 'GET',
      url: `/api/person/contributions${query}`,
      headers: { cookie },
    });
    return { status: res.statusCode, body: res.json() };
  }

  it('refuses without a person session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/person/contributions?year=2025' });
    expect(res.statusCode).toBe(401);
  });

  it('answers 2025 with own rows only, totals from the rows in force, and the job-change gap', async () => {
    const { status, body } = await get('?year=2025');
    expect(status).toBe(200);
    expect(body.year).toBe(2025);
    expect(body.rows.every((r) => r.contributionId.startsWith(`JF-${PERSON.psnNo}-2025`))).toBe(true);
    expect(JSON.stringify(body)).not.toContain(OTHER_PERSON.psnNo);
    // 10 monthly rows + the wrong February row that the correction replaced.
    expect(body.rows).toHaveLength(11);
    expect(body.rows[0]?.period).toBe('2025-12');
    const february = body.rows.filter((r) => r.period === '2025-02');
    expect(february.find((r) => r.correctsId === null)?.supersededBy).toBe(`JF-${PERSON.psnNo}-202502-R1`);
    // Ten months paid at 480 + 120 yuan; the wrong February (400 + 100) no longer counts.
    expect(body.totals).toEqual({
      monthsPaid: 10,
      employerYuan: '4800.00',
      employerFen: 480_000,
      personalYuan: '1200.00',
      personalFen: 120_000,
      accountCreditYuan: '1200.00',
      accountCreditFen: 120_000,
      totalYuan: '6000.00',
    });
    expect(body.checked).toEqual({ from: '2025-01', to: '2025-12', months: 12 });
    expect(body.gaps).toEqual([{ from: '2025-06', to: '2025-07', months: 2 }]);
    expect(body.summaryZh).toContain('2025 年 6 月至 7 月');
    expect(body.years).toEqual([2026, 2025]);
  });

  it('answers 2026 with the unpaid March as a gap, and the current month never a gap', async () => {
    const { body } = await get('?year=2026');
    expect(body.currentMonth).toBe('2026-11');
    expect(body.rows.map((r) => r.period)).toEqual([
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
    ]);
    expect(body.rows.find((r) => r.period === '2026-03')?.status).toBe('unpaid');
    expect(body.totals.monthsPaid).toBe(9);
    expect(body.totals.personalYuan).toBe('1080.00');
    expect(body.checked).toEqual({ from: '2026-01', to: '2026-10', months: 10 });
    expect(body.gaps).toEqual([{ from: '2026-03', to: '2026-03', months: 1 }]);
    expect(body.continuousMonthsToDate).toBe(7);
  });

  it('defaults to the current year and rejects a malformed year with a coded Chinese message', async () => {
    expect((await get('')).body.year).toBe(2026);
    const bad = await get('?year=20x5');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CONTRIBUTION_YEAR_INVALID');
    expect(JSON.stringify(bad.body)).toMatch(/年度（year）/);
    expect((await get('?year=2031')).status).toBe(400);
  });

  it("never shows another person's rows, even when asked for them by query", async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/person/contributions?year=2026&psnNo=${OTHER_PERSON.psnNo}`,
      headers: { cookie },
    });
    expect(res.body).not.toContain(OTHER_PERSON.psnNo);
    const other = await myContributions(ctx, OTHER_PERSON.psnNo, '2026');
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    expect(other.value.rows).toHaveLength(10);
    expect(other.value.rows.every((r) => r.contributionId.includes(OTHER_PERSON.psnNo))).toBe(true);
    expect(other.value.totals.employerYuan).toBe('7200.00');
    expect(other.value.gaps).toEqual([]);
    expect(other.value.summaryZh).toMatch(/缴费连续，没有断缴/);
  });

  it('keeps contribution rows append-only', async () => {
    await expect(
      ctx.store.db.updateTable('contributions').set({ personal_fen: 0 }).execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
    await expect(ctx.store.db.deleteFrom('contributions').execute()).rejects.toThrow(/APPEND_ONLY/);
  });
});
