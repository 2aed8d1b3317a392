/**
 * T16 — hostile input at the REST API and at the admin import (app.inject on SQLite): ≥ 5,000 generated
 * bad requests per family. REST: every POST/PUT route and the parameterised GETs, with no session, a
 * bogus one, or a real person / staff / admin credential, and bodies that are wrong types, missing and
 * unknown fields, hostile amounts, dates and region codes, non-JSON, or over the body limit. Imports:
 * CSV and JSON documents with one hard-invalid cell (bad region code or date, negative / over-precise /
 * huge amount, missing column, unknown kind) or no document at all. Passes when no answer is 5xx, every
 * refusal is `{code, message}` with a Chinese message, no hostile write is accepted (2xx), and a digest
 * of every table is unchanged.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { ensureStaffAccount } from '../../src/service/staff-login.ts';
import { openSession } from '../../src/service/web-session.ts';
import { PERSONS } from '../national/support.ts';
import { freshStoreLocation } from '../support/stores.ts';
import { Gen, hasChinese, hostileBody, hostileValue, mutate } from './fuzz-gen.ts';
import { databaseDigest, runSeed, seedWorld } from './support.ts';

const REQUESTS = 5_000;
const ADMIN_TOKEN = 'reliability-admin-token-0123456789';
const DEMO = resolve(import.meta.dirname, '../../data/demo');

/**
 * Writes of every REST family. Left out: logout (a bodiless logout is not hostile, it is a logout) and
 * POST /api/chronic/screening-runs (it takes no input: any body starts a legitimate run).
 */
const WRITES: [string, string][] = [
  ['POST', '/api/person/login-code'],
  ['POST', '/api/person/login'],
  ['POST', '/api/agency/login'],
  ['POST', '/api/person/estimate'],
  ['POST', '/api/filings'],
  ['POST', '/api/filings/:id/change'],
  ['POST', '/api/filings/:id/revoke'],
  ['POST', '/api/agency/filings'],
  ['POST', '/api/agency/filings/:id/approve'],
  ['POST', '/api/agency/filings/:id/reject'],
  ['POST', '/api/chronic/applications'],
  ['POST', '/api/chronic/applications/:id/review'],
  ['POST', '/api/chronic/candidates/:id/:action'],
  ['PUT', '/api/chronic/catalog'],
  ['PUT', '/api/chronic/screening-rules/:regionCode/:diseaseCode'],
  ['POST', '/api/clearing/runs'],
  ['POST', '/api/clearing/periods/:period/close'],
  ['POST', '/api/clearing/statements/:id/confirm'],
  ['POST', '/api/clearing/statements/:id/dispute'],
  ['POST', '/api/clearing/advances'],
  ['POST', '/api/reconciliation/totals'],
  ['POST', '/api/reconciliation/details'],
  ['PUT', '/api/admin/maintenance'],
  ['PUT', '/api/admin/gateway-auth'],
  ['POST', '/api/admin/calendar/overrides'],
  ['POST', '/api/admin/filing-lists'],
  ['PUT', '/api/admin/filing-policies/:regionCode'],
  ['POST', '/api/admin/institutions/:code/credentials'],
];
const READS = [
  '/api/public/catalog',
  '/api/public/calendar/:year',
  '/api/public/filing-rules/:regionCode',
  '/api/public/institutions',
  '/api/person/settlements/:id',
  '/api/clearing/periods/:period',
  '/api/clearing/statements/:id',
  '/api/clearing/statements/:id/settlements',
  '/api/chronic/qualifications',
];

