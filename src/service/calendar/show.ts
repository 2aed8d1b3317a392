/** One year of the working-day calendar as people read it: days off, swapped working days, and whether the year is known. */
import { toDayNumber } from '../../core/calendar/index.ts';
import { readCalendarOverrides } from '../../store/repositories/calendar-overrides.ts';
import type { AppContext } from '../context.ts';
import { currentCalendarTable } from './load.ts';

export interface CalendarYearView {
  readonly year: number;
  readonly knownFrom: string;
  readonly knownTo: string;
  /** The whole year lies within the loaded schedule; otherwise deadlines in it carry a warning. */
  readonly known: boolean;
  readonly holidays: readonly {
    readonly date: string;
    readonly name: string | null;
    readonly override: boolean;
  }[];
  readonly workdays: readonly {
    readonly date: string;
    readonly name: string | null;
    readonly override: boolean;
  }[];
}

export async function calendarYear(ctx: Pick<AppContext, 'store'>, year: number): Promise<CalendarYearView> {
  const table = await currentCalendarTable(ctx.store.db);
  const { overrides } = await readCalendarOverrides(ctx.store.db);
  const named = new Map(overrides.map((o) => [o.date, o.name]));
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const view = (d: string) => ({ date: d, name: named.get(d) ?? null, override: named.has(d) });
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return {
    year,
    knownFrom: table.knownFrom,
    knownTo: table.knownTo,
    known:
      toDayNumber(table.knownFrom) <= toDayNumber(first) && toDayNumber(last) <= toDayNumber(table.knownTo),
    holidays: table.holidays.filter(inYear).map(view),
    workdays: table.workdays.filter(inYear).map(view),
  };
}
