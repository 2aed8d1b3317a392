/**
 * The seams between the chronic registry and the settlement service (issue 6), on SQLite and PostgreSQL:
 * a pharmacy chronic purchase needs a prescription from a designated medical institution (R-C2), refused
 * over the national interface without one and settled as chronic with one; an instant-on-application
 * disease (R-C6) refunds the general-outpatient settlement made between application and approval by
 * reversal and re-settlement as chronic, once.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import {
  applyForChronic,
  type ChronicCaller,
  pendingChronicRecomputations,
  reviewChronicApplication,
  seedChronicCatalogIfEmpty,
} from '../../src/service/chronic/index.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { processPendingChronicRecomputations } from '../../src/service/settlement/chronic-recompute.ts';
import {
  assertConserves,
  feeLine,
  ITEMS,
  type Out,
  registration,
  settleData,
  visitUpload,
} from '../national/flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  LOCAL_REGION,
  PERSONS,
  seedChronicQualification,
  seedPolicies,
  seedReference,
} from '../national/support.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const PHARMACY = 'P42010000001';
const STAFF: ChronicCaller = { id: 'staff420100', role: 'staff', regionCode: LOCAL_REGION };
const PDF = Buffer.from('%PDF-1.4 诊断证明').toString('base64');
const p = PERSONS.local;

/** A pharmacy line: feeLine() without the hospital's rxno / rx_circ_flag, plus what the test gives. */
function pharmacyLine(visitId: string, sn: string, dise: string | undefined, rx: Record<string, unknown>) {
  const {
    rxno: _n,
    rx_circ_flag: _f,
    ...line
  } = feeLine(p, visitId, {
    sn,
    code: ITEMS.hypertension,
    pric: 50,
    cnt: 2,
    ...(dise === undefined ? {} : { dise }),
  });
  return { ...line, ...rx };
}

