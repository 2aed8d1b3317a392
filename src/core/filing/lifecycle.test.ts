import { describe, expect, it } from 'vitest';
import { FilingErrorCode } from './errors.ts';
import { deriveCrossRegionSituation } from './situation.ts';
import { type FilingApplication, type FilingContext, submitFiling } from './submit.ts';
import { CHIZHOU, calendar, filing, HEFEI, longTerm, policy, WUHAN, ZHENGZHOU } from './test-fixtures.ts';
import { applyFilingEvent } from './transitions.ts';
import type { Filing } from './types.ts';
import { FilingStatus, FilingType } from './types.ts';

const NOW = '2026-05-20T10:00:00+08:00';
const ctx = (existing: Filing[] = []): FilingContext => ({
  policy,
  calendar,
  existing,
  unconditionalReferralDiseases: ['C34'],
});
const app = (over: Partial<FilingApplication> = {}): FilingApplication => ({
  id: 'N1',
  personNo: 'P1',
  insuredRegionCode: CHIZHOU,
  type: FilingType.OtherTemporary,
  target: { scope: 'city', regionCode: WUHAN },
  channel: 'online',
  ...over,
});

function submitted(over: Partial<FilingApplication> = {}, existing: Filing[] = []) {
  const r = submitFiling(app(over), ctx(existing), NOW);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('submitting a filing (R-F1, R-F2)', () => {
  it('an online temporary filing is approved at once, valid for the policy period', () => {
    const { filing: f, effects } = submitted();
    expect(f).toMatchObject({
      status: FilingStatus.Approved,
      validFrom: '2026-05-20',
      validTo: '2026-11-19',
      approvedAt: NOW,
      channel: 'online',
    });
    expect(f.history).toEqual([
      expect.objectContaining({ event: 'submit', from: null, to: 'approved', actor: 'person' }),
    ]);
    expect(effects).toEqual([expect.objectContaining({ type: 'notify_person', personNo: 'P1' })]);
    expect(effects[0]?.type === 'notify_person' && effects[0].message).toContain('门诊慢特病');
  });

  it('validity in days ends on the last day of the period', () => {
    const days = { ...ctx(), policy: { ...policy, temporaryValidity: { days: 90 } } };
    const r = submitFiling(app(), days, NOW);
    expect(r.ok && r.value.filing.validTo).toBe('2026-08-17');
  });

  it('a long-term filing is valid until changed', () => {
    expect(
      submitted({ type: FilingType.RetireeSettledElsewhere, commitmentSigned: true }).filing.validTo,
    ).toBeNull();
  });

  it('a queued filing carries its review deadline and a queue effect (R-F2)', () => {
    const { filing: f, effects } = submitted({ type: FilingType.LongTermResident });
    expect(f).toMatchObject({
      status: FilingStatus.PendingReview,
      reviewDeadlineDate: '2026-05-22',
      approvedAt: null,
    });
    expect(effects[0]).toMatchObject({ type: 'review_queued', deadlineDate: '2026-05-22' });
  });

  it('the channel is recorded, and an institution files referrals (2501)', () => {
    const { filing: f } = submitted({
      type: FilingType.Referral,
      channel: 'institution',
      referral: { diseaseCode: 'C34', certificateUploaded: false },
    });
    expect(f).toMatchObject({ channel: 'institution', status: FilingStatus.Approved });
    expect(f.history[0]?.actor).toBe('institution');
  });

  it.each([
    [{ target: { scope: 'city' as const, regionCode: CHIZHOU } }, FilingErrorCode.TargetIsHome, 'R-F6'],
    [{ target: { scope: 'city' as const, regionCode: HEFEI } }, FilingErrorCode.NotNeededInProvince, 'R-F3'],
    [
      { target: { scope: 'province' as const, provinceCode: '340000' } },
      FilingErrorCode.NotNeededInProvince,
      'R-F3',
    ],
    [{ target: { scope: 'city' as const, regionCode: '4201' } }, FilingErrorCode.InvalidRegionCode, 'R-F1'],
    [
      { target: { scope: 'province' as const, provinceCode: '420100' } },
      FilingErrorCode.InvalidRegionCode,
      'R-F1',
    ],
    [{ type: FilingType.Referral }, FilingErrorCode.ReferralDetailsMissing, 'R-F6'],
    [
      { type: FilingType.Referral, referral: { diseaseCode: 'K80', certificateUploaded: false } },
      FilingErrorCode.ReferralCertificateRequired,
      'R-F6',
    ],
    [{ validFrom: '2026-13-01' }, FilingErrorCode.InvalidDate, 'R-F1'],
  ])('refuses %o with %s', (over, code, ruleId) => {
    const r = submitFiling(app(over), ctx(), NOW);
    expect(r).toMatchObject({ ok: false, error: { code, ruleId } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('an in-province long-term filing is allowed (only temporary self-initiated trips are exempt)', () => {
    const r = submitFiling(
      app({ type: FilingType.PostedWorker, target: { scope: 'city', regionCode: HEFEI } }),
      ctx(),
      NOW,
    );
    expect(r.ok).toBe(true);
  });

  it('refuses what overlaps an existing filing', () => {
    const r = submitFiling(app(), ctx([filing({ validTo: '2026-08-31' })]), NOW);
    expect(r).toMatchObject({ ok: false, error: { code: FilingErrorCode.Overlap } });
  });

  it('a backfilled filing may start in the past (R-F5 §8)', () => {
    expect(submitted({ validFrom: '2026-05-01' }).filing.validFrom).toBe('2026-05-01');
  });
});

describe('review, revocation and change (R-F2)', () => {
  const queued = () => submitted({ type: FilingType.LongTermResident }).filing;
  const LATER = '2026-05-21T15:00:00+08:00';

  it('approve: closes the review and notifies', () => {
    const r = applyFilingEvent(queued(), { kind: 'approve', actor: 'agency' }, LATER);
    expect(r.ok && r.value.filing).toMatchObject({
      status: FilingStatus.Approved,
      approvedAt: LATER,
      reviewDeadlineDate: null,
    });
    expect(r.ok && r.value.effects.map((e) => e.type)).toEqual(['review_closed', 'notify_person']);
    expect(r.ok && r.value.filing.history.map((h) => h.to)).toEqual(['pending_review', 'approved']);
  });

  it('reject needs a reason, which the person is told', () => {
    expect(
      applyFilingEvent(queued(), { kind: 'reject', actor: 'agency', reason: '  ' }, LATER),
    ).toMatchObject({
      ok: false,
      error: { code: FilingErrorCode.ReasonRequired, field: 'reason' },
    });
    const r = applyFilingEvent(
      queued(),
      { kind: 'reject', actor: 'agency', reason: '居住证明不清晰' },
      LATER,
    );
    expect(r.ok && r.value.filing).toMatchObject({
      status: FilingStatus.Rejected,
      rejectionReason: '居住证明不清晰',
    });
    expect(r.ok && JSON.stringify(r.value.effects)).toContain('居住证明不清晰');
  });

  it('final states refuse further events', () => {
    const rejected = applyFilingEvent(queued(), { kind: 'reject', actor: 'agency', reason: 'x' }, LATER);
    if (!rejected.ok) throw new Error();
    for (const event of [
      { kind: 'approve', actor: 'agency' },
      { kind: 'revoke', actor: 'person' },
    ] as const) {
      expect(applyFilingEvent(rejected.value.filing, event, LATER)).toMatchObject({
        ok: false,
        error: { code: FilingErrorCode.InvalidTransition },
      });
    }
    const approved = filing();
    expect(applyFilingEvent(approved, { kind: 'approve', actor: 'agency' }, LATER).ok).toBe(false);
  });

  it('revoke ends coverage from that day, and is refused while a stay uses the filing (R-F5)', () => {
    expect(
      applyFilingEvent(filing(), { kind: 'revoke', actor: 'person', openStay: true }, LATER),
    ).toMatchObject({
      ok: false,
      error: { code: FilingErrorCode.InUse },
    });
    const r = applyFilingEvent(
      filing(),
      { kind: 'revoke', actor: 'institution', reason: '2502 撤销' },
      LATER,
    );
    expect(r.ok && r.value.filing).toMatchObject({ status: FilingStatus.Revoked, endedOn: '2026-05-21' });
  });

  it('withdrawing a queued filing closes the review', () => {
    const r = applyFilingEvent(queued(), { kind: 'revoke', actor: 'person' }, LATER);
    expect(r.ok && r.value.effects.map((e) => e.type)).toEqual(['review_closed', 'notify_person']);
  });

  it('a change supersedes the old filing on the new start date, keeping both in history', () => {
    const old = longTerm();
    const change = submitFiling(
      app({
        id: 'L2',
        type: FilingType.LongTermResident,
        commitmentSigned: true,
        target: { scope: 'city', regionCode: ZHENGZHOU },
        validFrom: '2026-06-01',
        replaces: 'L1',
      }),
      ctx([old]),
      NOW,
    );
    if (!change.ok) throw new Error(change.error.message);
    const handover = change.value.effects.find((e) => e.type === 'supersede_previous');
    expect(handover).toEqual({
      type: 'supersede_previous',
      filingId: 'L1',
      byFilingId: 'L2',
      effectiveOn: '2026-06-01',
    });
    const done = applyFilingEvent(
      old,
      { kind: 'supersede', byFilingId: 'L2', effectiveOn: '2026-06-01' },
      NOW,
    );
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.filing).toMatchObject({
      status: FilingStatus.Superseded,
      supersededBy: 'L2',
      endedOn: '2026-06-01',
    });
    const filings = [done.value.filing, change.value.filing];
    const at = (treatmentRegionCode: string, treatmentDate: string) =>
      deriveCrossRegionSituation({
        insuredRegionCode: CHIZHOU,
        treatmentRegionCode,
        treatmentDate,
        filings,
        emergencyFlag: false,
        referralFlag: false,
      }).filingId;
    expect(at(WUHAN, '2026-05-31')).toBe('L1');
    expect(at(WUHAN, '2026-06-01')).toBeNull();
    expect(at(ZHENGZHOU, '2026-06-01')).toBe('L2');
  });

  it('a queued change supersedes the old filing when approved', () => {
    const change = submitFiling(
      app({
        id: 'L2',
        type: FilingType.LongTermResident,
        target: { scope: 'city', regionCode: ZHENGZHOU },
        replaces: 'L1',
      }),
      ctx([longTerm()]),
      NOW,
    );
    if (!change.ok) throw new Error(change.error.message);
    expect(change.value.filing.status).toBe(FilingStatus.PendingReview);
    const r = applyFilingEvent(change.value.filing, { kind: 'approve', actor: 'agency' }, NOW);
    expect(r.ok && r.value.effects.at(-1)).toMatchObject({ type: 'supersede_previous', filingId: 'L1' });
  });

  it('a change cannot start in the past, nor replace a filing that is not approved', () => {
    const base = { id: 'L2', type: FilingType.LongTermResident, commitmentSigned: true, replaces: 'L1' };
    expect(submitFiling(app({ ...base, validFrom: '2026-05-01' }), ctx([longTerm()]), NOW)).toMatchObject({
      ok: false,
      error: { code: FilingErrorCode.InvalidDate },
    });
    expect(submitFiling(app(base), ctx([longTerm({ status: FilingStatus.Revoked })]), NOW)).toMatchObject({
      ok: false,
      error: { code: FilingErrorCode.InvalidTransition, field: 'replaces' },
    });
  });
});
