/**
 * The insured person's self-service seams, over HTTP on both dialects: past 门慢特 qualifications on
 * request (history as a query-string flag, R-C1), the cost estimate reading the qualifications in force
 * like a real settlement (R-C1, R-C2), and 待评价 offering finished claims, transfers and chronic
 * applications too (R-P4).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fen, quantity } from '../../src/core/money/index.ts';
import { build } from '../../src/http/server.ts';
import {
  applyForChronic,
  reviewChronicApplication,
  seedChronicCatalogIfEmpty,
} from '../../src/service/chronic/index.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { rejectClaim, seedMaterialListsIfEmpty, submitClaim } from '../../src/service/reimbursement/index.ts';
import { applyTransfer, rejectTransfer } from '../../src/service/transfer/index.ts';
import { uploadUnsettledFees } from '../../src/service/unsettled-upload/index.ts';
import { openSession } from '../../src/service/web-session.ts';
import { insertQualification } from '../../src/store/repositories/chronic-qualifications.ts';
import { must } from '../support/results.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { chinaTimeDaysAgo, PERSON, POLICY, seedWebFixture } from './fixture.ts';

const PDF = Buffer.from('%PDF-1.4 演示材料').toString('base64');
const STAFF = { role: 'staff', username: 'staff341700', regionCode: '341700' } as const;

/** The demo policy with a chronic-outpatient rule: per-disease deductible 100 yuan, 80 %. */
const CHRONIC_POLICY = {
  ...POLICY,
  rules: [
    { ...POLICY.rules[0]! },
    { ...POLICY.rules[1]!, when: { medicalTypes: ['11', '13', '41'] } },
    {
      ruleId: 'chronic',
      nameZh: '门诊慢特病',
      when: { medicalTypes: ['14'] },
      deductible: { kind: 'annual', groupId: 'mt', amountFen: 10_000, perDisease: true },
      bands: [{ uptoFen: null, ratioBp: 8000 }],
      capIds: ['annual'],
    },
  ],
};

