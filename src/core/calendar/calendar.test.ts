import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarWarningCode, createCalendar } from './calendar.ts';
import { addDays, fromDayNumber, toDayNumber } from './iso-date.ts';
import { official2025And2026 } from './official-2025-2026.fixture.ts';

const calendar = createCalendar(official2025And2026);
const SEED = Number(process.env.FC_SEED ?? 20260928);
// Printed so a failing run can be replayed with FC_SEED=… (DESIGN.md: tests print their seed).
console.info(`calendar properties: fast-check seed ${SEED}`);

/** Dates whose answers stay inside the loaded 2025–2026 schedule for n up to 60. */
const knownDate = fc
  .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2026-09-30') })
  .map((d) => fromDayNumber(d));

describe('examples/settlement working-days table (R-R2)', () => {
  it.each([
    ['2026-09-28', 30, '2026-11-13'],
    ['2026-02-13', 7, '2026-03-02'],
    ['2026-04-30', 7, '2026-05-13'],
  ])('accepted %s, within %i working days → due %s', (accepted, n, due) => {
    expect(calendar.addWorkingDays(accepted, n)).toEqual({ date: due, warnings: [] });
    expect(calendar.countWorkingDays(accepted, due).days).toBe(n);
  });
});

describe('official 2025 and 2026 schedules (R-R2)', () => {
  it.each([
    ['2025-10-11', true, 'Saturday swapped to a working day after National Day'],
    ['2025-09-28', true, 'Sunday swapped to a working day'],
    ['2025-01-26', true, 'Sunday before Spring Festival'],
    ['2026-02-14', true, 'Saturday before Spring Festival'],
    ['2026-02-28', true, 'Saturday after Spring Festival'],
    ['2026-05-09', true, 'Saturday after Labour Day'],
    ['2026-09-20', true, 'Sunday before National Day'],
    ['2026-10-10', true, 'Saturday after National Day'],
    ['2025-10-08', false, 'last day of the 2025 National Day break (a Wednesday)'],
    ['2026-02-23', false, 'Monday, last day of the 2026 Spring Festival break'],
    ['2026-10-07', false, 'Wednesday in the National Day break'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-09', true, 'an ordinary Monday'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toEqual({ working, warnings: [] });
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    expect(calendar.countWorkingDays('2024-12-31', '2025-12-31')).toEqual({ days: 248, warnings: [] });
    expect(calendar.countWorkingDays('2025-12-31', '2026-12-31')).toEqual({ days: 248, warnings: [] });
  });

  it('crosses a swapped weekend: Friday 2025-10-10 + 1 → Saturday 2025-10-11', () => {
    expect(calendar.addWorkingDays('2025-10-10', 1).date).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
  });

  it('adding zero working days keeps the date, even on a holiday', () => {
    expect(calendar.addWorkingDays('2026-10-03', 0)).toEqual({ date: '2026-10-03', warnings: [] });
  });

  it('rejects a negative or fractional count as a programming error', () => {
    expect(() => calendar.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('properties on the 2025–2026 tables (R-R2)', () => {
  it('add N working days, then count back, gives N', () => {
    fc.assert(
      fc.property(knownDate, fc.integer({ min: 0, max: 60 }), (date, n) => {
        const due = calendar.addWorkingDays(date, n);
        expect(due.warnings).toEqual([]);
        expect(calendar.countWorkingDays(date, due.date).days).toBe(n);
        if (n > 0) expect(calendar.isWorkingDay(due.date).working).toBe(true);
      }),
      { seed: SEED },
    );
  });

  it('is monotonic in N and in the start date', () => {
    fc.assert(
      fc.property(
        knownDate,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (date, n, more) => {
          expect(calendar.addWorkingDays(date, n).date < calendar.addWorkingDays(date, n + more).date).toBe(
            true,
          );
          const later = addDays(date, more);
          expect(calendar.addWorkingDays(date, n).date <= calendar.addWorkingDays(later, n).date).toBe(true);
        },
      ),
      { seed: SEED },
    );
  });

  it('counting is additive and antisymmetric', () => {
    fc.assert(
      fc.property(knownDate, knownDate, knownDate, (a, b, c) => {
        const ab = calendar.countWorkingDays(a, b).days;
        expect(calendar.countWorkingDays(b, a).days).toBe(0 - ab);
        expect(ab + calendar.countWorkingDays(b, c).days).toBe(calendar.countWorkingDays(a, c).days);
      }),
      { seed: SEED },
    );
  });

  it('workingDaysLeft is the count to the deadline, and negative exactly when overdue', () => {
    fc.assert(
      fc.property(knownDate, knownDate, (today, deadline) => {
        const left = calendar.workingDaysLeft(today, deadline);
        expect(left.overdue).toBe(today > deadline);
        if (today <= deadline) expect(left.days).toBe(calendar.countWorkingDays(today, deadline).days);
        else expect(left.days).toBeLessThan(0);
      }),
      { seed: SEED },
    );
  });
});

describe('deadlines from a submission time (R-F2, R-R2)', () => {
  it('uses the China-local date of the submission', () => {
    // 16:30Z on 03-05 is already Friday 03-06 00:30 in Beijing; a time without offset is Beijing time.
    expect(calendar.deadlineFrom('2026-04-30T23:30:00+08:00', 7).date).toBe('2026-05-13');
    expect(calendar.deadlineFrom('2026-04-30T15:30:00Z', 7).date).toBe('2026-05-13');
    expect(calendar.deadlineFrom('2026-03-05T15:59:00Z', 1).date).toBe('2026-03-06');
    expect(calendar.deadlineFrom('2026-03-05T16:30:00Z', 1).date).toBe('2026-03-09');
    expect(calendar.deadlineFrom('2026-03-05T23:30:00', 1).date).toBe('2026-03-06');
    expect(calendar.deadlineFrom('2026-03-05', 1).date).toBe('2026-03-06');
  });

  it('an online filing on Friday before Spring Festival is due two working days later (Saturday 02-14 counts)', () => {
    expect(calendar.deadlineFrom('2026-02-13T10:00:00+08:00', 2).date).toBe('2026-02-24');
  });

  it('a submission on a holiday starts counting at the next working day', () => {
    expect(calendar.deadlineFrom('2026-10-03T10:00:00+08:00', 2).date).toBe('2026-10-09');
  });
});

describe('workingDaysLeft (R-F2 queue)', () => {
  it('is zero on the deadline day and counts working days before it', () => {
    expect(calendar.workingDaysLeft('2026-05-13', '2026-05-13')).toEqual({
      days: 0,
      overdue: false,
      warnings: [],
    });
    expect(calendar.workingDaysLeft('2026-04-30', '2026-05-13').days).toBe(7);
  });

  it('is negative once overdue, also on the weekend right after the deadline', () => {
    // Deadline Friday 2026-03-06; Saturday and Monday are both one working day late.
    expect(calendar.workingDaysLeft('2026-03-07', '2026-03-06')).toEqual({
      days: -1,
      overdue: true,
      warnings: [],
    });
    expect(calendar.workingDaysLeft('2026-03-09', '2026-03-06').days).toBe(-1);
    expect(calendar.workingDaysLeft('2026-03-10', '2026-03-06').days).toBe(-2);
  });
});

describe('dates beyond the loaded schedule (R-R2)', () => {
  it('warns instead of guessing silently, and reckons Monday to Friday', () => {
    const answer = calendar.isWorkingDay('2027-01-01');
    expect(answer.working).toBe(true);
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toMatchObject({
      code: CalendarWarningCode.BeyondKnownRange,
      ruleId: 'R-R2',
      firstDate: '2027-01-01',
      lastDate: '2027-01-01',
    });
    expect(answer.warnings[0]!.message).toContain('超出已载入的节假日安排');
  });

  it('a deadline that runs into the next year names the unknown span once', () => {
    const due = calendar.addWorkingDays('2026-12-28', 7);
    expect(due.date).toBe('2027-01-06');
    expect(due.warnings).toHaveLength(1);
    expect(due.warnings[0]).toMatchObject({ firstDate: '2027-01-01', lastDate: '2027-01-06' });
    expect(due.warnings[0]!.message).toContain('2027-01-01 至 2027-01-06');
  });

  it('dates before the schedule warn too', () => {
    expect(calendar.countWorkingDays('2024-12-30', '2025-01-02').warnings[0]).toMatchObject({
      firstDate: '2024-12-31',
      lastDate: '2024-12-31',
    });
  });

  it('a deadline fully inside the schedule carries no warning', () => {
    expect(calendar.addWorkingDays('2026-12-24', 4).warnings).toEqual([]);
  });
});
