/**
 * Where the working-day calendar's table comes from: China's published holiday schedules as kept by
 * the `chinese-days` package (its documented JSON, one entry per date), plus the overrides an
 * administrator imports when the State Council publishes a new year before the package catches up.
 * Both functions are pure; loading overrides from the store is the caller's business.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type CalendarTable, mergeTables } from '../core/calendar/index.ts';
import { domainError, err, ok, type Result } from '../core/errors.ts';

/** One administrator-entered date: a day off or a swapped working day (调休). */
export interface HolidayOverride {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  /** Shown to administrators (e.g. '春节'); the calendar itself needs only the kind. */
  readonly name?: string;
}

/** Entries look like "Spring Festival,春节,4": English name, Chinese name, statutory days. */
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

const data: ChineseDaysData = chineseDays;

export const HolidaySourceErrorCode = {
  YearsUnavailable: 'HOLIDAY_SOURCE_YEARS_UNAVAILABLE',
} as const;

/** The years the package publishes, read from its data rather than assumed. */
export function chineseDaysCoverage(): { readonly firstYear: number; readonly lastYear: number } {
  const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

/**
 * The published schedule for the requested years. Requested years the package does not publish yet
 * stay outside the known range, so the calendar warns about them instead of guessing.
 */
export function chineseDaysTable(fromYear: number, toYear: number): Result<CalendarTable> {
  const { firstYear, lastYear } = chineseDaysCoverage();
  const from = Math.max(fromYear, firstYear);
  const to = Math.min(toYear, lastYear);
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || from > to) {
    return err(
      domainError(
        HolidaySourceErrorCode.YearsUnavailable,
        `节假日数据包只收录 ${firstYear} 至 ${lastYear} 年的安排，无法提供 ${fromYear} 至 ${toYear} 年；请管理员导入这些年份的节假日安排。`,
        { ruleId: 'R-R2', field: 'fromYear' },
      ),
    );
  }
  const inRange = (date: string) => {
    const year = Number(date.slice(0, 4));
    return year >= from && year <= to;
  };
  return ok({
    holidays: Object.keys(data.holidays).filter(inRange).sort(),
    workdays: Object.keys(data.workdays).filter(inRange).sort(),
    knownFrom: `${from}-01-01`,
    knownTo: `${to}-12-31`,
  });
}

/**
 * Applies administrator overrides; each named date takes the override's kind. Give `coverage` when the
 * overrides are a whole newly published year, so that year stops producing warnings.
 */
export function mergeOverrides(
  base: CalendarTable,
  overrides: readonly HolidayOverride[],
  coverage?: { readonly knownFrom: string; readonly knownTo: string },
): Result<CalendarTable> {
  const pick = (kind: HolidayOverride['kind']) => [
    ...new Set(overrides.filter((o) => o.kind === kind).map((o) => o.date)),
  ];
  return mergeTables(base, { holidays: pick('holiday'), workdays: pick('workday'), ...coverage });
}
