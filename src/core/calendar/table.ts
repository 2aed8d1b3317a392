/**
 * The holiday table a calendar is built from. The core never knows where it came from: the service
 * layer loads the published schedule (a data package) and an administrator's overrides, and injects
 * the merged table.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { addDays, type IsoDate, isIsoDate } from './iso-date.ts';

/** 节假日与调休安排 — official holidays and swapped working weekends (R-R2). */
export interface CalendarTable {
  /** Dates off work (法定节假日), including any weekday given as a day off. */
  readonly holidays: readonly IsoDate[];
  /** 调休 — weekend dates that are working days. */
  readonly workdays: readonly IsoDate[];
  /** First and last date (inclusive) for which the schedule is published and loaded. */
  readonly knownFrom: IsoDate;
  readonly knownTo: IsoDate;
}

/** An override table may fix single dates without claiming a known range of its own. */
export interface CalendarOverrideTable {
  readonly holidays: readonly IsoDate[];
  readonly workdays: readonly IsoDate[];
  /** Set both to extend the known range, e.g. when next year's schedule is published. */
  readonly knownFrom?: IsoDate;
  readonly knownTo?: IsoDate;
}

export const CalendarTableErrorCode = {
  InvalidDate: 'CALENDAR_TABLE_INVALID_DATE',
  ConflictingDate: 'CALENDAR_TABLE_CONFLICTING_DATE',
  InvalidRange: 'CALENDAR_TABLE_INVALID_RANGE',
  RangeGap: 'CALENDAR_TABLE_RANGE_GAP',
} as const;

function invalidDate(field: string, value: string): DomainError {
  return domainError(
    CalendarTableErrorCode.InvalidDate,
    `节假日表字段 ${field} 中的日期“${value}”不是有效日期，请改为 YYYY-MM-DD 格式的真实日期（如 2026-10-01）。`,
    { ruleId: 'R-R2', field },
  );
}

/** Checks an imported table: real dates, a sane known range, no date both off and on. */
export function validateCalendarTable(table: CalendarOverrideTable): Result<CalendarOverrideTable> {
  for (const field of ['holidays', 'workdays'] as const) {
    const bad = table[field].find((d) => !isIsoDate(d));
    if (bad !== undefined) return err(invalidDate(field, bad));
  }
  for (const field of ['knownFrom', 'knownTo'] as const) {
    const value = table[field];
    if (value !== undefined && !isIsoDate(value)) return err(invalidDate(field, value));
  }
  if ((table.knownFrom === undefined) !== (table.knownTo === undefined)) {
    return err(
      domainError(
        CalendarTableErrorCode.InvalidRange,
        '节假日表的已知范围须同时填写 knownFrom 和 knownTo，或都不填写。',
        { ruleId: 'R-R2', field: table.knownFrom === undefined ? 'knownFrom' : 'knownTo' },
      ),
    );
  }
  if (table.knownFrom !== undefined && table.knownTo !== undefined && table.knownFrom > table.knownTo) {
    return err(
      domainError(
        CalendarTableErrorCode.InvalidRange,
        `节假日表的已知范围起点 ${table.knownFrom} 晚于终点 ${table.knownTo}，请检查 knownFrom/knownTo。`,
        { ruleId: 'R-R2', field: 'knownFrom' },
      ),
    );
  }
  const off = new Set(table.holidays);
  const both = table.workdays.find((d) => off.has(d));
  if (both !== undefined) {
    return err(
      domainError(
        CalendarTableErrorCode.ConflictingDate,
        `日期 ${both} 同时出现在节假日（holidays）和调休工作日（workdays）中，请只保留其一。`,
        { ruleId: 'R-R2', field: 'workdays' },
      ),
    );
  }
  return ok(table);
}

/**
 * Merges an administrator's overrides into a base table; the override wins for every date it names.
 * The known range grows by the override's range only when the two touch or overlap: a calendar with
 * a hole in the middle of its known range would answer for dates nobody has loaded.
 */
export function mergeTables(base: CalendarTable, override: CalendarOverrideTable): Result<CalendarTable> {
  const checked = validateCalendarTable(override);
  if (!checked.ok) return checked;
  const overridden = new Set([...override.holidays, ...override.workdays]);
  const holidays = [...base.holidays.filter((d) => !overridden.has(d)), ...override.holidays].sort();
  const workdays = [...base.workdays.filter((d) => !overridden.has(d)), ...override.workdays].sort();
  const range = mergeRange(base, override);
  if (!range.ok) return range;
  return ok({ holidays, workdays, ...range.value });
}

function mergeRange(
  base: CalendarTable,
  override: CalendarOverrideTable,
): Result<{ knownFrom: IsoDate; knownTo: IsoDate }> {
  const { knownFrom, knownTo } = override;
  if (knownFrom === undefined || knownTo === undefined) {
    return ok({ knownFrom: base.knownFrom, knownTo: base.knownTo });
  }
  const touches = knownFrom <= nextDay(base.knownTo) && nextDay(knownTo) >= base.knownFrom;
  if (!touches) {
    return err(
      domainError(
        CalendarTableErrorCode.RangeGap,
        `补充节假日表的范围 ${knownFrom} 至 ${knownTo} 与现有范围 ${base.knownFrom} 至 ${base.knownTo} 不相连，请先导入中间年份的安排。`,
        { ruleId: 'R-R2', field: 'knownFrom' },
      ),
    );
  }
  return ok({
    knownFrom: [knownFrom, base.knownFrom].sort()[0]!,
    knownTo: [knownTo, base.knownTo].sort()[1]!,
  });
}

function nextDay(date: IsoDate): IsoDate {
  return addDays(date, 1);
}
