/**
 * 清算对账单 for agency staff (R-S3) through Fastify inject(), on both dialects: a staff session sees the
 * statements of its own region's pairs (as insured or treatment region), its own position and its
 * institutions' payables; another pair's statement, its drill-down and its exports answer 404 exactly
 * like a missing one; only the insured region confirms or disputes, and the staff account is recorded.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { demoStaffCredentials, seedDemoStaffAccounts } from '../../src/service/staff-login.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import { insertReference, institutionOf, postReversal, postSettlements, testContext } from './fixtures.ts';

const TOKEN = 'test-admin-token-0123456789';
const INSURED = '341700';
const TREATMENT = '420100';
const THIRD = '210300';
const RUN = '2026-10-r1';
const PAIR = `${RUN}-${INSURED}-${TREATMENT}`;
const REVERSE = `${RUN}-${TREATMENT}-${INSURED}`;
const OTHER_PAIR = `${RUN}-${THIRD}-410100`;

describe.each(DIALECTS)('agency clearing statements on %s', (dialect) => {
  let store: Store;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const admin = { authorization: `Bearer ${TOKEN}` };

  async function login(region: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/agency/login',
      payload: demoStaffCredentials(region),
    });
    expect(res.statusCode).toBe(200);
    const setCookie = res.headers['set-cookie'];
    return String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  }

  const as = (region: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies.get(region)! },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    store = await openTestStore(dialect);
    const ctx = testContext(store, '2026-11-05T00:00:00.000Z');
    await insertReference(store.db);
    await seedDemoStaffAccounts(ctx);
    const [first] = await postSettlements(store.db, [
      {
        id: 'A1',
        insured: INSURED,
        treatment: TREATMENT,
        institution: institutionOf(TREATMENT, 1),
        settledAt: '2026-10-02T01:00:00.000Z',
        funds: { '310100': 12_345, '330100': 5_000 },
        accountFen: 700,
        cashFen: 3_000,
      },
      {
        id: 'A2',
        insured: INSURED,
        treatment: TREATMENT,
        institution: institutionOf(TREATMENT, 2),
        settledAt: '2026-10-03T01:00:00.000Z',
        funds: { '310100': 1_001 },
        accountFen: 0,
        cashFen: 99,
      },
      {
        id: 'A3',
        insured: INSURED,
        treatment: TREATMENT,
        institution: institutionOf(TREATMENT, 1),
        settledAt: '2026-10-05T01:00:00.000Z',
        funds: { '390100': 2_500 },
        accountFen: 300,
        cashFen: 10,
      },
      {
        id: 'B1',
        insured: TREATMENT,
        treatment: INSURED,
        institution: institutionOf(INSURED, 1),
        settledAt: '2026-10-06T01:00:00.000Z',
        funds: { '310100': 4_000 },
        accountFen: 0,
        cashFen: 500,
      },
      {
        id: 'C1',
        insured: THIRD,
        treatment: '410100',
        institution: institutionOf('410100', 1),
        settledAt: '2026-10-07T01:00:00.000Z',
        funds: { '310100': 9_999 },
        accountFen: 0,
        cashFen: 1,
      },
    ]);
    await postReversal(store.db, first!, 'A1R', '2026-10-08T01:00:00.000Z');
    app = await build(ctx, { logger: false, adminToken: TOKEN });
    await app.ready();
    const run = await app.inject({
      method: 'POST',
      url: '/api/clearing/runs',
      headers: admin,
      payload: { period: '2026-10' },
    });
    expect(run.json()).toMatchObject({ runId: RUN, statementCount: 3 });
    for (const region of [INSURED, TREATMENT, THIRD]) cookies.set(region, await login(region));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('refuses callers without a staff session, and admin-only actions stay admin-only', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/agency/clearing/statements/${PAIR}` });
    expect(res.statusCode).toBe(401);
    const runAsStaff = await as(INSURED, 'POST', '/api/clearing/runs', { period: '2026-10' });
    expect(runAsStaff.statusCode).toBe(401);
    const closeAsStaff = await as(INSURED, 'POST', '/api/clearing/periods/2026-10/close');
    expect(closeAsStaff.statusCode).toBe(401);
  });

  it('lists periods without other regions’ totals', async () => {
    const res = await as(THIRD, 'GET', '/api/agency/clearing/periods');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual([
      { period: '2026-10', status: 'draft', runId: RUN, runNo: 1, runAt: expect.any(String), closedAt: null },
    ]);
  });

  it('shows a region its own statements (both sides), position and institution payables only', async () => {
    const adminView = (
      await app.inject({ method: 'GET', url: '/api/clearing/periods/2026-10', headers: admin })
    ).json();
    const res = await as(INSURED, 'GET', '/api/agency/clearing/periods/2026-10');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.regionCode).toBe(INSURED);
    expect(view.regionName).toBe(`区划${INSURED}`);
    const ids = view.statements.map((s: { statementId: string }) => s.statementId).sort();
    expect(ids).toEqual([PAIR, REVERSE].sort());
    const pair = view.statements.find((s: { statementId: string }) => s.statementId === PAIR);
    const reverse = view.statements.find((s: { statementId: string }) => s.statementId === REVERSE);
    // A1 reversed: A2 (1001) + A3 (2500 + 300 account) = 3801 fen.
    expect(pair).toMatchObject({
      side: 'payable',
      counterpartRegionCode: TREATMENT,
      counterpartRegionName: `区划${TREATMENT}`,
      totalFen: 3_801,
      state: 'pending',
      mayDecide: true,
    });
    expect(reverse).toMatchObject({ side: 'receivable', totalFen: 4_000, mayDecide: false });
    const adminPosition = adminView.positions.find((p: { regionCode: string }) => p.regionCode === INSURED);
    const { regionCode: _, ...expected } = adminPosition;
    expect(view.position).toEqual(expected);
    expect(view.position).toMatchObject({ receivableFen: 4_000, payableFen: 3_801, netFen: 199 });
    expect(view.institutionPayables).toEqual([
      {
        institutionCode: institutionOf(INSURED, 1),
        institutionName: `医院${INSURED}-1`,
        amountFen: 4_000,
        settlementCount: 1,
      },
    ]);
    expect(JSON.stringify(view)).not.toContain(OTHER_PAIR);
    expect(view.run).not.toHaveProperty('totalFen');

    const third = (await as(THIRD, 'GET', '/api/agency/clearing/periods/2026-10')).json();
    expect(third.statements.map((s: { statementId: string }) => s.statementId)).toEqual([OTHER_PAIR]);
    const missing = await as(THIRD, 'GET', '/api/agency/clearing/periods/2026-09');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CLEARING_PERIOD_NOT_RUN' });
  });

  it('gives a third region 404 for the statement, its drill-down, exports, print and decisions', async () => {
    const base = `/api/agency/clearing/statements/${PAIR}`;
    const nothing = await as(THIRD, 'GET', '/api/agency/clearing/statements/2026-10-r1-000000-000000');
    for (const [method, url, payload] of [
      ['GET', base],
      ['GET', `${base}/settlements`],
      ['GET', `${base}/export.csv`],
      ['GET', `${base}/export.xlsx`],
      ['GET', `${base}/print`],
      ['POST', `${base}/confirm`, {}],
      ['POST', `${base}/dispute`, { reason: '试探' }],
    ] as const) {
      const res = await as(THIRD, method, url, payload);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'CLEARING_STATEMENT_NOT_FOUND' });
      // The request id is a random UUID and may contain any four hex digits; the amounts must not leak elsewhere.
      const { requestId: _requestId, ...answer } = res.json();
      expect(JSON.stringify(answer)).not.toContain('3801');
      expect(JSON.stringify(answer)).not.toContain('38.01');
    }
    // Exactly the answer of a statement that does not exist (apart from the id it names).
    expect(nothing.statusCode).toBe(404);
    expect(Object.keys(nothing.json()).sort()).toEqual(
      Object.keys((await as(THIRD, 'GET', base)).json()).sort(),
    );
    const own = await as(THIRD, 'GET', `/api/agency/clearing/statements/${OTHER_PAIR}`);
    expect(own.statusCode).toBe(200);
  });

  it('lets the treatment region see the statement but not decide it', async () => {
    const res = await as(TREATMENT, 'GET', `/api/agency/clearing/statements/${PAIR}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      side: 'receivable',
      counterpartRegionCode: INSURED,
      mayDecide: false,
    });
    for (const [move, payload] of [
      ['confirm', {}],
      ['dispute', { reason: '核对' }],
    ] as const) {
      const refused = await as(TREATMENT, 'POST', `/api/agency/clearing/statements/${PAIR}/${move}`, payload);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'CLEARING_DECISION_NOT_INSURED_REGION', ruleId: 'R-S3' });
    }
    const after = await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}`);
    expect(after.json()).toMatchObject({ state: 'pending', events: [] });
  });

  it('serves the statement detail, the paged drill-down and exports equal to the admin’s', async () => {
    const detail = (await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}`)).json();
    const adminDetail = (
      await app.inject({ method: 'GET', url: `/api/clearing/statements/${PAIR}`, headers: admin })
    ).json();
    expect(detail.totalFen).toBe(adminDetail.totalFen);
    expect(
      detail.lines.map((l: { fundType: string; amountFen: number }) => [l.fundType, l.amountFen]),
    ).toEqual(
      adminDetail.lines.map((l: { fundType: string; amountFen: number }) => [l.fundType, l.amountFen]),
    );
    expect(detail.lines.find((l: { fundType: string }) => l.fundType === '310100')).toMatchObject({
      fundName: '职工基本医疗保险统筹基金',
    });

    const rows: { settlementId: string; clearingFen: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}/settlements${q}`);
      expect(page.statusCode).toBe(200);
      const body = page.json() as { rows: typeof rows; nextCursor: string | null };
      rows.push(...body.rows);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // Four rows in pages of two: a full last page still names a cursor, whose page is empty.
    expect(pages).toBe(3);
    expect(rows.map((r) => r.settlementId).sort()).toEqual(['A1', 'A1R', 'A2', 'A3']);
    expect(rows.reduce((sum, r) => sum + r.clearingFen, 0)).toBe(3_801);
    const bad = await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}/settlements?limit=x`);
    expect(bad.statusCode).toBe(400);

    const csv = await as(TREATMENT, 'GET', `/api/agency/clearing/statements/${PAIR}/export.csv`);
    const adminCsv = await app.inject({
      method: 'GET',
      url: `/api/clearing/statements/${PAIR}/export.csv`,
      headers: admin,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`${PAIR}.csv`);
    expect(csv.body).toBe(adminCsv.body);
    expect(csv.body.trim().split('\n').at(-1)).toMatch(/^合计,.*,38\.01$/);

    const xlsx = await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('结算明细')!;
    expect(sheet.rowCount).toBe(1 + 4 + 1);
    expect(sheet.getRow(6).getCell(sheet.columnCount).value).toBe(38.01);

    const print = await as(INSURED, 'GET', `/api/agency/clearing/statements/${PAIR}/print`);
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('异地就医费用清算单');
    expect(print.body).toContain('38.01');
  });

  it('lets the insured region dispute (reason required) and then confirm, recording the staff account', async () => {
    const url = `/api/agency/clearing/statements/${PAIR}`;
    const blank = await as(INSURED, 'POST', `${url}/dispute`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'CLEARING_REASON_REQUIRED', field: 'reason' });
    const dispute = await as(INSURED, 'POST', `${url}/dispute`, { reason: '退费笔数待核实' });
    expect(dispute.statusCode).toBe(200);
    expect(dispute.json()).toMatchObject({ statementId: PAIR, state: 'disputed' });
    const confirm = await as(INSURED, 'POST', `${url}/confirm`, { note: '已与就医地核对' });
    expect(confirm.json()).toMatchObject({ state: 'confirmed' });
    const again = await as(INSURED, 'POST', `${url}/confirm`, {});
    expect(again.statusCode).toBe(409);

    const { username } = demoStaffCredentials(INSURED);
    const seen = (await as(TREATMENT, 'GET', url)).json();
    expect(seen).toMatchObject({ state: 'confirmed', mayDecide: false });
    expect(seen.events).toEqual([
      { action: 'dispute', reason: '退费笔数待核实', actor: username, at: expect.any(String) },
      { action: 'confirm', reason: '已与就医地核对', actor: username, at: expect.any(String) },
    ]);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'role', 'action'])
      .where('subject', '=', PAIR)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { actor: username, role: 'staff', action: 'clearing.statement.dispute' },
      { actor: username, role: 'staff', action: 'clearing.statement.confirm' },
    ]);
  });
});
