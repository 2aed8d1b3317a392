/**
 * Manual reimbursement end to end on both dialects (R-R1…R-R3): upload of a self-paid bill, the claim,
 * its deadline on the official calendar, the once-only return, the decision computed by the settlement
 * core (equal to direct settlement, to the fen), payment and its linked follow-ups, every move audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/core/calendar/index.ts';
import { fen, units } from '../../src/core/money/index.ts';
import { validatePolicy } from '../../src/core/policy/index.ts';
import { settle } from '../../src/core/settlement/index.ts';
import { chineseDaysTable } from '../../src/service/holiday-source.ts';
import {
  acceptClaim,
  adjustClaimPayment,
  approveClaim,
  type CaseCaller,
  claimDetail,
  myClaims,
  payClaim,
  reimbursementQueueItems,
  rejectClaim,
  resubmitClaim,
  returnClaim,
  submitClaim,
  withdrawClaim,
} from '../../src/service/reimbursement/index.ts';
import {
  lateUnsettledUploads,
  type UnsettledUploadInput,
  uploadUnsettledFees,
} from '../../src/service/unsettled-upload/index.ts';
import { findInstitution, findPerson } from '../../src/store/repositories/reference-reads.ts';
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
  WUHAN_HOSPITAL,
} from './fixture.ts';

const person: CaseCaller = { role: 'person', psnNo: 'P1' };
const staff: CaseCaller = { role: 'staff', username: 'cz-clerk', regionCode: CHIZHOU };
const hefeiStaff: CaseCaller = { role: 'staff', username: 'hf-clerk', regionCode: HEFEI };
const PDF = Buffer.from('%PDF-1.4 demo').toString('base64');
const file = (itemCode: string) => ({
  itemCode,
  fileName: `${itemCode}.pdf`,
  mimeType: 'application/pdf',
  contentBase64: PDF,
});
const INPATIENT_ITEMS = ['IDENTITY', 'RECEIPT', 'BANK_ACCOUNT', 'DISCHARGE_SUMMARY'];

/** A 60,000-yuan stay (6,000,000 fen): 40,000 甲 + 15,000 乙 + 2,000 耗材 over its limit + 3,000 丙. */
function bill(visitNo: string, overrides: Partial<UnsettledUploadInput> = {}): UnsettledUploadInput {
  return {
    psnNo: 'P1',
    hospitalVisitNo: visitNo,
    kind: 'inpatient',
    medType: '21',
    beginTime: '2026-04-20T08:00:00+08:00',
    endTime: '2026-04-27T10:00:00+08:00',
    diagnoses: [{ code: 'I21.9', name: '急性心肌梗死' }],
    lines: [
      {
        lineNo: '1',
        itemCode: 'DRUG-A',
        unitPriceFen: fen(2_000_000),
        quantity: units(2),
        amountFen: fen(4_000_000),
        feeTime: '2026-04-21T09:00:00+08:00',
      },
      {
        lineNo: '2',
        itemCode: 'DRUG-B',
        unitPriceFen: fen(500_000),
        quantity: units(3),
        amountFen: fen(1_500_000),
        feeTime: '2026-04-22T09:00:00+08:00',
      },
      {
        lineNo: '3',
        itemCode: 'CONS-B',
        unitPriceFen: fen(200_000),
        quantity: units(1),
        amountFen: fen(200_000),
        feeTime: '2026-04-22T10:00:00+08:00',
      },
      {
        lineNo: '4',
        itemCode: 'ITEM-C',
        unitPriceFen: fen(300_000),
        quantity: units(1),
        amountFen: fen(300_000),
        feeTime: '2026-04-23T09:00:00+08:00',
      },
    ],
    ...overrides,
  };
}

const calendar = (() => {
  const t = chineseDaysTable(2025, 2027);
  if (!t.ok) throw new Error(t.error.message);
  return createCalendar(t.value);
})();

