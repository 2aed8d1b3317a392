/**
 * 2210 未直接结算费用明细上传 (yibao extension, R-R3) through the national interface on both dialects:
 * the institution uploads a self-paid patient's bill after discharge; it is stored with each line split
 * by the treatment region's catalog and the person can claim on it; a replay is byte for byte; an upload
 * past the 3 working days is taken but flagged late; a malformed line gets a coded Chinese error and
 * nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import {
  myUnsettledBills,
  seedMaterialListsIfEmpty,
  submitClaim,
} from '../../src/service/reimbursement/index.ts';
import { lateUnsettledUploads } from '../../src/service/unsettled-upload/index.ts';
import { countRows, DIALECTS, freshStoreLocation } from '../support/stores.ts';
import type { Out } from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  ITEMS,
  injector,
  LOCAL_REGION,
  OTHER_PROVINCE_REGION,
  PERSONS,
  seedPolicies,
  seedReference,
} from './support.ts';

interface Line {
  readonly sn: string;
  readonly code: string;
  readonly pric: number;
  readonly cnt: number;
  readonly amount?: number;
}

const LINES: readonly Line[] = [
  { sn: 'F1', code: ITEMS.classA, pric: 12.5, cnt: 4 }, // 50.00 甲
  { sn: 'F2', code: ITEMS.classB, pric: 30, cnt: 2 }, // 60.00 乙 10 %
  { sn: 'F3', code: ITEMS.classC, pric: 20, cnt: 1 }, // 20.00 丙
];

/** A stay of `p` at the hospital, discharged at `endtime`, paid by the person themselves. */
function bill(
  p: { readonly psnNo: string },
  insutype: string,
  visitNo: string,
  endtime: string,
  lines: readonly Line[] = LINES,
  info: Record<string, unknown> = {},
) {
  return {
    mdtrtinfo: {
      psn_no: p.psnNo,
      insutype,
      ipt_otp_no: visitNo,
      med_type: '21',
      begntime: '2026-04-20 08:30:00',
      endtime,
      dise_codg: 'J18.900',
      ...info,
    },
    diseinfo: [
      { diag_type: '1', diag_srt_no: 2, diag_code: 'I10.x00', diag_name: '高血压', maindiag_flag: '0' },
      { diag_type: '1', diag_srt_no: 1, diag_code: 'J18.900', diag_name: '肺炎', maindiag_flag: '1' },
    ],
    feedetail: lines.map((l) => ({
      feedetl_sn: l.sn,
      fee_ocur_time: '2026-04-22 10:00:00',
      med_list_codg: l.code,
      medins_list_codg: `H-${l.code}`,
      medins_list_name: `院内${l.code}`,
      det_item_fee_sumamt: l.amount ?? Math.round(l.pric * l.cnt * 100) / 100,
      cnt: l.cnt,
      pric: l.pric,
    })),
  };
}

