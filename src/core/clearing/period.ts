/**
 * Clearing periods (YYYY-MM) and reconciliation date ranges as instants. The agencies' calendar is
 * Beijing time (UTC+8, no daylight saving), while settlements record `settled_at` as UTC ISO text
 * ('2026-10-01T02:00:00.000Z'); so a period is a half-open range of ISO instants, compared as text.
 */
import { err, ok, type Result } from '../errors.ts';
import { clearingErrors } from './errors.ts';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A half-open range [startIso, endIso) of settlement instants. */
export interface InstantRange {
  readonly startIso: string;
  readonly endIso: string;
}

export interface PeriodRange extends InstantRange {
  readonly period: string;
  /** One range per Beijing calendar day, in order: the run aggregates day by day to report progress. */
  readonly days: readonly InstantRange[];
}

function beijingMidnightIso(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day) - BEIJING_OFFSET_MS).toISOString();
}

export function parsePeriod(text: string, field = 'period'): Result<PeriodRange> {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return err(clearingErrors.periodInvalid(text, field));
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  if (year < 2000 || year > 2999) return err(clearingErrors.periodInvalid(text, field));
  const dayCount = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const days: InstantRange[] = [];
  for (let d = 1; d <= dayCount; d++) {
    days.push({
      startIso: beijingMidnightIso(year, month, d),
      endIso: beijingMidnightIso(year, month, d + 1),
    });
  }
  return ok({
    period: text,
    startIso: beijingMidnightIso(year, month, 1),
    endIso: beijingMidnightIso(year, month + 1, 1),
    days,
  });
}

/** The period that follows (for messages and for the roll-forward of late refunds). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The Beijing-time period containing an instant. */
export function periodOf(instant: Date): string {
  const local = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

function parseDate(text: string, field: string): Result<number> {
  const match = DATE_PATTERN.exec(text);
  if (!match) return err(clearingErrors.dateInvalid(text, field));
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const utc = Date.UTC(y, m, d);
  const check = new Date(utc);
  if (y < 2000 || y > 2999 || check.getUTCMonth() !== m || check.getUTCDate() !== d) {
    return err(clearingErrors.dateInvalid(text, field));
  }
  return ok(utc);
}

/**
 * A reconciliation range: both dates inclusive, each covering 00:00:00–23:59:59 Beijing time
 * (national interface §1.3), at most `maxDays` days.
 */
export function parseDateRange(
  beginDate: string,
  endDate: string,
  maxDays = 366,
  fields: { begin: string; end: string } = { begin: 'beginDate', end: 'endDate' },
): Result<InstantRange> {
  const begin = parseDate(beginDate, fields.begin);
  if (!begin.ok) return begin;
  const end = parseDate(endDate, fields.end);
  if (!end.ok) return end;
  const days = (end.value - begin.value) / DAY_MS + 1;
  if (days < 1 || days > maxDays) return err(clearingErrors.dateRangeInvalid(beginDate, endDate, maxDays));
  return ok({
    startIso: new Date(begin.value - BEIJING_OFFSET_MS).toISOString(),
    endIso: new Date(end.value + DAY_MS - BEIJING_OFFSET_MS).toISOString(),
  });
}
