/** The clearing REST edge through Fastify inject(): admin auth, error contract, exports and print view. */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import type { Store } from '../../src/store/database.ts';
import { openTestStore } from '../support/stores.ts';
import { insertReference, institutionOf, postReversal, postSettlements, testContext } from './fixtures.ts';

const TOKEN = 'test-admin-token-0123456789';

describe('clearing REST API (sqlite)', () => {
  let store: Store;
  let app: FastifyInstance;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    store = await openTestStore('sqlite');
    const ctx = testContext(store, '2026-11-05T00:00:00.000Z');
    await insertReference(store.db);
    const [first] = await postSettlements(store.db, [
      {
        id: 'S1',
        insured: '341700',
        treatment: '420100',
        institution: institutionOf('420100', 1),
        settledAt: '2026-10-02T01:00:00.000Z',
        funds: { '310100': 12_345, '330100': 5_000 },
        accountFen: 700,
        cashFen: 3_000,
      },
      {
        id: 'S2',
        insured: '341700',
        treatment: '420100',
        institution: institutionOf('420100', 2),
        settledAt: '2026-10-03T01:00:00.000Z',
        funds: { '310100': 1_001 },
        accountFen: 0,
        cashFen: 99,
      },
    ]);
    await postReversal(store.db, first!, 'R1', '2026-10-04T01:00:00.000Z');
    app = await build(ctx, { logger: false, adminToken: TOKEN });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('refuses callers without the admin token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/clearing/runs',
      payload: { period: '2026-10' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'ADMIN_AUTH_REQUIRED' });
  });

  it('runs a period, shows it, and answers coded Chinese errors', async () => {
    const run = await app.inject({
      method: 'POST',
      url: '/api/clearing/runs',
      headers: auth,
      payload: { period: '2026-10' },
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ runId: '2026-10-r1', changed: true, totalFen: 1_001 });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/clearing/runs',
      headers: auth,
      payload: { period: '2026/10' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'CLEARING_PERIOD_INVALID', field: 'period' });
    const period = await app.inject({ method: 'GET', url: '/api/clearing/periods/2026-10', headers: auth });
    expect(period.json().statements).toHaveLength(1);
    const missing = await app.inject({ method: 'GET', url: '/api/clearing/statements/nope', headers: auth });
    expect(missing.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/clearing/periods', headers: auth });
    expect(list.json()).toEqual([expect.objectContaining({ period: '2026-10', status: 'draft' })]);
  });

  it('exports a statement as CSV and XLSX whose totals equal the statement, and prints it', async () => {
    const id = '2026-10-r1-341700-420100';
    const csv = await app.inject({
      method: 'GET',
      url: `/api/clearing/statements/${id}/export.csv`,
      headers: auth,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('结算ID');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toMatch(/^合计,.*,10\.01$/);

    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/clearing/statements/${id}/export.xlsx`,
      headers: auth,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['清算单汇总', '结算明细']);
    const detail = workbook.getWorksheet('结算明细')!;
    expect(detail.rowCount).toBe(1 + 3 + 1);
    expect(detail.getRow(5).getCell(detail.columnCount).value).toBe(10.01);

    const print = await app.inject({
      method: 'GET',
      url: `/api/clearing/statements/${id}/print`,
      headers: auth,
    });
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('异地就医费用清算单');
    expect(print.body).toContain('10.01');
  });

  it('pages the drill-down with ?limit= as a query string, and refuses a limit out of range', async () => {
    const url = '/api/clearing/statements/2026-10-r1-341700-420100/settlements';
    const page = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `${url}?${query}`, headers: auth });
      return { status: res.statusCode, body: res.json() };
    };
    const all = await page('limit=50');
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const ids = all.body.rows.map((r: { settlementId: string }) => r.settlementId);
    expect(ids).toHaveLength(3);

    const first = await page('limit=2');
    expect(first.status).toBe(200);
    expect(first.body.rows).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await page(`limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.status).toBe(200);
    expect(second.body.rows).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(
      [...first.body.rows, ...second.body.rows].map((r: { settlementId: string }) => r.settlementId),
    ).toEqual(ids);

    for (const bad of ['0', '1001', 'abc', '-1', '2.5']) {
      const refused = await page(`limit=${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body, bad).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' });
    }
  });

  it('confirms and disputes through the API, and reconciles details with English field names', async () => {
    const id = '2026-10-r1-341700-420100';
    const dispute = await app.inject({
      method: 'POST',
      url: `/api/clearing/statements/${id}/dispute`,
      headers: auth,
      payload: { reason: '退费笔数待核实' },
    });
    expect(dispute.json()).toMatchObject({ state: 'disputed' });
    const confirm = await app.inject({
      method: 'POST',
      url: `/api/clearing/statements/${id}/confirm`,
      headers: auth,
      payload: {},
    });
    expect(confirm.json()).toMatchObject({ state: 'confirmed' });
    const again = await app.inject({
      method: 'POST',
      url: `/api/clearing/statements/${id}/confirm`,
      headers: auth,
      payload: {},
    });
    expect(again.statusCode).toBe(409);

    const details = await app.inject({
      method: 'POST',
      url: '/api/reconciliation/details',
      headers: auth,
      payload: {
        institutionCode: institutionOf('420100', 2),
        beginDate: '2026-10-01',
        endDate: '2026-10-31',
        items: [
          {
            settlementId: 'S2',
            visitId: 'VS2',
            psnNo: 'P341700',
            medicalTotalFen: 1_100,
            fundPayFen: 1_000,
            accountPayFen: 0,
            refund: false,
          },
        ],
      },
    });
    expect(details.statusCode).toBe(200);
    expect(details.json()).toMatchObject({
      balanced: false,
      differences: [
        {
          settlementId: 'S2',
          kind: 'mismatch',
          fields: [{ field: 'fundPayFen', institution: 1_000, platform: 1_001 }],
        },
      ],
    });
  });
});
