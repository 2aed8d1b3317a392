/**
 * 综合待办 sources for chronic applications and complaints, and the dashboard panels built on the same
 * queue (overdue per case type) and on the 好差评 summary — on both dialects. Staff see their own
 * region only; deadlines and working days left come from the official calendar.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../src/core/calendar/index.ts';
import { build } from '../../src/http/server.ts';
import { loadCalendar } from '../../src/service/calendar/index.ts';
import { CHRONIC_REVIEW_WORKING_DAYS } from '../../src/service/chronic/case-source.ts';
import { applyForChronic, seedChronicCatalogIfEmpty } from '../../src/service/chronic/index.ts';
import { fileComplaint } from '../../src/service/complaints.ts';
import { COMPLAINT_REPLY_WORKING_DAYS } from '../../src/service/complaints-case-source.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { rateService } from '../../src/service/ratings.ts';
import { demoStaffCredentials } from '../../src/service/staff-login.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { OTHER_PERSON, OTHER_SETTLEMENT_ID, PERSON, SETTLEMENT_ID, seedWebFixture } from './fixture.ts';

const PDF = Buffer.from('%PDF-1.4 演示材料').toString('base64');

interface Entry {
  kind: string;
  caseId: string;
  regionCode: string;
  personName: string;
  submittedAt: string;
  deadlineDate: string;
  workingDaysLeft: number;
  overdue: boolean;
  openPath?: string;
}

describe.each(DIALECTS)('queue sources (chronic, complaints) and dashboard panels on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  const ids = { chronic: '', otherChronic: '', complaint: '', oldComplaint: '', otherComplaint: '' };
  const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();

  async function staffGet(region: string, url: string) {
    const login = await app.inject({
      method: 'POST',
      url: '/api/agency/login',
      payload: demoStaffCredentials(region),
    });
    const setCookie = login.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedWebFixture(ctx);
    await seedChronicCatalogIfEmpty(ctx.store);
    app = await build(ctx, { logger: false });
    for (const [p, region, key] of [
      [PERSON, '341700', 'chronic'],
      [OTHER_PERSON, '420100', 'otherChronic'],
    ] as const) {
      const applied = await applyForChronic(
        ctx,
        {
          psnNo: p.psnNo,
          diseaseCode: 'M03100',
          channel: 'online',
          materials: [{ fileName: '诊断证明.pdf', mimeType: 'application/pdf', contentBase64: PDF }],
        },
        { id: p.psnNo, role: 'person', regionCode: region },
      );
      if (!applied.ok) throw new Error(JSON.stringify(applied.error));
      ids[key] = applied.value.applicationId;
    }
    // The chronic application was submitted 40 days ago: long past its 2-working-day review deadline.
    await ctx.store.db
      .updateTable('chronic_applications')
      .set({ applied_at: longAgo })
      .where('application_id', '=', ids.chronic)
      .execute();
    for (const [p, key, topic] of [
      [PERSON, 'complaint', '窗口排队太久'],
      [PERSON, 'oldComplaint', '报销进度无人告知'],
      [OTHER_PERSON, 'otherComplaint', '电话打不通'],
    ] as const) {
      const filed = await fileComplaint(ctx, { psnNo: p.psnNo }, { topic, text: `${topic}，请尽快处理。` });
      if (!filed.ok) throw new Error(JSON.stringify(filed.error));
      ids[key] = filed.value.complaintId;
    }
    await ctx.store.db
      .updateTable('complaints')
      .set({ created_at: longAgo })
      .where('complaint_id', '=', ids.oldComplaint)
      .execute();
    // Ratings of 341700: 2 (差评) through the service, 5 and 4 stored directly; 420100 rates 1.
    const rated = await rateService(
      ctx,
      { psnNo: PERSON.psnNo },
      { serviceType: 'settlement', serviceId: SETTLEMENT_ID, score: 2 },
    );
    expect(rated.ok).toBe(true);
    const other = await rateService(
      ctx,
      { psnNo: OTHER_PERSON.psnNo },
      { serviceType: 'settlement', serviceId: OTHER_SETTLEMENT_ID, score: 1 },
    );
    expect(other.ok).toBe(true);
    const at = new Date().toISOString();
    await ctx.store.db
      .insertInto('ratings')
      .values([
        {
          rating_id: 'RT-QS-1',
          psn_no: PERSON.psnNo,
          insured_region_code: '341700',
          service_type: 'filing',
          service_id: 'F-QS-1',
          score: 5,
          grade: 'good',
          comment: '',
          created_at: at,
        },
        {
          rating_id: 'RT-QS-2',
          psn_no: PERSON.psnNo,
          insured_region_code: '341700',
          service_type: 'filing',
          service_id: 'F-QS-2',
          score: 4,
          grade: 'good',
          comment: '',
          created_at: at,
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('lists the pending chronic application and the open complaints of the own region, with deadlines', async () => {
    const calendar = await loadCalendar(ctx);
    const today = chinaDateOf(new Date().toISOString());
    const { kinds, entries } = (await staffGet('341700', '/api/agency/queue')) as {
      kinds: { kind: string }[];
      entries: Entry[];
    };
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['chronic', 'complaint']));
    expect(entries.every((e) => e.regionCode === '341700')).toBe(true);
    const mine = entries.filter((e) => e.kind === 'chronic' || e.kind === 'complaint');
    expect(mine.map((e) => e.caseId).sort()).toEqual([ids.chronic, ids.complaint, ids.oldComplaint].sort());
    for (const e of mine) {
      const days = e.kind === 'chronic' ? CHRONIC_REVIEW_WORKING_DAYS : COMPLAINT_REPLY_WORKING_DAYS;
      const due = calendar.deadlineFrom(e.submittedAt, days).date;
      const left = calendar.workingDaysLeft(today, due);
      expect(e).toMatchObject({
        deadlineDate: due,
        workingDaysLeft: left.days,
        overdue: left.overdue,
        personName: '张*',
        openPath: e.kind === 'chronic' ? '/agency/chronic' : '/agency/complaints',
      });
    }
    const byId = new Map(mine.map((e) => [e.caseId, e]));
    expect(byId.get(ids.chronic)!.overdue).toBe(true);
    expect(byId.get(ids.oldComplaint)!.overdue).toBe(true);
    const fresh = byId.get(ids.complaint)!;
    expect(fresh.overdue).toBe(false);
    expect(fresh.workingDaysLeft).toBe(calendar.countWorkingDays(today, fresh.deadlineDate).days);
    expect(fresh.workingDaysLeft).toBeGreaterThanOrEqual(COMPLAINT_REPLY_WORKING_DAYS - 1);

    const other = (await staffGet('420100', '/api/agency/queue')) as { entries: Entry[] };
    const theirs = other.entries.filter((e) => e.kind === 'chronic' || e.kind === 'complaint');
    expect(theirs.map((e) => e.caseId).sort()).toEqual([ids.otherChronic, ids.otherComplaint].sort());
  });

  it('drops a complaint from the queue once answered', async () => {
    const { replyToComplaint } = await import('../../src/service/complaints.ts');
    const done = await replyToComplaint(
      ctx,
      { username: 'staff420100', regionCode: '420100' },
      ids.otherComplaint,
      '已核实，热线已扩容。',
    );
    expect(done.ok).toBe(true);
    const other = (await staffGet('420100', '/api/agency/queue')) as { entries: Entry[] };
    expect(other.entries.some((e) => e.caseId === ids.otherComplaint)).toBe(false);
  });

  it('counts overdue cases per case type and the 好差评 figures on the dashboard', async () => {
    const dash = await staffGet('341700', '/api/agency/dashboard');
    const byKind = new Map(
      (dash.overdueByKind as { kind: string; open: number; overdue: number }[]).map((k) => [k.kind, k]),
    );
    expect(byKind.get('chronic')).toMatchObject({ kindZh: '门慢特病申请', open: 1, overdue: 1 });
    expect(byKind.get('complaint')).toMatchObject({ kindZh: '投诉', open: 2, overdue: 1 });
    expect(byKind.get('filing')).toMatchObject({ open: 0, overdue: 0 });
    expect(dash.ratings).toEqual({
      count: 3,
      averageScore: 3.67,
      good: 2,
      neutral: 0,
      poor: 1,
      poorShareBp: 3333,
      poorSharePercent: '33.33%',
    });
    const other = await staffGet('420100', '/api/agency/dashboard');
    expect(other.ratings).toMatchObject({ count: 1, averageScore: 1, poor: 1, poorShareBp: 10000 });
    const otherKinds = new Map(
      (other.overdueByKind as { kind: string; open: number }[]).map((k) => [k.kind, k]),
    );
    expect(otherKinds.get('chronic')).toMatchObject({ open: 1, overdue: 0 });
    expect(otherKinds.get('complaint')).toMatchObject({ open: 0, overdue: 0 });
  });
});
