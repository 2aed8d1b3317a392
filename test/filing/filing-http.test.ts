import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { openSession } from '../../src/service/web-session.ts';
import { DIALECTS } from '../support/stores.ts';
import { CHIZHOU, type FilingFixture, openFilingFixture, WUHAN, ZHENGZHOU } from './fixture.ts';

const ADMIN = 'admin-token-for-tests-0123456789';

describe.each(DIALECTS)('filing REST API on %s', (dialect) => {
  let fx: FilingFixture;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  async function session(role: 'person' | 'staff', subject: string, regionCode: string) {
    const { token } = await openSession(fx.ctx, { role, subject, regionCode }, fx.ctx.now());
    return `yibao_${role}=${token}`;
  }

  beforeAll(async () => {
    fx = await openFilingFixture(dialect);
    app = await build(fx.ctx, { logger: false, adminToken: ADMIN });
    cookies.p1 = await session('person', 'P1', CHIZHOU);
    cookies.p2 = await session('person', 'P2', CHIZHOU);
    cookies.czStaff = await session('staff', 'cz-staff', CHIZHOU);
    cookies.whStaff = await session('staff', 'wh-staff', WUHAN);
  });
  afterAll(async () => {
    await app.close();
    await fx.close();
  });

  const post = (url: string, cookie: string | undefined, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });
  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  const toWuhan = { type: 'other_temporary', target: { scope: 'city', regionCode: WUHAN } };

  it('refuses a filing without a session, in Chinese', async () => {
    const res = await post('/api/filings', undefined, toWuhan);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
  });

  it('POST /api/filings files online for the session’s person and lists it under /mine', async () => {
    const res = await post('/api/filings', cookies.p1, toWuhan);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      decision: 'approved',
      filing: { personNo: 'P1', channel: 'online', channelName: '线上办理', status: 'approved' },
    });
    expect(res.headers['cache-control']).toBe('no-store');
    const mine = await get('/api/filings/mine', cookies.p1);
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0].history[0]).toMatchObject({ event: 'submit', to: 'approved' });
    expect((await get('/api/filings/mine', cookies.p2)).json().items).toEqual([]);
  });

  it('an overlapping filing is a 409 with a stable code and a plain reason', async () => {
    const res = await post('/api/filings', cookies.p1, { ...toWuhan, validFrom: '2026-04-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'FILING_OVERLAP', ruleId: 'R-F1', field: 'target' });
    expect(res.json().message).toMatch(/重叠/);
  });

  it('a rule refusal is a 422; a malformed body a 400', async () => {
    const home = await post('/api/filings', cookies.p2, {
      type: 'long_term_resident',
      target: { scope: 'city', regionCode: CHIZHOU },
    });
    expect(home.statusCode).toBe(422);
    expect(home.json().code).toBe('FILING_TARGET_IS_HOME');
    const bad = await post('/api/filings', cookies.p2, { type: 'holiday_trip', target: { scope: 'city' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('queued filings reach the staff queue with deadline and days left; staff of other regions cannot decide', async () => {
    const queued = await post('/api/filings', cookies.p2, {
      type: 'long_term_resident',
      target: { scope: 'city', regionCode: ZHENGZHOU },
    });
    expect(queued.json()).toMatchObject({ decision: 'queued', filing: { reviewDeadlineDate: '2026-03-04' } });
    const id = queued.json().filing.id as string;

    const q = await get('/api/agency/filings/queue', cookies.czStaff);
    expect(q.statusCode).toBe(200);
    expect(q.json().items).toMatchObject([
      { personName: '李四', deadlineDate: '2026-03-04', workingDaysLeft: 2, overdue: false, warnings: [] },
    ]);
    const combined = await get('/api/agency/queue', cookies.czStaff);
    expect(combined.json().entries).toContainEqual(
      expect.objectContaining({ kind: 'filing', caseId: id, deadlineDate: '2026-03-04' }),
    );
    expect((await get('/api/agency/filings/queue', cookies.whStaff)).json().items).toEqual([]);
    expect((await get('/api/agency/filings/queue', cookies.p1)).statusCode).toBe(401);

    const foreign = await post(`/api/agency/filings/${id}/approve`, cookies.whStaff, {});
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('FILING_OTHER_REGION');
    const noReason = await post(`/api/agency/filings/${id}/reject`, cookies.czStaff, {});
    expect(noReason.statusCode).toBe(400);
    const ok = await post(`/api/agency/filings/${id}/approve`, cookies.czStaff, { note: '材料齐全' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().filing).toMatchObject({ status: 'approved', statusName: '已通过' });
    const again = await post(`/api/agency/filings/${id}/approve`, cookies.czStaff, {});
    expect(again.statusCode).toBe(409);
  });

  it('the window files for a person of its region; change and revoke work for person and staff', async () => {
    const window = await post('/api/agency/filings', cookies.czStaff, {
      psnNo: 'P1',
      type: 'emergency',
      target: { scope: 'city', regionCode: ZHENGZHOU },
    });
    expect(window.statusCode).toBe(201);
    expect(window.json().filing).toMatchObject({ channel: 'window', status: 'approved' });
    const id = window.json().filing.id as string;

    const [current] = (await get('/api/filings/mine', cookies.p1)).json().items as {
      id: string;
      type: string;
    }[];
    expect(current!.id).toBe(id);
    const changed = await post(`/api/filings/${id}/change`, cookies.p1, { type: 'other_temporary' });
    expect(changed.statusCode).toBe(201);
    expect(changed.json().filing).toMatchObject({ supersedes: id, type: 'other_temporary' });
    const byOther = await post(`/api/filings/${changed.json().filing.id}/revoke`, cookies.p2, {});
    expect(byOther.statusCode).toBe(404);
    const revoked = await post(`/api/filings/${changed.json().filing.id}/revoke`, cookies.czStaff, {
      reason: '本人电话申请撤销',
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().filing.history.at(-1)).toMatchObject({ event: 'revoke', actor: 'agency' });
  });

  it('admin routes: calendar import, lists and policy need the admin token', async () => {
    const payload = {
      knownFrom: '2027-01-01',
      knownTo: '2027-12-31',
      rows: [{ date: '2027-01-01', kind: 'holiday' }],
    };
    expect((await post('/api/admin/calendar/overrides', undefined, payload)).statusCode).toBe(401);
    const auth = { authorization: `Bearer ${ADMIN}` };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/admin/calendar/overrides',
      headers: auth,
      payload: { knownFrom: '2029-01-01', knownTo: '2029-12-31', rows: [] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('CALENDAR_IMPORT_INVALID');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/admin/calendar/overrides',
      headers: auth,
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 1, knownTo: '2027-12-31' });
    expect((await get('/api/public/calendar/2027')).json()).toMatchObject({ known: true });

    const lists = await app.inject({
      method: 'POST',
      url: '/api/admin/filing-lists',
      headers: auth,
      payload: {
        list: 'unconditional_referral',
        regions: [{ regionCode: CHIZHOU, entries: [{ code: 'C34.9', name: '肺恶性肿瘤' }] }],
      },
    });
    expect(lists.json()).toMatchObject({ regions: [CHIZHOU], entries: 1 });
    const policy = await app.inject({
      method: 'PUT',
      url: `/api/admin/filing-policies/${CHIZHOU}`,
      headers: auth,
      payload: {
        temporaryValidity: { months: 3 },
        reviewWorkingDays: 2,
        autoApprove: { longTermOnCommitment: true, otherTemporary: true, referralOnline: true },
      },
    });
    expect(policy.statusCode).toBe(200);
    const rules = (await get(`/api/public/filing-rules/${CHIZHOU}`)).json();
    expect(rules.policy.temporaryValidity).toEqual({ months: 3 });
    expect(rules.unconditionalReferralDiseases).toEqual([{ code: 'C34.9', name: '肺恶性肿瘤' }]);
    expect(rules.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(
      expect.arrayContaining(['R-F1', 'R-F2', 'R-F3', 'R-F4', 'R-F5', 'R-F6', 'R-F7', 'R-F8']),
    );
    expect(rules.rules[1].text).toContain('3 个月');
  });

  it('every filing route is in the OpenAPI document with its schema', async () => {
    const doc = (await get('/docs/json')).json();
    for (const path of [
      '/api/filings',
      '/api/filings/mine',
      '/api/filings/{id}/change',
      '/api/filings/{id}/revoke',
      '/api/agency/filings',
      '/api/agency/filings/queue',
      '/api/agency/filings/{id}/approve',
      '/api/agency/filings/{id}/reject',
      '/api/admin/calendar/overrides',
      '/api/public/filing-rules/{regionCode}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/filings'].post.requestBody).toBeDefined();
  });
});
