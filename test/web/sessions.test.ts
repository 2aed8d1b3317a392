/**
 * Roles enforced on the server: a person logs in with an SMS code read from the outbox and sees only
 * their own records; staff see only their region; the e-credential token verifies, expires and cannot
 * be forged.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { issueECredentialToken, verifyECredentialToken } from '../../src/service/e-credential.ts';
import { demoStaffCredentials } from '../../src/service/staff-login.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { latestSmsCode, OTHER_SETTLEMENT_ID, PERSON, SETTLEMENT_ID, seedWebFixture } from './fixture.ts';

function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  return first.split(';')[0]!;
}

describe.each(DIALECTS)('web sessions and scoping on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let personCookie = '';
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedWebFixture(ctx);
    app = await build(ctx, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('sends a one-time code through the SMS outbox and never in the answer', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/login-code',
      payload: { certificateNo: PERSON.certificateNo },
    });
    expect(res.statusCode).toBe(200);
    const code = await latestSmsCode(ctx, PERSON.psnNo);
    expect(res.body).not.toContain(code);
    const stored = await ctx.store.db.selectFrom('login_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('answers an unknown certificate number exactly like a known one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/login-code',
      payload: { certificateNo: '110101199901011111' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toMatch(/如该证件号码已参保/);
  });

  it('refuses a resend within a minute', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/login-code',
      payload: { certificateNo: PERSON.certificateNo },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('LOGIN_CODE_TOO_FREQUENT');
  });

  it('refuses a wrong code, then logs in with the right one (HttpOnly cookie, token stored hashed)', async () => {
    const code = await latestSmsCode(ctx, PERSON.psnNo);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/person/login',
      payload: { certificateNo: PERSON.certificateNo, code: wrong },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('LOGIN_CODE_INVALID');
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/login',
      payload: { certificateNo: PERSON.certificateNo, code },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    personCookie = cookieOf(res.headers['set-cookie']);
    const token = personCookie.split('=')[1]!;
    const sessions = await ctx.store.db.selectFrom('web_sessions').select('token_hash').execute();
    expect(JSON.stringify(sessions)).not.toContain(token);
    const again = await app.inject({
      method: 'POST',
      url: '/api/person/login',
      payload: { certificateNo: PERSON.certificateNo, code },
    });
    expect(again.statusCode).toBe(401);
  });

  it('shows the person their own profile with masked numbers', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/person/me', headers: { cookie: personCookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      name: PERSON.name,
      certificateNoMasked: '341702********123X',
      phoneMasked: '138****1234',
    });
    expect(me.body).not.toContain(PERSON.certificateNo);
  });

  it('lists only the person’s own settlements and explains one in plain Chinese', async () => {
    const list = await app.inject({
      method: 'GET',
      url: '/api/person/settlements',
      headers: { cookie: personCookie },
    });
    expect(list.json().items.map((s: { settlementId: string }) => s.settlementId)).toEqual([SETTLEMENT_ID]);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/person/settlements/${SETTLEMENT_ID}`,
      headers: { cookie: personCookie },
    });
    expect(detail.statusCode).toBe(200);
    const e = detail.json().explanation;
    expect(e.summaryZh.join('')).toMatch(/本次医疗费共 3344\.00 元/);
    expect(e.steps.length).toBeGreaterThan(3);
    expect(e.steps.map((s: { step: string }) => s.step)).toContain('deductible');
    expect(e.lines).toHaveLength(4);
    expect(e.funds[0].nameZh).toBe('职工基本医疗保险统筹基金');
    const other = await app.inject({
      method: 'GET',
      url: `/api/person/settlements/${OTHER_SETTLEMENT_ID}`,
      headers: { cookie: personCookie },
    });
    expect(other.statusCode).toBe(404);
  });

  it('estimates a cost with the settlement core, writing nothing', async () => {
    const before = await ctx.store.db.selectFrom('settlements').select('settlement_id').execute();
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/estimate',
      headers: { cookie: personCookie },
      payload: {
        institutionCode: 'H34170000001',
        medicalType: '11',
        items: [{ itemCode: 'SA05', unitPriceYuan: '500.00', quantity: '1' }],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.situation).toBe('local');
    // Annual outpatient deductible 200, ratio 60 %: fund (500 − 200) × 60 % = 180.
    expect(body.explanation.amounts).toMatchObject({
      totalYuan: '500.00',
      fundPayYuan: '180.00',
      deductibleYuan: '200.00',
    });
    const after = await ctx.store.db.selectFrom('settlements').select('settlement_id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses a bad price in the estimate with the field named', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/person/estimate',
      headers: { cookie: personCookie },
      payload: {
        institutionCode: 'H34170000001',
        medicalType: '11',
        items: [{ itemCode: 'SA05', unitPriceYuan: '1.234', quantity: '1' }],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('items[0].unitPriceYuan');
  });

  it('refuses every personal route without a session', async () => {
    for (const url of [
      '/api/person/settlements',
      '/api/person/account',
      '/api/person/e-credential',
      '/api/agency/queue',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('SESSION_REQUIRED');
    }
  });

  it('does not accept a person session for the agency console', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/agency/dashboard',
      headers: { cookie: personCookie.replace('yibao_person', 'yibao_staff') },
    });
    expect(res.statusCode).toBe(401);
  });

  it('issues an e-credential token that 1101 can verify until it expires', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/person/e-credential',
      headers: { cookie: personCookie },
    });
    const { token, expiresAt } = res.json();
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    const ok = await verifyECredentialToken(ctx, token, new Date());
    expect(ok.ok && ok.value.personNo).toBe(PERSON.psnNo);
    const late = await verifyECredentialToken(ctx, token, new Date(Date.now() + 121_000));
    expect(!late.ok && late.error.code).toBe('E_CREDENTIAL_EXPIRED');
    const parts = token.split('.');
    parts[1] = 'PSN0002';
    const forged = await verifyECredentialToken(ctx, parts.join('.'), new Date());
    expect(!forged.ok && forged.error.code).toBe('E_CREDENTIAL_FORGED');
    const junk = await verifyECredentialToken(ctx, 'hello', new Date());
    expect(!junk.ok && junk.error.code).toBe('E_CREDENTIAL_MALFORMED');
    const fresh = await issueECredentialToken(ctx, PERSON.psnNo, new Date());
    expect(fresh.token).not.toBe(token);
  });

  it('shows the personal account', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/person/account',
      headers: { cookie: personCookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ balanceYuan: '2000.00' });
  });

  it('logs the person out for good', async () => {
    const out = await app.inject({
      method: 'POST',
      url: '/api/person/logout',
      headers: { cookie: personCookie },
    });
    expect(out.statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url: '/api/person/me', headers: { cookie: personCookie } });
    expect(res.statusCode).toBe(401);
  });

  it('logs staff in and scopes the dashboard to their region (R-S4)', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/agency/login',
      payload: { username: 'staff341700', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    const creds = demoStaffCredentials('341700');
    const res = await app.inject({ method: 'POST', url: '/api/agency/login', payload: creds });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: '341700', regionName: '池州市' });
    const cookie = cookieOf(res.headers['set-cookie']);
    const dash = await app.inject({ method: 'GET', url: '/api/agency/dashboard', headers: { cookie } });
    expect(dash.statusCode).toBe(200);
    const body = dash.json();
    expect(body.regionCode).toBe('341700');
    expect(body.months.reduce((n: number, m: { settlements: number }) => n + m.settlements, 0)).toBe(1);
    expect(body.overallRateBp).toBe(5000);
    expect(
      body.directRates.every((r: { treatmentRegionCode: string }) => r.treatmentRegionCode === '420100'),
    ).toBe(true);
    const queue = await app.inject({ method: 'GET', url: '/api/agency/queue', headers: { cookie } });
    expect(queue.statusCode).toBe(200);
    expect(Array.isArray(queue.json().entries)).toBe(true);
  });
});
