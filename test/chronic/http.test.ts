/** The chronic REST API through Fastify inject(), on both dialects: who may call, and one full R-C5 walk. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendError, toErrorReply } from '../../src/http/errors.ts';
import { registerChronicRoutes } from '../../src/http/routes/chronic.ts';
import { logFileSmsSender } from '../../src/service/chronic/index.ts';
import type { AppContext } from '../../src/service/context.ts';
import { openSession } from '../../src/service/web-session.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import { addDischarge, addPerson, contextOf, seedReference, steppingClock } from './fixtures.ts';

const ADMIN = 'admin-token-for-tests-0123456789';

describe.each(DIALECTS)('chronic REST API (%s)', (dialect) => {
  let store: Store;
  let ctx: AppContext;
  let app: FastifyInstance;
  let staff: string;
  let otherStaff: string;
  let person: string;
  const smsLog = join(mkdtempSync(join(tmpdir(), 'yibao-sms-')), 'sms.log');
  const clock = steppingClock('2026-03-02T02:00:00.000Z');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    await seedReference(store);
    ctx = contextOf(store, clock);
    await addPerson(store, { psnNo: 'H0001', idCard: '341702195001011234' });
    await addPerson(store, { psnNo: 'H0002' });
    await addDischarge(store, {
      psnNo: 'H0001',
      endTime: '2026-03-01T10:00:00+08:00',
      diagnoses: [{ diag_code: 'G30.100' }],
    });
    staff = (
      await openSession(ctx, { role: 'staff', subject: 'staff341700', regionCode: '341700' }, clock.now())
    ).token;
    otherStaff = (
      await openSession(ctx, { role: 'staff', subject: 'staff420100', regionCode: '420100' }, clock.now())
    ).token;
    person = (await openSession(ctx, { role: 'person', subject: 'H0002', regionCode: '341700' }, clock.now()))
      .token;
    // A bare Fastify with the project's error contract: this file tests the chronic routes alone.
    app = Fastify({ logger: false });
    app.setErrorHandler((error, request, reply) => {
      const { status, body } = toErrorReply(error, request);
      return sendError(reply, status, body);
    });
    registerChronicRoutes(app, ctx, { adminToken: ADMIN, smsSender: logFileSmsSender(smsLog, clock.now) });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists the catalog with a region’s local codes, publicly', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/chronic/diseases?region=420100' });
    expect(res.statusCode).toBe(200);
    const hypertension = res.json().diseases.find((d: { code: string }) => d.code === 'M03900');
    expect(hypertension).toMatchObject({ name: '高血压', crossProvince: true, localCode: 'HB420100MT001' });
  });

  it('refuses callers without a session, and a person for agency work', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/chronic/qualifications?psn_no=H0001' });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('CHRONIC_AUTH_REQUIRED');
    const personRun = await app.inject({
      method: 'POST',
      url: '/api/chronic/screening-runs',
      headers: as(person),
      payload: {},
    });
    expect(personRun.statusCode).toBe(401);
    const catalog = await app.inject({
      method: 'PUT',
      url: '/api/chronic/catalog',
      headers: as(staff),
      payload: {},
    });
    expect(catalog.statusCode).toBe(401);
  });

  it('R-C5 over HTTP: screen → candidates → consent → qualification by ID card → SMS delivered once to the log', async () => {
    const run = await app.inject({
      method: 'POST',
      url: '/api/chronic/screening-runs',
      headers: as(staff),
      payload: {},
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ dischargeDate: '2026-03-01', addedCount: 1 });
    const foreign = await app.inject({
      method: 'GET',
      url: '/api/chronic/candidates',
      headers: as(otherStaff),
    });
    expect(foreign.json().candidates).toEqual([]);
    const list = await app.inject({
      method: 'GET',
      url: '/api/chronic/candidates?status=pending_contact',
      headers: as(staff),
    });
    const [candidate] = list.json().candidates;
    expect(candidate).toMatchObject({ psnNo: 'H0001', diseaseCode: 'M02300' });
    const wrongRegion = await app.inject({
      method: 'POST',
      url: `/api/chronic/candidates/${candidate.candidateId}/consent`,
      headers: as(otherStaff),
      payload: {},
    });
    expect(wrongRegion.statusCode).toBe(403);
    const consent = await app.inject({
      method: 'POST',
      url: `/api/chronic/candidates/${candidate.candidateId}/consent`,
      headers: as(staff),
      payload: { note: '家属电话确认同意' },
    });
    expect(consent.statusCode).toBe(200);
    expect(consent.json()).toMatchObject({
      smsQueued: true,
      qualification: { diseaseCode: 'M02300', startDate: '2026-03-02' },
    });
    const again = await app.inject({
      method: 'POST',
      url: `/api/chronic/candidates/${candidate.candidateId}/consent`,
      headers: as(staff),
      payload: {},
    });
    expect(again.statusCode).toBe(409);

    const byId = await app.inject({
      method: 'GET',
      url: '/api/chronic/qualifications?cert_type=02&cert_no=341702195001011234',
      headers: as(staff),
    });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().qualifications.map((q: { diseaseName: string }) => q.diseaseName)).toEqual([
      '阿尔茨海默病',
    ]);

    const deliver = await app.inject({ method: 'POST', url: '/api/chronic/sms/deliver', headers: as(ADMIN) });
    expect(deliver.json()).toEqual({ delivered: 1, failed: 0 });
    const redeliver = await app.inject({
      method: 'POST',
      url: '/api/chronic/sms/deliver',
      headers: as(ADMIN),
    });
    expect(redeliver.json()).toEqual({ delivered: 0, failed: 0 });
    const lines = readFileSync(smsLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ template: 'chronic_grant', psnNo: 'H0001', phone: '138****1234' });
    expect(lines[0].text).toContain('阿尔茨海默病');
  });

  it('R-C6 over HTTP: a person applies online, staff approve, the person sees the qualification from the application day', async () => {
    const pdf = Buffer.from('%PDF 青光眼诊断').toString('base64');
    const applied = await app.inject({
      method: 'POST',
      url: '/api/chronic/applications',
      headers: as(person),
      payload: {
        psnNo: 'H0001',
        diseaseCode: 'M03100',
        materials: [{ fileName: '诊断.pdf', mimeType: 'application/pdf', contentBase64: pdf }],
      },
    });
    expect(applied.statusCode).toBe(201);
    // The session decides whose application it is, not the body.
    expect(applied.json()).toMatchObject({
      psnNo: 'H0002',
      channel: 'online',
      appliedOn: '2026-03-02',
      status: 'pending_review',
    });
    clock.set('2026-03-05T02:00:00.000Z');
    // Sessions are short-lived; sign in again on the review day.
    staff = (
      await openSession(ctx, { role: 'staff', subject: 'staff341700', regionCode: '341700' }, clock.now())
    ).token;
    person = (await openSession(ctx, { role: 'person', subject: 'H0002', regionCode: '341700' }, clock.now()))
      .token;
    const review = await app.inject({
      method: 'POST',
      url: `/api/chronic/applications/${applied.json().applicationId}/review`,
      headers: as(staff),
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(200);
    expect(review.json()).toMatchObject({
      application: { status: 'approved' },
      qualification: { startDate: '2026-03-02' },
      toRecompute: [],
    });
    const mine = await app.inject({
      method: 'GET',
      url: '/api/chronic/qualifications?psn_no=H0001',
      headers: as(person),
    });
    expect(mine.json()).toMatchObject({
      psnNo: 'H0002',
      qualifications: [{ diseaseCode: 'M03100', startDate: '2026-03-02', effective: true }],
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/chronic/applications',
      headers: as(person),
      payload: {
        diseaseCode: 'M02000',
        materials: [{ fileName: 'x.exe', mimeType: 'application/x-msdownload', contentBase64: pdf }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'CHRONIC_MATERIAL_INVALID', field: 'materials[0].mimeType' });
  });

  it('imports a catalog all-or-nothing through the admin API', async () => {
    const broken = await app.inject({
      method: 'PUT',
      url: '/api/chronic/catalog',
      headers: as(ADMIN),
      payload: { diseases: [{ code: 'BAD' }] },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('CHRONIC_CATALOG_INVALID');
    const still = await app.inject({ method: 'GET', url: '/api/chronic/diseases' });
    expect(still.json().diseases).toHaveLength(20);
  });

  it('runs pending R-C6 recomputations only for the administrator', async () => {
    const byStaff = await app.inject({
      method: 'POST',
      url: '/api/chronic/recompute-requests/process',
      headers: as(staff),
    });
    expect(byStaff.statusCode).toBe(401);
    expect(byStaff.json().code).toMatch(/AUTH|ADMIN/);
    const byAdmin = await app.inject({
      method: 'POST',
      url: '/api/chronic/recompute-requests/process',
      headers: as(ADMIN),
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ failed: [] });
  });

  it('answers the qualification history when asked with history=true in the query string', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/chronic/qualifications?psn_no=H0001&history=true',
      headers: as(ADMIN),
    });
    expect(res.statusCode).toBe(200);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/chronic/qualifications?psn_no=H0001&history=yes',
      headers: as(ADMIN),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});
