/**
 * Acceptance (issue 4 "Done when"): a HIS drives the REAL server over HTTP (build + listen on a random
 * port + fetch) through full flows built from the digest's §5 samples, on SQLite and PostgreSQL:
 * outpatient local; outpatient cross-province with a long-term filing; cross-province unfiled emergency
 * (视同备案, R-F4); chronic M03900 + an unrelated line → two settlements (R-C2); inpatient with a mid-stay
 * settlement; cancellation (2208/2305); 2601 reversal of 2207, 2208 and 2401; and the replay of every
 * step with its msgid, answered byte for byte, with nothing posted twice (T7, T9).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { countRows, DIALECTS, freshStoreLocation } from '../support/stores.ts';
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
  type NationalResponse,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedChronicQualification,
  seedLongTermFiling,
  seedPolicies,
  seedReference,
} from './support.ts';

interface Step {
  readonly envelope: Record<string, unknown>;
  readonly text: string;
}

describe.each(DIALECTS)('acceptance over real HTTP on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;
  const steps: Step[] = [];

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedChronicQualification(ctx.store.db);
    await seedLongTermFiling(ctx.store.db);
    app = await build(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    his = new HisClient(async (body, path) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body,
      });
      return {
        status: res.status,
        text: await res.text(),
        headers: Object.fromEntries(res.headers.entries()),
      };
    });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  /** One step: must succeed, and its immediate replay must be the same bytes, marked as a replay. */
  async function step(infno: string, input: unknown, extra: Record<string, unknown> = {}): Promise<Out> {
    const envelope = his.envelope(infno, input, extra);
    const first = await his.send(envelope);
    if (first.json.infcode !== 0) throw new Error(`${infno} failed: ${first.json.err_msg}`);
    const replay = await his.send({ ...envelope, inf_time: '2026-05-06 09:59:59' });
    expect(replay.text, `${infno} replay`).toBe(first.text);
    expect(replay.headers['idempotency-hit']).toBe('true');
    steps.push({ envelope, text: first.text });
    return first.json.output as Out;
  }

  async function refused(
    infno: string,
    input: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<NationalResponse> {
    const envelope = his.envelope(infno, input, extra);
    const first = await his.send(envelope);
    expect(first.json.infcode).toBe(-1);
    const replay = await his.send(envelope);
    expect(replay.text).toBe(first.text);
    steps.push({ envelope, text: first.text });
    return first.json;
  }

  async function postedRows(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of [
      'settlements',
      'settlement_funds',
      'accumulator_movements',
      'account_movements',
      'visits',
      'fee_lines',
    ] as const) {
      out[table] = await countRows(ctx.store.db, table);
    }
    return out;
  }

  it('signs in and reads persons (9001, 1101)', async () => {
    const sign = await step('9001', {
      signIn: { opter_no: '0053', mac: '00-E0-70-64-C3-D2', ip: '192.168.1.1' },
    });
    his.signNo = sign.signinoutb.sign_no;
    const person = await step('1101', {
      data: {
        mdtrt_cert_type: '02',
        mdtrt_cert_no: PERSONS.local.certNo,
        card_sn: 'NULL',
        begntime: '',
        psn_cert_type: '01',
        certno: '',
        psn_name: '',
      },
    });
    expect(person.insuinfo[0].insuplc_admdvs).toBe('420100');
  });

  it('outpatient, local: 2201 → 2203 → 2204 → 2206 → 2207, query 5203, cancel 2208', async () => {
    const p = PERSONS.local;
    const visitId = (await step('2201', registration(p, '310', 'OP-A1'))).data.mdtrt_id as string;
    await step('2203', visitUpload(p, visitId, '11'));
    const split = await step('2204', {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 4.52, cnt: 1 }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classB, pric: 10, cnt: 2 }),
      ],
    });
    expect(split.result).toHaveLength(2);
    const pre = await step('2206', settleData(p, visitId, '310', '11', 24.52));
    assertConserves(pre.setlinfo);
    const setl = await step(
      '2207',
      settleData(p, visitId, '310', '11', 24.52, {
        fulamt_ownpay_amt: 0,
        overlmt_selfpay: 0,
        preselfpay_amt: 2,
        inscp_scp_amt: 22.52,
      }),
    );
    assertConserves(setl.setlinfo);
    expect(setl.setlinfo.medins_setl_id).toBe(steps.at(-1)!.envelope.msgid);
    const query = await step('5203', {
      data: { psn_no: p.psnNo, setl_id: setl.setlinfo.setl_id, mdtrt_id: visitId },
    });
    expect(query.setlinfo.medfee_sumamt).toBe(24.52);
    const cancel = await step('2208', {
      data: { setl_id: setl.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo },
    });
    assertConserves(cancel.setlinfo);
    expect(cancel.setlinfo.medfee_sumamt).toBe(-24.52);
  });

  it('outpatient, cross-province with a long-term filing: the insured region (341700) policy pays (R-M4)', async () => {
    const p = PERSONS.crossProvince;
    const extra = { insuplc_admdvs: OTHER_PROVINCE_REGION };
    const visitId = (await step('2201', registration(p, '390', 'OP-F1'), extra)).data.mdtrt_id as string;
    await step('2203', visitUpload(p, visitId, '11'), extra);
    await step(
      '2204',
      { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 100, cnt: 1 })] },
      extra,
    );
    const setl = await step('2207', settleData(p, visitId, '390', '11', 100), extra);
    assertConserves(setl.setlinfo);
    expect(JSON.parse(setl.setlinfo.exp_content).mdtrt_situation).toBe('cross_province_long_term');
    expect(setl.setlinfo).toMatchObject({
      clr_type: '99963',
      hifp_pay: 50,
      clr_optins: OTHER_PROVINCE_REGION,
    });
  });

  it('cross-province unfiled emergency settles as filed (R-F4); the same visit without the flag is refused, and the refusal replays', async () => {
    const p = PERSONS.crossProvinceUnfiled;
    const extra = { insuplc_admdvs: OTHER_PROVINCE_REGION };
    const plain = (await step('2201', registration(p, '390', 'OP-E0'), extra)).data.mdtrt_id as string;
    await step(
      '2204',
      { feedetail: [feeLine(p, plain, { sn: '1', code: ITEMS.classA, pric: 80, cnt: 1 })] },
      extra,
    );
    const no = await refused('2207', settleData(p, plain, '390', '11', 80), extra);
    expect(no.err_msg).toMatch(/^\[CROSS_REGION_NOT_FILED\]/);

    const visitId = (await step('2201', registration(p, '390', 'OP-E1'), extra)).data.mdtrt_id as string;
    await step('2203', visitUpload(p, visitId, '13', '', { OTP_ER_REFL_FLAG: '1' }), extra);
    await step(
      '2204',
      { feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 200, cnt: 1 })] },
      extra,
    );
    const setl = await step(
      '2207',
      settleData(p, visitId, '390', '13', 200, { exp_content: '{"OTP_ER_REFL_FLAG":"1"}' }),
      extra,
    );
    assertConserves(setl.setlinfo);
    expect(JSON.parse(setl.setlinfo.exp_content).mdtrt_situation).toBe('emergency');
    expect(setl.setlinfo.hifp_pay).toBe(130);
  });

  it('chronic: M03900 lines and an unrelated line → two settlements in one answer (R-C2)', async () => {
    const p = PERSONS.local;
    const visitId = (await step('2201', registration(p, '310', 'OP-C1'))).data.mdtrt_id as string;
    await step('2203', visitUpload(p, visitId, '14', 'M03900'));
    await step('2204', {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.hypertension, pric: 30, cnt: 3, dise: 'M03900' }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classA, pric: 12, cnt: 1 }),
      ],
    });
    const setl = await step('2207', settleData(p, visitId, '310', '14', 102));
    assertConserves(setl.setlinfo);
    const parts = JSON.parse(setl.setlinfo.exp_content).setl_parts as Out[];
    expect(parts.map((x) => [x.setl_cate, x.dise_codg, x.medfee_sumamt])).toEqual([
      ['chronic_outpatient', 'M03900', 90],
      ['general_outpatient', null, 12],
    ]);
    const sum = (k: string) => parts.reduce((s, x) => s + Math.round(x[k] * 100), 0);
    expect(sum('medfee_sumamt')).toBe(Math.round(setl.setlinfo.medfee_sumamt * 100));
    expect(sum('psn_cash_pay')).toBe(Math.round(setl.setlinfo.psn_cash_pay * 100));
    const rows = await ctx.store.db
      .selectFrom('settlements')
      .select('category')
      .where('group_id', '=', setl.setlinfo.setl_id)
      .execute();
    expect(rows.map((r) => r.category)).toEqual(['chronic_outpatient', 'general_outpatient']);
  });

  it('inpatient with a mid-stay settlement, then discharge and final settlement, then cancellation 2305', async () => {
    const p = PERSONS.local;
    const visitId = (await step('2401', admission(p, '310', 'IP-A1'))).result.mdtrt_id as string;
    await step('2301', { feedetail: [ipLine(p, visitId, '001', ITEMS.classA, 1500, 2)] });
    const mid = await step('2304', settleData(p, visitId, '310', '21', 3000, { mid_setl_flag: '1' }));
    assertConserves(mid.setlinfo);
    await step('2301', { feedetail: [ipLine(p, visitId, '002', ITEMS.classB, 400, 2)] });
    await step('2402', {
      dscginfo: {
        mdtrt_id: visitId,
        psn_no: p.psnNo,
        insutype: '310',
        endtime: '2026-05-05 10:00:00',
        dscg_dept_codg: 'A03',
        dscg_dept_name: '内科',
        dscg_way: '1',
      },
      diseinfo: [],
    });
    await step('2303', settleData(p, visitId, '310', '21', 800, { mid_setl_flag: '0' }));
    const fin = await step('2304', settleData(p, visitId, '310', '21', 800, { mid_setl_flag: '0' }));
    assertConserves(fin.setlinfo);
    expect(fin.setlinfo.medfee_sumamt).toBe(800);
    const cancel = await step('2305', {
      data: { setl_id: fin.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo },
    });
    expect(cancel.setlinfo.medfee_sumamt).toBe(-800);
  });

  it('2601 reverses a 2207 by its msgid, reverses the reversal of a 2208, and reverses a 2401', async () => {
    const p = PERSONS.local;
    const visitId = (await step('2201', registration(p, '310', 'OP-R1'))).data.mdtrt_id as string;
    await step('2204', {
      feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 50, cnt: 1 })],
    });
    const settleEnvelopeIndex = steps.length;
    const setl = await step('2207', settleData(p, visitId, '310', '11', 50));
    const omsgid = steps[settleEnvelopeIndex]!.envelope.msgid;
    const before = await ctx.store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', p.psnNo)
      .executeTakeFirstOrThrow();
    await step('2601', { data: { psn_no: p.psnNo, omsgid, oinfno: '2207' } });
    const reversed = await ctx.store.db
      .selectFrom('settlements')
      .select('settlement_id')
      .where('reverses_id', '=', `${setl.setlinfo.setl_id}-1`)
      .execute();
    expect(reversed).toHaveLength(1);
    const after = await ctx.store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', p.psnNo)
      .executeTakeFirstOrThrow();
    expect(Number(after.account_balance_fen)).toBe(
      Number(before.account_balance_fen) + Math.round(setl.setlinfo.acct_pay * 100),
    );

    const again = await step('2207', settleData(p, visitId, '310', '11', 50));
    const cancelIndex = steps.length;
    await step('2208', { data: { setl_id: again.setlinfo.setl_id, mdtrt_id: visitId, psn_no: p.psnNo } });
    await step('2601', {
      data: { psn_no: p.psnNo, omsgid: steps[cancelIndex]!.envelope.msgid, oinfno: '2208' },
    });
    const live = await ctx.store.db
      .selectFrom('fee_lines')
      .select(['status', 'settlement_id'])
      .where('visit_id', '=', visitId)
      .execute();
    expect(live.map((l) => l.status)).toEqual(['settled']);

    const admitIndex = steps.length;
    const stay = (await step('2401', admission(p, '310', 'IP-R1'))).result.mdtrt_id as string;
    await step('2601', {
      data: { psn_no: p.psnNo, omsgid: steps[admitIndex]!.envelope.msgid, oinfno: '2401' },
    });
    const visit = await ctx.store.db
      .selectFrom('visits')
      .select('status')
      .where('visit_id', '=', stay)
      .executeTakeFirstOrThrow();
    expect(visit.status).toBe('cancelled');
  });

  it('replays every step again with its msgid: byte-identical answers, nothing posted twice', async () => {
    const before = await postedRows();
    for (const s of steps) {
      const replay = await his.send({ ...s.envelope, sign_no: his.signNo });
      expect(replay.text, String(s.envelope.infno)).toBe(s.text);
    }
    expect(await postedRows()).toEqual(before);
    // Same msgid, different content: refused, nothing written (T8).
    const settleStep = steps.find((s) => s.envelope.infno === '2207')!;
    const changed = await his.send({
      ...settleStep.envelope,
      input: { data: { ...(settleStep.envelope.input as Out).data, medfee_sumamt: 1 } },
    });
    expect(changed.json.err_msg).toMatch(/^\[IDEMPOTENCY_KEY_REUSED\]/);
    expect(await postedRows()).toEqual(before);
  });

  it('keeps every accumulator equal to the sum of its movements, with gapless versions (R-M6)', async () => {
    const accumulators = await ctx.store.db.selectFrom('accumulators').selectAll().execute();
    expect(accumulators.length).toBeGreaterThan(0);
    for (const a of accumulators) {
      const moves = await ctx.store.db
        .selectFrom('accumulator_movements')
        .select(['delta', 'version', 'value_before', 'value_after'])
        .where('psn_no', '=', a.psn_no)
        .where('year', '=', a.year)
        .where('key', '=', a.key)
        .orderBy('version')
        .execute();
      expect(moves.reduce((s, m) => s + Number(m.delta), 0)).toBe(Number(a.value));
      expect(moves.map((m) => Number(m.version))).toEqual(moves.map((_, i) => i + 1));
    }
  });
});
