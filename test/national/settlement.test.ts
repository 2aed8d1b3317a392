/**
 * Settlement through the national interface (2206/2207/2208, 2303/2304/2305, 5203, 5206) on both
 * dialects: conservation of setlinfo (R-M1), the treatment region's catalog and the insured region's
 * policy (R-M2, R-M4), chronic parts (R-C2), mid-stay settlement, cancellation as exact inverse (R-M6).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { applyAccumulatorDeltas, readAccumulators } from '../../src/store/repositories/accumulators.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import {
  admission,
  assertConserves,
  feeLine,
  ITEMS,
  ipLine,
  type Out,
  registration,
  settleData,
  visitUpload,
} from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  injector,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedChronicQualification,
  seedPolicies,
  seedReference,
} from './support.ts';

describe.each(DIALECTS)('settlement on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedChronicQualification(ctx.store.db);
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

  it('settles a local outpatient visit: pre-settle = settle, conserving, account used, then cancels exactly', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2201', registration(p, '310', 'OP-L1'))).out.data.mdtrt_id as string;
    await ok('2203', visitUpload(p, visitId, '11'));
    await ok('2204', {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 4.52, cnt: 1 }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classB, pric: 10, cnt: 2 }),
        feeLine(p, visitId, { sn: '3', code: ITEMS.classC, pric: 3, cnt: 1 }),
      ],
    });
    const pre = await ok('2206', settleData(p, visitId, '310', '11', 27.52));
    expect(pre.out.setlinfo.setl_id).toBeNull();
    assertConserves(pre.out.setlinfo);
    const wrongTotal = await his.call('2207', settleData(p, visitId, '310', '11', 27.5));
    expect(wrongTotal.json.err_msg).toMatch(
      /^\[MEDFEE_TOTAL_MISMATCH\] 医疗费总额 medfee_sumamt 填写为 27.50 元，但已上传待结算明细合计 27.52 元/,
    );
    const setl = await ok(
      '2207',
      settleData(p, visitId, '310', '11', 27.52, {
        fulamt_ownpay_amt: 3,
        overlmt_selfpay: 0,
        preselfpay_amt: 2,
        inscp_scp_amt: 22.52,
      }),
    );
    const info = setl.out.setlinfo;
    assertConserves(info);
    expect(info).toMatchObject({
      medfee_sumamt: 27.52,
      fulamt_ownpay_amt: 3,
      preselfpay_amt: 2,
      inscp_scp_amt: 22.52,
      clr_type: '11',
      medins_setl_id: setl.envelope.msgid,
      mdtrt_id: visitId,
    });
    for (const key of [
      'medfee_sumamt',
      'fund_pay_sumamt',
      'hifp_pay',
      'acct_pay',
      'psn_cash_pay',
      'act_pay_dedc',
      'balc',
    ]) {
      expect(info[key], key).toBe(pre.out.setlinfo[key]);
    }
    expect(info.acct_pay).toBeGreaterThan(0);
    expect(info.balc).toBe(1000 - info.acct_pay);
    expect(setl.out.setldetail.some((d: Out) => d.fund_pay_type === '310200')).toBe(true);
    expect(String(setl.out.setldetail[0].setl_proc_info)).toMatch(/元/);

    const query = await ok('5203', { data: { psn_no: p.psnNo, setl_id: info.setl_id, mdtrt_id: visitId } });
    expect(query.out.setlinfo).toMatchObject({
      setl_id: info.setl_id,
      medfee_sumamt: 27.52,
      acct_pay: info.acct_pay,
      refd_setl_flag: '0',
    });
    const accBefore = await ok('5206', { data: { psn_no: p.psnNo } });
    expect(accBefore.out.cuminfo.length).toBeGreaterThan(0);

    const cancel = await ok('2208', { data: { setl_id: info.setl_id, mdtrt_id: visitId, psn_no: p.psnNo } });
    assertConserves(cancel.out.setlinfo);
    expect(cancel.out.setlinfo).toMatchObject({
      medfee_sumamt: -27.52,
      acct_pay: -info.acct_pay,
      balc: 1000,
    });
    expect(cancel.out.setlinfo.setl_id).not.toBe(info.setl_id);
    const twice = await his.call('2208', {
      data: { setl_id: info.setl_id, mdtrt_id: visitId, psn_no: p.psnNo },
    });
    expect(twice.json.err_msg).toMatch(/^\[SETTLEMENT_ALREADY_CANCELLED\]/);
    const acc = await ok('5206', { data: { psn_no: p.psnNo } });
    expect(acc.out.cuminfo.every((r: Out) => r.cum === 0)).toBe(true);
    // The lines are unsettled again and may be settled anew.
    const again = await ok('2207', settleData(p, visitId, '310', '11', 27.52));
    expect(again.out.setlinfo.medfee_sumamt).toBe(27.52);
  });

  it('splits a chronic visit into a chronic part (M03900) and a general part (R-C2)', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2201', registration(p, '310', 'OP-C1'))).out.data.mdtrt_id as string;
    await ok('2203', visitUpload(p, visitId, '14', 'M03900'));
    await ok('2204', {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.hypertension, pric: 50, cnt: 2, dise: 'M03900' }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classA, pric: 4.52, cnt: 1 }),
      ],
    });
    const setl = await ok('2207', settleData(p, visitId, '310', '14', 104.52));
    assertConserves(setl.out.setlinfo);
    const parts = JSON.parse(setl.out.setlinfo.exp_content).setl_parts as Out[];
    expect(parts.map((x) => [x.setl_cate, x.dise_codg, x.medfee_sumamt, x.clr_type])).toEqual([
      ['chronic_outpatient', 'M03900', 100, '14'],
      ['general_outpatient', null, 4.52, '11'],
    ]);
    const filings = await ok('5301', { data: { psn_no: p.psnNo } });
    expect(filings.out.feedetail).toEqual([
      {
        opsp_dise_code: 'M03900',
        opsp_dise_name: '高血压',
        begndate: '2026-01-01',
        enddate: null,
        exp_content: null,
      },
    ]);
    const rows = await ctx.store.db
      .selectFrom('settlements')
      .select(['settlement_id', 'category'])
      .where('group_id', '=', setl.out.setlinfo.setl_id)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('settles a cross-province emergency without a filing (R-F4) and refuses a non-emergency unfiled one', async () => {
    const p = PERSONS.crossProvince;
    const extra = { insuplc_admdvs: OTHER_PROVINCE_REGION };
    const plain = (await ok('2201', registration(p, '390', 'OP-X0'), extra)).out.data.mdtrt_id as string;
    await ok(
      '2204',
      { feedetail: [feeLine(p, plain, { sn: '1', code: ITEMS.classA, pric: 100, cnt: 1 })] },
      extra,
    );
    const refused = await his.call('2207', settleData(p, plain, '390', '11', 100), extra);
    expect(refused.json.err_msg).toMatch(/^\[CROSS_REGION_NOT_FILED\]/);

    const visitId = (await ok('2201', registration(p, '390', 'OP-X1'), extra)).out.data.mdtrt_id as string;
    await ok('2203', visitUpload(p, visitId, '13', '', { OTP_ER_REFL_FLAG: '1' }), extra);
    await ok(
      '2204',
      { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 100, cnt: 1 })] },
      extra,
    );
    const setl = await ok('2207', settleData(p, visitId, '390', '13', 100), extra);
    assertConserves(setl.out.setlinfo);
    expect(setl.out.setlinfo).toMatchObject({
      clr_type: '99963',
      hifp_pay: 65,
      clr_optins: OTHER_PROVINCE_REGION,
    });
    expect(JSON.parse(setl.out.setlinfo.exp_content).mdtrt_situation).toBe('emergency');
  });

  it('settles an in-province cross-region visit without a filing (R-F3, 域内异地)', async () => {
    const p = PERSONS.inProvince;
    const extra = { insuplc_admdvs: p.region };
    const visitId = (await ok('2201', registration(p, '310', 'OP-P1'), extra)).out.data.mdtrt_id as string;
    await ok(
      '2204',
      { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 20, cnt: 1 })] },
      extra,
    );
    const setl = await ok('2207', settleData(p, visitId, '310', '11', 20), extra);
    assertConserves(setl.out.setlinfo);
    expect(setl.out.setlinfo.clr_type).toBe('9909');
    expect(JSON.parse(setl.out.setlinfo.exp_content).mdtrt_situation).toBe('in_province_exempt');
  });

  it('settles an inpatient stay mid-way, then the rest at discharge, and cancels newest first', async () => {
    const p = PERSONS.local;
    const visitId = (await ok('2401', admission(p, '310', 'IP-1'))).out.result.mdtrt_id as string;
    await ok('2301', { feedetail: [ipLine(p, visitId, '001', ITEMS.classA, 1000, 3)] });
    const notYet = await his.call('2304', settleData(p, visitId, '310', '21', 3000, { mid_setl_flag: '0' }));
    expect(notYet.json.err_msg).toMatch(/^\[VISIT_STATE_CONFLICT\] .*中途结算/);
    const mid = await ok('2304', settleData(p, visitId, '310', '21', 3000, { mid_setl_flag: '1' }));
    assertConserves(mid.out.setlinfo);
    expect(mid.out.setlinfo.clr_type).toBe('21');
    await ok('2301', { feedetail: [ipLine(p, visitId, '002', ITEMS.classB, 500, 2)] });
    await ok('2402', {
      dscginfo: {
        mdtrt_id: visitId,
        psn_no: p.psnNo,
        insutype: '310',
        endtime: '2026-05-05 10:00:00',
        dscg_dept_codg: 'A03',
        dscg_dept_name: '内科',
        dscg_way: '1',
      },
    });
    const pre = await ok('2303', settleData(p, visitId, '310', '21', 1000, { mid_setl_flag: '0' }));
    assertConserves(pre.out.setlinfo);
    const fin = await ok('2304', settleData(p, visitId, '310', '21', 1000, { mid_setl_flag: '0' }));
    assertConserves(fin.out.setlinfo);
    expect(fin.out.setlinfo.medfee_sumamt).toBe(1000);
    const early = await his.call('2305', {
      data: { setl_id: mid.out.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo },
    });
    expect(early.json.err_msg).toMatch(/^\[SETTLEMENT_NOT_LATEST\]/);
    await ok('2305', { data: { setl_id: fin.out.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo } });
    await ok('2305', { data: { setl_id: mid.out.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo } });
  });

  it('settles 8 visits of one person concurrently without a lost update (person lock, R-M6)', async () => {
    const p = PERSONS.inProvince;
    const extra = { insuplc_admdvs: p.region };
    const visits: string[] = [];
    for (let i = 0; i < 8; i++) {
      const visitId = (await ok('2201', registration(p, '310', `OP-CC${i}`), extra)).out.data
        .mdtrt_id as string;
      await ok(
        '2204',
        { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classB, pric: 37.5, cnt: 2 })] },
        extra,
      );
      visits.push(visitId);
    }
    const before = await ctx.store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', p.psnNo)
      .executeTakeFirstOrThrow();
    const results = await Promise.all(
      visits.map((v) => his.call('2207', settleData(p, v, '310', '11', 75), extra)),
    );
    expect(results.map((r) => r.json.err_msg)).toEqual(results.map(() => null));
    const paid = results.reduce((s, r) => s + Math.round((r.json.output as Out).setlinfo.acct_pay * 100), 0);
    const after = await ctx.store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', p.psnNo)
      .executeTakeFirstOrThrow();
    expect(Number(after.account_balance_fen)).toBe(Number(before.account_balance_fen) - paid);
    const moves = await ctx.store.db
      .selectFrom('account_movements')
      .select(['version', 'balance_before_fen', 'balance_after_fen'])
      .where('psn_no', '=', p.psnNo)
      .orderBy('version')
      .execute();
    for (let i = 1; i < moves.length; i++)
      expect(Number(moves[i]!.balance_before_fen)).toBe(Number(moves[i - 1]!.balance_after_fen));
    const acc = await ctx.store.db
      .selectFrom('accumulator_movements')
      .select(['key', 'version'])
      .where('psn_no', '=', p.psnNo)
      .execute();
    const byKey = new Map<string, number[]>();
    for (const m of acc) byKey.set(m.key, [...(byKey.get(m.key) ?? []), Number(m.version)]);
    for (const versions of byKey.values())
      expect(versions.sort((a, b) => a - b)).toEqual(versions.map((_, i) => i + 1));
  });

  it('refuses to post accumulators over a stale read, as a whole (R-M6)', async () => {
    const p = PERSONS.inProvince;
    const db = ctx.store.db;
    const year = 2026;
    const current = await readAccumulators(db, p.psnNo, year);
    expect(current.length).toBeGreaterThan(0);
    const settlement = await db
      .selectFrom('settlements')
      .select('settlement_id')
      .where('psn_no', '=', p.psnNo)
      .executeTakeFirstOrThrow();
    const target = {
      psnNo: p.psnNo,
      year,
      insuredRegionCode: p.region,
      settlementId: settlement.settlement_id,
    };
    const movementCount = async () =>
      Number(
        (
          await db
            .selectFrom('accumulator_movements')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('psn_no', '=', p.psnNo)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const movementsBefore = await movementCount();
    const first = current[0]!;
    const stale = current.map((c) => (c.key === first.key ? { ...c, version: c.version - 1 } : c));
    // One key read at an older version, and (separately) every key read as if it did not exist yet.
    for (const read of [stale, []]) {
      await expect(
        inTransaction(db, (tx) =>
          applyAccumulatorDeltas(tx, target, read, { [first.key]: 100, zzz_new_key: 5 }),
        ),
      ).rejects.toThrow(/lost update prevented/);
    }
    expect(await readAccumulators(db, p.psnNo, year)).toEqual(current);
    expect(await movementCount()).toBe(movementsBefore);
    // The same deltas over a fresh read post both keys and one movement each.
    await inTransaction(db, (tx) =>
      applyAccumulatorDeltas(tx, target, current, { [first.key]: 100, zzz_new_key: 5 }),
    );
    const after = new Map((await readAccumulators(db, p.psnNo, year)).map((a) => [a.key, a]));
    expect(after.get(first.key)).toEqual({ ...first, value: first.value + 100, version: first.version + 1 });
    expect(after.get('zzz_new_key')).toEqual({ key: 'zzz_new_key', value: 5, version: 1 });
    expect(await movementCount()).toBe(movementsBefore + 2);
  });
});