describe.each(DIALECTS)('manual reimbursement on %s', (dialect) => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await openFixture(dialect);
  });
  afterEach(async () => {
    await fx.close();
  });

  async function upload(visitNo: string, overrides: Partial<UnsettledUploadInput> = {}) {
    return must(await uploadUnsettledFees(fx.ctx, HEFEI_HOSPITAL, bill(visitNo, overrides)));
  }

  it('R-R3: an upload within 3 working days is on time; a later one is flagged to the treatment region', async () => {
    fx.setNow('2026-04-28T09:00:00+08:00');
    const onTime = await upload('ZY-1');
    expect(onTime).toMatchObject({
      totalFen: 6_000_000,
      late: false,
      treatmentRegionCode: HEFEI,
      insuredRegionCode: CHIZHOU,
    });
    // Discharged Mon 04-27 → due Thu 04-30; the May Day holiday (05-01…05) does not count against it.
    expect(onTime.dueDate).toBe('2026-04-30');
    fx.setNow('2026-05-07T09:00:00+08:00');
    const late = await upload('ZY-2');
    // 05-01…05-05 are off: 05-06 and 05-07 are the two working days past the due date.
    expect(late).toMatchObject({ late: true, dueDate: '2026-04-30', workingDaysLate: 2 });
    const flagged = await lateUnsettledUploads(fx.ctx, HEFEI);
    expect(flagged.map((u) => u.uploadId)).toEqual([late.uploadId]);
    const outbox = await fx.ctx.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'unsettled.late_upload')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      treatmentRegionCode: HEFEI,
      institutionCode: HEFEI_HOSPITAL,
    });
    // Lines were split by the treatment region's catalog at upload.
    expect(onTime.lines.map((l) => l.split.catalogClass)).toEqual(['01', '02', '02', '03']);
    expect(onTime.inScopeFen).toBe(4_000_000 + 1_350_000 + 80_000);
    const again = await uploadUnsettledFees(fx.ctx, HEFEI_HOSPITAL, bill('ZY-1'));
    expect(again.ok ? null : again.error.code).toBe('UNSETTLED_ALREADY_UPLOADED');
  });

  it('R-R2: a 60,000-yuan non-accident claim with complete materials gets 7 working days over May Day (04-30 → 05-13)', async () => {
    const u = await upload('ZY-7');
    fx.setNow('2026-04-30T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, person, { uploadId: u.uploadId, materials: INPATIENT_ITEMS.map(file) }),
    );
    expect(claim.deadline).toMatchObject({
      basis: 'provisional',
      workingDays: 7,
      fastTrack: true,
      date: '2026-05-13',
    });
    const accepted = must(await acceptClaim(fx.ctx, staff, claim.claimId));
    // 05-01…05-05 are off, Saturday 05-09 is a swapped working day: 04-30 + 7 working days = 05-13.
    expect(accepted.deadline).toMatchObject({
      basis: 'accepted',
      workingDays: 7,
      fastTrack: true,
      date: '2026-05-13',
      startDate: '2026-04-30',
    });
    // Shown to the person and the agency alike, with working days left.
    fx.setNow('2026-05-08T10:00:00+08:00');
    const mine = await myClaims(fx.ctx, 'P1');
    // Friday 05-08: left are Saturday 05-09 (swapped working day), 05-11, 05-12, 05-13.
    expect(mine[0]!.clock).toMatchObject({ deadlineDate: '2026-05-13', workingDaysLeft: 4, overdue: false });
    const queue = await reimbursementQueueItems(fx.ctx.store.db, CHIZHOU, '2026-05-08', calendar);
    expect(queue).toEqual([
      expect.objectContaining({
        caseType: 'reimbursement',
        caseId: claim.claimId,
        personName: '张**',
        deadlineDate: '2026-05-13',
        workingDaysLeft: 4,
        overdue: false,
        fastTrack: true,
      }),
    ]);
    const late = await reimbursementQueueItems(fx.ctx.store.db, CHIZHOU, '2026-05-14', calendar);
    expect(late[0]).toMatchObject({ overdue: true, workingDaysLeft: -1 });
  });

  it('R-R2: the same bill with an accident injury gets 30 working days', async () => {
    const u = await upload('ZY-ACC', { accident: true });
    fx.setNow('2026-04-30T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, person, {
        uploadId: u.uploadId,
        materials: [...INPATIENT_ITEMS, 'ACCIDENT_STATEMENT'].map(file),
      }),
    );
    const accepted = must(await acceptClaim(fx.ctx, staff, claim.claimId));
    expect(accepted.deadline).toMatchObject({
      workingDays: 30,
      fastTrack: false,
      date: calendar.addWorkingDays('2026-04-30', 30).date,
    });
    expect(accepted.deadline.reasonZh).toContain('意外伤害');
  });

  it('R-R2: accepted 2026-09-28 with 30 working days is due 2026-11-13 (National Day week off, swapped Saturdays on)', async () => {
    const u = await upload('ZY-S', {
      lines: bill('x')
        .lines.slice(0, 1)
        .map((l) => ({ ...l, quantity: units(1), amountFen: fen(2_000_000) })),
    });
    fx.setNow('2026-09-28T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, staff, {
        psnNo: 'P1',
        uploadId: u.uploadId,
        presentedAtWindow: INPATIENT_ITEMS,
      }),
    );
    expect(claim.channel).toBe('window');
    const accepted = must(await acceptClaim(fx.ctx, staff, claim.claimId));
    expect(accepted.deadline).toMatchObject({ workingDays: 30, fastTrack: false, date: '2026-11-13' });
  });

  it('R-R1: incomplete materials are returned once with the exact missing items, never beyond the list', async () => {
    const u = await upload('ZY-R');
    fx.setNow('2026-04-30T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, person, {
        uploadId: u.uploadId,
        materials: ['IDENTITY', 'RECEIPT'].map(file),
      }),
    );
    expect(claim.deadline).toMatchObject({ workingDays: 30, fastTrack: false });
    const beyond = await returnClaim(fx.ctx, staff, claim.claimId, ['MARRIAGE_CERTIFICATE']);
    expect(beyond.ok ? null : beyond.error.code).toBe('REIMBURSEMENT_MATERIAL_NOT_IN_LIST');
    const vague = await returnClaim(fx.ctx, staff, claim.claimId, []);
    expect(vague.ok ? null : vague.error.code).toBe('REIMBURSEMENT_MISSING_ITEMS_REQUIRED');
    const returned = must(
      await returnClaim(fx.ctx, staff, claim.claimId, ['BANK_ACCOUNT', 'DISCHARGE_SUMMARY'], '请补充'),
    );
    expect(returned).toMatchObject({
      status: 'returned',
      returnCount: 1,
      returnedFor: ['BANK_ACCOUNT', 'DISCHARGE_SUMMARY'],
    });
    const notice = await fx.ctx.store.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'reimbursement.notice')
      .execute();
    expect(notice.some((n) => n.payload.includes('本人银行账户信息') && n.payload.includes('出院记录'))).toBe(
      true,
    );
    // A clerk cannot ask again: after the resubmission only acceptance or a reasoned rejection remain.
    fx.setNow('2026-05-06T10:00:00+08:00');
    const unrelated = await submitClaim(fx.ctx, person, {
      uploadId: u.uploadId,
      materials: [file('IDENTITY')],
    });
    expect(unrelated.ok ? null : unrelated.error.code).toBe('REIMBURSEMENT_ALREADY_CLAIMED');
    const { provideClaimMaterials } = await import('../../src/service/reimbursement/index.ts');
    must(
      await provideClaimMaterials(
        fx.ctx,
        person,
        claim.claimId,
        ['BANK_ACCOUNT', 'DISCHARGE_SUMMARY'].map(file),
      ),
    );
    const resubmitted = must(await resubmitClaim(fx.ctx, person, claim.claimId));
    expect(resubmitted.deadline).toMatchObject({
      basis: 'provisional',
      fastTrack: true,
      startDate: '2026-05-06',
    });
    const twice = await returnClaim(fx.ctx, staff, claim.claimId, ['RECEIPT']);
    expect(twice.ok ? null : twice.error.code).toBe('REIMBURSEMENT_ALREADY_RETURNED');
    const accepted = must(await acceptClaim(fx.ctx, staff, claim.claimId));
    expect(accepted.deadline).toMatchObject({
      basis: 'accepted',
      workingDays: 7,
      date: calendar.addWorkingDays('2026-05-06', 7).date,
    });
  });

  it('the approved amount equals what direct settlement would have paid, to the fen; payment and 补支/追回 are linked records', async () => {
    const u = await upload('ZY-C');
    fx.setNow('2026-04-30T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, person, { uploadId: u.uploadId, materials: INPATIENT_ITEMS.map(file) }),
    );
    const early = await approveClaim(fx.ctx, staff, claim.claimId);
    expect(early.ok ? null : early.error.code).toBe('REIMBURSEMENT_INVALID_TRANSITION');
    must(await acceptClaim(fx.ctx, staff, claim.claimId));
    const other = await approveClaim(fx.ctx, hefeiStaff, claim.claimId);
    expect(other.ok ? null : other.error.code).toBe('REIMBURSEMENT_OTHER_REGION');
    const approved = must(await approveClaim(fx.ctx, staff, claim.claimId));

    // Direct settlement of the same details, person, policy and situation (in-province, no filing needed).
    const policy = validatePolicy(POLICY_341700_310);
    if (!policy.ok) throw new Error(policy.error.message);
    const items = new Map(catalogOf(HEFEI).map((i) => [i.code, i]));
    const direct = settle({
      settlementId: 'direct',
      settledAt: '2026-04-27T10:00:00+08:00',
      person: (await findPerson(fx.ctx.store.db, { by: 'psn_no', value: 'P1' }))!,
      institution: (await findInstitution(fx.ctx.store.db, HEFEI_HOSPITAL))!,
      medicalType: '21',
      situation: 'in_province_exempt',
      chronicDiseases: [],
      feeLines: bill('x').lines,
      catalog: (code) => items.get(code),
      policy: policy.value,
      accumulators: {},
      useAccount: true,
    });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(direct.value.totals.fundTotalFen).toBeGreaterThan(0);
    expect(approved.approvedFen).toBe(direct.value.totals.fundTotalFen);
    const detail = must(await claimDetail(fx.ctx, person, claim.claimId));
    expect(detail.computation).toMatchObject({ situation: 'in_province_exempt' });
    expect(detail.computation!.totals.fundTotalFen).toBe(direct.value.totals.fundTotalFen);
    expect(detail.computation!.traceZh.length).toBeGreaterThan(0);

    const paid = must(await payClaim(fx.ctx, staff, claim.claimId, 'BANK-20260506-001'));
    expect(paid.status).toBe('paid');
    const caller = staff as Extract<CaseCaller, { role: 'staff' }>;
    const supplement = must(
      await adjustClaimPayment(fx.ctx, caller, claim.claimId, {
        kind: 'supplement',
        amountFen: fen(1_000),
        reason: '政策调整补支',
      }),
    );
    const recovery = must(
      await adjustClaimPayment(fx.ctx, caller, claim.claimId, {
        kind: 'recovery',
        amountFen: fen(500),
        reason: '重复计费追回',
      }),
    );
    expect(recovery.netPaidFen).toBe(approved.approvedFen! + 500);
    const tooMuch = await adjustClaimPayment(fx.ctx, caller, claim.claimId, {
      kind: 'recovery',
      amountFen: fen(99_999_999),
      reason: 'x',
    });
    expect(tooMuch.ok ? null : tooMuch.error.code).toBe('REIMBURSEMENT_RECOVERY_EXCEEDS_PAID');
    const reversal = must(
      await adjustClaimPayment(fx.ctx, caller, claim.claimId, {
        kind: 'reversal',
        reversesId: supplement.payment.paymentId,
        reason: '补支错误冲销',
      }),
    );
    expect(reversal.netPaidFen).toBe(approved.approvedFen! - 500);
    const twice = await adjustClaimPayment(fx.ctx, caller, claim.claimId, {
      kind: 'reversal',
      reversesId: supplement.payment.paymentId,
      reason: '再冲',
    });
    expect(twice.ok ? null : twice.error.code).toBe('REIMBURSEMENT_ADJUSTMENT_NOT_REVERSIBLE');
    const final = must(await claimDetail(fx.ctx, staff, claim.claimId));
    expect(final.payments.map((p) => p.kind)).toEqual(['payment', 'supplement', 'recovery', 'reversal']);
    expect(final.payments[3]!.reversesId).toBe(supplement.payment.paymentId);

    // Every transition audited: submit, accept, approve, pay, and the three follow-ups.
    const audit = await fx.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', claim.claimId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'reimbursement.claim.submit',
      'reimbursement.claim.accept',
      'reimbursement.claim.approve',
      'reimbursement.claim.pay',
      'reimbursement.payment.supplement',
      'reimbursement.payment.recovery',
      'reimbursement.payment.reversal',
    ]);
    const events = await fx.ctx.store.db
      .selectFrom('reimbursement_claim_events')
      .select('event')
      .where('claim_id', '=', claim.claimId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.event)).toEqual(['submit', 'accept', 'approve', 'pay']);
  });

  it('a cross-province visit without any filing cannot be paid under the demo policy: approval says how to proceed', async () => {
    const u = must(await uploadUnsettledFees(fx.ctx, WUHAN_HOSPITAL, bill('WH-1')));
    fx.setNow('2026-04-30T10:00:00+08:00');
    const claim = must(
      await submitClaim(fx.ctx, person, { uploadId: u.uploadId, materials: INPATIENT_ITEMS.map(file) }),
    );
    must(await acceptClaim(fx.ctx, staff, claim.claimId));
    const approved = await approveClaim(fx.ctx, staff, claim.claimId);
    expect(approved.ok ? null : approved.error.code).toBe('REIMBURSEMENT_COMPUTATION_FAILED');
    expect(approved.ok ? '' : approved.error.message).toContain('备案');
    const rejected = must(
      await rejectClaim(fx.ctx, staff, claim.claimId, '跨省异地就医未备案且未补办备案，按参保地政策不予报销'),
    );
    expect(rejected).toMatchObject({ status: 'rejected' });
  });

  it('only the person sees their claim; rejection needs a reason; a withdrawn claim frees the bill', async () => {
    const u = await upload('ZY-W');
    const claim = must(
      await submitClaim(fx.ctx, person, { uploadId: u.uploadId, materials: INPATIENT_ITEMS.map(file) }),
    );
    const stranger = await claimDetail(fx.ctx, { role: 'person', psnNo: 'P2' }, claim.claimId);
    expect(stranger.ok ? null : stranger.error.code).toBe('REIMBURSEMENT_CLAIM_NOT_FOUND');
    const noReason = await rejectClaim(fx.ctx, staff, claim.claimId, '  ');
    expect(noReason.ok ? null : noReason.error.code).toBe('REIMBURSEMENT_REASON_REQUIRED');
    const byPerson = await acceptClaim(fx.ctx, person, claim.claimId);
    expect(byPerson.ok ? null : byPerson.error.code).toBe('REIMBURSEMENT_NOT_YOUR_CLAIM');
    must(await withdrawClaim(fx.ctx, person, claim.claimId, '材料准备好后再申请'));
    const again = must(
      await submitClaim(fx.ctx, person, { uploadId: u.uploadId, materials: INPATIENT_ITEMS.map(file) }),
    );
    expect(again.claimId).not.toBe(claim.claimId);
  });
});
