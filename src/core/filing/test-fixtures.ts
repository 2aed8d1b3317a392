/** Shared test data for the filing rules: regions, a demo policy, and a filing builder. */
import { createCalendar } from '../calendar/index.ts';
import { official2025And2026 } from '../calendar/official-2025-2026.fixture.ts';
import { type Filing, type FilingPolicy, FilingStatus, FilingType } from './types.ts';

/** 池州 (Anhui) is the insured region; 合肥 is in the same province; 武汉, 郑州 are elsewhere. */
export const CHIZHOU = '341700';
export const HEFEI = '340100';
export const WUHAN = '420100';
export const YICHANG = '420500';
export const ZHENGZHOU = '410100';

export const calendar = createCalendar(official2025And2026);

/** Demo parameters, not an official policy. */
export const policy: FilingPolicy = {
  insuredRegionCode: CHIZHOU,
  temporaryValidity: { months: 6 },
  reviewWorkingDays: 2,
  autoApprove: { longTermOnCommitment: true, otherTemporary: true, referralOnline: false },
};

export function filing(over: Partial<Filing> = {}): Filing {
  return {
    id: 'F1',
    personNo: 'P1',
    insuredRegionCode: CHIZHOU,
    type: FilingType.OtherTemporary,
    target: { scope: 'city', regionCode: WUHAN },
    channel: 'online',
    status: FilingStatus.Approved,
    validFrom: '2026-03-01',
    validTo: '2026-08-31',
    submittedAt: '2026-03-01T09:00:00+08:00',
    reviewDeadlineDate: null,
    approvedAt: '2026-03-01T09:00:00+08:00',
    endedOn: null,
    supersedes: null,
    supersededBy: null,
    referral: null,
    rejectionReason: null,
    history: [],
    ...over,
  };
}

export function longTerm(over: Partial<Filing> = {}): Filing {
  return filing({
    id: 'L1',
    type: FilingType.LongTermResident,
    validFrom: '2025-06-01',
    validTo: null,
    ...over,
  });
}
