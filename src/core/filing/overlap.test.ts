import { describe, expect, it } from 'vitest';
import { FilingErrorCode } from './errors.ts';
import { checkOverlap, type FilingCandidate } from './overlap.ts';
import { filing, HEFEI, longTerm, WUHAN, YICHANG, ZHENGZHOU } from './test-fixtures.ts';
import { FilingStatus, FilingType } from './types.ts';

function candidate(over: Partial<FilingCandidate> = {}): FilingCandidate {
  return {
    id: 'NEW',
    personNo: 'P1',
    insuredRegionCode: '341700',
    type: FilingType.OtherTemporary,
    target: { scope: 'city', regionCode: WUHAN },
    validFrom: '2026-05-01',
    validTo: '2026-10-31',
    ...over,
  };
}

describe('checkOverlap (R-F1)', () => {
  it('a second long-term filing conflicts, whatever its place', () => {
    const r = checkOverlap(
      [longTerm()],
      candidate({
        type: FilingType.PostedWorker,
        validTo: null,
        target: { scope: 'city', regionCode: ZHENGZHOU },
      }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: FilingErrorCode.LongTermConflict, ruleId: 'R-F1' } });
    if (!r.ok) expect(r.error.message).toContain('L1');
  });

  it('a long-term filing that was revoked or superseded no longer blocks', () => {
    const c = candidate({ type: FilingType.LongTermResident, validTo: null });
    expect(checkOverlap([longTerm({ status: FilingStatus.Revoked, endedOn: '2026-04-01' })], c).ok).toBe(
      true,
    );
    expect(checkOverlap([longTerm({ status: FilingStatus.Superseded, endedOn: '2026-04-01' })], c).ok).toBe(
      true,
    );
  });

  it('the filing being changed is left out', () => {
    const c = candidate({ type: FilingType.LongTermResident, validTo: null });
    expect(checkOverlap([longTerm()], c, { replacing: 'L1' }).ok).toBe(true);
  });

  it('a duplicate temporary filing for the same place and time is refused, naming the existing one', () => {
    const r = checkOverlap([filing()], candidate());
    expect(r).toMatchObject({ ok: false, error: { code: FilingErrorCode.Overlap, field: 'target' } });
    if (!r.ok) expect(r.error.message).toMatch(/F1.*2026-03-01 至 2026-08-31/);
  });

  it('adjacent validity periods do not overlap (boundary)', () => {
    expect(checkOverlap([filing()], candidate({ validFrom: '2026-09-01', validTo: '2027-02-28' })).ok).toBe(
      true,
    );
    expect(checkOverlap([filing()], candidate({ validFrom: '2026-08-31', validTo: '2027-02-27' })).ok).toBe(
      false,
    );
  });

  it('a province target overlaps a city inside it', () => {
    const r = checkOverlap([filing()], candidate({ target: { scope: 'province', provinceCode: '420000' } }));
    expect(r.ok).toBe(false);
    expect(checkOverlap([filing({ target: { scope: 'city', regionCode: YICHANG } })], candidate()).ok).toBe(
      true,
    );
  });

  it('temporary trips to different places may run at once', () => {
    expect(checkOverlap([filing({ target: { scope: 'city', regionCode: ZHENGZHOU } })], candidate()).ok).toBe(
      true,
    );
  });

  it('a temporary filing where a long-term one already applies is redundant', () => {
    expect(checkOverlap([longTerm()], candidate())).toMatchObject({
      ok: false,
      error: { code: FilingErrorCode.Overlap },
    });
    expect(checkOverlap([longTerm({ target: { scope: 'city', regionCode: HEFEI } })], candidate()).ok).toBe(
      true,
    );
  });

  it('a referral or emergency may sit beside an other-temporary filing for the same place', () => {
    expect(checkOverlap([filing()], candidate({ type: FilingType.Referral })).ok).toBe(true);
    expect(checkOverlap([filing()], candidate({ type: FilingType.Emergency })).ok).toBe(true);
    expect(
      checkOverlap([filing({ type: FilingType.Referral })], candidate({ type: FilingType.Referral })).ok,
    ).toBe(false);
  });

  it('pending filings block, rejected ones and other persons’ do not', () => {
    expect(
      checkOverlap([filing({ status: FilingStatus.PendingReview, approvedAt: null })], candidate()).ok,
    ).toBe(false);
    expect(checkOverlap([filing({ status: FilingStatus.Rejected, approvedAt: null })], candidate()).ok).toBe(
      true,
    );
    expect(checkOverlap([filing({ personNo: 'P2' })], candidate()).ok).toBe(true);
  });

  it('a temporary filing that expired before the new one starts does not block', () => {
    expect(checkOverlap([filing({ validTo: '2026-04-30' })], candidate()).ok).toBe(true);
  });
});
