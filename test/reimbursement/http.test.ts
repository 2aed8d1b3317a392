/**
 * The REST edge of manual reimbursement and relation transfer on both dialects: institution upload
 * (admin token + institution code seam), claim by the person with base64 and multipart materials,
 * the agency's moves and queue, and the person's transfer progress — coded Chinese errors throughout.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { openSession } from '../../src/service/web-session.ts';
import { DIALECTS } from '../support/stores.ts';
import { CHIZHOU, type Fixture, HEFEI, HEFEI_HOSPITAL, openFixture } from './fixture.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
const PDF = Buffer.from('%PDF-1.4 demo').toString('base64');

describe.each(DIALECTS)('reimbursement and transfer REST API on %s', (dialect) => {
  let fx: Fixture;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const session = async (role: 'person' | 'staff', subject: string, regionCode: string) =>
    `yibao_${role}=${(await openSession(fx.ctx, { role, subject, regionCode }, fx.ctx.now())).token}`;

  beforeAll(async () => {
    fx = await openFixture(dialect);
    app = await build(fx.ctx, { logger: false, adminToken: ADMIN });
  });
  /** Moves the clock and signs everyone in afresh (person sessions last two hours). */
  async function at(iso: string) {
    fx.setNow(iso);
    cookies.p1 = await session('person', 'P1', CHIZHOU);
    cookies.cz = await session('staff', 'cz-clerk', CHIZHOU);
    cookies.hf = await session('staff', 'hf-clerk', HEFEI);
  }
  afterAll(async () => {
    await app.close();
    await fx.close();
  });

  const post = (
    url: string,
    cookie: string | undefined,
    payload: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  const upload = {
    institutionCode: HEFEI_HOSPITAL,
    psnNo: 'P1',
    hospitalVisitNo: 'ZY-HTTP-1',
    kind: 'inpatient',
    medType: '21',
    beginTime: '2026-04-20T08:00:00+08:00',
    endTime: '2026-04-27T10:00:00+08:00',
    diagnoses: [{ code: 'I21.9', name: '急性心肌梗死' }],
    lines: [
      {
        lineNo: '1',
        itemCode: 'DRUG-A',
        unitPrice: '20000.00',
        quantity: '2',
        amount: '40000.00',
        feeTime: '2026-04-21T09:00:00+08:00',
      },
      {
        lineNo: '2',
        itemCode: 'DRUG-B',
        unitPrice: '5000',
        quantity: '3',
        amount: '15000.00',
        feeTime: '2026-04-22T09:00:00+08:00',
      },
      {
        lineNo: '3',
        itemCode: 'ITEM-C',
        unitPrice: '5000.00',
        quantity: '1',
        amount: '5000.00',
        feeTime: '2026-04-23T09:00:00+08:00',
      },
    ],
  };

  it('manual claim: upload, submit, multipart materials, accept with a 7-day deadline, approve, pay', async () => {
    await at('2026-04-28T09:00:00+08:00');
    const noAdmin = await post('/api/institutions/unsettled-fees', undefined, upload);
    expect(noAdmin.statusCode).toBe(401);
    const up = await post('/api/institutions/unsettled-fees', undefined, upload, {
      authorization: `Bearer ${ADMIN}`,
    });
    expect(up.statusCode).toBe(201);
    const receipt = up.json();
    expect(receipt).toMatchObject({ totalFen: 6_000_000, late: false, dueDate: '2026-04-30' });
    const badMoney = await post(
      '/api/institutions/unsettled-fees',
      undefined,
      { ...upload, hospitalVisitNo: 'X', lines: [{ ...upload.lines[0], amount: '1.234' }] },
      { authorization: `Bearer ${ADMIN}` },
    );
    expect(badMoney.statusCode).toBe(400);
    expect(badMoney.json().message).toMatch(/[\u4e00-\u9fa5]/);

    expect((await get('/api/reimbursement/bills', cookies.p1)).json().items).toHaveLength(1);
    const list = await get(`/api/reimbursement/material-lists/${CHIZHOU}`);
    expect(list.json().items.map((i: { code: string }) => i.code)).toContain('RECEIPT');

    await at('2026-04-30T10:00:00+08:00');
    const noSession = await post('/api/reimbursement/claims', undefined, { uploadId: receipt.uploadId });
    expect(noSession.statusCode).toBe(401);
    const submitted = await post('/api/reimbursement/claims', cookies.p1, {
      uploadId: receipt.uploadId,
      materials: ['IDENTITY', 'RECEIPT'].map((itemCode) => ({
        itemCode,
        fileName: `${itemCode}.pdf`,
        mimeType: 'application/pdf',
        contentBase64: PDF,
      })),
    });
    expect(submitted.statusCode).toBe(201);
    const claimId = submitted.json().claimId as string;

    const boundary = '----yibao-test';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 demo\r\n`;
    const multipart = await app.inject({
      method: 'POST',
      url: `/api/reimbursement/claims/${claimId}/materials`,
      headers: { cookie: cookies.p1!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${part('BANK_ACCOUNT')}${part('DISCHARGE_SUMMARY')}--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);
    expect(multipart.json().providedMaterials).toEqual([
      'IDENTITY',
      'RECEIPT',
      'BANK_ACCOUNT',
      'DISCHARGE_SUMMARY',
    ]);
    const beyond = await post(`/api/agency/reimbursement/claims/${claimId}/return`, cookies.cz, {
      missing: ['HOUSEHOLD_REGISTER'],
    });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json()).toMatchObject({ code: 'REIMBURSEMENT_MATERIAL_NOT_IN_LIST', ruleId: 'R-R1' });

    const accepted = await post(`/api/agency/reimbursement/claims/${claimId}/accept`, cookies.cz, undefined);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().deadline).toMatchObject({ date: '2026-05-13', workingDays: 7, fastTrack: true });
    const otherRegion = await post(`/api/agency/reimbursement/claims/${claimId}/approve`, cookies.hf, {});
    expect(otherRegion.statusCode).toBe(403);
    const queue = await get('/api/agency/reimbursement/queue', cookies.cz);
    expect(queue.json().items[0]).toMatchObject({
      caseId: claimId,
      deadlineDate: '2026-05-13',
      overdue: false,
    });
    const preview = await get(`/api/agency/reimbursement/claims/${claimId}/computation`, cookies.cz);
    expect(preview.statusCode).toBe(200);
    const approved = await post(`/api/agency/reimbursement/claims/${claimId}/approve`, cookies.cz, {});
    expect(approved.json().approvedFen).toBe(preview.json().result.totals.fundTotalFen);
    const paid = await post(`/api/agency/reimbursement/claims/${claimId}/pay`, cookies.cz, {
      paymentRef: 'BANK-1',
    });
    expect(paid.json().status).toBe('paid');
    const recovery = await post(`/api/agency/reimbursement/claims/${claimId}/adjustments`, cookies.cz, {
      kind: 'recovery',
      amount: '10.00',
      reason: '重复收费',
    });
    expect(recovery.statusCode).toBe(201);
    const detail = await get(`/api/reimbursement/claims/${claimId}`, cookies.p1);
    expect(detail.json()).toMatchObject({ status: 'paid', netPaidFen: approved.json().approvedFen - 1000 });
    expect(detail.json().clock).toMatchObject({ deadlineDate: '2026-05-13', decidedLate: false });
    const file = await get(
      `/api/reimbursement/claims/${claimId}/materials/${detail.json().files[0].materialId}`,
      cookies.p1,
    );
    expect(file.headers['content-type']).toContain('application/pdf');
  });

  it('transfer: apply online, each side acts, the person follows progress', async () => {
    await at('2026-09-28T10:00:00+08:00');
    const applied = await post('/api/transfers', cookies.p1, { toRegionCode: HEFEI });
    expect(applied.statusCode).toBe(201);
    const id = applied.json().transferId as string;
    const wrong = await post(`/api/agency/transfers/${id}/accept-in`, cookies.hf, {});
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('TRANSFER_INVALID_TRANSITION');
    expect((await post(`/api/agency/transfers/${id}/confirm-out`, cookies.cz, {})).statusCode).toBe(200);
    expect((await get('/api/agency/transfers/queue', cookies.hf)).json().items[0]).toMatchObject({
      caseId: id,
      awaiting: 'incoming_acceptance',
    });
    expect((await post(`/api/agency/transfers/${id}/accept-in`, cookies.hf, {})).statusCode).toBe(200);
    const progress = await get(`/api/transfers/${id}`, cookies.p1);
    expect(progress.json().steps.every((s: { done: boolean }) => s.done)).toBe(true);
    expect(progress.json().status).toBe('completed');
  });
});