/** Plausible shapes the routes expect, to be broken by mutation. */
const PLAUSIBLE: Record<string, unknown>[] = [
  { certificateNo: PERSONS.local.certNo, code: '123456' },
  { username: 'staff420100', password: 'x' },
  { type: 'long_term_resident', targetCode: '420100', validFrom: '2026-01-01', reason: '长期居住' },
  { lines: [{ code: 'XA01AAA001', amount: '12.30', quantity: 1 }], medicalType: '11' },
  { period: '2026-05', regionCode: '420100' },
  { amountFen: 100, regionCode: '420100', period: '2026-05' },
  { until: '2026-05-07 06:00', message: '维护' },
  { mode: 'csb' },
  { date: '2026-10-01', kind: 'holiday', name: '国庆' },
  { diseaseCode: 'M03900', psnNo: PERSONS.local.psnNo, evidence: [] },
];
const PARAM_VALUES = [
  '%E0%A4%A',
  '%',
  '1',
  '-1',
  '999999',
  'ABCDEF',
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(300),
  '2026-13',
  '中文',
  "'; drop table settlements; --",
];

/** encodeURIComponent that survives the lone surrogates the generator makes on purpose. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

function fillPath(g: Gen, template: string): string {
  // The first two values are malformed percent-encodings, sent raw (Fastify's FST_ERR_BAD_URL).
  return template.replace(/:[a-zA-Z]+/g, () => {
    const value = g.pick(PARAM_VALUES);
    return value.startsWith('%') ? value : encode(value);
  });
}

const REGION = ['', '99999X', '12345', '1234567'];
const DATE = ['', '2026-02-30', '2026-13-01', '20260506'];
const AMOUNT = ['-1', '12.345', '1e3', '１００', '99999999999999999999', 'NaN'];
const CODE = ['', 'ZZ', '中文码'];
/** Required CSV columns and values that are invalid for each (column index → bad values). */
const CSV_BAD: Record<'catalog' | 'persons', [number, string[]][]> = {
  // regionCode,code,name,kind,catalogClass,copayRatio,priceLimit,validFrom,validTo
  catalog: [
    [0, REGION],
    [1, ['']],
    [2, ['']],
    [3, CODE],
    [4, CODE],
    [5, ['-0.1', '1.5', '0.12345', 'NaN']],
    [6, AMOUNT],
    [7, DATE],
  ],
  // psnNo,name,certificateType,certificateNo,socialSecurityCardNo,phone,gender,birthDate,insuredRegionCode,
  // insuranceType,employment,civilServant,assistanceCategory,status,accountBalance
  persons: [
    [0, ['']],
    [1, ['']],
    [2, CODE],
    [3, ['']],
    [6, CODE],
    [7, DATE],
    [8, REGION],
    [9, CODE],
    [10, CODE],
    [13, CODE],
    [14, AMOUNT],
  ],
};

