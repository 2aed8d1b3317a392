/**
 * Queries and the remaining transactions on both dialects: 5201/5202/5204, 1312/1318/1319 (the
 * treatment region's catalog, R-M2), 2001 benefit check (R-F3/R-F4), 2403, 2503/2504 chronic filing,
 * 3201 totals reconciliation.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { admission, feeLine, ITEMS, type Out, registration, settleData, visitUpload } from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedPolicies,
  seedReference,
} from './support.ts';

describe.each(DIALECTS)('more national transactions on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    app = await build(ctx, { logger: process.env.DEBUG_LOG ? { level: 'error' } : false });
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
    return res.json.output as Out;
  }

  it('queries visits, diagnoses and the settled fee lines of a settlement (5201, 5202, 5204)', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2201', registration(p, '310', 'OP-Q1'))).data.mdtrt_id as string;
    await ok('2203', visitUpload(p, visitId, '11'));
    await ok('2204', { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classB, pric: 10, cnt: 3 })] });
    const setl = await ok('2207', settleData(p, visitId, '310', '11', 30));
    const visits = await ok('5201', {
      data: {
        psn_no: p.psnNo,
        begntime: '2026-05-01 00:00:00',
        endtime: '2026-05-31 23:59:59',
        med_type: '11',
        mdtrt_id: '',
      },
    });
    expect(visits.mdtrtinfo.map((v: Out) => v.mdtrt_id)).toContain(visitId);
    const diag = await ok('5202', { data: { mdtrt_id: visitId, psn_no: p.psnNo } });
    expect(diag.diseinfo[0]).toMatchObject({ diag_code: 'J06.900', mdtrt_id: visitId });
    const lines = (await ok('5204', {
      data: { psn_no: p.psnNo, setl_id: setl.setlinfo.setl_id, mdtrt_id: visitId },
    })) as unknown as Out[];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      feedetl_sn: '1',
      det_item_fee_sumamt: 30,
      preselfpay_amt: 3,
      inscp_scp_amt: 27,
      chrgitm_lv: '02',
    });
  });

  it('pages through the treatment region catalog, its price limits and copay ratios (1312, 1318, 1319)', async () => {
    const all = await ok('1312', { data: { query_date: '2026-05-06', page_num: 1, page_size: 2 } });
    expect(all).toMatchObject({
      recordCounts: 5,
      pages: 3,
      pageNum: 1,
      size: 2,
      firstPage: true,
      lastPage: false,
    });
    expect(all.data[0]).toMatchObject({ insu_admdvs: '420100', vali_flag: '1' });
    const limits = await ok('1318', { data: { page_num: 1, page_size: 10 } });
    expect(limits.data).toEqual([
      expect.objectContaining({ hilist_code: ITEMS.limited, hilist_pric_uplmt_amt: 5 }),
    ]);
    const copay = await ok('1319', { data: { page_num: 1, page_size: 10 } });
    expect(copay.data).toEqual([expect.objectContaining({ hilist_code: ITEMS.classB, selfpay_prop: 0.1 })]);
  });

  it('checks benefits before a visit: local yes, cross-province unfiled no, emergency yes (2001)', async () => {
    const local = await ok('2001', {
      data: {
        psn_no: PERSONS.local.psnNo,
        insutype: '310',
        fixmedins_code: HOSPITAL,
        med_type: '11',
        begntime: '2026-05-06 09:00:00',
      },
    });
    expect(local.trtinfo[0]).toMatchObject({ fund_pay_type: '310100', trt_enjymnt_flag: '1' });
    const extra = { insuplc_admdvs: OTHER_PROVINCE_REGION };
    const data = {
      psn_no: PERSONS.crossProvince.psnNo,
      insutype: '390',
      fixmedins_code: HOSPITAL,
      begntime: '2026-05-06 09:00:00',
    };
    const unfiled = await ok('2001', { data: { ...data, med_type: '11' } }, extra);
    expect(unfiled.trtinfo[0]).toMatchObject({ fund_pay_type: '390100', trt_enjymnt_flag: '0' });
    expect(unfiled.trtinfo[0].trt_chk_rslt).toMatch(/^不能直接结算/);
    const emergency = await ok('2001', { data: { ...data, med_type: '13' } }, extra);
    expect(emergency.trtinfo[0].trt_enjymnt_flag).toBe('1');
  });

  it('changes an admission while in hospital (2403)', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2401', admission(p, '310', 'IP-Q1'))).result.mdtrt_id as string;
    await ok('2403', {
      adminfo: {
        mdtrt_id: visitId,
        psn_no: p.psnNo,
        begntime: '2026-05-01 08:58:35',
        mdtrt_cert_type: '02',
        med_type: '21',
        ipt_otp_no: 'IP-Q1',
        atddr_no: 'ys002',
        chfpdr_name: '另一医生',
        adm_diag_dscr: '肺炎',
        adm_dept_codg: 'A03',
        adm_dept_name: '内科',
        adm_bed: '02',
        dscg_maindiag_code: 'J18.900',
        dscg_maindiag_name: '肺炎',
        exp_content: '{"IPT_TYPE":"2"}',
      },
      diseinfo: [],
    });
    const row = await ctx.store.db
      .selectFrom('visits')
      .select(['emergency', 'details'])
      .where('visit_id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(Number(row.emergency)).toBe(1);
    expect(JSON.parse(row.details)).toMatchObject({ adm_bed: '02', chfpdr_name: '另一医生' });
  });

  it('reconciles the institution totals (3201): balanced, then not balanced with the difference explained', async () => {
    const rows = await ctx.store.db
      .selectFrom('settlements')
      .select(['total_fen', 'fund_pay_fen', 'account_pay_fen'])
      .where('clearing_type', '=', '11')
      .where('kind', '=', 'settlement')
      .execute();
    const sum = (k: 'total_fen' | 'fund_pay_fen' | 'account_pay_fen') =>
      rows.reduce((s, r) => s + Number(r[k]), 0) / 100;
    const base = {
      insutype: '310',
      clr_type: '11',
      setl_optins: '420100',
      stmt_begndate: '2026-05-01',
      stmt_enddate: '2026-05-31',
      fixmedins_refd_setl_flag: '0',
    };
    const balanced = await ok('3201', {
      data: {
        ...base,
        medfee_sumamt: sum('total_fen'),
        fund_pay_sumamt: sum('fund_pay_fen'),
        acct_pay: sum('account_pay_fen'),
        fixmedins_setl_cnt: rows.length,
      },
    });
    expect(balanced.stmtinfo.stmt_rslt).toBe('0');
    const off = await ok('3201', {
      data: {
        ...base,
        medfee_sumamt: sum('total_fen') + 1,
        fund_pay_sumamt: sum('fund_pay_fen'),
        acct_pay: sum('account_pay_fen'),
        fixmedins_setl_cnt: rows.length,
      },
    });
    expect(off.stmtinfo.stmt_rslt).toBe('1');
    expect(off.stmtinfo.stmt_rslt_dscr).toMatch(/医疗费总额/);
  });

  it('files a chronic disease at the institution and cancels the filing (2503/2504), seen by 5301', async () => {
    await ctx.store.db
      .insertInto('chronic_diseases')
      .values({
        code: 'M01600',
        name: '糖尿病',
        category_name: '门诊慢特病',
        grant_mode: 'standard',
        cross_province: 1,
        icd10: '["E11"]',
        catalog_version: 'test',
        updated_at: '2026-01-01',
      })
      .execute();
    const p = PERSONS.inProvince;
    const extra = { insuplc_admdvs: p.region };
    const filed = await his.call(
      '2503',
      {
        data: {
          psn_no: p.psnNo,
          insutype: '310',
          opsp_dise_code: 'M01600',
          opsp_dise_name: '糖尿病',
          insu_optins: p.region,
          ide_fixmedins_no: HOSPITAL,
          ide_fixmedins_name: '武汉市第一测试医院',
          hosp_ide_date: '2026-05-06',
          diag_dr_codg: 'D1',
          diag_dr_name: '医生甲',
          begndate: '2026-05-06',
        },
      },
      extra,
    );
    expect(filed.json.err_msg).toBeNull();
    const serial = (filed.json.output as Out).result.trt_dcla_detl_sn as string;
    const listed = await ok('5301', { data: { psn_no: p.psnNo } }, extra);
    expect(listed.feedetail).toEqual([
      expect.objectContaining({ opsp_dise_code: 'M01600', begndate: '2026-05-06' }),
    ]);
    await ok('2504', { data: { trt_dcla_detl_sn: serial, psn_no: p.psnNo, memo: '诊断有误' } }, extra);
    expect((await ok('5301', { data: { psn_no: p.psnNo } }, extra)).feedetail).toEqual([]);
  });
});
