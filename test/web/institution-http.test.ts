/**
 * 定点医药机构视图 over HTTP on both dialects, with data made by driving the real national interface for
 * two hospitals (A and B): login with the gateway key pair (right, wrong, revoked — also ending a live
 * session), scoping (A never sees B's settlements, messages, visits or uploads; B's settlement in A's
 * detail list is "not on the platform" for A, without naming B), totals equal to the 3201 service's,
 * the message log showing a refused transaction, open visits, 2210 uploads and the daily figures.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fen } from '../../src/core/money/index.ts';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { issueInstitutionCredentials } from '../../src/service/his/gateway.ts';
import { revokeInstitutionCredentials } from '../../src/service/institution-login.ts';
import { reconcileInstitutionTotals } from '../../src/service/reconciliation/reconcile-totals.ts';
import { feeLine, ITEMS, type Out, registration, settleData, visitUpload } from '../national/flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  OTHER_HOSPITAL,
  PERSONS,
  seedChronicQualification,
  seedPolicies,
  seedReference,
} from '../national/support.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

type Person = (typeof PERSONS)[keyof typeof PERSONS];

interface Settled {
  /** The group's setl_id (setlinfo) and its only part's (exp_content.setl_parts), as the HIS got them. */
  setlId: string;
  partId: string;
  visitId: string;
  psnNo: string;
  medfee: number;
  fund: number;
  acct: number;
}

