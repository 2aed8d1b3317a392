/**
 * Working-day arithmetic for every legal deadline in yibao (R-R2, R-F2, R-R3, R-T1). Working days
 * follow China's official schedule: Monday to Friday, minus the published holidays, plus the swapped
 * working weekends (调休). Beyond the loaded schedule nobody knows the holidays yet, so such dates are
 * reckoned Monday to Friday and every answer that touched them carries a warning.
 */
import type { DomainError } from '../errors.ts';
import { chinaDateOf, fromDayNumber, type IsoDate, isWeekend, toDayNumber } from './iso-date.ts';
import { type CalendarTable, validateCalendarTable } from './table.ts';

export const CalendarWarningCode = {
  BeyondKnownRange: 'CALENDAR_BEYOND_KNOWN_RANGE',
} as const;

/** The answer used dates outside the loaded holiday schedule; it may shift once that year is published. */
export interface CalendarWarning extends DomainError {
  readonly code: typeof CalendarWarningCode.BeyondKnownRange;
  /** The earliest and latest unknown dates the answer depended on. */
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

export interface WorkingDayAnswer {
  readonly working: boolean;
  readonly warnings: readonly CalendarWarning[];
}

export interface DateAnswer {
  readonly date: IsoDate;
  readonly warnings: readonly CalendarWarning[];
}

export interface CountAnswer {
  readonly days: number;
  readonly warnings: readonly CalendarWarning[];
}

export interface DaysLeftAnswer extends CountAnswer {
  /** The deadline has passed (today is after it). */
  readonly overdue: boolean;
}

/** 工作日历 — working-day calendar over an injected holiday table. */
export interface Calendar {
  readonly knownFrom: IsoDate;
  readonly knownTo: IsoDate;
  isWorkingDay(date: IsoDate): WorkingDayAnswer;
  /** The n-th working day after `date`; `date` itself is never counted (the day of acceptance). */
  addWorkingDays(date: IsoDate, n: number): DateAnswer;
  /** Working days in (fromExclusive, toInclusive]; negative when `toInclusive` is earlier. */
  countWorkingDays(fromExclusive: IsoDate, toInclusive: IsoDate): CountAnswer;
  /** Deadline of "within n working days" for a submission at an ISO timestamp (China local date). */
  deadlineFrom(submittedAtIso: string, n: number): DateAnswer;
  /**
   * Working days from `today` (exclusive) to `deadline` (inclusive). Once the deadline has passed the
   * answer is negative: minus the working days elapsed up to the next working day, so a case is at
   * least one working day overdue even on the weekend right after its deadline.
   */
  workingDaysLeft(today: IsoDate, deadline: IsoDate): DaysLeftAnswer;
}

/** Collects the unknown dates an answer depended on, to report them once. */
function unknownSpan(knownFromDay: number, knownToDay: number, knownFrom: IsoDate, knownTo: IsoDate) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  return {
    note(day: number): void {
      if (day >= knownFromDay && day <= knownToDay) return;
      if (day < min) min = day;
      if (day > max) max = day;
    },
    warnings(): CalendarWarning[] {
      if (min > max) return [];
      const firstDate = fromDayNumber(min);
      const lastDate = fromDayNumber(max);
      const span = firstDate === lastDate ? firstDate : `${firstDate} 至 ${lastDate}`;
      return [
        {
          code: CalendarWarningCode.BeyondKnownRange,
          message: `日期 ${span} 超出已载入的节假日安排（${knownFrom} 至 ${knownTo}），已暂按周一至周五为工作日推算；请管理员导入该年度国务院节假日安排后复核此期限。`,
          ruleId: 'R-R2',
          firstDate,
          lastDate,
        },
      ];
    },
  };
}

type Span = ReturnType<typeof unknownSpan>;

function requireCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`working-day count must be a non-negative integer: ${n}`);
}

/** Builds a calendar; the table must already be valid (see validateCalendarTable), else it throws. */
export function createCalendar(table: CalendarTable): Calendar {
  const checked = validateCalendarTable(table);
  if (!checked.ok) throw new RangeError(`invalid calendar table: ${checked.error.message}`);
  const exceptions = new Map<number, boolean>();
  for (const d of table.holidays) exceptions.set(toDayNumber(d), false);
  for (const d of table.workdays) exceptions.set(toDayNumber(d), true);
  const knownFromDay = toDayNumber(table.knownFrom);
  const knownToDay = toDayNumber(table.knownTo);
  const newSpan = (): Span => unknownSpan(knownFromDay, knownToDay, table.knownFrom, table.knownTo);

  const working = (day: number, span: Span): boolean => {
    span.note(day);
    return exceptions.get(day) ?? !isWeekend(day);
  };

  const addDays = (start: number, n: number, span: Span): number => {
    let day = start;
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (working(day, span)) counted += 1;
    }
    return day;
  };

  const count = (from: number, to: number, span: Span): number => {
    if (to < from) return 0 - count(to, from, span); // 0 - x, not -x: never answer -0
    let days = 0;
    for (let day = from + 1; day <= to; day += 1) if (working(day, span)) days += 1;
    return days;
  };

  const calendar: Calendar = {
    knownFrom: table.knownFrom,
    knownTo: table.knownTo,
    isWorkingDay(date) {
      const span = newSpan();
      const answer = working(toDayNumber(date), span);
      return { working: answer, warnings: span.warnings() };
    },
    addWorkingDays(date, n) {
      requireCount(n);
      const span = newSpan();
      const day = addDays(toDayNumber(date), n, span);
      return { date: fromDayNumber(day), warnings: span.warnings() };
    },
    countWorkingDays(fromExclusive, toInclusive) {
      const span = newSpan();
      const days = count(toDayNumber(fromExclusive), toDayNumber(toInclusive), span);
      return { days, warnings: span.warnings() };
    },
    deadlineFrom(submittedAtIso, n) {
      return calendar.addWorkingDays(chinaDateOf(submittedAtIso), n);
    },
    workingDaysLeft(today, deadline) {
      const span = newSpan();
      const todayDay = toDayNumber(today);
      const deadlineDay = toDayNumber(deadline);
      if (todayDay <= deadlineDay) {
        return { days: count(todayDay, deadlineDay, span), overdue: false, warnings: span.warnings() };
      }
      let resume = todayDay;
      while (!working(resume, span)) resume += 1;
      return { days: -count(deadlineDay, resume, span), overdue: true, warnings: span.warnings() };
    },
  };
  return calendar;
}
