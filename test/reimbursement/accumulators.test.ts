/**
 * R-M6 for manual reimbursement, on both dialects: an approved claim moves the person-year accumulators
 * exactly as direct settlement would — the core's deltas on the accumulators current at approval, posted
 * with the claim as their source (never a settlements row) — and a later direct settlement of the same
 * person-year sees them. A whole recovery undoes the claim's movements; reversing it redoes them.
 * Movements keep exactly one source and stay append-only.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fen, units } from '../../src/core/money/index.ts';
import { validatePolicy } from '../../src/core/policy/index.ts';
import type { Person as InsuredPerson } from '../../src/core/reference/types.ts';
import { applyDeltas, type SettlementResult, settle } from '../../src/core/settlement/index.ts';
import { build } from '../../src/http/server.ts';
import {
  acceptClaim,
  adjustClaimPayment,
  approveClaim,
  type CaseCaller,
  payClaim,
  previewClaimComputation,
  submitClaim,
} from '../../src/service/reimbursement/index.ts';
import { type UnsettledUploadInput, uploadUnsettledFees } from '../../src/service/unsettled-upload/index.ts';
import { readAccumulators } from '../../src/store/repositories/accumulators.ts';
import { findInstitution, findPerson } from '../../src/store/repositories/reference-reads.ts';
import {
  admission,
  feeLine,
  ipLine,
  type Out,
  type Person,
  registration,
  settleData,
  visitUpload,
} from '../national/flows.ts';
import { HisClient, injector } from '../national/support.ts';
import { must } from '../support/results.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  CHIZHOU,
  catalogOf,
  type Fixture,
  HEFEI,
  HEFEI_HOSPITAL,
  openFixture,
  POLICY_341700_310,
} from './fixture.ts';

const person: CaseCaller = { role: 'person', psnNo: 'P1' };
const staff = { role: 'staff', username: 'cz-clerk', regionCode: CHIZHOU } as const;
const PDF = Buffer.from('%PDF-1.4 demo').toString('base64');
const MATERIALS = ['IDENTITY', 'RECEIPT', 'BANK_ACCOUNT', 'DISCHARGE_SUMMARY'].map((itemCode) => ({
  itemCode,
  fileName: `${itemCode}.pdf`,
  mimeType: 'application/pdf',
  contentBase64: PDF,
}));
/** P1 of the reimbursement fixture (池州 employee) as the national test client addresses a person. */
const P1 = { psnNo: 'P1', certNo: '341702197005011234', card: '', region: CHIZHOU } as unknown as Person;
const AT_HEFEI = { insuplc_admdvs: CHIZHOU };

/** A fee line as uploaded (with its fee time); the core reads the FeeLine part of it. */
type UploadLine = UnsettledUploadInput['lines'][number];
const line = (
  lineNo: string,
  itemCode: string,
  unitFen: number,
  qty: number,
  feeTime: string,
): UploadLine => ({
  lineNo,
  itemCode,
  unitPriceFen: fen(unitFen),
  quantity: units(qty),
  amountFen: fen(unitFen * qty),
  feeTime,
});

/** A 60,000-yuan stay self-paid at 合肥 (in province: no filing needed, R-F3). */
const CLAIM_LINES = [
  line('1', 'DRUG-A', 2_000_000, 2, '2026-04-21T09:00:00+08:00'),
  line('2', 'DRUG-B', 500_000, 3, '2026-04-22T09:00:00+08:00'),
  line('3', 'CONS-B', 200_000, 1, '2026-04-22T10:00:00+08:00'),
  line('4', 'ITEM-C', 300_000, 1, '2026-04-23T09:00:00+08:00'),
];
const CLAIM_SETTLED_AT = '2026-04-27T10:00:00+08:00';

function bill(visitNo: string): UnsettledUploadInput {
  return {
    psnNo: 'P1',
    hospitalVisitNo: visitNo,
    kind: 'inpatient',
    medType: '21',
    beginTime: '2026-04-20T08:00:00+08:00',
    endTime: CLAIM_SETTLED_AT,
    diagnoses: [{ code: 'I21.9', name: '急性心肌梗死' }],
    lines: CLAIM_LINES,
  };
}

const toFen = (yuan: unknown) => Math.round(Number(yuan) * 100);

