import { describe, expect, it } from 'vitest';
import { addMonths, chinaDateOf, isIsoDate, toDayNumber, weekdayOf } from './iso-date.ts';

describe('ISO dates', () => {
  it('accepts only real dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate('２０２６-01-01')).toBe(false);
  });

  it('knows the weekday', () => {
    expect(weekdayOf(toDayNumber('2025-10-11'))).toBe(6);
    expect(weekdayOf(toDayNumber('2026-09-20'))).toBe(0);
    expect(weekdayOf(toDayNumber('1969-12-31'))).toBe(3);
  });

  it('takes the China-local date of a timestamp, whatever the host time zone', () => {
    expect(chinaDateOf('2026-01-01T15:59:59Z')).toBe('2026-01-01');
    expect(chinaDateOf('2026-01-01T16:00:00Z')).toBe('2026-01-02');
    expect(chinaDateOf('2026-01-01T23:00:00-05:00')).toBe('2026-01-02');
    expect(chinaDateOf('2026-01-01T23:59:59.999+08:00')).toBe('2026-01-01');
    expect(chinaDateOf('2026-01-01 08:00')).toBe('2026-01-01');
    expect(() => chinaDateOf('yesterday')).toThrow(RangeError);
  });

  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});
