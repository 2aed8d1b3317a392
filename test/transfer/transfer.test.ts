/**
 * Relation transfer end to end on both dialects (R-T1, R-C4): apply online with no certificate, the
 * outgoing region confirms, the incoming region accepts; the person moves, the personal-account balance
 * moves as append-only movements, chronic qualifications are recognised, and the person's progress view
 * shows every step with the 15-working-day deadline and the at-risk flag.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseCaller } from '../../src/service/reimbursement/index.ts';
import {
  acceptTransferIn,
  applyTransfer,
  confirmTransferOut,
  myTransfers,
  regionTransferQueue,
  rejectTransfer,
  transferProgressOf,
  withdrawTransfer,
} from '../../src/service/transfer/index.ts';
import { insertQualification } from '../../src/store/repositories/chronic-qualifications.ts';
import { CHIZHOU, type Fixture, HEFEI, openFixture, WUHAN } from '../reimbursement/fixture.ts';
import { must } from '../support/results.ts';
import { DIALECTS } from '../support/stores.ts';

const person: CaseCaller = { role: 'person', psnNo: 'P1' };
const outgoing: CaseCaller = { role: 'staff', username: 'cz-clerk', regionCode: CHIZHOU };
const incoming: CaseCaller = { role: 'staff', username: 'hf-clerk', regionCode: HEFEI };
const wuhan: CaseCaller = { role: 'staff', username: 'wh-clerk', regionCode: WUHAN };

describe.each(DIALECTS)('relation transfer on %s', (dialect) => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await openFixture(dialect);
    await insertQualification(
      fx.ctx.store.db,
      {
        qualificationId: 'CQ-P1-HTN',
        psnNo: 'P1',
        regionCode: CHIZHOU,
        insuranceType: '310',
        diseaseCode: 'M03900',
        localCode: null,
        startDate: '2025-03-01',
        endDate: null,
        originalStartDate: '2025-03-01',
        source: 'application',
        sourceRef: 'APP-1',
        status: 'active',
        endReason: null,
      },
      '2025-03-01T00:00:00.000Z',
    );
  });
  afterEach(async () => {
    await fx.close();
  });

  async function steps(id: string) {
    const progress = must(await transferProgressOf(fx.ctx, person, id));
    return Object.fromEntries(progress.steps.map((s) => [s.step, s.done]));
  }

  it('R-T1/R-C4: the person, the balance and the qualifications move, each step visible to the person', async () => {
    fx.setNow('2026-09-28T10:00:00+08:00');
    const applied = must(await applyTransfer(fx.ctx, person, { toRegionCode: HEFEI }));
    // 15 working days after 09-28 on the official calendar (National Day holiday off, swapped Saturday on).
    expect(applied).toMatchObject({
      status: 'applied',
      channel: 'online',
      fromRegionCode: CHIZHOU,
      deadlineDate: '2026-10-23',
    });
    expect(await steps(applied.transferId)).toMatchObject({
      applied: true,
      out_confirmed: false,
      in_accepted: false,
    });
    expect((await regionTransferQueue(fx.ctx, CHIZHOU)).map((i) => [i.caseId, i.awaiting])).toEqual([
      [applied.transferId, 'outgoing_confirmation'],
    ]);
    expect(await regionTransferQueue(fx.ctx, HEFEI)).toEqual([]);

    const wrongSide = await confirmTransferOut(fx.ctx, incoming, applied.transferId);
    expect(wrongSide.ok ? null : wrongSide.error.code).toBe('TRANSFER_WRONG_SIDE');
    const stranger = await confirmTransferOut(fx.ctx, wuhan, applied.transferId);
    expect(stranger.ok ? null : stranger.error.code).toBe('TRANSFER_OTHER_REGION');

    fx.setNow('2026-09-29T10:00:00+08:00');
    must(await confirmTransferOut(fx.ctx, outgoing, applied.transferId));
    expect(await steps(applied.transferId)).toMatchObject({
      applied: true,
      out_confirmed: true,
      in_accepted: false,
      account_moved: false,
    });
    expect((await regionTransferQueue(fx.ctx, HEFEI)).map((i) => i.awaiting)).toEqual([
      'incoming_acceptance',
    ]);

    fx.setNow('2026-10-09T10:00:00+08:00');
    const done = must(await acceptTransferIn(fx.ctx, incoming, applied.transferId));
    expect(done.status).toBe('completed');
    expect(done.outcome).toEqual({
      balanceMovedFen: 123_456,
      recognisedDiseases: ['M03900'],
      notRecognisedDiseases: [],
    });

    const db = fx.ctx.store.db;
    const p1 = await db
      .selectFrom('persons')
      .selectAll()
      .where('psn_no', '=', 'P1')
      .executeTakeFirstOrThrow();
    expect(p1.insured_region_code).toBe(HEFEI);
    expect(Number(p1.account_balance_fen)).toBe(123_456);
    const moves = await db
      .selectFrom('account_movements')
      .selectAll()
      .where('psn_no', '=', 'P1')
      .orderBy('version')
      .execute();
    expect(
      moves.map((m) => [
        m.reason,
        Number(m.delta_fen),
        Number(m.balance_before_fen),
        Number(m.balance_after_fen),
        Number(m.version),
      ]),
    ).toEqual([
      ['transfer_out', -123_456, 123_456, 0, 1],
      ['transfer_in', 123_456, 0, 123_456, 2],
    ]);
    const quals = await db
      .selectFrom('chronic_qualifications')
      .selectAll()
      .where('psn_no', '=', 'P1')
      .orderBy('created_at')
      .execute();
    expect(quals.map((q) => [q.region_code, q.status, q.disease_code])).toEqual(
      expect.arrayContaining([
        [CHIZHOU, 'ended', 'M03900'],
        [HEFEI, 'active', 'M03900'],
      ]),
    );

    const progress = must(await transferProgressOf(fx.ctx, person, applied.transferId));
    expect(progress.steps.every((s) => s.done)).toBe(true);
    expect(progress.steps.find((s) => s.step === 'account_moved')?.detailZh).toContain('1234.56');
    expect(progress.steps.find((s) => s.step === 'qualifications_recognised')?.detailZh).toContain('M03900');
    expect(progress.clock).toMatchObject({ overdue: false, atRisk: false });
    expect((await myTransfers(fx.ctx, 'P1'))[0]?.status).toBe('completed');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', applied.transferId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'transfer.apply',
      'transfer.confirm_out',
      'transfer.accept_in',
    ]);
  });

  it('R-T1: flagged at risk when the outgoing side is slow, overdue after 15 working days', async () => {
    fx.setNow('2026-09-28T10:00:00+08:00');
    const t = must(await applyTransfer(fx.ctx, incoming, { psnNo: 'P1', toRegionCode: HEFEI }));
    expect(t.channel).toBe('incoming_window');
    fx.setNow('2026-10-16T10:00:00+08:00');
    const slow = must(await transferProgressOf(fx.ctx, person, t.transferId));
    expect(slow.clock).toMatchObject({ atRisk: true, overdue: false });
    expect(slow.clock.atRiskReasonZh).toContain('转出地仍未确认');
    fx.setNow('2026-10-26T10:00:00+08:00');
    const late = (await regionTransferQueue(fx.ctx, CHIZHOU))[0]!;
    expect(late).toMatchObject({ overdue: true, atRisk: true, workingDaysLeft: -1 });
  });

  it('R-C4: a move out of the province ends the qualification (apply anew); refusals need a reason; one open transfer at a time', async () => {
    const dup = must(await applyTransfer(fx.ctx, person, { toRegionCode: HEFEI }));
    const second = await applyTransfer(fx.ctx, person, { toRegionCode: WUHAN });
    expect(second.ok ? null : second.error.code).toBe('TRANSFER_ALREADY_OPEN');
    const noReason = await rejectTransfer(fx.ctx, outgoing, dup.transferId, ' ');
    expect(noReason.ok ? null : noReason.error.code).toBe('TRANSFER_REASON_REQUIRED');
    must(await withdrawTransfer(fx.ctx, person, dup.transferId));

    const t = must(await applyTransfer(fx.ctx, person, { toRegionCode: WUHAN }));
    must(await confirmTransferOut(fx.ctx, outgoing, t.transferId));
    const done = must(await acceptTransferIn(fx.ctx, wuhan, t.transferId));
    expect(done.outcome).toEqual({
      balanceMovedFen: 123_456,
      recognisedDiseases: [],
      notRecognisedDiseases: ['M03900'],
    });
    const same = await applyTransfer(fx.ctx, person, { toRegionCode: WUHAN });
    expect(same.ok ? null : same.error.code).toBe('TRANSFER_SAME_REGION');
  });
});
