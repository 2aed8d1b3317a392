/**
 * 5205 人员慢特病用药记录查询, 5302 人员定点信息查询, 5303 在院信息查询, 5304 转院信息查询 through the national
 * transport on both dialects: real figures from settled visits, admissions and filings (R-C2, R-F1, R-F6),
 * replays byte for byte, and clear refusals.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import {
  admission,
  assertConserves,
  feeLine,
  ITEMS,
  type Out,
  registration,
  settleData,
  visitUpload,
} from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  LOCAL_REGION,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedChronicQualification,
  seedLongTermFiling,
  seedPolicies,
  seedReference,
} from './support.ts';

describe.each(DIALECTS)('person-record queries 5205/5302/5303/5304 on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedChronicQualification(ctx.store.db);
    await seedLongTermFiling(ctx.store.db);
    // An approved referral of the unfiled 池州 person to Wuhan, made by the 池州 hospital (2501).
    await ctx.store.db
      .insertInto('filings')
      .values({
        id: 'F-TEST-REFERRAL',
        psn_no: PERSONS.crossProvinceUnfiled.psnNo,
        insured_region_code: OTHER_PROVINCE_REGION,
        type: 'referral',
        target_scope: 'city',
        target_code: LOCAL_REGION,
        channel: 'institution',
        status: 'approved',
        valid_from: '2026-05-06',
        valid_to: '2026-12-31',
        submitted_at: '2026-05-06T08:00:00+08:00',
        review_deadline_date: null,
        review_working_days: 2,
        approved_at: '2026-05-06T08:00:00+08:00',
        ended_on: null,
        supersedes: null,
        superseded_by: null,
        referral_disease_code: 'J18.900',
        referral_institution_code: 'H34170000001',
        certificate_uploaded: 1,
        rejection_reason: null,
        submitted_by: 'H34170000001',
        person_seq: 1,
      })
      .execute();
    app = await build(ctx, { logger: false });
    his = new HisClient(injector(app));
    await his.signIn();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  async function ok(infno: string, input: unknown, extra: Record<string, unknown> = {}) {
    const res = await his.call(infno, input, extra);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return { ...res, out: res.json.output as Out };
  }

  async function replays(res: { envelope: Record<string, unknown>; text: string }) {
    const again = await his.send(res.envelope);
    expect(again.text).toBe(res.text);
    expect(again.headers['idempotency-hit']).toBe('true');
  }

  it('5205 lists the drug lines of live chronic settlements only, and forgets a cancelled one (R-C2)', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2201', registration(p, '310', 'OP-5205'))).out.data.mdtrt_id as string;
    await ok('2203', visitUpload(p, visitId, '14', 'M03900'));
    await ok('2204', {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.hypertension, pric: 50, cnt: 2, dise: 'M03900' }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classA, pric: 4.52, cnt: 1 }),
      ],
    });
    const setl = await ok('2207', settleData(p, visitId, '310', '14', 104.52));
    assertConserves(setl.out.setlinfo);
    const range = { psn_no: p.psnNo, begntime: '2026-05-01 00:00:00', endtime: '2026-05-31 23:59:59' };
    const res = await ok('5205', { data: range });
    expect(res.out.feedetail).toHaveLength(1);
    expect(res.out.feedetail[0]).toMatchObject({
      feedetl_sn: '1',
      rx_drord_no: 'RX0001',
      fixmedins_code: HOSPITAL,
      fixmedins_name: '武汉市第一测试医院',
      psn_no: p.psnNo,
      med_type: '14',
      fee_ocur_time: '2026-05-06 09:40:00',
      cnt: 2,
      pric: 50,
      chrgitm_lv: '01',
      hilist_code: ITEMS.hypertension,
      list_type: '101',
      med_list_codg: ITEMS.hypertension,
      medins_list_codg: `H-${ITEMS.hypertension}`,
      med_chrgitm_type: '09',
    });
    await replays(res);

    const before = await ok('5205', { data: { ...range, endtime: '2026-05-06 09:39:59' } });
    expect(before.out.feedetail).toEqual([]);

    await ok('2208', { data: { setl_id: setl.out.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo } });
    expect((await ok('5205', { data: range })).out.feedetail).toEqual([]);
  });

  it('5205 refuses an unknown person and a missing begntime', async () => {
    const unknown = await his.call('5205', {
      data: { psn_no: '42010000000000009999', begntime: '2026-05-01 00:00:00' },
    });
    expect(unknown.json.err_msg).toMatch(
      /^\[PERSON_NOT_FOUND\] 未查到该参保人（人员编号 42010000000000009999）/,
    );
    const missing = await his.call('5205', { data: { psn_no: PERSONS.local.psnNo } });
    expect(missing.json.err_msg).toMatch(/^\[FIELD_REQUIRED\] 缺少必填时间 开始时间 begntime/);
  });

  it("5303 lists this hospital's inpatients still in hospital, with the cross-region flag", async () => {
    const local = (await ok('2401', admission(PERSONS.local, '310', 'IP-5303-L'))).out.result
      .mdtrt_id as string;
    const cross = (
      await ok('2401', admission(PERSONS.crossProvince, '390', 'IP-5303-X'), {
        insuplc_admdvs: OTHER_PROVINCE_REGION,
      })
    ).out.result.mdtrt_id as string;
    const range = { begntime: '2026-05-01 00:00:00', endtime: '2026-05-01 23:59:59' };
    const all = await ok('5303', { data: { psn_no: '', ...range } });
    expect(
      all.out.data
        .map((r: Out) => [r.mdtrt_id, r.psn_no, r.out_flag, r.age, r.begndate, r.ipt_otp_no])
        .sort((a: string[], b: string[]) => (a[5]! < b[5]! ? -1 : 1)),
    ).toEqual([
      [local, PERSONS.local.psnNo, '0', 36, '2026-05-01', 'IP-5303-L'],
      [cross, PERSONS.crossProvince.psnNo, '1', 41, '2026-05-01', 'IP-5303-X'],
    ]);
    expect(all.out.data.find((r: Out) => r.mdtrt_id === cross)).toMatchObject({
      psn_cert_type: '01',
      certno: PERSONS.crossProvince.certNo,
      psn_name: '测试丙',
      gend: '2',
      brdy: '1985-01-01',
      insutype: '390',
      med_type: '21',
    });
    await replays(all);

    const one = await ok('5303', { data: { psn_no: PERSONS.local.psnNo, ...range } });
    expect(one.out.data.map((r: Out) => r.mdtrt_id)).toEqual([local]);

    await ok('2404', { data: { mdtrt_id: local, psn_no: PERSONS.local.psnNo } });
    const after = await ok('5303', { data: range });
    expect(after.out.data.map((r: Out) => r.mdtrt_id)).toEqual([cross]);

    const missing = await his.call('5303', { data: { begntime: '2026-05-01 00:00:00' } });
    expect(missing.json.err_msg).toMatch(/^\[FIELD_REQUIRED\] 缺少必填时间 结束时间 endtime/);
  });

  it('5302 lists filings by biz_appy_type (08 异地安置, 06 转诊转院) and refuses a kind the platform does not keep', async () => {
    const settled = await ok('5302', { data: { psn_no: PERSONS.crossProvince.psnNo, biz_appy_type: '08' } });
    expect(settled.out.psnfixmedin).toEqual([
      {
        psn_no: PERSONS.crossProvince.psnNo,
        insutype: '390',
        fix_srt_no: '1',
        fixmedins_code: null,
        fixmedins_name: '武汉市联网定点医药机构',
        begndate: '2026-01-01',
        enddate: null,
        memo: '异地就医备案 F-TEST-1，备案就医地 武汉市',
      },
    ]);
    await replays(settled);
    const none = await ok('5302', { data: { psn_no: PERSONS.crossProvince.psnNo, biz_appy_type: '06' } });
    expect(none.out.psnfixmedin).toEqual([]);
    const referral = await ok('5302', {
      data: { psn_no: PERSONS.crossProvinceUnfiled.psnNo, biz_appy_type: '06' },
    });
    expect(referral.out.psnfixmedin.map((r: Out) => [r.begndate, r.enddate])).toEqual([
      ['2026-05-06', '2026-12-31'],
    ]);

    const unsupported = await his.call('5302', {
      data: { psn_no: PERSONS.local.psnNo, biz_appy_type: '01' },
    });
    expect(unsupported.json.infcode).toBe(-1);
    expect(unsupported.json.err_msg).toMatch(
      /^\[BIZ_APPY_TYPE_UNSUPPORTED\] 业务申请类型 biz_appy_type “01” 本平台不登记/,
    );
  });

  it("5304 lists the person's approved referrals starting in the range (R-F6)", async () => {
    const p = PERSONS.crossProvinceUnfiled;
    const res = await ok('5304', {
      data: { psn_no: p.psnNo, begntime: '2026-05-01 00:00:00', endtime: '2026-05-31 23:59:59' },
    });
    expect(res.out.refmedin).toEqual([
      expect.objectContaining({
        insutype: '390',
        dcla_souc: '01',
        psn_no: p.psnNo,
        psn_cert_type: '01',
        certno: p.certNo,
        psn_name: '测试丁',
        insu_optins: OTHER_PROVINCE_REGION,
        diag_code: 'J18.900',
        reflin_medins_no: null,
        reflin_medins_name: '武汉市联网定点医疗机构',
        out_flag: '1',
        refl_date: '2026-05-06',
        begndate: '2026-05-06',
        enddate: '2026-12-31',
        hosp_agre_refl_flag: '1',
        opt_time: '2026-05-06 08:00:00',
      }),
    ]);
    await replays(res);
    const later = await ok('5304', { data: { psn_no: p.psnNo, begntime: '2026-05-07 00:00:00' } });
    expect(later.out.refmedin).toEqual([]);
    const missing = await his.call('5304', { data: { begntime: '2026-05-01 00:00:00' } });
    expect(missing.json.err_msg).toMatch(/^\[FIELD_REQUIRED\] 缺少必填字段 人员编号 psn_no/);
  });
});