describe('T16 hostile input: REST API and imports', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  const auth: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation('sqlite'));
    await seedWorld(ctx.store.db);
    await ensureStaffAccount(ctx, {
      username: 'staff420100',
      name: '经办甲',
      regionCode: '420100',
      password: 'pw-420100',
    });
    const person = await openSession(
      ctx,
      { role: 'person', subject: PERSONS.local.psnNo, regionCode: '420100' },
      ctx.now(),
    );
    const staff = await openSession(
      ctx,
      { role: 'staff', subject: 'staff420100', regionCode: '420100' },
      ctx.now(),
    );
    auth.none = {};
    auth.bogus = { authorization: 'Bearer not-a-token', cookie: 'yibao_person=forged; yibao_staff=forged' };
    auth.person = { cookie: `yibao_person=${person.token}` };
    auth.staff = { cookie: `yibao_staff=${staff.token}` };
    auth.admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    app = await build(ctx, { logger: false, adminToken: ADMIN_TOKEN, bodyLimitBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  interface Tally {
    failures: string[];
    codes: Map<string, number>;
    readsAnswered: number;
  }

  async function check(request: InjectOptions, t: Tally, isRead: boolean): Promise<void> {
    const res = await app.inject(request);
    const where = `${request.method} ${String(request.url)} ${res.statusCode} ${String(request.payload ?? '').slice(0, 120)} → ${res.body.slice(0, 200)}`;
    if (res.statusCode >= 500) {
      t.failures.push(`5xx ${where}`);
      return;
    }
    if (res.statusCode < 300) {
      if (isRead) t.readsAnswered += 1;
      else t.failures.push(`accepted ${where}`);
      return;
    }
    let body: { code?: unknown; message?: unknown };
    try {
      body = JSON.parse(res.body);
    } catch {
      t.failures.push(`not JSON ${where}`);
      return;
    }
    if (
      typeof body.code !== 'string' ||
      !/^[A-Z][A-Z0-9_]*$/.test(body.code) ||
      typeof body.message !== 'string' ||
      !hasChinese(body.message)
    ) {
      t.failures.push(`not a coded Chinese error ${where}`);
      return;
    }
    t.codes.set(body.code, (t.codes.get(body.code) ?? 0) + 1);
  }

  function report(name: string, seed: number, t: Tally): void {
    console.log(
      `[T16 ${name}] seed=${seed}: ${REQUESTS} hostile requests, ${t.failures.length} failures, ${t.readsAnswered} GETs answered 200; refusals by code: ${JSON.stringify(Object.fromEntries([...t.codes].sort((a, b) => b[1] - a[1])))}`,
    );
  }

  it(`REST: ${REQUESTS} hostile requests → no 5xx, coded Chinese errors, nothing accepted, database unchanged`, async () => {
    const seed = runSeed('T16 REST');
    const g = new Gen(seed);
    const before = await databaseDigest(ctx.store.db, 'sqlite');
    const t: Tally = { failures: [], codes: new Map(), readsAnswered: 0 };
    for (let i = 0; i < REQUESTS; i++) {
      const headers: Record<string, string> = {
        ...auth[g.pick(['none', 'bogus', 'person', 'staff', 'admin', 'admin'])]!,
      };
      if (g.chance(0.12)) {
        const url = `${fillPath(g, g.pick(READS))}?${encode(g.string(8))}=${encode(String(hostileValue(g)))}`;
        await check({ method: 'GET', url, headers }, t, true);
        continue;
      }
      const [method, template] = g.pick(WRITES);
      const shape = g.int(0, 99);
      let payload: string;
      headers['content-type'] = 'application/json';
      if (shape < 10) payload = hostileBody(g);
      else if (shape < 12) payload = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
      else if (shape < 30) payload = JSON.stringify(hostileValue(g));
      else {
        // Mutated plausible bodies, with one field always of a type no route accepts for it.
        const body = mutate(g, g.pick(PLAUSIBLE));
        if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
          const keys = Object.keys(body);
          const key = keys.length > 0 ? g.pick(keys) : 'certificateNo';
          (body as Record<string, unknown>)[key] = g.pick([{ nested: { deeper: [] } }, [[1]], { $gt: '' }]);
        }
        payload = JSON.stringify(body);
      }
      if (g.chance(0.05))
        headers['content-type'] = g.pick([
          'text/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ]);
      await check(
        { method: method as 'POST' | 'PUT', url: fillPath(g, template), headers, payload },
        t,
        false,
      );
    }
    report('REST', seed, t);
    expect(t.failures.slice(0, 20)).toEqual([]);
    const after = await databaseDigest(ctx.store.db, 'sqlite');
    expect(Object.keys(after.counts).filter((k) => after.counts[k] !== before.counts[k])).toEqual([]);
    expect(after.digest).toBe(before.digest);
  }, 240_000);

  it(`imports: ${REQUESTS} hostile documents → no 5xx, coded Chinese errors, nothing imported, database unchanged`, async () => {
    const seed = runSeed('T16 imports');
    const g = new Gen(seed);
    const csv = {
      catalog: readFileSync(`${DEMO}/catalog-420100.csv`, 'utf8').split('\n').slice(0, 6),
      persons: readFileSync(`${DEMO}/persons.csv`, 'utf8').split('\n').slice(0, 6),
    };
    // Code tables are left out: their codes are free text, so no value of a code cell is hostile per se.
    const json = ['regions', 'institutions', 'policies'].map(
      (name) =>
        JSON.parse(readFileSync(`${DEMO}/${name}.json`, 'utf8')) as { kind: string; rows?: unknown[] },
    );
    const before = await databaseDigest(ctx.store.db, 'sqlite');
    const t: Tally = { failures: [], codes: new Map(), readsAnswered: 0 };
    for (let i = 0; i < REQUESTS; i++) {
      const headers: Record<string, string> = {
        ...auth[g.chance(0.85) ? 'admin' : g.pick(['none', 'bogus', 'staff'])]!,
      };
      const shape = g.int(0, 99);
      let url = '/api/admin/import';
      let payload: string;
      if (shape < 55) {
        const kind = g.pick(['catalog', 'persons'] as const);
        const [header, ...rows] = csv[kind];
        const columns = header!.split(',').length;
        const picked = rows.filter((r) => r.trim() !== '').slice(0, g.int(1, 4));
        const broken = picked.map((row) => {
          const cells = row.split(',');
          if (g.chance(0.15)) {
            // A row with a wrong number of cells.
            if (g.chance(0.5)) cells.push('extra');
            else cells.splice(g.int(0, cells.length - 1), 1);
          } else {
            // One hard-invalid cell in a required column.
            const [column, values] = g.pick(CSV_BAD[kind]);
            cells[column] = g.pick(values);
          }
          if (cells.length === columns && g.chance(0.05)) cells[g.int(0, columns - 1)] = '"unterminated';
          return cells.join(',');
        });
        payload = [header, ...broken].join('\n');
        headers['content-type'] = 'text/csv';
        url += `?kind=${g.chance(0.9) ? kind : encodeURIComponent(g.pick(['catalogue', '', 'persons;drop', '中文']))}`;
      } else if (shape < 85) {
        const doc = JSON.parse(JSON.stringify(g.pick(json))) as { kind: string; rows?: unknown[] };
        const rows = Array.isArray(doc.rows) ? doc.rows.slice(0, g.int(1, 4)) : [];
        if (rows.length > 0) {
          const victim = g.int(0, rows.length - 1);
          rows[victim] = g.pick([
            null,
            42,
            'row',
            [],
            { unknownOnly: true },
            { ...(rows[victim] as object), code: g.pick([{}, -1, '', null, []]) },
          ]);
        }
        const broken = g.chance(0.3) ? mutate(g, { ...doc, rows }) : { ...doc, rows };
        // Mutation may empty the rows (an empty import is valid): keep one hard-invalid row then.
        const brokenRows = (broken as { rows?: unknown } | null)?.rows;
        if (Array.isArray(brokenRows) && brokenRows.length === 0) brokenRows.push({ code: {} });
        payload = JSON.stringify(g.chance(0.1) ? { ...(broken as object), kind: 'nonsense' } : broken);
        headers['content-type'] = 'application/json';
      } else if (shape < 95) {
        payload = g.chance(0.5) ? hostileBody(g) : JSON.stringify(hostileValue(g));
        headers['content-type'] = g.pick(['application/json', 'text/csv']);
        if (g.chance(0.5)) url += `?kind=${g.pick(['regions', 'catalog', 'x'])}`;
      } else {
        payload = JSON.stringify({ kind: 'regions', rows: [{ code: '12345', name: '' }] });
        headers['content-type'] = 'application/json';
        url += `?${g.pick(['unknown=1', 'kind=regions&kind=persons', 'source='.concat('x'.repeat(500))])}`;
      }
      await check({ method: 'POST', url, headers, payload }, t, false);
    }
    report('imports', seed, t);
    expect(t.failures.slice(0, 20)).toEqual([]);
    const after = await databaseDigest(ctx.store.db, 'sqlite');
    expect(Object.keys(after.counts).filter((k) => after.counts[k] !== before.counts[k])).toEqual([]);
    expect(after.digest).toBe(before.digest);
  }, 240_000);
});
