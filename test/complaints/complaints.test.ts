/**
 * 投诉台账与好差评 (R-P4) over HTTP on both dialects: a person files a complaint, staff of the insured
 * region reply and close it, the person sees the reply; staff of another region are refused; a person
 * rates only their own finished services, once; the region's rating summary is exact.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { verifyAuditChain } from '../../src/service/audit.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { gradeOf } from '../../src/service/ratings.ts';
import { demoStaffCredentials } from '../../src/service/staff-login.ts';
import { openSession } from '../../src/service/web-session.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { OTHER_PERSON, OTHER_SETTLEMENT_ID, PERSON, SETTLEMENT_ID, seedWebFixture } from '../web/fixture.ts';

describe.each(DIALECTS)('complaints and ratings (R-P4) on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let complaintId = '';

  async function bearer(role: 'person' | 'staff', subject: string, regionCode: string) {
    const { token } = await openSession(ctx, { role, subject, regionCode }, ctx.now());
    return { authorization: `Bearer ${token}` };
  }

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedWebFixture(ctx);
    app = await build(ctx, { logger: false });
    auth.person = await bearer('person', PERSON.psnNo, '341700');
    auth.other = await bearer('person', OTHER_PERSON.psnNo, '420100');
    auth.staff = await bearer('staff', demoStaffCredentials('341700').username, '341700');
    auth.foreignStaff = await bearer('staff', demoStaffCredentials('420100').username, '420100');
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  it('files a complaint about the person’s own settlement into the insured region’s ledger', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: auth.person,
      payload: {
        topic: '报销比例疑问',
        text: '武汉协和医院住院结算的自付太多，请解释。',
        subject: { type: 'settlement', id: SETTLEMENT_ID },
      },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'open', statusName: '待答复', insuredRegionCode: '341700' });
    expect(c.subject).toMatchObject({ type: 'settlement', id: SETTLEMENT_ID });
    complaintId = c.complaintId;
  });

  it('refuses a complaint about someone else’s settlement, and an empty complaint', async () => {
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: auth.person,
      payload: { topic: '别人的', text: '内容', subject: { type: 'settlement', id: OTHER_SETTLEMENT_ID } },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('COMPLAINT_SUBJECT_NOT_FOUND');
    const empty = await app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: auth.person,
      payload: { topic: '  ', text: '内容' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'COMPLAINT_INVALID_REQUEST', field: 'topic' });
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: { topic: 'x', text: 'y' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows the complaint to the staff of the insured region only', async () => {
    const mine = await app.inject({ method: 'GET', url: '/api/agency/complaints', headers: auth.staff });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((c: { complaintId: string }) => c.complaintId)).toEqual([complaintId]);
    expect(mine.json().counts).toEqual({ open: 1, answered: 0, closed: 0 });
    expect(mine.json().items[0].personName).toBe(PERSON.name);
    const foreign = await app.inject({
      method: 'GET',
      url: '/api/agency/complaints',
      headers: auth.foreignStaff,
    });
    expect(foreign.json().items).toEqual([]);
    const asPerson = await app.inject({ method: 'GET', url: '/api/agency/complaints', headers: auth.person });
    expect(asPerson.statusCode).toBe(401);
  });

  it('refuses staff of another region to reply or close, changing nothing', async () => {
    for (const action of ['reply', 'close']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/agency/complaints/${complaintId}/${action}`,
        headers: auth.foreignStaff,
        payload: { ...(action === 'reply' ? { text: '越权答复' } : {}) },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('COMPLAINT_NOT_FOUND');
    }
    const row = await ctx.store.db
      .selectFrom('complaints')
      .select('status')
      .where('complaint_id', '=', complaintId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('lets the region’s staff reply; the person sees the reply; then staff close it (audited)', async () => {
    const auditBefore = (await verifyAuditChain(ctx.store.db)).records;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/agency/complaints/${complaintId}/reply`,
      headers: auth.staff,
      payload: { text: '您的自付包含乙类先行自付和起付线，详见结算明细。' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().status).toBe('answered');
    const mine = await app.inject({ method: 'GET', url: '/api/complaints/mine', headers: auth.person });
    const seen = mine.json().items[0];
    expect(seen.statusName).toBe('已答复');
    expect(seen.events.map((e: { event: string }) => e.event)).toEqual(['filed', 'replied']);
    expect(seen.events[1]).toMatchObject({
      actorRole: 'staff',
      text: '您的自付包含乙类先行自付和起付线，详见结算明细。',
    });
    const others = await app.inject({ method: 'GET', url: '/api/complaints/mine', headers: auth.other });
    expect(others.json().items).toEqual([]);

    const close = await app.inject({
      method: 'POST',
      url: `/api/agency/complaints/${complaintId}/close`,
      headers: auth.staff,
      payload: { note: '已电话回访，参保人认可。' },
    });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 'closed', statusName: '已办结' });
    expect(close.json().closedAt).not.toBeNull();
    const again = await app.inject({
      method: 'POST',
      url: `/api/agency/complaints/${complaintId}/reply`,
      headers: auth.staff,
      payload: { text: '再答复' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('COMPLAINT_CLOSED');

    const chain = await verifyAuditChain(ctx.store.db);
    expect(chain.firstBreak).toBeNull();
    expect(chain.records).toBe(auditBefore + 2);
    const actions = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject', '=', complaintId)
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'complaint.file', actor: PERSON.psnNo },
      { action: 'complaint.reply', actor: 'staff341700' },
      { action: 'complaint.close', actor: 'staff341700' },
    ]);
  });

  it('keeps the complaint history append-only', async () => {
    await expect(
      ctx.store.db
        .updateTable('complaint_events')
        .set({ text: '改写' })
        .where('complaint_id', '=', complaintId)
        .execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
  });

  it('lets a person rate their own finished settlement once, and never someone else’s', async () => {
    const ratable = await app.inject({ method: 'GET', url: '/api/ratings/mine', headers: auth.person });
    expect(ratable.json().ratable.map((s: { serviceId: string }) => s.serviceId)).toEqual([SETTLEMENT_ID]);
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: auth.person,
      payload: { serviceType: 'settlement', serviceId: OTHER_SETTLEMENT_ID, score: 1 },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('RATING_SERVICE_NOT_FOUND');
    const first = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: auth.person,
      payload: { serviceType: 'settlement', serviceId: SETTLEMENT_ID, score: 5, comment: '结算很快' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ score: 5, grade: 'good', gradeName: '好评' });
    const twice = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: auth.person,
      payload: { serviceType: 'settlement', serviceId: SETTLEMENT_ID, score: 1 },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RATING_ALREADY_GIVEN');
    const badScore = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: auth.person,
      payload: { serviceType: 'settlement', serviceId: SETTLEMENT_ID, score: 6 },
    });
    expect(badScore.statusCode).toBe(400);
    const after = await app.inject({ method: 'GET', url: '/api/ratings/mine', headers: auth.person });
    expect(after.json().ratable).toEqual([]);
    expect(after.json().items).toHaveLength(1);
    const other = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers: auth.other,
      payload: { serviceType: 'settlement', serviceId: OTHER_SETTLEMENT_ID, score: 1 },
    });
    expect(other.statusCode).toBe(201);
  });

  it('refuses an undecided service, and lets only one of two simultaneous ratings in', async () => {
    const at = ctx.now().toISOString();
    await ctx.store.db
      .insertInto('chronic_diseases')
      .values({
        code: 'M03900',
        name: '高血压',
        category_name: '门诊慢特病',
        grant_mode: 'standard',
        cross_province: 1,
        icd10: '["I10"]',
        catalog_version: 'T',
        updated_at: at,
      })
      .execute();
    const application = (id: string, status: string) => ({
      application_id: id,
      psn_no: OTHER_PERSON.psnNo,
      region_code: '420100',
      disease_code: 'M03900',
      applied_on: at.slice(0, 10),
      applied_at: at,
      channel: 'online',
      submitted_by: OTHER_PERSON.psnNo,
      status,
      decided_at: status === 'pending_review' ? null : at,
      decided_by: null,
      decision_note: null,
      qualification_id: null,
    });
    await ctx.store.db
      .insertInto('chronic_applications')
      .values([application('MT-T-1', 'pending_review'), application('MT-T-2', 'approved')])
      .execute();
    const rate = (serviceId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/ratings',
        headers: auth.other,
        payload: { serviceType: 'chronic', serviceId, score: 3 },
      });
    const pending = await rate('MT-T-1');
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('RATING_SERVICE_NOT_FINISHED');
    const both = await Promise.all([rate('MT-T-2'), rate('MT-T-2')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.map((r) => r.json().code).filter(Boolean)).toEqual(['RATING_ALREADY_GIVEN']);
  });

  it('maps scores to 好/中/差评 and sums up each region exactly', async () => {
    expect([1, 2, 3, 4, 5].map(gradeOf)).toEqual(['poor', 'poor', 'neutral', 'good', 'good']);
    // Two more ratings of the region, stored as the service would (fake filing ids: only the figures matter).
    for (const [id, score] of [
      ['BA-T-1', 2],
      ['BA-T-2', 4],
    ] as const) {
      await ctx.store.db
        .insertInto('ratings')
        .values({
          rating_id: `PJ-${id}`,
          psn_no: PERSON.psnNo,
          insured_region_code: '341700',
          service_type: 'filing',
          service_id: id,
          score,
          grade: gradeOf(score),
          comment: '',
          created_at: ctx.now().toISOString(),
        })
        .execute();
    }
    const res = await app.inject({ method: 'GET', url: '/api/agency/ratings/summary', headers: auth.staff });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    // Scores 5, 2, 4: average 11/3 = 3.67; one 差评 of three = 33.33%.
    expect(s).toMatchObject({
      regionCode: '341700',
      count: 3,
      scoreSum: 11,
      averageScore: 3.67,
      good: 2,
      neutral: 0,
      poor: 1,
      poorShareBp: 3333,
      poorSharePercent: '33.33%',
    });
    expect(s.byServiceType).toEqual([
      expect.objectContaining({ serviceType: 'settlement', count: 1, averageScore: 5, poorShareBp: 0 }),
      expect.objectContaining({ serviceType: 'filing', count: 2, averageScore: 3, poorShareBp: 5000 }),
    ]);
    const foreign = await app.inject({
      method: 'GET',
      url: '/api/agency/ratings/summary',
      headers: auth.foreignStaff,
    });
    // 420100: scores 1 (settlement) and 3 (chronic): average 2.00, one 差评 of two.
    expect(foreign.json()).toMatchObject({
      regionCode: '420100',
      count: 2,
      averageScore: 2,
      neutral: 1,
      poorSharePercent: '50.00%',
    });
  });
});
