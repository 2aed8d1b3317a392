/**
 * 2501 转院备案 / 2502 转院备案撤销 through the national interface on both dialects (R-F6): the referring
 * hospital files for its patient, the filing is approved at once and a hospital in the referred-to region
 * settles the visit as a referral; replays are byte for byte; only the filer cancels; a disease off the
 * unconditional list needs the hospital's agreement (hosp_agre_refl_flag = 1).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import { listMyFilings, seedFilingListsIfEmpty } from '../../src/service/filing/index.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { assertConserves, feeLine, ITEMS, type Out, type Person, registration, settleData } from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  LOCAL_REGION,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedPolicies,
  seedReference,
} from './support.ts';

/** 池州 hospital: refers its patients to Wuhan. */
const REFERRING_HOSPITAL = 'H34170000001';

const refmedin = (p: Person, fields: Record<string, string> = {}) => ({
  refmedin: {
    psn_no: p.psnNo,
    insutype: '390',
    insu_optins: p.region,
    diag_code: 'J18.900',
    diag_name: '肺炎',
    dise_cond_dscr: '病情较重，本院诊疗条件有限',
    reflin_medins_no: HOSPITAL,
    reflin_medins_name: '武汉市第一测试医院',
    mdtrtarea_admdvs: LOCAL_REGION,
    hosp_agre_refl_flag: '1',
    refl_type: '1',
    refl_date: '2026-05-06',
    refl_rea: '本院无诊疗条件',
    refl_opnn: '同意转往上级医院',
    begndate: '2026-05-06',
    enddate: '2026-12-31',
    ...fields,
  },
});

