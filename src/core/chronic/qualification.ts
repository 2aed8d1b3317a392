/** When a qualification is in force, and from which day a newly granted one starts (R-C5, R-C6). */
import { addDays, type IsoDate } from '../calendar/index.ts';
import { GrantMode, type Qualification, QualificationStatus } from './types.ts';

/** In force on `date`: not revoked, started, and not yet ended (end date inclusive). */
export function isEffectiveOn(
  q: Pick<Qualification, 'status' | 'startDate' | 'endDate'>,
  date: IsoDate,
): boolean {
  if (q.status === QualificationStatus.Revoked) return false;
  return q.startDate <= date && (q.endDate === null || date <= q.endDate);
}

/**
 * 待遇开始日期: an instant-on-application disease starts on the application date (R-C6, "自申报之日起
 * 享受待遇"); every other grant starts on the day it is decided.
 */
export function benefitStartDate(grantMode: GrantMode, appliedOn: IsoDate, decidedOn: IsoDate): IsoDate {
  return grantMode === GrantMode.InstantOnApplication && appliedOn < decidedOn ? appliedOn : decidedOn;
}

/** The last day of a qualification that is closed as of `onDate` (the day before; never before it began). */
export function closingEndDate(q: Pick<Qualification, 'startDate'>, onDate: IsoDate): IsoDate {
  const dayBefore = addDays(onDate, -1);
  // A qualification not yet started when it is closed ends the day before its start: never in force.
  return dayBefore >= q.startDate ? dayBefore : addDays(q.startDate, -1);
}
