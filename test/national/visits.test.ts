/**
 * 1101 person lookup, outpatient registration / visit upload / fee details with their split, inpatient
 * admission and discharge — over Fastify inject on both dialects.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import {
  HisClient,
  HOSPITAL,
  ITEMS,
  injector,
  OTHER_HOSPITAL,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedReference,
} from './support.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests navigate JSON answers freely
type Out = Record<string, any>;

describe.each(DIALECTS)('visits and fee details on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    const base = await openAppContext(await freshStoreLocation(dialect));
    ctx = {
      ...base,
      eCredentialVerifier: async (token) => (token === 'ec-token-ok' ? PERSONS.local.certNo : null),
    };
    await seedReference(ctx.store.db);
    app = await build(ctx, { logger: false });
    his = new HisClient(injector(app));
    await his.signIn();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('1101 finds a person by e-credential, ID card and social-security card', async () => {
    const byToken = await his.call('1101', {
      data: {
        mdtrt_cert_type: '01',
        mdtrt_cert_no: 'ec-token-ok',
        psn_cert_type: '01',
        certno: '',
        psn_name: '',
      },
    });
    expect(byToken.json.infcode).toBe(0);
    const out = byToken.json.output as Out;
    expect(out.baseinfo).toMatchObject({
      psn_no: PERSONS.local.psnNo,
      certno: PERSONS.local.certNo,
      psn_name: '测试甲',
      brdy: '1990-01-01',
    });
    expect(out.insuinfo[0]).toMatchObject({
      insuplc_admdvs: '420100',
      insutype: '310',
      balc: 1000,
      psn_type: '11',
      psn_insu_stas: '1',
    });
    expect(out.idetinfo).toEqual([]);
    const byId = await his.call('1101', {
      data: { mdtrt_cert_type: '02', mdtrt_cert_no: PERSONS.crossProvince.certNo },
    });
    expect((byId.json.output as Out).insuinfo[0].insuplc_admdvs).toBe(OTHER_PROVINCE_REGION);
    const byCard = await his.call('1101', {
      data: { mdtrt_cert_type: '03', mdtrt_cert_no: PERSONS.inProvince.card, card_sn: 'x' },
    });
    expect((byCard.json.output as Out).baseinfo.psn_no).toBe(PERSONS.inProvince.psnNo);
    const bad = await his.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: 'forged' } });
    expect(bad.json.err_msg).toMatch(/^\[E_CREDENTIAL_INVALID\] 医保电子凭证令牌 mdtrt_cert_no/);
    const none = await his.call('1101', {
      data: { mdtrt_cert_type: '02', mdtrt_cert_no: '110101199901011234' },
    });
    expect(none.json.err_msg).toMatch(/^\[PERSON_NOT_FOUND\]/);
    const wrongType = await his.call('1101', { data: { mdtrt_cert_type: '07', mdtrt_cert_no: 'x' } });
    expect(wrongType.json.err_msg).toMatch(
      /^\[CODE_INVALID\] 字段 就诊凭证类型 mdtrt_cert_type 的值 “07” 不在代码表中/,
    );
  });

  it('runs 2201 → 2203 → 2204 (split per line) → 2205, refusing what does not belong to the caller', async () => {
    const reg = await his.call('2201', {
      data: {
        psn_no: PERSONS.local.psnNo,
        insutype: '310',
        begntime: '2024-05-06 09:30:00',
        mdtrt_cert_type: '02',
        mdtrt_cert_no: PERSONS.local.certNo,
        ipt_otp_no: 'OP0001',
        atddr_no: 'D1',
        dr_name: '医生甲',
        dept_code: 'A03',
        dept_name: '内科',
        caty: 'A03',
      },
    });
    expect(reg.json.infcode).toBe(0);
    const visitId = (reg.json.output as Out).data.mdtrt_id as string;
    expect(visitId).toMatch(/^420100\d{22}$/);
    const upload = await his.call('2203', {
      mdtrtinfo: {
        mdtrt_id: visitId,
        psn_no: PERSONS.local.psnNo,
        med_type: '11',
        begntime: '2024-05-06 09:30:00',
        dise_codg: '',
        dise_name: '',
      },
      diseinfo: [
        {
          diag_type: '1',
          diag_srt_no: 1,
          diag_code: 'J06.900',
          diag_name: '急性上呼吸道感染',
          diag_dept: '内科',
          dise_dor_no: 'D1',
          dise_dor_name: '医生甲',
          diag_time: '2024-05-06 09:35:00',
          vali_flag: '1',
        },
      ],
    });
    expect(upload.json.infcode).toBe(0);
    const line = (
      sn: string,
      code: string,
      pric: number | string,
      cnt: number | string,
      sum: number | string,
    ) => ({
      feedetl_sn: sn,
      mdtrt_id: visitId,
      psn_no: PERSONS.local.psnNo,
      chrg_bchno: 'CB0001',
      rx_circ_flag: '0',
      fee_ocur_time: '2024-05-06 09:40:00',
      med_list_codg: code,
      medins_list_codg: `H-${code}`,
      det_item_fee_sumamt: sum,
      cnt,
      pric,
      bilg_dept_codg: 'A03',
      bilg_dept_name: '内科',
      bilg_dr_codg: 'D1',
      bilg_dr_name: '医生甲',
      hosp_appr_flag: '1',
    });
    const fees = await his.call('2204', {
      feedetail: [
        line('1', ITEMS.classA, 4.52, 1, 4.52),
        line('2', ITEMS.classB, '10.00', '2', '20.00'),
        line('3', ITEMS.classC, 3, 1, 3),
        line('4', ITEMS.limited, 8, 1, 8),
        line('5', 'UNKNOWN01', 1, 1, 1),
      ],
    });
    expect(fees.json.infcode).toBe(0);
    const rows = (fees.json.output as Out).result as Out[];
    expect(
      rows.map((r) => [
        r.feedetl_sn,
        r.chrgitm_lv,
        r.inscp_scp_amt,
        r.preselfpay_amt,
        r.overlmt_amt,
        r.fulamt_ownpay_amt,
      ]),
    ).toEqual([
      ['1', '01', 4.52, 0, 0, 0],
      ['2', '02', 18, 2, 0, 0],
      ['3', '03', 0, 0, 0, 3],
      ['4', '01', 5, 0, 3, 0],
      ['5', '03', 0, 0, 0, 1],
    ]);
    const duplicate = await his.call('2204', { feedetail: [line('1', ITEMS.classA, 4.52, 1, 4.52)] });
    expect(duplicate.json.err_msg).toMatch(/^\[FEE_LINE_DUPLICATE\] 费用明细流水号 feedetl_sn “1”/);
    const mismatch = await his.call('2204', { feedetail: [line('9', ITEMS.classA, 4.52, 2, 4.52)] });
    expect(mismatch.json.err_msg).toMatch(/^\[FEE_LINE_AMOUNT_MISMATCH\]/);
    const tooPrecise = await his.call('2204', { feedetail: [line('9', ITEMS.classA, 4.52, 1, 4.521)] });
    expect(tooPrecise.json.err_msg).toMatch(/^\[MONEY_TOO_PRECISE\] 明细项目费用总额/);

    const other = new HisClient(injector(app), OTHER_HOSPITAL);
    await other.signIn();
    const foreign = await other.call('2205', {
      data: { mdtrt_id: visitId, chrg_bchno: '0000', psn_no: PERSONS.local.psnNo },
    });
    expect(foreign.json.err_msg).toMatch(/^\[VISIT_NOT_FOUND\] 就诊ID mdtrt_id/);
    const revoke = await his.call('2205', {
      data: { mdtrt_id: visitId, chrg_bchno: 'CB0001', psn_no: PERSONS.local.psnNo },
    });
    expect(revoke.json.infcode).toBe(0);
    const again = await his.call('2204', { feedetail: [line('1', ITEMS.classA, 4.52, 1, 4.52)] });
    expect(again.json.infcode).toBe(0);
    const cancel = await his.call('2202', {
      data: { psn_no: PERSONS.local.psnNo, mdtrt_id: visitId, ipt_otp_no: 'OP0001' },
    });
    expect(cancel.json.infcode).toBe(0);
    const late = await his.call('2204', { feedetail: [line('7', ITEMS.classA, 4.52, 1, 4.52)] });
    expect(late.json.err_msg).toMatch(/^\[VISIT_STATE_CONFLICT\]/);
  });

  it('refuses a person from elsewhere declared as local, and a wrong insurance type', async () => {
    const reg = (extra: Record<string, unknown>, insutype = '390') =>
      his.call(
        '2201',
        {
          data: {
            psn_no: PERSONS.crossProvince.psnNo,
            insutype,
            begntime: '2024-05-06 09:30:00',
            mdtrt_cert_type: '02',
            mdtrt_cert_no: 'x',
            ipt_otp_no: 'OP2',
            dept_code: 'A03',
            dept_name: '内科',
            caty: 'A03',
          },
        },
        extra,
      );
    const local = await reg({});
    expect(local.json.err_msg).toMatch(
      /^\[INSURED_REGION_MISMATCH\] 参保地医保区划 insuplc_admdvs 填写为 “420100”，但该参保人的参保地是 341700/,
    );
    const wrongType = await reg({ insuplc_admdvs: OTHER_PROVINCE_REGION }, '310');
    expect(wrongType.json.err_msg).toMatch(/^\[INSURANCE_TYPE_MISMATCH\]/);
    const ok = await reg({ insuplc_admdvs: OTHER_PROVINCE_REGION });
    expect(ok.json.infcode).toBe(0);
  });

  it('admits, discharges, cancels a discharge and cancels an admission (2401/2402/2405/2404)', async () => {
    const adm = await his.call('2401', {
      mdtrtinfo: {
        psn_no: PERSONS.local.psnNo,
        insutype: '310',
        begntime: '2024-05-01 08:58:35',
        mdtrt_cert_type: '02',
        mdtrt_cert_no: PERSONS.local.certNo,
        med_type: '21',
        ipt_no: 'ba001',
        atddr_no: 'ys001',
        chfpdr_name: '测试医生',
        adm_diag_dscr: '肚子疼',
        adm_dept_codg: 'A02',
        adm_dept_name: '实施科',
        adm_bed: '01',
        dscg_maindiag_code: 'A08.000',
        dscg_maindiag_name: '轮状病毒性肠炎',
      },
      diseinfo: [
        {
          psn_no: PERSONS.local.psnNo,
          diag_type: '3',
          maindiag_flag: '1',
          diag_srt_no: '1',
          diag_code: 'A08.000',
          diag_name: '轮状病毒性肠炎',
          diag_dept: 'A01',
          dise_dor_no: 'ys001',
          dise_dor_name: '测试医生',
          diag_time: '2024-05-01 08:58:35',
        },
      ],
    });
    expect(adm.json.infcode).toBe(0);
    const visitId = (adm.json.output as Out).result.mdtrt_id as string;
    const data = { mdtrt_id: visitId, psn_no: PERSONS.local.psnNo };
    const dscg = await his.call('2402', {
      dscginfo: {
        ...data,
        insutype: '310',
        endtime: '2024-05-03 17:58:35',
        dscg_dept_codg: 'A02',
        dscg_dept_name: '实施科',
        dscg_way: '9',
      },
    });
    expect(dscg.json.infcode).toBe(0);
    expect((await his.call('2405', { data })).json.infcode).toBe(0);
    expect((await his.call('2404', { data })).json.infcode).toBe(0);
    const twice = await his.call('2404', { data });
    expect(twice.json.err_msg).toMatch(/^\[VISIT_STATE_CONFLICT\]/);
    expect(HOSPITAL).toBe(his.institutionCode);
  });
});