describe.each(DIALECTS)('manual reimbursement moves the accumulators on %s', (dialect) => {
  let fx: Fixture;
  let app: FastifyInstance;
  let his: HisClient;
  beforeEach(async () => {
    fx = await openFixture(dialect);
    app = await build(fx.ctx, { logger: false });
    his = new HisClient(injector(app), HEFEI_HOSPITAL, HEFEI);
    await his.signIn();
  });
  afterEach(async () => {
    await app.close();
    await fx.close();
  });

  const db = () => fx.ctx.store.db;

  async function national(infno: string, input: unknown): Promise<Out> {
    const res = await his.call(infno, input, AT_HEFEI);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return res.json.output as Out;
  }

  async function accumulators(): Promise<Record<string, number>> {
    const rows = await readAccumulators(db(), 'P1', 2026);
    return Object.fromEntries(rows.filter((r) => r.value !== 0).map((r) => [r.key, r.value]));
  }

  /** An accepted claim for a fresh upload of the 60,000-yuan stay. */
  async function acceptedClaim(visitNo: string): Promise<string> {
    fx.setNow('2026-04-28T09:00:00+08:00');
    const upload = must(await uploadUnsettledFees(fx.ctx, HEFEI_HOSPITAL, bill(visitNo)));
    const claim = must(
      await submitClaim(fx.ctx, person, { uploadId: upload.uploadId, materials: MATERIALS }),
    );
    must(await acceptClaim(fx.ctx, staff, claim.claimId));
    return claim.claimId;
  }

  /** The settlement core on the same inputs, with the given year-to-date accumulators. */
  async function core(input: {
    lines: readonly UploadLine[];
    settledAt: string;
    accumulators: Record<string, number>;
    useAccount: boolean;
    person?: InsuredPerson;
  }): Promise<SettlementResult> {
    const policy = validatePolicy(POLICY_341700_310);
    if (!policy.ok) throw new Error(policy.error.message);
    const items = new Map(catalogOf(HEFEI).map((i) => [i.code, i]));
    const result = settle({
      settlementId: 'core',
      settledAt: input.settledAt,
      person: input.person ?? (await findPerson(db(), { by: 'psn_no', value: 'P1' }))!,
      institution: (await findInstitution(db(), HEFEI_HOSPITAL))!,
      medicalType: '21',
      situation: 'in_province_exempt',
      chronicDiseases: [],
      feeLines: input.lines,
      catalog: (code) => items.get(code),
      policy: policy.value,
      accumulators: input.accumulators,
      useAccount: input.useAccount,
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  async function claimMovements(claimId: string): Promise<Record<string, number>> {
    const rows = await db()
      .selectFrom('accumulator_movements')
      .select(['key', 'delta'])
      .where('claim_id', '=', claimId)
      .execute();
    const out: Record<string, number> = {};
    for (const r of rows) out[r.key] = (out[r.key] ?? 0) + Number(r.delta);
    return Object.fromEntries(Object.entries(out).filter(([, d]) => d !== 0));
  }

  /** Every accumulator is the sum of its movements, whatever their source; versions are gapless. */
  async function expectLedgerConsistent() {
    const moves = await db().selectFrom('accumulator_movements').selectAll().orderBy('id').execute();
    for (const m of moves) expect(m.settlement_id === null, `movement ${m.id}`).not.toBe(m.claim_id === null);
    const rows = await db().selectFrom('accumulators').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const a of rows) {
      const mine = moves
        .filter((m) => m.psn_no === a.psn_no && Number(m.year) === Number(a.year) && m.key === a.key)
        .sort((x, y) => Number(x.version) - Number(y.version));
      expect(
        mine.map((m) => Number(m.version)),
        a.key,
      ).toEqual(mine.map((_, i) => i + 1));
      expect(Number(a.version), a.key).toBe(mine.length);
      expect(
        mine.reduce((s, m) => s + Number(m.delta), 0),
        a.key,
      ).toBe(Number(a.value));
      mine.forEach((m, i) => {
        expect(Number(m.value_before), a.key).toBe(i === 0 ? 0 : Number(mine[i - 1]!.value_after));
      });
    }
    return moves;
  }

  /** A direct inpatient stay at 合肥 settled through the national interface (2401 → 2301 → 2402 → 2304). */
  async function directStay(iptNo: string) {
    fx.setNow('2026-05-06T09:40:00+08:00');
    const visitId = (await national('2401', admission(P1, '310', iptNo))).result.mdtrt_id as string;
    await national('2301', {
      feedetail: [
        ipLine(P1, visitId, '001', 'DRUG-A', 1000, 3),
        ipLine(P1, visitId, '002', 'DRUG-B', 500, 2),
      ],
    });
    await national('2402', {
      dscginfo: {
        mdtrt_id: visitId,
        psn_no: 'P1',
        insutype: '310',
        endtime: '2026-05-05 10:00:00',
        dscg_dept_codg: 'A03',
        dscg_dept_name: '内科',
        dscg_way: '1',
      },
    });
    const lines = [
      line('001', 'DRUG-A', 100_000, 3, '2026-05-02T10:00:00+08:00'),
      line('002', 'DRUG-B', 50_000, 2, '2026-05-02T10:00:00+08:00'),
    ];
    const before = await accumulators();
    const person = (await findPerson(db(), { by: 'psn_no', value: 'P1' }))!;
    const out = await national('2304', settleData(P1, visitId, '310', '21', 4000, { mid_setl_flag: '0' }));
    // The settlement happens at the clock's instant.
    return { setlinfo: out.setlinfo as Out, lines, before, person, settledAt: fx.ctx.now().toISOString() };
  }

  it('approval posts exactly the core deltas with the claim as source; a later direct stay sees them, to the fen', async () => {
    const claimId = await acceptedClaim('ZY-A');

    // A direct outpatient settlement first, so the person-year has settlement-sourced movements too.
    fx.setNow('2026-05-06T09:40:00+08:00');
    const op = (await national('2201', registration(P1, '310', 'OP-1'))).data.mdtrt_id as string;
    await national('2203', visitUpload(P1, op, '11'));
    await national('2204', { feedetail: [feeLine(P1, op, { sn: '1', code: 'DRUG-A', pric: 100, cnt: 1 })] });
    await national('2207', settleData(P1, op, '310', '11', 100));

    const beforeClaim = await accumulators();
    expect(Object.keys(beforeClaim).length).toBeGreaterThan(0);
    const expected = await core({
      lines: CLAIM_LINES,
      settledAt: CLAIM_SETTLED_AT,
      accumulators: beforeClaim,
      useAccount: false,
    });
    const balance = async () => (await findPerson(db(), { by: 'psn_no', value: 'P1' }))!.accountBalanceFen;
    const balanceBefore = await balance();
    const approved = must(await approveClaim(fx.ctx, staff, claimId));
    expect(approved.approvedFen).toBe(expected.totals.fundTotalFen);
    expect(expected.totals.accountFen).toBe(0);
    // Moved by exactly the core's deltas, every one attributed to the claim.
    expect(await claimMovements(claimId)).toEqual(expected.accumulatorDeltas);
    const afterClaim = await accumulators();
    expect(afterClaim).toEqual(applyDeltas(beforeClaim, expected.accumulatorDeltas));
    expect(afterClaim['inpatient.admissions']).toBe(1);
    // The claim is no settlement: clearing's table holds only the direct outpatient settlement.
    const settlements = await db().selectFrom('settlements').select('settlement_id').execute();
    expect(settlements).toHaveLength(1);
    // The person's account is not touched (the claim is paid in cash).
    expect(await balance()).toBe(balanceBefore);
    expect(await db().selectFrom('account_movements').select('id').execute()).toHaveLength(1);

    // A direct stay afterwards is the year's 2nd admission: the core on the post-claim accumulators.
    const stay = await directStay('IP-1');
    expect(stay.before).toEqual(afterClaim);
    const withClaim = await core({
      lines: stay.lines,
      settledAt: stay.settledAt,
      accumulators: afterClaim,
      useAccount: true,
      person: stay.person,
    });
    const withoutClaim = await core({
      lines: stay.lines,
      settledAt: stay.settledAt,
      accumulators: beforeClaim,
      useAccount: true,
      person: stay.person,
    });
    expect(withClaim.totals.deductiblePaidFen).toBe(40_000);
    expect(withoutClaim.totals.deductiblePaidFen).toBe(80_000);
    for (const [wire, key] of [
      ['act_pay_dedc', 'deductiblePaidFen'],
      ['fund_pay_sumamt', 'fundTotalFen'],
      ['hifp_pay', 'pooledFen'],
      ['acct_pay', 'accountFen'],
      ['psn_cash_pay', 'cashFen'],
    ] as const) {
      expect(toFen(stay.setlinfo[wire]), wire).toBe(withClaim.totals[key]);
    }
    expect(await accumulators()).toEqual(applyDeltas(afterClaim, withClaim.accumulatorDeltas));

    const moves = await expectLedgerConsistent();
    expect(moves.some((m) => m.claim_id === claimId)).toBe(true);
    expect(moves.filter((m) => m.settlement_id !== null).length).toBeGreaterThan(0);

    // Exactly one source: both or neither is refused by the CHECK; an unknown claim by the foreign key.
    const settlementId = moves.find((m) => m.settlement_id !== null)!.settlement_id!;
    const movement = {
      psn_no: 'P1',
      year: 2026,
      key: 'probe',
      delta: 1,
      value_before: 0,
      value_after: 1,
      version: 1,
    };
    await expect(
      db()
        .insertInto('accumulator_movements')
        .values({ ...movement, settlement_id: settlementId, claim_id: claimId })
        .execute(),
    ).rejects.toThrow(/accumulator_movements_one_source/);
    await expect(
      db()
        .insertInto('accumulator_movements')
        .values({ ...movement, settlement_id: null, claim_id: null })
        .execute(),
    ).rejects.toThrow(/accumulator_movements_one_source/);
    await expect(
      db()
        .insertInto('accumulator_movements')
        .values({ ...movement, claim_id: 'RC-NO-SUCH-CLAIM' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    // Still append-only after the rebuild.
    await expect(db().updateTable('accumulator_movements').set({ delta: 6 }).execute()).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await expect(
      db().deleteFrom('accumulator_movements').where('claim_id', '=', claimId).execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
    expect(await db().selectFrom('accumulator_movements').select('id').execute()).toHaveLength(moves.length);
  });

  it('approval computes on the current accumulators, not a preview; a whole recovery undoes the movements and its reversal redoes them', async () => {
    const first = await acceptedClaim('ZY-B1');
    const second = await acceptedClaim('ZY-B2');
    const preview = must(await previewClaimComputation(fx.ctx, staff, second));
    expect(preview.result.totals.deductiblePaidFen).toBe(80_000);

    const none = await accumulators();
    const firstApproved = must(await approveClaim(fx.ctx, staff, first));
    const afterFirst = await accumulators();
    const firstDeltas = await claimMovements(first);
    const expected = await core({
      lines: CLAIM_LINES,
      settledAt: CLAIM_SETTLED_AT,
      accumulators: afterFirst,
      useAccount: false,
    });
    const secondApproved = must(await approveClaim(fx.ctx, staff, second));
    // The 2nd admission of the year now: a lower deductible, so more paid than the stale preview said.
    expect(expected.totals.deductiblePaidFen).toBe(40_000);
    expect(secondApproved.approvedFen).toBe(expected.totals.fundTotalFen);
    expect(secondApproved.approvedFen).not.toBe(preview.result.totals.fundTotalFen);
    expect(await claimMovements(second)).toEqual(expected.accumulatorDeltas);
    const afterBoth = await accumulators();
    expect(afterBoth).toEqual(applyDeltas(applyDeltas(none, firstDeltas), expected.accumulatorDeltas));

    // Paying, 补支 and a partial 追回 do not move the accumulators.
    must(await payClaim(fx.ctx, staff, first, 'BANK-1'));
    const countMoves = async () =>
      (await db().selectFrom('accumulator_movements').select('id').execute()).length;
    const moved = await countMoves();
    const supplement = must(
      await adjustClaimPayment(fx.ctx, staff, first, {
        kind: 'supplement',
        amountFen: fen(1_000),
        reason: '补支',
      }),
    );
    must(
      await adjustClaimPayment(fx.ctx, staff, first, {
        kind: 'recovery',
        amountFen: fen(500),
        reason: '部分追回',
      }),
    );
    expect(await countMoves()).toBe(moved);

    // 追回 of the whole remaining payment: the claim's movements are undone by inverse movements.
    const whole = must(
      await adjustClaimPayment(fx.ctx, staff, first, {
        kind: 'recovery',
        amountFen: fen(firstApproved.approvedFen! + 500),
        reason: '重复报销，全额追回',
      }),
    );
    expect(whole.netPaidFen).toBe(0);
    expect(await claimMovements(first)).toEqual({});
    expect(await accumulators()).toEqual(applyDeltas(none, expected.accumulatorDeltas));
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'reimbursement.payment.recovery')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail).accumulators)).toEqual(['unchanged', 'withdrawn']);

    // Reversing that recovery restores the payment, and with it the approval's deltas.
    must(
      await adjustClaimPayment(fx.ctx, staff, first, {
        kind: 'reversal',
        reversesId: whole.payment.paymentId,
        reason: '追回有误冲销',
      }),
    );
    expect(await claimMovements(first)).toEqual(firstDeltas);
    expect(await accumulators()).toEqual(afterBoth);
    must(
      await adjustClaimPayment(fx.ctx, staff, first, {
        kind: 'reversal',
        reversesId: supplement.payment.paymentId,
        reason: '补支冲销',
      }),
    );
    expect(await accumulators()).toEqual(afterBoth);
    await expectLedgerConsistent();
  });
});
