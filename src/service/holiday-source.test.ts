import { describe, expect, it } from 'vitest';
import { CalendarWarningCode, createCalendar } from '../core/calendar/index.ts';
import { addDays } from '../core/calendar/iso-date.ts';
import { official2025And2026 } from '../core/calendar/official-2025-2026.fixture.ts';
import {
  chineseDaysCoverage,
  chineseDaysTable,
  HolidaySourceErrorCode,
  mergeOverrides,
} from './holiday-source.ts';

function table2025To2026() {
  const result = chineseDaysTable(2025, 2026);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('chinese-days as the base schedule (R-R2)', () => {
  it('publishes at least through 2026', () => {
    expect(chineseDaysCoverage().lastYear).toBeGreaterThanOrEqual(2026);
  });

  it('agrees with the State Council notices on every day of 2025 and 2026', () => {
    const fromPackage = createCalendar(table2025To2026());
    const fromNotices = createCalendar(official2025And2026);
    const disagreements: string[] = [];
    for (let date = '2025-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      if (fromPackage.isWorkingDay(date).working !== fromNotices.isWorkingDay(date).working)
        disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['2025-10-11', true],
    ['2025-09-28', true],
    ['2025-10-08', false],
    ['2026-02-14', true],
    ['2026-02-16', false],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-09-20', true],
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-10', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(createCalendar(table2025To2026()).isWorkingDay(date)).toEqual({ working, warnings: [] });
  });

  it('keeps only the requested years and knows exactly those', () => {
    const t = table2025To2026();
    expect(t.knownFrom).toBe('2025-01-01');
    expect(t.knownTo).toBe('2026-12-31');
    expect([...t.holidays, ...t.workdays].every((d) => d >= '2025-01-01' && d <= '2026-12-31')).toBe(true);
  });

  it('leaves unpublished years unknown, so the calendar warns about them', () => {
    const result = chineseDaysTable(2026, 2099);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.knownTo).toBe(`${chineseDaysCoverage().lastYear}-12-31`);
    const answer = createCalendar(result.value).isWorkingDay('2099-06-01');
    expect(answer.warnings[0]?.code).toBe(CalendarWarningCode.BeyondKnownRange);
  });

  it('refuses a request where no year is published', () => {
    expect(chineseDaysTable(2098, 2099)).toMatchObject({
      ok: false,
      error: { code: HolidaySourceErrorCode.YearsUnavailable, ruleId: 'R-R2' },
    });
    expect(chineseDaysTable(2026, 2025).ok).toBe(false);
  });
});

describe('administrator overrides (R-R2)', () => {
  it('an override wins over the package for its date', () => {
    const merged = mergeOverrides(table2025To2026(), [
      { date: '2026-10-10', kind: 'holiday', name: '调整' },
      { date: '2026-10-07', kind: 'workday' },
    ]);
    if (!merged.ok) throw new Error(merged.error.message);
    const calendar = createCalendar(merged.value);
    expect(calendar.isWorkingDay('2026-10-10').working).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07').working).toBe(true);
  });

  it("a newly published year extends the known range (a hypothetical 2027 New Year's Day)", () => {
    const merged = mergeOverrides(
      table2025To2026(),
      [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
      {
        knownFrom: '2027-01-01',
        knownTo: '2027-12-31',
      },
    );
    if (!merged.ok) throw new Error(merged.error.message);
    const due = createCalendar(merged.value).addWorkingDays('2026-12-30', 2);
    expect(due).toEqual({ date: '2027-01-04', warnings: [] });
  });

  it('refuses a date given as both holiday and workday', () => {
    const merged = mergeOverrides(table2025To2026(), [
      { date: '2026-10-10', kind: 'holiday' },
      { date: '2026-10-10', kind: 'workday' },
    ]);
    expect(merged).toMatchObject({ ok: false, error: { code: 'CALENDAR_TABLE_CONFLICTING_DATE' } });
  });
});