describe.each(DIALECTS)('2210 unsettled fee upload (yibao extension) on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    await seedMaterialListsIfEmpty(ctx);
    app = await build(ctx, { logger: false });
    his = new HisClient(injector(app));
    await his.signIn();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  async function ok(input: unknown, extra: Record<string, unknown> = {}) {
    const res = await his.call('2210', input, extra);
    if (res.json.infcode !== 0) throw new Error(`2210: ${res.json.err_msg}`);
    return { ...res, out: res.json.output as Out };
  }

  /** What an upload may write anywhere. */
  async function written() {
    const count = (table: 'unsettled_uploads' | 'unsettled_fee_lines' | 'outbox' | 'audit_log') =>
      countRows(ctx.store.db, table);
    return {
      uploads: await count('unsettled_uploads'),
      lines: await count('unsettled_fee_lines'),
      outbox: await count('outbox'),
      audit: await count('audit_log'),
    };
  }

  async function logged(msgid: string) {
    return ctx.store.db.selectFrom('message_log').select('msgid').where('msgid', '=', msgid).execute();
  }

  it('stores a self-paid stay uploaded on time, splits each line, replays byte for byte, and the person can claim it (R-R3)', async () => {
    const p = PERSONS.local;
    // Discharged Tue 04-28: 04-29, 04-30 and (after May Day 05-01…05-05) 05-06 are the 3 working days.
    const up = await ok(bill(p, '310', 'ZY-2210-1', '2026-04-28 16:00:00'));
    const result = up.out.result;
    expect(result).toMatchObject({
      psn_no: p.psnNo,
      ipt_otp_no: 'ZY-2210-1',
      insuplc_admdvs: LOCAL_REGION,
      medfee_sumamt: 130,
      inscp_scp_amt: 104, // 50 甲 + 60 × 0.9 乙; 丙 is out of scope
      upld_ddln: '2026-05-06',
      late_flag: '0',
      late_days: 0,
    });
    expect(result.upld_id).toMatch(/^UU[0-9A-F]{20}$/);
    expect(
      result.feedetail.map((r: Out) => [r.feedetl_sn, r.chrgitm_lv, r.inscp_scp_amt, r.fulamt_ownpay_amt]),
    ).toEqual([
      ['F1', '01', 50, 0],
      ['F2', '02', 54, 0],
      ['F3', '03', 0, 20],
    ]);
    expect(result.feedetail[1]).toMatchObject({
      preselfpay_amt: 6,
      selfpay_prop: 0.1,
      med_chrgitm_type: '09',
    });

    const replay = await his.send(up.envelope);
    expect(replay.text).toBe(up.text);
    expect(replay.headers['idempotency-hit']).toBe('true');

    // Stored once: the person sees the bill (main diagnosis first) and can claim on it.
    const bills = await myUnsettledBills(ctx, p.psnNo);
    expect(bills.map((b) => b.uploadId)).toEqual([result.upld_id]);
    const stored = await ctx.store.db
      .selectFrom('unsettled_uploads')
      .selectAll()
      .where('upload_id', '=', result.upld_id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      institution_code: HOSPITAL,
      kind: 'inpatient',
      hospital_visit_no: 'ZY-2210-1',
      end_time: '2026-04-28T16:00:00+08:00',
      due_date: '2026-05-06',
      late: 0,
      uploaded_by: HOSPITAL,
    });
    expect(JSON.parse(stored.diagnoses)).toEqual([
      { code: 'J18.900', name: '肺炎' },
      { code: 'I10.x00', name: '高血压' },
    ]);
    const claim = await submitClaim(ctx, { role: 'person', psnNo: p.psnNo }, { uploadId: result.upld_id });
    expect(claim.ok ? claim.value.uploadId : claim.error.code).toBe(result.upld_id);

    // Another message for the same visit is refused: one upload per visit.
    const again = await his.call('2210', bill(p, '310', 'ZY-2210-1', '2026-04-28 16:00:00'));
    expect(again.json.infcode).toBe(-1);
    expect(again.json.err_msg).toMatch(/^\[UNSETTLED_ALREADY_UPLOADED\] .*ZY-2210-1.*ipt_otp_no/);
  });

  it('takes an upload 4 working days after discharge but flags it late to the treatment region', async () => {
    const p = PERSONS.local;
    const before = await written();
    // Discharged Mon 04-27: due Thu 04-30; Wed 05-06 is the 4th working day (May Day does not count).
    const up = await ok(bill(p, '310', 'ZY-2210-2', '2026-04-27 10:00:00'));
    expect(up.out.result).toMatchObject({ upld_ddln: '2026-04-30', late_flag: '1', late_days: 1 });
    const late = await lateUnsettledUploads(ctx, LOCAL_REGION, '2026-01-01T00:00:00Z');
    expect(late.map((u) => [u.uploadId, u.hospitalVisitNo, u.workingDaysLate])).toEqual([
      [up.out.result.upld_id, 'ZY-2210-2', 1],
    ]);
    const after = await written();
    expect(after).toEqual({
      uploads: before.uploads + 1,
      lines: before.lines + 3,
      outbox: before.outbox + 1,
      audit: before.audit + 1,
    });
    const notice = await ctx.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'unsettled.late_upload')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notice.payload)).toMatchObject({ institutionCode: HOSPITAL, dueDate: '2026-04-30' });
  });

  it('answers a malformed line with a coded Chinese error and writes nothing', async () => {
    const p = PERSONS.local;
    const before = await written();

    // A required field missing: an input error, not even the msgid is kept.
    const missing = bill(p, '310', 'ZY-2210-3', '2026-05-06 08:00:00');
    delete (missing.feedetail[1] as Record<string, unknown>).med_list_codg;
    const noCode = await his.call('2210', missing);
    expect(noCode.json.infcode).toBe(-1);
    expect(noCode.json.err_msg).toBe(
      '[FIELD_REQUIRED] 缺少必填字段 医疗目录编码 med_list_codg（input.feedetail[1].med_list_codg），请补充后重试。',
    );
    expect(await logged(noCode.envelope.msgid as string)).toHaveLength(0);

    // Amount ≠ price × quantity: a business rejection, answered (and replayed) but nothing uploaded.
    const mismatch = await his.call(
      '2210',
      bill(p, '310', 'ZY-2210-3', '2026-05-06 08:00:00', [
        LINES[0]!,
        { sn: 'F2', code: ITEMS.classB, pric: 30, cnt: 2, amount: 66 },
      ]),
    );
    expect(mismatch.json.infcode).toBe(-1);
    expect(mismatch.json.err_msg).toMatch(
      /^\[FEE_LINE_AMOUNT_MISMATCH\] 费用明细第 F2 行：明细金额 det_item_fee_sumamt 为 66\.00 元/,
    );
    expect((await his.send(mismatch.envelope)).text).toBe(mismatch.text);

    // Duplicate line numbers, a discharge before the admission, an unknown med_type.
    const dup = await his.call(
      '2210',
      bill(p, '310', 'ZY-2210-3', '2026-05-06 08:00:00', [LINES[0]!, { ...LINES[1]!, sn: 'F1' }]),
    );
    expect(dup.json.err_msg).toMatch(
      /^\[UNSETTLED_LINE_DUPLICATE\] 费用明细流水号 feedetl_sn “F1” 重复（input\.feedetail\[1\]\.feedetl_sn）/,
    );
    const backwards = await his.call('2210', bill(p, '310', 'ZY-2210-3', '2026-04-19 08:00:00'));
    expect(backwards.json.err_msg).toMatch(
      /^\[UNSETTLED_TIME_INVALID\] 结束时间 endtime “2026-04-19 08:00:00” 早于开始时间 begntime/,
    );
    const medType = await his.call(
      '2210',
      bill(p, '310', 'ZY-2210-3', '2026-05-06 08:00:00', LINES, { med_type: '99' }),
    );
    expect(medType.json.err_msg).toMatch(/^\[CODE_INVALID\] 字段 医疗类别 med_type 的值 “99” 不在代码表中/);

    expect(await written()).toEqual(before);
    expect(await myUnsettledBills(ctx, p.psnNo)).toHaveLength(2); // the two uploads above only
  });

  it('checks the stated insurance type and insured region against the register', async () => {
    const p = PERSONS.crossProvince;
    const before = await written();
    const undeclared = await his.call('2210', bill(p, '390', 'MZ-2210-1', '2026-05-06 08:00:00'));
    expect(undeclared.json.err_msg).toMatch(
      /^\[INSURED_REGION_MISMATCH\] 参保地医保区划 insuplc_admdvs 填写为 “420100”/,
    );
    const wrongType = await his.call('2210', bill(p, '310', 'MZ-2210-1', '2026-05-06 08:00:00'), {
      insuplc_admdvs: OTHER_PROVINCE_REGION,
    });
    expect(wrongType.json.err_msg).toMatch(/^\[INSURANCE_TYPE_MISMATCH\] /);
    const unknown = await his.call(
      '2210',
      bill({ psnNo: '99999999999999999999' }, '390', 'MZ-2210-1', '2026-05-06 08:00:00'),
    );
    expect(unknown.json.err_msg).toMatch(
      /^\[UNSETTLED_PERSON_NOT_FOUND\] 没有人员编号 psn_no 为 “99999999999999999999” 的参保人/,
    );
    expect(await written()).toEqual(before);

    // Declared (envelope and mdtrtinfo), an outpatient visit of the cross-province person is taken.
    const up = await ok(
      bill(p, '390', 'MZ-2210-1', '2026-05-06 08:00:00', LINES, {
        med_type: '11',
        begntime: '2026-05-06 07:30:00',
        insuplc_admdvs: OTHER_PROVINCE_REGION,
      }),
      { insuplc_admdvs: OTHER_PROVINCE_REGION },
    );
    expect(up.out.result).toMatchObject({ insuplc_admdvs: OTHER_PROVINCE_REGION, late_flag: '0' });
    const stored = await ctx.store.db
      .selectFrom('unsettled_uploads')
      .select(['kind', 'insured_region_code', 'treatment_region_code'])
      .where('upload_id', '=', up.out.result.upld_id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      kind: 'outpatient',
      insured_region_code: OTHER_PROVINCE_REGION,
      treatment_region_code: LOCAL_REGION,
    });
  });
});