describe.each(DIALECTS)('institution view over HTTP on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let hisA: HisClient;
  let hisB: HisClient;
  const keys: Record<'a' | 'b' | 'aOld', { accessKey: string; secretKey: string }> = {} as never;
  const settledA: Settled[] = [];
  let settledB: Settled;
  let failedMsgid = '';
  let openVisitA = '';
  let openVisitB = '';
  let uploadA = '';
  let cookieA = '';
  let cookieB = '';

  async function ok(his: HisClient, infno: string, input: unknown, extra: Record<string, unknown> = {}) {
    const res = await his.call(infno, input, extra);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return { ...res, out: res.json.output as Out };
  }

  async function outpatient(his: HisClient, p: Person, insutype: string, ipt: string, settle: boolean) {
    const at = { insuplc_admdvs: p.region };
    const visitId = (await ok(his, '2201', registration(p, insutype, ipt), at)).out.data.mdtrt_id as string;
    await ok(his, '2203', visitUpload(p, visitId, '11'), at);
    await ok(
      his,
      '2204',
      {
        feedetail: [
          feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 4.52, cnt: 2 }),
          feeLine(p, visitId, { sn: '2', code: ITEMS.classB, pric: 10, cnt: 1 }),
        ],
      },
      at,
    );
    if (!settle) return { visitId, settled: null };
    const info = (await ok(his, '2207', settleData(p, visitId, insutype, '11', 19.04), at)).out
      .setlinfo as Out;
    const settled: Settled = {
      setlId: String(info.setl_id),
      partId: String(JSON.parse(info.exp_content).setl_parts[0].setl_id),
      visitId,
      psnNo: p.psnNo,
      medfee: Number(info.medfee_sumamt),
      fund: Number(info.fund_pay_sumamt),
      acct: Number(info.acct_pay),
    };
    return { visitId, settled };
  }

  async function login(pair: { accessKey: string; secretKey: string }) {
    return app.inject({ method: 'POST', url: '/api/institution/login', payload: pair });
  }

  function cookieOf(res: { headers: Record<string, unknown> }): string {
    const header = String(res.headers['set-cookie'] ?? '');
    expect(header).toMatch(/^yibao_institution=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    return header.split(';')[0]!;
  }

  async function get(url: string, cookie: string) {
    return app.inject({ method: 'GET', url, headers: { cookie } });
  }

  function csv(rows: readonly Settled[], id: (s: Settled) => string = (s) => s.setlId): string {
    const lines = rows.map((s) => [id(s), s.visitId, s.psnNo, s.medfee, s.fund, s.acct, '0'].join(','));
    return ['setl_id,mdtrt_id,psn_no,medfee_sumamt,fund_pay_sumamt,acct_pay,refd_setl_flag', ...lines].join(
      '\n',
    );
  }

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedChronicQualification(ctx.store.db);
    app = await build(ctx, { logger: false });
    hisA = new HisClient(injector(app), HOSPITAL);
    hisB = new HisClient(injector(app), OTHER_HOSPITAL);
    await hisA.signIn();
    await hisB.signIn();

    // A: two settled visits (local employee, in-province employee), one refused settlement, one open visit.
    settledA.push((await outpatient(hisA, PERSONS.local, '310', 'A-1', true)).settled!);
    settledA.push((await outpatient(hisA, PERSONS.inProvince, '310', 'A-2', true)).settled!);
    const open = await outpatient(hisA, PERSONS.local, '310', 'A-3', false);
    openVisitA = open.visitId;
    const refused = await hisA.call('2207', settleData(PERSONS.local, openVisitA, '310', '11', 1));
    expect(refused.json.infcode).toBe(-1);
    failedMsgid = String(refused.envelope.msgid);
    // A: a self-paid stay uploaded through 2210.
    const upload = await ok(hisA, '2210', {
      mdtrtinfo: {
        psn_no: PERSONS.local.psnNo,
        insutype: '310',
        ipt_otp_no: 'A-ZY-1',
        med_type: '21',
        begntime: '2026-04-20 08:30:00',
        endtime: '2026-04-28 16:00:00',
        dise_codg: 'J18.900',
      },
      diseinfo: [
        { diag_type: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', maindiag_flag: '1' },
      ],
      feedetail: [
        {
          feedetl_sn: 'F1',
          fee_ocur_time: '2026-04-22 10:00:00',
          med_list_codg: ITEMS.classA,
          medins_list_name: '院内甲药',
          det_item_fee_sumamt: 50,
          cnt: 4,
          pric: 12.5,
        },
      ],
    });
    uploadA = String(upload.out.result.upld_id);
    // B: one settled visit and one open visit.
    settledB = (await outpatient(hisB, PERSONS.local, '310', 'B-1', true)).settled!;
    openVisitB = (await outpatient(hisB, PERSONS.inProvince, '310', 'B-2', false)).visitId;

    const issue = async (code: string) => {
      const r = await issueInstitutionCredentials(ctx, code);
      if (!r.ok) throw new Error(r.error.message);
      return { accessKey: r.value.accessKey, secretKey: r.value.secretKey };
    };
    keys.a = await issue(HOSPITAL);
    keys.b = await issue(OTHER_HOSPITAL);
    keys.aOld = await issue(HOSPITAL);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  it('logs in with the right key pair and refuses a wrong secret or an unknown key alike', async () => {
    const good = await login(keys.a);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({
      institutionCode: HOSPITAL,
      regionCode: '420100',
      accessKey: keys.a.accessKey,
    });
    cookieA = cookieOf(good);
    const me = await get('/api/institution/me', cookieA);
    expect(me.json()).toMatchObject({ institutionCode: HOSPITAL, name: '武汉市第一测试医院' });
    cookieB = cookieOf(await login(keys.b));

    const wrong = await login({ accessKey: keys.a.accessKey, secretKey: `${keys.a.secretKey}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INSTITUTION_LOGIN_INVALID' });
    const otherSecret = await login({ accessKey: keys.a.accessKey, secretKey: keys.b.secretKey });
    expect(otherSecret.statusCode).toBe(401);
    const unknown = await login({ accessKey: 'aknope', secretKey: keys.a.secretKey });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.json().message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a revoked key, and revoking ends the sessions opened with it', async () => {
    const before = await login(keys.aOld);
    expect(before.statusCode).toBe(200);
    const cookie = cookieOf(before);
    expect((await get('/api/institution/me', cookie)).statusCode).toBe(200);
    const revoked = await revokeInstitutionCredentials(ctx, keys.aOld.accessKey);
    expect(revoked).toEqual({ ok: true, value: { accessKey: keys.aOld.accessKey, revoked: true } });
    const after = await login(keys.aOld);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'INSTITUTION_LOGIN_INVALID' });
    const live = await get('/api/institution/me', cookie);
    expect(live.statusCode).toBe(401);
    expect(live.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
    // The other key of the same institution still works.
    expect((await get('/api/institution/me', cookieA)).statusCode).toBe(200);
  });

  it('needs an institution session: none, or a staff-style bearer of another role, gets 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/institution/upload-status' })).statusCode).toBe(401);
    const token = cookieA.split('=')[1]!;
    const asStaff = await app.inject({
      method: 'GET',
      url: '/api/agency/me',
      headers: { cookie: `yibao_staff=${token}` },
    });
    expect(asStaff.statusCode).toBe(401);
  });

  it('shows totals per insurance type and clearing category equal to the 3201 service, for A only', async () => {
    const res = await get(
      '/api/institution/reconciliation/totals?beginDate=2026-05-01&endDate=2026-05-06',
      cookieA,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.groups.map((g: Out) => [g.insuranceType, g.clearingType])).toEqual([
      ['310', '11'],
      ['310', '9909'],
    ]);
    expect(body.groups[0]).toMatchObject({
      insuranceTypeName: '职工基本医疗保险',
      clearingTypeName: '普通门诊',
    });
    for (const g of body.groups as Out[]) {
      const service = await reconcileInstitutionTotals(ctx, {
        institutionCode: HOSPITAL,
        beginDate: '2026-05-01',
        endDate: '2026-05-06',
        insuranceType: g.insuranceType,
        clearingType: g.clearingType,
        includesRefunds: true,
        institution: {
          settlementCount: 0,
          medicalTotalFen: fen(0),
          fundPayFen: fen(0),
          accountPayFen: fen(0),
        },
      });
      if (!service.ok) throw new Error(service.error.message);
      expect({
        settlementCount: g.settlementCount,
        medicalTotalFen: g.medicalTotalFen,
        fundPayFen: g.fundPayFen,
        accountPayFen: g.accountPayFen,
      }).toEqual(service.value.platform);
    }
    const yuanToFen = (y: number) => Math.round(y * 100);
    expect(body.total).toEqual({
      settlementCount: 2,
      medicalTotalFen: settledA.reduce((s, x) => s + yuanToFen(x.medfee), 0),
      fundPayFen: settledA.reduce((s, x) => s + yuanToFen(x.fund), 0),
      accountPayFen: settledA.reduce((s, x) => s + yuanToFen(x.acct), 0),
    });
    const forB = (
      await get('/api/institution/reconciliation/totals?beginDate=2026-05-01&endDate=2026-05-06', cookieB)
    ).json();
    expect(forB.total.settlementCount).toBe(1);
    const empty = (
      await get('/api/institution/reconciliation/totals?beginDate=2026-04-01&endDate=2026-04-30', cookieA)
    ).json();
    expect(empty).toMatchObject({ groups: [], total: { settlementCount: 0 } });
    const bad = await get(
      '/api/institution/reconciliation/totals?beginDate=2026-05-09&endDate=2026-05-01',
      cookieA,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('answers the 3201 check of figures the institution states, for its own settlements only', async () => {
    const stated = (medicalTotalFen: number) =>
      app.inject({
        method: 'POST',
        url: '/api/institution/reconciliation/totals',
        headers: { cookie: cookieA },
        payload: {
          beginDate: '2026-05-01',
          endDate: '2026-05-06',
          insuranceType: '310',
          clearingType: '11',
          institution: {
            settlementCount: 1,
            medicalTotalFen,
            fundPayFen: Math.round(settledA[0]!.fund * 100),
            accountPayFen: Math.round(settledA[0]!.acct * 100),
          },
        },
      });
    const own = Math.round(settledA[0]!.medfee * 100);
    expect((await stated(own)).json()).toMatchObject({ balanced: true, differences: [] });
    const off = (await stated(own + 100)).json();
    expect(off).toMatchObject({
      balanced: false,
      differences: [{ field: 'medicalTotalFen', institution: own + 100, platform: own, delta: 100 }],
    });
    expect(off.explanation).toMatch(/^对账不平：医疗费总额/);
  });

  it('reconciles an uploaded detail list: balanced, then exactly the altered amount and B as not on the platform', async () => {
    const post = (content: string, format: 'csv' | 'json' = 'csv') =>
      app.inject({
        method: 'POST',
        url: '/api/institution/reconciliation/details',
        headers: { cookie: cookieA },
        payload: { beginDate: '2026-05-01', endDate: '2026-05-06', format, content },
      });
    const balanced = await post(csv(settledA));
    expect(balanced.statusCode).toBe(200);
    expect(balanced.json()).toMatchObject({ balanced: true, matchedCount: 2, differences: [] });

    const altered = { ...settledA[0]!, medfee: settledA[0]!.medfee + 1 };
    // B's settlement listed by its part id, which the platform holds — for B, not for A.
    const res = await post(
      csv([altered, settledA[1]!, settledB], (s) => (s === settledB ? s.partId : s.setlId)),
    );
    const body = res.json();
    expect(body).toMatchObject({ balanced: false, institutionCount: 3, platformCount: 2, matchedCount: 1 });
    expect(body.differences).toHaveLength(2);
    const mismatch = body.differences.find((d: Out) => d.settlementId === altered.setlId);
    expect(mismatch).toMatchObject({
      kind: 'mismatch',
      fields: [
        {
          field: 'medicalTotalFen',
          institution: Math.round(altered.medfee * 100),
          platform: Math.round(settledA[0]!.medfee * 100),
        },
      ],
    });
    const foreign = body.differences.find((d: Out) => d.settlementId === settledB.partId);
    expect(foreign).toMatchObject({ kind: 'missing_on_platform', platform: null });
    expect(foreign.message).toMatch(/^平台在对账范围内无此结算记录/);
    expect(JSON.stringify(body)).not.toContain(OTHER_HOSPITAL);

    // The same list as JSON; and a list A leaves out shows the platform's settlement with its msgid.
    const json = JSON.stringify(
      [settledA[1]!].map((s) => ({
        setl_id: s.setlId,
        mdtrt_id: s.visitId,
        psn_no: s.psnNo,
        medfee_sumamt: String(s.medfee),
        fund_pay_sumamt: s.fund,
        acct_pay: s.acct,
      })),
    );
    const partial = (await post(json, 'json')).json();
    expect(partial.differences).toHaveLength(1);
    expect(partial.differences[0]).toMatchObject({
      settlementId: settledA[0]!.setlId,
      kind: 'missing_at_institution',
    });

    const broken = await post('setl_id,medfee_sumamt\nS1,12.345');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'MONEY_TOO_PRECISE' });
    expect(broken.json().message).toMatch(/第 2 行 medfee_sumamt/);
    const noHeader = await post('S1,12.30');
    expect(noHeader.json()).toMatchObject({ code: 'RECONCILIATION_LIST_INVALID' });
  });

  it('shows upload status from the message log with the refused transaction, open visits and 2210 uploads — A only', async () => {
    const res = await get('/api/institution/upload-status', cookieA);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const failed = body.transactions.find((t: Out) => t.msgid === failedMsgid);
    expect(failed).toMatchObject({
      infno: '2207',
      name: expect.stringContaining('结算'),
      succeeded: false,
      errorCode: 'MEDFEE_TOTAL_MISMATCH',
    });
    expect(failed.errorMessage).toMatch(/^\[MEDFEE_TOTAL_MISMATCH\] /);
    expect(body.transactions.filter((t: Out) => t.succeeded === true).length).toBeGreaterThanOrEqual(9);
    expect(body.transactions.every((t: Out) => String(t.msgid).startsWith(HOSPITAL))).toBe(true);
    expect(body.openVisits).toEqual([
      expect.objectContaining({ visitId: openVisitA, lineCount: 2, amountFen: 1904, status: 'registered' }),
    ]);
    expect(body.unsettledUploads).toEqual([
      expect.objectContaining({ uploadId: uploadA, totalFen: 5000, hospitalVisitNo: 'A-ZY-1' }),
    ]);

    const forB = (await get('/api/institution/upload-status', cookieB)).json();
    expect(forB.openVisits.map((v: Out) => v.visitId)).toEqual([openVisitB]);
    expect(forB.unsettledUploads).toEqual([]);
    expect(forB.transactions.some((t: Out) => t.msgid === failedMsgid)).toBe(false);
  });

  it("shows today's and the last days' settlements", async () => {
    const body = (await get('/api/institution/settlement-days?days=3', cookieA)).json();
    expect(body.today).toBe('2026-05-06');
    expect(body.days.map((d: Out) => d.date)).toEqual(['2026-05-06', '2026-05-05', '2026-05-04']);
    expect(body.days[0]).toMatchObject({
      settlementCount: 2,
      reversalCount: 0,
      medicalTotalFen: settledA.reduce((s, x) => s + Math.round(x.medfee * 100), 0),
    });
    expect(body.days[1]).toMatchObject({ settlementCount: 0, medicalTotalFen: 0 });
  });

  // Last: it adds a settlement to A's day.
  it('reconciles a multi-part group (门慢特 + general) listed by the setl_id 2207 answered, with its totals', async () => {
    const p = PERSONS.local;
    const at = { insuplc_admdvs: p.region };
    const visitId = (await ok(hisA, '2201', registration(p, '310', 'A-C1'), at)).out.data.mdtrt_id as string;
    await ok(hisA, '2203', visitUpload(p, visitId, '14', 'M03900'), at);
    await ok(
      hisA,
      '2204',
      {
        feedetail: [
          feeLine(p, visitId, { sn: '1', code: ITEMS.hypertension, pric: 50, cnt: 2, dise: 'M03900' }),
          feeLine(p, visitId, { sn: '2', code: ITEMS.classA, pric: 4.52, cnt: 1 }),
        ],
      },
      at,
    );
    const info = (await ok(hisA, '2207', settleData(p, visitId, '310', '14', 104.52), at)).out
      .setlinfo as Out;
    expect(JSON.parse(info.exp_content).setl_parts).toHaveLength(2);
    const group: Settled = {
      setlId: String(info.setl_id),
      partId: '',
      visitId,
      psnNo: p.psnNo,
      medfee: Number(info.medfee_sumamt),
      fund: Number(info.fund_pay_sumamt),
      acct: Number(info.acct_pay),
    };
    const post = (rows: readonly Settled[]) =>
      app.inject({
        method: 'POST',
        url: '/api/institution/reconciliation/details',
        headers: { cookie: cookieA },
        payload: { beginDate: '2026-05-01', endDate: '2026-05-06', format: 'csv', content: csv(rows) },
      });
    const balanced = await post([...settledA, group]);
    expect(balanced.statusCode).toBe(200);
    expect(balanced.json()).toMatchObject({
      balanced: true,
      institutionCount: 3,
      platformCount: 3,
      matchedCount: 3,
      differences: [],
    });

    const altered = { ...group, fund: (Math.round(group.fund * 100) - 1) / 100 };
    const body = (await post([...settledA, altered])).json();
    expect(body).toMatchObject({ balanced: false, matchedCount: 2 });
    expect(body.differences).toHaveLength(1);
    expect(body.differences[0]).toMatchObject({
      settlementId: group.setlId,
      kind: 'mismatch',
      fields: [
        {
          field: 'fundPayFen',
          institution: Math.round(group.fund * 100) - 1,
          platform: Math.round(group.fund * 100),
        },
      ],
    });
    expect(body.differences[0].fields).toHaveLength(1);
  });
});