describe.each(DIALECTS)('person self-service seams on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let person: { authorization: string };
  const ids = { application: '', pendingApplication: '', claim: '', transfer: '' };

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedWebFixture(ctx);
    await seedChronicCatalogIfEmpty(ctx.store);
    await seedMaterialListsIfEmpty(ctx);
    await ctx.store.db
      .updateTable('benefit_policies')
      .set({ document: JSON.stringify(CHRONIC_POLICY) })
      .where('region_code', '=', '341700')
      .execute();
    const base = {
      psnNo: PERSON.psnNo,
      regionCode: '341700',
      insuranceType: '310',
      localCode: null,
      sourceRef: 'TEST',
      endReason: null,
    };
    // 高血压 in force; 糖尿病 ended last year (history only).
    await insertQualification(
      ctx.store.db,
      {
        ...base,
        qualificationId: 'Q-WEB-ACTIVE',
        diseaseCode: 'M03900',
        startDate: '2025-01-01',
        originalStartDate: '2025-01-01',
        endDate: null,
        source: 'application',
        status: 'active',
      },
      ctx.now().toISOString(),
    );
    await insertQualification(
      ctx.store.db,
      {
        ...base,
        qualificationId: 'Q-WEB-ENDED',
        diseaseCode: 'M01600',
        startDate: '2024-01-01',
        originalStartDate: '2024-01-01',
        endDate: '2025-06-30',
        source: 'application',
        status: 'ended',
        endReason: '待遇期届满',
      },
      ctx.now().toISOString(),
    );
    app = await build(ctx, { logger: false });
    const { token } = await openSession(
      ctx,
      { role: 'person', subject: PERSON.psnNo, regionCode: '341700' },
      ctx.now(),
    );
    person = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  describe('qualification history as a query-string flag', () => {
    const codes = (res: { json(): { qualifications: { diseaseCode: string }[] } }) =>
      res
        .json()
        .qualifications.map((q) => q.diseaseCode)
        .sort();

    it('answers only the qualifications in force without the flag, or with false / 0', async () => {
      for (const query of ['', '?history=false', '?history=0']) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/chronic/qualifications${query}`,
          headers: person,
        });
        expect(res.statusCode).toBe(200);
        expect(codes(res)).toEqual(['M03900']);
      }
    });

    it('adds ended qualifications with history=true or history=1, marked not in force', async () => {
      for (const query of ['?history=true', '?history=1']) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/chronic/qualifications${query}`,
          headers: person,
        });
        expect(res.statusCode).toBe(200);
        expect(codes(res)).toEqual(['M01600', 'M03900']);
        const ended = res
          .json()
          .qualifications.find((q: { diseaseCode: string }) => q.diseaseCode === 'M01600');
        expect(ended).toMatchObject({ status: 'ended', effective: false, endDate: '2025-06-30' });
      }
    });

    it('refuses any other value with the field named', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/chronic/qualifications?history=yes',
        headers: person,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    });
  });

  describe('estimate reads the qualifications in force (R-C1, R-C2)', () => {
    const estimate = (
      items: { itemCode: string; unitPriceYuan: string; quantity: string; diseaseCode?: string }[],
    ) =>
      app.inject({
        method: 'POST',
        url: '/api/person/estimate',
        headers: person,
        payload: { institutionCode: 'H34170000001', medicalType: '11', useAccount: false, items },
      });

    it('settles a line marked with a qualified disease as that disease’s chronic part', async () => {
      const res = await estimate([
        { itemCode: 'SA05', unitPriceYuan: '500.00', quantity: '1', diseaseCode: 'M03900' },
        { itemCode: 'SA05', unitPriceYuan: '100.00', quantity: '1' },
      ]);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.chronicDiseases).toEqual(['M03900']);
      expect(body.parts.map((p: { categoryZh: string }) => p.categoryZh)).toEqual([
        '门诊慢特病（高血压）',
        '普通门诊',
      ]);
      // Chronic part: (500 − 100 per-disease deductible) × 80 % = 320; general part: 100 < 200 deductible.
      expect(body.explanation.amounts).toMatchObject({
        totalYuan: '600.00',
        fundPayYuan: '320.00',
        deductibleYuan: '200.00',
        cashYuan: '280.00',
      });
    });

    it('settles lines of an ended qualification, or of a disease the institution does not serve, as general outpatient', async () => {
      const res = await estimate([
        { itemCode: 'SA05', unitPriceYuan: '500.00', quantity: '1', diseaseCode: 'M01600' },
        { itemCode: 'SA05', unitPriceYuan: '100.00', quantity: '1', diseaseCode: 'M00500' },
      ]);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.parts.map((p: { categoryZh: string }) => p.categoryZh)).toEqual(['普通门诊']);
      // (600 − 200) × 60 % = 240.
      expect(body.explanation.amounts).toMatchObject({ totalYuan: '600.00', fundPayYuan: '240.00' });
    });
  });

  describe('待评价 offers every finished service type (R-P4)', () => {
    beforeAll(async () => {
      const psnNo = PERSON.psnNo;
      const chronicCaller = { id: psnNo, role: 'person', regionCode: '341700' } as const;
      const material = [{ fileName: '诊断证明.pdf', mimeType: 'application/pdf', contentBase64: PDF }];
      const rejectedApp = must(
        await applyForChronic(
          ctx,
          { psnNo, diseaseCode: 'M03100', channel: 'online', materials: material },
          chronicCaller,
        ),
      );
      must(
        await reviewChronicApplication(
          ctx,
          { applicationId: rejectedApp.applicationId, decision: 'reject', reason: '诊断材料不全' },
          { id: 'staff341700', role: 'staff', regionCode: '341700' },
        ),
      );
      ids.application = rejectedApp.applicationId;
      const pendingApp = must(
        await applyForChronic(
          ctx,
          { psnNo, diseaseCode: 'M06900', channel: 'online', materials: material },
          chronicCaller,
        ),
      );
      ids.pendingApplication = pendingApp.applicationId;
      const upload = must(
        await uploadUnsettledFees(ctx, 'H42010000001', {
          psnNo,
          hospitalVisitNo: `ZY-${psnNo}-RATE`,
          kind: 'inpatient',
          medType: '21',
          beginTime: chinaTimeDaysAgo(ctx, 5),
          endTime: chinaTimeDaysAgo(ctx, 3),
          diagnoses: [{ code: 'I21.9', name: '急性心肌梗死' }],
          lines: [
            {
              lineNo: '1',
              itemCode: 'XA01',
              unitPriceFen: fen(20_000),
              quantity: quantity(10_000),
              amountFen: fen(20_000),
              feeTime: chinaTimeDaysAgo(ctx, 4),
            },
          ],
        }),
      );
      const person = { role: 'person', psnNo } as const;
      const claim = must(
        await submitClaim(ctx, person, {
          uploadId: upload.uploadId,
          materials: ['IDENTITY', 'RECEIPT', 'BANK_ACCOUNT', 'DISCHARGE_SUMMARY'].map((itemCode) => ({
            itemCode,
            fileName: `${itemCode}.pdf`,
            mimeType: 'application/pdf',
            contentBase64: PDF,
          })),
        }),
      );
      must(await rejectClaim(ctx, STAFF, claim.claimId, '票据与上传明细不符'));
      ids.claim = claim.claimId;
      const transfer = must(await applyTransfer(ctx, person, { toRegionCode: '340100' }));
      must(await rejectTransfer(ctx, STAFF, transfer.transferId, '转入地信息有误'));
      ids.transfer = transfer.transferId;
    });

    it('lists finished claims, transfers and chronic applications; not a pending one', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/ratings/mine', headers: person });
      expect(res.statusCode).toBe(200);
      const ratable: { serviceType: string; serviceId: string; serviceTypeName: string; label: string }[] =
        res.json().ratable;
      const key = (s: { serviceType: string; serviceId: string }) => `${s.serviceType}:${s.serviceId}`;
      expect(ratable.map(key)).toEqual(
        expect.arrayContaining([
          `claim:${ids.claim}`,
          `transfer:${ids.transfer}`,
          `chronic:${ids.application}`,
        ]),
      );
      expect(ratable.map(key)).not.toContain(`chronic:${ids.pendingApplication}`);
      expect(ratable.find((s) => s.serviceType === 'transfer')).toMatchObject({
        serviceTypeName: '医保关系转移',
        label: expect.stringContaining('合肥市'),
      });
      expect(ratable.find((s) => s.serviceType === 'claim')?.label).toContain('未通过');
    });

    it('takes the rating of each and then no longer offers it', async () => {
      for (const [serviceType, serviceId] of [
        ['claim', ids.claim],
        ['transfer', ids.transfer],
        ['chronic', ids.application],
      ] as const) {
        const rated = await app.inject({
          method: 'POST',
          url: '/api/ratings',
          headers: person,
          payload: { serviceType, serviceId, score: 4 },
        });
        expect(rated.statusCode).toBe(201);
      }
      const after = await app.inject({ method: 'GET', url: '/api/ratings/mine', headers: person });
      const types = after.json().ratable.map((s: { serviceType: string }) => s.serviceType);
      expect(types).not.toContain('claim');
      expect(types).not.toContain('transfer');
      expect(types.filter((t: string) => t === 'chronic')).toEqual([]);
      expect(after.json().items).toHaveLength(3);
    });
  });
});
