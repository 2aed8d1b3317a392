import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { official2025And2026 } from './official-2025-2026.fixture.ts';
import { CalendarTableErrorCode, mergeTables, validateCalendarTable } from './table.ts';

describe('validating an imported table (R-R2)', () => {
  it('names the bad date and field', () => {
    const result = validateCalendarTable({ holidays: ['2027-02-30'], workdays: [] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: CalendarTableErrorCode.InvalidDate, field: 'holidays' },
    });
    if (!result.ok) expect(result.error.message).toContain('2027-02-30');
  });

  it('refuses a date that is both off and on', () => {
    const result = validateCalendarTable({ holidays: ['2027-02-06'], workdays: ['2027-02-06'] });
    expect(result).toMatchObject({ ok: false, error: { code: CalendarTableErrorCode.ConflictingDate } });
  });

  it('refuses a half-given or reversed known range', () => {
    expect(validateCalendarTable({ holidays: [], workdays: [], knownFrom: '2027-01-01' })).toMatchObject({
      ok: false,
      error: { code: CalendarTableErrorCode.InvalidRange, field: 'knownTo' },
    });
    expect(
      validateCalendarTable({ holidays: [], workdays: [], knownFrom: '2027-12-31', knownTo: '2027-01-01' }),
    ).toMatchObject({ ok: false, error: { code: CalendarTableErrorCode.InvalidRange } });
  });

  it('a calendar refuses an invalid table outright (programming error)', () => {
    expect(() => createCalendar({ ...official2025And2026, workdays: ['2026-10-01'] })).toThrow(RangeError);
  });
});

describe('merging an administrator override (R-R2)', () => {
  it('the override wins per date, in both directions', () => {
    const merged = mergeTables(official2025And2026, { holidays: ['2026-10-10'], workdays: ['2026-10-08'] });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const calendar = createCalendar(merged.value);
    expect(calendar.isWorkingDay('2026-10-10').working).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08').working).toBe(true);
    expect(merged.value.knownTo).toBe('2026-12-31');
  });

  it("next year's schedule extends the known range and silences the warning", () => {
    const merged = mergeTables(official2025And2026, {
      holidays: ['2027-01-01'],
      workdays: [],
      knownFrom: '2027-01-01',
      knownTo: '2027-12-31',
    });
    if (!merged.ok) throw new Error(merged.error.message);
    const calendar = createCalendar(merged.value);
    expect(merged.value.knownTo).toBe('2027-12-31');
    expect(calendar.isWorkingDay('2027-01-01')).toEqual({ working: false, warnings: [] });
  });

  it('refuses an override range that leaves a hole', () => {
    const merged = mergeTables(official2025And2026, {
      holidays: [],
      workdays: [],
      knownFrom: '2028-01-01',
      knownTo: '2028-12-31',
    });
    expect(merged).toMatchObject({ ok: false, error: { code: CalendarTableErrorCode.RangeGap } });
  });
});
