/**
 * Access (issue 9 "Access"): every crossing is tried and must be refused with a coded Chinese error —
 * an institution on another institution's visit or settlement, with another institution's sign-in, or
 * outside its region; agency staff on another region's case; a person on another person's settlement;
 * admin functions without the admin role (no credential, a person's or a staff session, a wrong token).
 * Login is rate limited. And the pino output of a whole run (OTP login, staff login, sign-in, person
 * lookup by ID card, settlements, refusals) holds no ID-card number, phone number, one-time code,
 * password, session token, sign-in number or admin token in clear. Access rules live in the services
 * and the edge, not in the store, so this runs on SQLite only.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_LOGGER } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { ensureStaffAccount } from '../../src/service/staff-login.ts';
import { IN_PROVINCE_REGION, OTHER_HOSPITAL } from '../national/support.ts';
import { freshStoreLocation } from '../support/stores.ts';
import {
  addPerson,
  prepareVisit,
  ReliableHis,
  seedWorld,
  settleOutpatient,
  type TestPerson,
} from './support.ts';

const ADMIN_TOKEN = 'admin-token-for-access-test-7f3a9c';
const STAFF_PASSWORD = 'Staff-Pass-420100!';
const YICHANG_HOSPITAL = 'H42050000001';

describe('access crossings and secrets in logs', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let logText = '';
  let hospital: ReliableHis;
  let other: ReliableHis;
  let yichang: ReliableHis;
  let alice: TestPerson;
  let bob: TestPerson;
  const secrets: string[] = [];

  const inject = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  function expectRefusal(res: { statusCode: number; body: string }, statuses: number[]): string {
    expect(statuses, res.body).toContain(res.statusCode);
    const body = JSON.parse(res.body) as { code: string; message: string };
    expect(body.code).toMatch(/^[A-Z_]+$/);
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    return body.code;
  }

  function expectNationalRefusal(
    res: { json: { infcode: number; err_msg: string | null } },
    code: RegExp,
  ): void {
    expect(res.json.infcode).toBe(-1);
    expect(res.json.err_msg).toMatch(code);
  }

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation('sqlite'));
    await seedWorld(ctx.store.db);
    await ctx.store.db
      .insertInto('institutions')
      .values({
        code: YICHANG_HOSPITAL,
        name: '宜昌市测试医院',
        region_code: IN_PROVINCE_REGION,
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 1,
        address: null,
      })
      .execute();
    alice = await addPerson(ctx.store.db, 10_000, { phone: '13912345678' });
    bob = await addPerson(ctx.store.db, 10_000, { phone: '13787654321' });
    await ensureStaffAccount(ctx, {
      username: 'wh-staff',
      name: '武汉经办',
      regionCode: '420100',
      password: STAFF_PASSWORD,
    });
    await ensureStaffAccount(ctx, {
      username: 'yc-staff',
      name: '宜昌经办',
      regionCode: IN_PROVINCE_REGION,
      password: STAFF_PASSWORD,
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logText += String(chunk);
        done();
      },
    });
    app = await build(ctx, {
      adminToken: ADMIN_TOKEN,
      logger: { ...(DEFAULT_LOGGER as object), level: 'trace', stream: sink },
    });
    const poster = (code: string) =>
      new ReliableHis(async (body, url) => {
        const res = await app.inject({
          method: 'POST',
          url,
          payload: body,
          headers: { 'content-type': 'text/plain' },
        });
        return { status: res.statusCode, text: res.body };
      }, code);
    hospital = poster('H42010000001');
    other = poster(OTHER_HOSPITAL);
    yichang = poster(YICHANG_HOSPITAL);
    await hospital.signIn();
    await other.signIn();
    secrets.push(
      alice.certNo,
      bob.certNo,
      '13912345678',
      '13787654321',
      STAFF_PASSWORD,
      ADMIN_TOKEN,
      hospital.signNo,
      other.signNo,
    );
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('an institution cannot touch another institution’s visit or settlement, nor use its sign-in', async () => {
    const open = await prepareVisit(hospital, alice, 50);
    const settled = await settleOutpatient(hospital, bob, 60);
    const setlId = (settled.settle.json.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id;
    const settle = await other.sendOnce(
      other.envelope('2207', (open.settleEnvelope as { input: unknown }).input),
    );
    expectNationalRefusal(settle, /^\[VISIT_NOT_FOUND\]/);
    const cancel = await other.sendOnce(
      other.envelope('2208', { data: { setl_id: setlId, mdtrt_id: settled.visitId, psn_no: bob.psnNo } }),
    );
    expectNationalRefusal(cancel, /^\[VISIT_NOT_FOUND\]/);
    const query = await other.sendOnce(
      other.envelope('5203', { data: { psn_no: bob.psnNo, setl_id: setlId, mdtrt_id: settled.visitId } }),
    );
    expectNationalRefusal(query, /^\[[A-Z_]*NOT_FOUND\]/);
    const borrowed = other.envelope('2207', (open.settleEnvelope as { input: unknown }).input);
    borrowed.sign_no = hospital.signNo;
    expectNationalRefusal(await other.sendOnce(borrowed), /^\[SIGN_IN_INVALID\]/);
  });

  it('an institution acts only in its own region', async () => {
    const wrongRegion = hospital.envelope('2201', { data: {} });
    wrongRegion.mdtrtarea_admvs = IN_PROVINCE_REGION;
    expectNationalRefusal(
      await hospital.sendOnce(wrongRegion),
      /^\[(INSTITUTION_REGION_MISMATCH|FIELD_REQUIRED|NODE_REQUIRED)\]/,
    );
    const signIn = yichang.envelope('9001', { signIn: { opter_no: '1', mac: 'm', ip: '1.1.1.1' } });
    signIn.mdtrtarea_admvs = '420100';
    expectNationalRefusal(await yichang.sendOnce(signIn), /^\[INSTITUTION_REGION_MISMATCH\]/);
  });

  it('agency staff act only in their own region', async () => {
    await ctx.store.db
      .insertInto('filings')
      .values({
        id: 'F-ACCESS-1',
        psn_no: alice.psnNo,
        insured_region_code: '420100',
        type: 'long_term_resident',
        target_scope: 'city',
        target_code: '341700',
        channel: 'online',
        status: 'pending_review',
        valid_from: '2026-12-01',
        valid_to: null,
        submitted_at: '2026-11-20T09:00:00+08:00',
        review_deadline_date: '2026-11-30',
        review_working_days: 5,
        approved_at: null,
        ended_on: null,
        supersedes: null,
        superseded_by: null,
        referral_disease_code: null,
        referral_institution_code: null,
        rejection_reason: null,
        submitted_by: alice.psnNo,
        person_seq: 1,
      })
      .execute();
    const login = await inject(
      'POST',
      '/api/agency/login',
      {},
      { username: 'yc-staff', password: STAFF_PASSWORD },
    );
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);
    const approve = await inject('POST', '/api/agency/filings/F-ACCESS-1/approve', { cookie }, {});
    expectRefusal(approve, [403, 404]);
    const reject = await inject(
      'POST',
      '/api/agency/filings/F-ACCESS-1/reject',
      { cookie },
      { reason: '越权测试' },
    );
    expectRefusal(reject, [400, 403, 404]);
    const status = await ctx.store.db
      .selectFrom('filings')
      .select('status')
      .where('id', '=', 'F-ACCESS-1')
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('pending_review');
    const queue = await inject('GET', '/api/agency/filings/queue', { cookie });
    expect(queue.body).not.toContain('F-ACCESS-1');
  });

  it('a person sees only their own records', async () => {
    const bobs = await settleOutpatient(hospital, bob, 70);
    const bobSetl = (bobs.settle.json.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id;
    const codeRes = await inject('POST', '/api/person/login-code', {}, { certificateNo: alice.certNo });
    expect(codeRes.statusCode).toBe(200);
    const sms = await ctx.store.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'sms')
      .execute();
    const texts = sms.map((r) => (JSON.parse(r.payload) as { text: string }).text).join('\n');
    const otp = /(?<!\d)\d{6}(?!\d)/.exec(texts)?.[0];
    expect(otp).toBeDefined();
    secrets.push(otp!);
    const login = await inject('POST', '/api/person/login', {}, { certificateNo: alice.certNo, code: otp });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);
    for (const id of [bobSetl, `${bobSetl}-1`]) {
      expectRefusal(await inject('GET', `/api/person/settlements/${id}`, { cookie }), [403, 404]);
    }
    const mine = await inject('GET', '/api/person/settlements', { cookie });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain(bobSetl);
    // The answer masks the person's own identifiers where they are not needed whole.
    const me = await inject('GET', '/api/person/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.body).not.toContain(alice.certNo);
    expect(me.body).not.toContain('13912345678');
  });

  it('admin functions need the admin role', async () => {
    const staffLogin = await inject(
      'POST',
      '/api/agency/login',
      {},
      { username: 'wh-staff', password: STAFF_PASSWORD },
    );
    const staffCookie = String(staffLogin.headers['set-cookie']).split(';')[0]!;
    secrets.push(staffCookie.split('=')[1]!);
    const credentials = [
      {},
      { cookie: staffCookie },
      { authorization: 'Bearer wrong-token' },
      { authorization: ADMIN_TOKEN },
    ];
    const calls: ['POST' | 'PUT', string, unknown][] = [
      ['PUT', '/api/admin/maintenance', { on: true, until: '2026-12-01 06:00', message: '维护' }],
      ['PUT', '/api/admin/gateway-auth', { mode: 'none' }],
      ['POST', '/api/admin/import?kind=regions', { kind: 'regions', rows: [] }],
      ['POST', '/api/admin/institutions/H42010000001/credentials', {}],
      ['POST', '/api/clearing/runs', { period: '2026-11' }],
    ];
    let refused = 0;
    for (const [method, url, body] of calls) {
      for (const headers of credentials) {
        const code = expectRefusal(
          await inject(method, url, headers as Record<string, string>, body),
          [401, 403],
        );
        expect(code).toMatch(/AUTH_REQUIRED|FORBIDDEN/);
        refused += 1;
      }
    }
    console.log(`[access] ${refused} admin calls without the admin role refused`);
  });

  it('login is rate limited', async () => {
    let limited = 0;
    for (let i = 0; i < 40; i++) {
      const res = await inject(
        'POST',
        '/api/agency/login',
        { 'x-forwarded-for': '10.9.9.9' },
        { username: 'wh-staff', password: `wrong-${i}` },
      );
      if (res.statusCode === 429) limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });

  it('the log of the whole run holds no secret, one-time code, ID-card or phone number in clear', () => {
    expect(logText.length).toBeGreaterThan(1000);
    const leaks = secrets.filter((s) => s.length >= 6 && logText.includes(s));
    console.log(
      `[access] ${logText.split('\n').length} log lines checked for ${secrets.length} secrets: ${leaks.length} found`,
    );
    expect(leaks).toEqual([]);
  });
});
