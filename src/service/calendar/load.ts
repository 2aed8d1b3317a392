/**
 * The working-day calendar every deadline uses: the published schedules of the `chinese-days` package
 * merged with the administrator's override table in the store. Building it walks every date of twenty
 * years, so it is cached per store and rebuilt only when an import changed the overrides — the import
 * bumps a version in `settings`, so every process of a deployment sees the change on its next load.
 */
import { type Calendar, type CalendarTable, createCalendar, mergeTables } from '../../core/calendar/index.ts';
import type { Result } from '../../core/errors.ts';
import type { Store } from '../../store/database.ts';
import { readCalendarOverrides } from '../../store/repositories/calendar-overrides.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import { readSettings } from '../../store/repositories/settings.ts';
import type { AppContext } from '../context.ts';
import {
  chineseDaysCoverage,
  chineseDaysTable,
  type HolidayOverride,
  mergeOverrides,
} from '../holiday-source.ts';

export const CALENDAR_VERSION_KEY = 'calendar.overrides_version';

/** The whole published schedule of the data package. */
export function publishedTable(): CalendarTable {
  const { firstYear, lastYear } = chineseDaysCoverage();
  const table = chineseDaysTable(firstYear, lastYear);
  if (!table.ok) throw new Error(`chinese-days publishes no schedule: ${table.error.message}`);
  return table.value;
}

/**
 * Applies stored or about-to-be-stored overrides to a base table: first each known-range extension in
 * date order (each was checked to touch the range before it when imported), then the dates.
 */
export function applyOverrides(
  base: CalendarTable,
  overrides: readonly HolidayOverride[],
  ranges: readonly { readonly knownFrom: string; readonly knownTo: string }[],
): Result<CalendarTable> {
  let table: Result<CalendarTable> = { ok: true, value: base };
  const ordered = [...ranges].sort((a, b) => (a.knownFrom < b.knownFrom ? -1 : 1));
  for (const range of ordered) {
    if (!table.ok) return table;
    table = mergeTables(table.value, { holidays: [], workdays: [], ...range });
  }
  return table.ok ? mergeOverrides(table.value, overrides) : table;
}

/** The merged table as the store holds it now (inside a transaction when `db` is one). */
export async function currentCalendarTable(db: Executor): Promise<CalendarTable> {
  const { overrides, ranges } = await readCalendarOverrides(db);
  const merged = applyOverrides(
    publishedTable(),
    overrides.map((o) => ({ date: o.date, kind: o.kind, ...(o.name === null ? {} : { name: o.name }) })),
    ranges,
  );
  // Imports are validated against the merged table before they are written, so this cannot fail.
  if (!merged.ok) throw new Error(`stored calendar overrides are inconsistent: ${merged.error.message}`);
  return merged.value;
}

const cache = new WeakMap<Store, { readonly version: string; readonly calendar: Calendar }>();

async function storedVersion(db: Executor): Promise<string> {
  return (await readSettings(db, [CALENDAR_VERSION_KEY])).get(CALENDAR_VERSION_KEY) ?? 'none';
}

/**
 * The calendar, cached. It reads through `db`: the store's pool by default — then call it before
 * opening a transaction — or the open transaction a caller already runs in (SQLite has one connection,
 * so reading through the pool from inside a transaction would wait on itself).
 */
export async function loadCalendar(
  ctx: Pick<AppContext, 'store'>,
  db: Executor = ctx.store.db,
): Promise<Calendar> {
  const version = await storedVersion(db);
  const hit = cache.get(ctx.store);
  if (hit !== undefined && hit.version === version) return hit.calendar;
  const calendar = createCalendar(await currentCalendarTable(db));
  cache.set(ctx.store, { version, calendar });
  return calendar;
}

/** Drops this process's cached calendar (the import also bumps the shared version). */
export function invalidateCalendar(store: Store): void {
  cache.delete(store);
}