describe.each(DIALECTS)('2501/2502 referral filing on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let referring: HisClient;
  let wuhan: HisClient;

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await ctx.store.db
      .insertInto('institutions')
      .values({
        code: REFERRING_HOSPITAL,
        name: '池州市测试人民医院',
        region_code: OTHER_PROVINCE_REGION,
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 1,
        address: null,
      })
      .execute();
    await seedFilingListsIfEmpty(ctx.store);
    app = await build(ctx, { logger: false });
    referring = new HisClient(injector(app), REFERRING_HOSPITAL, OTHER_PROVINCE_REGION);
    wuhan = new HisClient(injector(app));
    await referring.signIn();
    await wuhan.signIn();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  async function ok(his: HisClient, infno: string, input: unknown, extra: Record<string, unknown> = {}) {
    const res = await his.call(infno, input, extra);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return { ...res, out: res.json.output as Out };
  }

  const filingsOf = (p: Person) => listMyFilings(ctx, { role: 'person', psnNo: p.psnNo });

  it('files an approved referral, replays it byte for byte, settles it in Wuhan, and lets only the filer cancel it (R-F6)', async () => {
    const p = PERSONS.crossProvinceUnfiled;
    const filed = await ok(referring, '2501', refmedin(p));
    const serial = filed.out.result.trt_dcla_detl_sn as string;
    expect(serial).toMatch(/^BA20260506[0-9A-F]{12}$/);

    const replay = await referring.send(filed.envelope);
    expect(replay.text).toBe(filed.text);
    expect(replay.headers['idempotency-hit']).toBe('true');
    const [filing, ...others] = await filingsOf(p);
    expect(others).toHaveLength(0);
    expect(filing).toMatchObject({
      id: serial,
      type: 'referral',
      channel: 'institution',
      status: 'approved',
      validFrom: '2026-05-06',
    });

    // A hospital in the referred-to region settles the visit directly, as a referral.
    const extra = { insuplc_admdvs: p.region };
    const visitId = (await ok(wuhan, '2201', registration(p, '390', 'OP-RF1'), extra)).out.data
      .mdtrt_id as string;
    await ok(
      wuhan,
      '2204',
      { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 100, cnt: 1 })] },
      extra,
    );
    const setl = await ok(wuhan, '2207', settleData(p, visitId, '390', '11', 100), extra);
    assertConserves(setl.out.setlinfo);
    expect(JSON.parse(setl.out.setlinfo.exp_content).mdtrt_situation).toBe('referral');
    expect(setl.out.setlinfo.hifp_pay).toBeGreaterThan(0);

    // Only the institution that filed it may cancel; to anyone else it does not exist.
    const byOther = await wuhan.call('2502', { data: { trt_dcla_detl_sn: serial, psn_no: p.psnNo } });
    expect(byOther.json.infcode).toBe(-1);
    expect(byOther.json.err_msg).toMatch(
      /^\[FILING_NOT_FOUND\] 未找到本机构为该参保人办理的转院备案 trt_dcla_detl_sn.*只有办理该备案的定点医疗机构可以撤销/,
    );
    const otherPerson = await referring.call('2502', {
      data: { trt_dcla_detl_sn: serial, psn_no: PERSONS.crossProvince.psnNo },
    });
    expect(otherPerson.json.err_msg).toMatch(/^\[FILING_NOT_FOUND\]/);

    const cancel = await ok(referring, '2502', {
      data: { trt_dcla_detl_sn: serial, psn_no: p.psnNo, memo: '患者放弃转院' },
    });
    expect(cancel.out).toEqual({});
    const replayCancel = await referring.send(cancel.envelope);
    expect(replayCancel.text).toBe(cancel.text);
    const [revoked] = await filingsOf(p);
    expect(revoked).toMatchObject({ id: serial, status: 'revoked' });
    const again = await referring.call('2502', { data: { trt_dcla_detl_sn: serial, psn_no: p.psnNo } });
    expect(again.json.infcode).toBe(-1);

    // Without the filing, the next visit is unfiled cross-province again.
    const next = (await ok(wuhan, '2201', registration(p, '390', 'OP-RF2'), extra)).out.data
      .mdtrt_id as string;
    await ok(
      wuhan,
      '2204',
      { feedetail: [feeLine(p, next, { sn: '1', code: ITEMS.classA, pric: 50, cnt: 1 })] },
      extra,
    );
    const refused = await wuhan.call('2207', settleData(p, next, '390', '11', 50), extra);
    expect(refused.json.err_msg).toMatch(/^\[CROSS_REGION_NOT_FILED\]/);
  });

  it('refuses a disease off the unconditional list without the hospital agreeing, and writes nothing (R-F6)', async () => {
    const p = PERSONS.crossProvince;
    const refused = await referring.call('2501', refmedin(p, { hosp_agre_refl_flag: '0' }));
    expect(refused.json.infcode).toBe(-1);
    expect(refused.json.output).toBeNull();
    expect(refused.json.err_msg).toMatch(
      /^\[FILING_REFERRAL_CERTIFICATE_REQUIRED\] 诊断 J18\.900 不在参保地无条件转诊转院病种目录内.*医院同意转院标志 hosp_agre_refl_flag 填 1 后重新备案/,
    );
    // The rejection is the stored answer to that msgid.
    expect((await referring.send(refused.envelope)).text).toBe(refused.text);
    expect(await filingsOf(p)).toHaveLength(0);

    // A disease on the insured region's unconditional list needs no agreement flag.
    const listed = await ok(referring, '2501', refmedin(p, { diag_code: 'C34.9', hosp_agre_refl_flag: '' }));
    const [filing] = await filingsOf(p);
    expect(filing).toMatchObject({
      id: listed.out.result.trt_dcla_detl_sn,
      status: 'approved',
      channel: 'institution',
    });
    await ok(referring, '2502', {
      data: { trt_dcla_detl_sn: filing?.id, psn_no: p.psnNo, memo: '测试撤销' },
    });
  });

  it('answers wrong regions and missing fields with coded messages naming the national field', async () => {
    const p = PERSONS.crossProvince;
    // The envelope's insured region (absent or, as here, the hospital's own) must be the person's.
    const wrongInsured = await wuhan.call('2501', refmedin(p, { insu_optins: '' }));
    expect(wrongInsured.json.err_msg).toMatch(/^\[FILING_INSURED_REGION_MISMATCH\].*insuplc_admdvs/);
    const agency = await referring.call('2501', refmedin(p, { insu_optins: LOCAL_REGION }));
    expect(agency.json.err_msg).toMatch(/^\[INSURED_REGION_MISMATCH\] 参保机构医保区划 insu_optins/);
    const wrongType = await referring.call('2501', refmedin(p, { insutype: '310' }));
    expect(wrongType.json.err_msg).toMatch(/^\[INSURANCE_TYPE_MISMATCH\] 险种类型 insutype/);
    const home = await referring.call('2501', refmedin(p, { mdtrtarea_admdvs: OTHER_PROVINCE_REGION }));
    expect(home.json.err_msg).toMatch(/^\[FILING_TARGET_IS_HOME\].*（字段 mdtrtarea_admdvs）$/);
    const missing = await referring.call('2501', refmedin(p, { diag_code: '' }));
    expect(missing.json.err_msg).toMatch(/^\[FIELD_REQUIRED\] 缺少必填字段 诊断代码 diag_code/);
    const badFlag = await referring.call('2501', refmedin(p, { hosp_agre_refl_flag: 'Y' }));
    expect(badFlag.json.err_msg).toMatch(/^\[CODE_INVALID\].*hosp_agre_refl_flag/);
    expect((await filingsOf(p)).filter((f) => f.status !== 'revoked')).toHaveLength(0);
  });
});
