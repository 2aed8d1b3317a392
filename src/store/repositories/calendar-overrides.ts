/**
 * The administrator's overrides of the published holiday schedule: single dates (a day off or a swapped
 * working day, 调休) and the ranges a newly published year adds to what the calendar knows (R-R2).
 */
import type { Executor } from './executor.ts';

export interface CalendarOverrideRow {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  readonly name: string | null;
}

export interface CalendarRangeRow {
  readonly knownFrom: string;
  readonly knownTo: string;
}

export async function readCalendarOverrides(
  db: Executor,
): Promise<{ overrides: CalendarOverrideRow[]; ranges: CalendarRangeRow[] }> {
  const overrides = await db
    .selectFrom('calendar_overrides')
    .select(['date', 'kind', 'name'])
    .orderBy('date')
    .execute();
  const ranges = await db
    .selectFrom('calendar_override_ranges')
    .select(['known_from', 'known_to'])
    .orderBy('known_from')
    .execute();
  return { overrides, ranges: ranges.map((r) => ({ knownFrom: r.known_from, knownTo: r.known_to })) };
}

/** Writes one import: each named date takes the imported kind; a range is recorded once. */
export async function writeCalendarOverrides(
  db: Executor,
  rows: readonly CalendarOverrideRow[],
  range: CalendarRangeRow | undefined,
  batch: { readonly id: string; readonly at: string },
): Promise<void> {
  for (const row of rows) {
    const values = { kind: row.kind, name: row.name, batch_id: batch.id, imported_at: batch.at };
    await db
      .insertInto('calendar_overrides')
      .values({ date: row.date, ...values })
      .onConflict((oc) => oc.column('date').doUpdateSet(values))
      .execute();
  }
  if (range !== undefined) {
    await db
      .insertInto('calendar_override_ranges')
      .values({
        known_from: range.knownFrom,
        known_to: range.knownTo,
        batch_id: batch.id,
        imported_at: batch.at,
      })
      .onConflict((oc) => oc.columns(['known_from', 'known_to']).doNothing())
      .execute();
  }
}
