/**
 * Calendar dates as ISO strings ('YYYY-MM-DD') and their day numbers. Day numbers (days since
 * 1970-01-01) make date arithmetic plain integer arithmetic; Date.UTC is used only as a pure
 * conversion, never to read the clock.
 */

/** An ISO calendar date 'YYYY-MM-DD', a day in China (Asia/Shanghai). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// China has kept UTC+8 without daylight saving since 1991, so the offset is a constant.
const CHINA_OFFSET_MS = 8 * 3_600_000;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when `text` is a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

/** Day number of an ISO date. Throws on malformed input: callers validate data at the edge. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/**
 * The China-local date of a timestamp. With an offset (or Z) the instant is converted to UTC+8;
 * without one the wall time is taken as China time already, so the host's time zone never matters.
 * A bare 'YYYY-MM-DD' is returned as is.
 */
export function chinaDateOf(timestamp: string): IsoDate {
  const m = TIMESTAMP.exec(timestamp);
  if (!m || !isIsoDate(m[1]!)) throw new RangeError(`not an ISO timestamp: ${JSON.stringify(timestamp)}`);
  if (!m[5]) return m[1]!;
  const instant = Date.parse(timestamp);
  if (Number.isNaN(instant)) throw new RangeError(`not an ISO timestamp: ${JSON.stringify(timestamp)}`);
  return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month → 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  toDayNumber(date);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (mo - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d, lastDay)) / DAY_MS);
}
