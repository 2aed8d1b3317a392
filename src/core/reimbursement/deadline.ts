/**
 * 办结时限 (R-R2, seed 000 §6): a manual claim is decided within 30 working days of acceptance; a single
 * bill over 50,000 yuan, with complete materials and no accident injury, within 7 working days. Working
 * days follow the official calendar (holidays off, swapped weekends on); the day of acceptance is not
 * counted. The R-R3 upload clock (3 working days after discharge or visit) lives here too.
 */
import type { Calendar, CalendarWarning, IsoDate } from '../calendar/index.ts';
import type { Fen } from '../money/index.ts';

export const STANDARD_WORKING_DAYS = 30;
export const FAST_TRACK_WORKING_DAYS = 7;
/** 单笔医药费用超过 5 万元: strictly more than 5,000,000 fen. */
export const FAST_TRACK_THRESHOLD_FEN = 5_000_000;
/** R-R3: institutions upload details of self-paid patients within 3 working days. */
export const UPLOAD_WORKING_DAYS = 3;

export interface DeadlineFacts {
  readonly billTotalFen: Fen;
  readonly materialsComplete: boolean;
  readonly accident: boolean;
}

export interface ClaimDeadline {
  /** The day the clock starts from (not counted). */
  readonly startDate: IsoDate;
  readonly workingDays: number;
  readonly date: IsoDate;
  /** True when the 7-working-day rule applies. */
  readonly fastTrack: boolean;
  /** 'provisional' before acceptance (what it would be if accepted that day), 'accepted' once fixed. */
  readonly basis: 'provisional' | 'accepted';
  /** Why this limit, in words the person and the agency both read. */
  readonly reasonZh: string;
  readonly warnings: readonly CalendarWarning[];
}

/** Which limit applies, and why. Pure of the calendar, so it can be tabled and property-tested. */
export function deadlineRule(facts: DeadlineFacts): {
  workingDays: number;
  fastTrack: boolean;
  reasonZh: string;
} {
  const large = facts.billTotalFen > FAST_TRACK_THRESHOLD_FEN;
  if (large && facts.materialsComplete && !facts.accident) {
    return {
      workingDays: FAST_TRACK_WORKING_DAYS,
      fastTrack: true,
      reasonZh: '单笔医药费用超过5万元、材料齐全且不涉及意外伤害，7个工作日内办结',
    };
  }
  const why = !large
    ? '单笔医药费用未超过5万元'
    : facts.accident
      ? '涉及意外伤害医药费用'
      : '报销材料尚不齐全';
  return { workingDays: STANDARD_WORKING_DAYS, fastTrack: false, reasonZh: `${why}，30个工作日内办结` };
}

export function claimDeadline(
  calendar: Calendar,
  startDate: IsoDate,
  facts: DeadlineFacts,
  basis: ClaimDeadline['basis'],
): ClaimDeadline {
  const rule = deadlineRule(facts);
  const due = calendar.addWorkingDays(startDate, rule.workingDays);
  return { startDate, ...rule, date: due.date, basis, warnings: due.warnings };
}

export interface UploadTiming {
  readonly dueDate: IsoDate;
  readonly late: boolean;
  /** Working days past the due date (0 when on time). */
  readonly workingDaysLate: number;
  readonly warnings: readonly CalendarWarning[];
}

/** R-R3: due 3 working days after the discharge (inpatient) or visit (outpatient) date. */
export function uploadTiming(calendar: Calendar, endDate: IsoDate, uploadedOn: IsoDate): UploadTiming {
  const due = calendar.addWorkingDays(endDate, UPLOAD_WORKING_DAYS);
  if (uploadedOn <= due.date)
    return { dueDate: due.date, late: false, workingDaysLate: 0, warnings: due.warnings };
  const late = calendar.countWorkingDays(due.date, uploadedOn);
  return {
    dueDate: due.date,
    late: true,
    workingDaysLate: Math.max(1, late.days),
    warnings: [...due.warnings, ...late.warnings],
  };
}