describe.each(DIALECTS)('chronic ↔ settlement wiring on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let now: Date;

  beforeEach(async () => {
    now = FIXED_NOW;
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => now };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedChronicCatalogIfEmpty(ctx.store);
    await seedChronicQualification(ctx.store.db);
    await ctx.store.db
      .insertInto('institutions')
      .values({
        code: PHARMACY,
        name: '武汉市测试大药房',
        region_code: LOCAL_REGION,
        kind: 'pharmacy',
        level: '0',
        cross_region_networked: 1,
        chronic_diseases: '["M03900"]',
        employee_outpatient_pooling: 1,
        address: null,
      })
      .execute();
    // The hospital also serves glaucoma (M03100, 即申即享).
    await ctx.store.db
      .updateTable('institutions')
      .set({ chronic_diseases: '["M03900","M01600","M03100"]' })
      .where('code', '=', HOSPITAL)
      .execute();
    app = await build(ctx, { logger: false });
  });
  afterEach(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  async function client(code: string): Promise<HisClient> {
    const his = new HisClient(injector(app), code);
    await his.signIn();
    return his;
  }

  async function ok(his: HisClient, infno: string, input: unknown) {
    const res = await his.call(infno, input);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return res.json.output as Out;
  }

  it('R-C2: a pharmacy chronic purchase without a prescription from a medical institution is refused; with one it settles as chronic', async () => {
    const his = await client(PHARMACY);
    const visitId = (await ok(his, '2201', registration(p, '310', 'RX-1'))).data.mdtrt_id as string;
    await ok(his, '2203', visitUpload(p, visitId, '41', 'M03900'));
    await ok(his, '2204', {
      feedetail: [
        pharmacyLine(visitId, '1', 'M03900', {}),
        pharmacyLine(visitId, '2', undefined, {}), // not chronic: needs nothing
      ],
    });

    // No rxno on the chronic line: refused, coded, in Chinese, naming the line and the fix.
    const refused = await his.call('2207', settleData(p, visitId, '310', '41', 200));
    expect(refused.status).toBe(200);
    expect(refused.json.infcode).not.toBe(0);
    expect(refused.json.err_msg).toMatch(
      /^\[CHRONIC_PRESCRIPTION_REQUIRED\] 药店按门诊慢特病结算须凭定点医疗机构/,
    );
    expect(refused.json.err_msg).toMatch(/第 1 条费用明细（病种 高血压M03900）未填写处方号/);
    // The business rejection is stored and replayed byte for byte.
    const replay = await his.send(refused.envelope);
    expect(replay.text).toBe(refused.text);
    expect(replay.headers['idempotency-hit']).toBe('true');
    const preview = await his.call('2206', settleData(p, visitId, '310', '41', 200));
    expect(preview.json.err_msg).toMatch(/^\[CHRONIC_PRESCRIPTION_REQUIRED\]/);
    // Nothing was settled.
    const settled = await ctx.store.db.selectFrom('settlements').select('settlement_id').execute();
    expect(settled).toEqual([]);

    // A prescription the pharmacy "issued" itself (rx_circ_flag = 0) is not from a medical institution.
    await ok(his, '2205', { data: { mdtrt_id: visitId, psn_no: p.psnNo, chrg_bchno: '0000' } });
    await ok(his, '2204', {
      feedetail: [pharmacyLine(visitId, '1', 'M03900', { rxno: 'RX-SELF-1', rx_circ_flag: '0' })],
    });
    const selfIssued = await his.call('2207', settleData(p, visitId, '310', '41', 100));
    expect(selfIssued.json.err_msg).toMatch(/^\[CHRONIC_PRESCRIPTION_ISSUER_INVALID\]/);
    expect(selfIssued.json.err_msg).toMatch(/外购处方标志为 0/);

    // An external prescription of a designated hospital, issued within 84 days: settles as chronic.
    await ok(his, '2205', { data: { mdtrt_id: visitId, psn_no: p.psnNo, chrg_bchno: '0000' } });
    await ok(his, '2204', {
      feedetail: [
        pharmacyLine(visitId, '1', 'M03900', {
          rxno: 'RX-H-0001',
          rx_circ_flag: '1',
          exp_content: JSON.stringify({ rx_fixmedins_code: HOSPITAL, rx_prsc_date: '2026-05-01' }),
        }),
        pharmacyLine(visitId, '2', undefined, {}),
      ],
    });
    const setl = await ok(his, '2207', settleData(p, visitId, '310', '41', 200));
    assertConserves(setl.setlinfo);
    const parts = JSON.parse(setl.setlinfo.exp_content).setl_parts as Out[];
    expect(parts.map((x) => [x.setl_cate, x.dise_codg, x.medfee_sumamt])).toEqual([
      ['chronic_outpatient', 'M03900', 100],
      ['pharmacy_purchase', null, 100],
    ]);
    // Kept on file with the fee line.
    const line = await ctx.store.db
      .selectFrom('fee_lines')
      .select(['prescription_no', 'split', 'status'])
      .where('visit_id', '=', visitId)
      .where('line_no', '=', '1')
      .where('status', '=', 'settled')
      .executeTakeFirstOrThrow();
    expect(line.prescription_no).toBe('RX-H-0001');
    expect(JSON.parse(line.split).prescription).toEqual({
      no: 'RX-H-0001',
      circulated: true,
      issuerInstitutionCode: HOSPITAL,
      issuedOn: '2026-05-01',
    });

    // Another pharmacy's prescription, or an old one, is refused too.
    const v2 = (await ok(his, '2201', registration(p, '310', 'RX-2'))).data.mdtrt_id as string;
    await ok(his, '2203', visitUpload(p, v2, '41', 'M03900'));
    await ok(his, '2204', {
      feedetail: [
        pharmacyLine(v2, '1', 'M03900', {
          rxno: 'RX-H-0002',
          rx_circ_flag: '1',
          exp_content: { rx_fixmedins_code: HOSPITAL, rx_prsc_date: '2026-01-02' },
        }),
      ],
    });
    const old = await his.call('2207', settleData(p, v2, '310', '41', 100));
    expect(old.json.err_msg).toMatch(/^\[CHRONIC_PRESCRIPTION_EXPIRED\]/);
  });

  it('R-C6: apply → general settlement in between → approve → recomputed as chronic and refunded, once', async () => {
    const his = await client(HOSPITAL);
    const applied = await applyForChronic(
      ctx,
      {
        psnNo: p.psnNo,
        diseaseCode: 'M03100',
        channel: 'online',
        materials: [{ fileName: '诊断证明.pdf', mimeType: 'application/pdf', contentBase64: PDF }],
      },
      { id: p.psnNo, role: 'person', regionCode: LOCAL_REGION },
    );
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.appliedOn).toBe('2026-05-06');

    // Next day, before approval: a glaucoma visit settles as general outpatient (1,000 yuan, no account).
    now = new Date('2026-05-07T02:00:00Z');
    const visitId = (await ok(his, '2201', registration(p, '310', 'OP-G1'))).data.mdtrt_id as string;
    await ok(his, '2203', visitUpload(p, visitId, '11'));
    await ok(his, '2204', {
      feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 100, cnt: 10, dise: 'M03100' })],
    });
    const general = await ok(
      his,
      '2207',
      settleData(p, visitId, '310', '11', 1000, { acct_used_flag: '0', med_type: '11' }),
    );
    const originalGroup = general.setlinfo.setl_id as string;
    expect(JSON.parse(general.setlinfo.exp_content).setl_parts[0].setl_cate).toBe('general_outpatient');
    // 普通门诊: deductible 700, then 60 % → 180 yuan from the pool.
    expect(general.setlinfo.hifp_pay).toBe(180);

    now = new Date('2026-05-08T02:00:00Z');
    const reviewed = await reviewChronicApplication(
      ctx,
      { applicationId: applied.value.applicationId, decision: 'approve' },
      STAFF,
    );
    if (!reviewed.ok) throw new Error(reviewed.error.message);
    expect(reviewed.value.toRecompute).toHaveLength(1);
    expect(await pendingChronicRecomputations(ctx)).toHaveLength(1);

    const run = await processPendingChronicRecomputations(ctx);
    expect(run.failed).toEqual([]);
    expect(run.done).toBe(1);
    const outcome = run.recomputed[0]!;
    // 门诊慢特病（其他病种）: annual deductible 300 per disease, then 75 % → 525 yuan; 345 more than before.
    expect(outcome.refund).toEqual({
      fundsMoreFen: 34_500,
      personRefundFen: 34_500,
      accountRefundFen: 0,
      cashRefundFen: 34_500,
    });
    const newGroup = outcome.resultRef;
    expect(await pendingChronicRecomputations(ctx)).toEqual([]);

    const rows = await ctx.store.db
      .selectFrom('settlements')
      .select(['group_id', 'kind', 'category', 'disease_code', 'fund_pay_fen', 'cash_fen', 'total_fen'])
      .where('visit_id', '=', visitId)
      .orderBy('settled_at')
      .orderBy('kind') // same instant: the reversal, then the new settlement
      .execute();
    expect(rows.map((r) => [r.kind, r.category, r.disease_code, Number(r.fund_pay_fen)])).toEqual([
      ['settlement', 'general_outpatient', null, 18_000],
      ['reversal', 'general_outpatient', null, -18_000],
      ['settlement', 'chronic_outpatient', 'M03100', 52_500],
    ]);
    expect(rows[2]!.group_id).toBe(newGroup);

    // Over the national interface: the original is refunded, the new group is the chronic settlement.
    const q = await ok(his, '5203', { data: { psn_no: p.psnNo, setl_id: originalGroup, mdtrt_id: visitId } });
    expect(q.setlinfo.refd_setl_flag).toBe('1');
    const q2 = await ok(his, '5203', { data: { psn_no: p.psnNo, setl_id: newGroup, mdtrt_id: visitId } });
    expect(q2.setlinfo).toMatchObject({ hifp_pay: 525, medfee_sumamt: 1000, refd_setl_flag: '0' });

    const books = async () => {
      const acc = await ctx.store.db
        .selectFrom('accumulators')
        .select(['key', 'value'])
        .where('psn_no', '=', p.psnNo)
        .where('year', '=', 2026)
        .orderBy('key')
        .execute();
      const moves = await ctx.store.db
        .selectFrom('accumulator_movements')
        .select(['key', 'delta'])
        .where('psn_no', '=', p.psnNo)
        .where('year', '=', 2026)
        .execute();
      const sums = new Map<string, number>();
      for (const m of moves) sums.set(m.key, (sums.get(m.key) ?? 0) + Number(m.delta));
      for (const a of acc) expect(Number(a.value), a.key).toBe(sums.get(a.key) ?? 0);
      const count = await ctx.store.db
        .selectFrom('settlements')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return { acc: acc.map((a) => [a.key, Number(a.value)]), settlements: Number(count.n) };
    };
    const before = await books();
    // The general-outpatient deductible was given back; the chronic one is consumed.
    expect(before.acc.some(([k, v]) => String(k).includes('general-outpatient') && v !== 0)).toBe(false);
    expect(before.acc).toContainEqual(['deductible.chronic.M03100.usedFen', 30_000]);

    // A second run changes nothing.
    const again = await processPendingChronicRecomputations(ctx);
    expect(again).toEqual({ done: 0, failed: [], recomputed: [] });
    expect(await books()).toEqual(before);
  });
});
