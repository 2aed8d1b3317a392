import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPeriod, parseDateRange, parsePeriod, periodOf } from './period.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/clearing/period seed=${seed} (rerun with FC_SEED=${seed})`);

describe('clearing periods in Beijing time', () => {
  it('2026-10 runs from 1 Oct 00:00 to 1 Nov 00:00 Beijing time, day by day', () => {
    const r = parsePeriod('2026-10');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.startIso).toBe('2026-09-30T16:00:00.000Z');
    expect(r.value.endIso).toBe('2026-10-31T16:00:00.000Z');
    expect(r.value.days).toHaveLength(31);
    expect(r.value.days[0]).toEqual({
      startIso: '2026-09-30T16:00:00.000Z',
      endIso: '2026-10-01T16:00:00.000Z',
    });
  });

  it.each(['2026-13', '2026-1', '26-10', '2026-10-01', '', '２０２６-10', '1999-12'])(
    'refuses %j',
    (text) => {
      const r = parsePeriod(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('CLEARING_PERIOD_INVALID');
    },
  );

  it('property: the days tile the period without gaps, and every day maps back to the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const period = `${year}-${String(month).padStart(2, '0')}`;
        const r = parsePeriod(period);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.days[0]!.startIso).toBe(r.value.startIso);
        expect(r.value.days.at(-1)!.endIso).toBe(r.value.endIso);
        r.value.days.forEach((d, i) => {
          if (i > 0) expect(d.startIso).toBe(r.value.days[i - 1]!.endIso);
          expect(periodOf(new Date(d.startIso))).toBe(period);
        });
        const next = parsePeriod(nextPeriod(period));
        if (next.ok) expect(next.value.startIso).toBe(r.value.endIso);
      }),
      { seed, numRuns: 100 },
    );
  });

  it('a reconciliation range covers whole Beijing days, both ends inclusive', () => {
    expect(parseDateRange('2026-10-01', '2026-10-01')).toEqual({
      ok: true,
      value: { startIso: '2026-09-30T16:00:00.000Z', endIso: '2026-10-01T16:00:00.000Z' },
    });
    expect(parseDateRange('2026-02-30', '2026-03-01')).toMatchObject({
      ok: false,
      error: { code: 'RECONCILIATION_DATE_INVALID', field: 'beginDate' },
    });
    expect(parseDateRange('2026-10-02', '2026-10-01')).toMatchObject({
      ok: false,
      error: { code: 'RECONCILIATION_DATE_RANGE_INVALID' },
    });
  });
});
