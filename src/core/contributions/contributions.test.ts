import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContributionFact, monthIndex, monthOf, summarizeYear } from './index.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/contributions seed=${seed} (rerun with FC_SEED=${seed})`);

function employee(period: string, extra: Partial<ContributionFact> = {}): ContributionFact {
  return {
    id: `E${period}`,
    insuranceType: '310',
    period,
    status: 'paid',
    employerFen: 40_000,
    personalFen: 10_000,
    accountCreditFen: 10_000,
    correctsId: null,
    ...extra,
  };
}

describe('contribution year summary (R-P2)', () => {
  it('counts a continuous year as continuous and excludes the current month from gaps', () => {
    const records = Array.from({ length: 10 }, (_, i) => employee(`2026-${String(i + 1).padStart(2, '0')}`));
    const s = summarizeYear(records, 2026, '2026-11');
    expect(s.monthsPaid).toBe(10);
    expect(s.checked).toEqual({ from: '2026-01', to: '2026-10', months: 10 });
    expect(s.gaps).toEqual([]);
    expect(s.employerFen).toBe(400_000);
    expect(s.personalFen).toBe(100_000);
    expect(s.accountCreditFen).toBe(100_000);
    expect(s.continuousMonthsToDate).toBe(10);
  });

  it('reports missing and unpaid months as runs, starting at the first month on record', () => {
    const records = [
      employee('2025-03'),
      employee('2025-04'),
      employee('2025-07'),
      employee('2025-08', { status: 'unpaid' }),
      employee('2025-09'),
      employee('2025-10'),
      employee('2025-11'),
      employee('2025-12'),
    ];
    const s = summarizeYear(records, 2025, '2026-02');
    expect(s.checked).toEqual({ from: '2025-03', to: '2025-12', months: 10 });
    expect(s.gaps).toEqual([
      { from: '2025-05', to: '2025-06', months: 2 },
      { from: '2025-08', to: '2025-08', months: 1 },
    ]);
    expect(s.gapMonths).toBe(3);
    expect(s.monthsPaid).toBe(7);
    expect(s.personalFen).toBe(70_000);
    // 2026-01 is due and missing, so the unbroken run to date is zero.
    expect(s.continuousMonthsToDate).toBe(0);
  });

  it('lets a correction replace the row it corrects, in totals and in coverage', () => {
    const wrong = employee('2025-05', { id: 'A', personalFen: 9_000 });
    const right = employee('2025-05', { id: 'A-R1', personalFen: 11_000, correctsId: 'A' });
    const s = summarizeYear([wrong, right], 2025, '2025-06');
    expect(s.personalFen).toBe(11_000);
    expect(s.monthsPaid).toBe(1);
    const refunded = employee('2025-05', { id: 'A-R1', status: 'refunded', correctsId: 'A' });
    const gone = summarizeYear([wrong, refunded], 2025, '2025-07');
    expect(gone.personalFen).toBe(0);
    expect(gone.gaps).toEqual([{ from: '2025-05', to: '2025-06', months: 2 }]);
  });

  it("covers all twelve months with a resident's yearly payment, and reports a skipped year", () => {
    const resident = (year: number): ContributionFact => ({
      id: `R${year}`,
      insuranceType: '390',
      period: String(year),
      status: 'paid',
      employerFen: 0,
      personalFen: 40_000,
      accountCreditFen: 0,
      correctsId: null,
    });
    const paid = summarizeYear([resident(2025)], 2025, '2026-03');
    expect(paid.monthsPaid).toBe(12);
    expect(paid.gaps).toEqual([]);
    const skipped = summarizeYear([resident(2025)], 2026, '2026-03');
    expect(skipped.gaps).toEqual([{ from: '2026-01', to: '2026-02', months: 2 }]);
    expect(skipped.personalFen).toBe(0);
  });

  it('has no gaps for a person without records', () => {
    const s = summarizeYear([], 2026, '2026-11');
    expect(s.checked).toBeNull();
    expect(s.gaps).toEqual([]);
    expect(s.monthsPaid).toBe(0);
  });

  it('property: totals are the sums of the paid rows in force; gaps are exactly the uncovered due months', () => {
    const record = fc.record({
      month: fc.integer({ min: 2024 * 12, max: 2026 * 12 + 11 }),
      status: fc.constantFrom('paid', 'paid', 'paid', 'unpaid', 'refunded'),
      employerFen: fc.integer({ min: 0, max: 500_000 }),
      personalFen: fc.integer({ min: 0, max: 150_000 }),
      corrects: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 40 }),
        fc.integer({ min: 2024, max: 2026 }),
        fc.integer({ min: 2024 * 12, max: 2027 * 12 }),
        (raw, year, current) => {
          const records: ContributionFact[] = [];
          const corrected = new Set<string>();
          raw.forEach((r, i) => {
            // A correction names an earlier row of the same month that nothing corrects yet.
            const target =
              r.corrects === null
                ? undefined
                : records.filter((c) => c.period === monthOf(r.month) && !corrected.has(c.id))[
                    r.corrects % 3
                  ];
            if (target) corrected.add(target.id);
            records.push({
              id: `C${i}`,
              insuranceType: '310',
              period: monthOf(r.month),
              status: r.status as ContributionFact['status'],
              employerFen: r.employerFen,
              personalFen: r.personalFen,
              accountCreditFen: r.personalFen,
              correctsId: target?.id ?? null,
            });
          });
          const s = summarizeYear(records, year, monthOf(current));
          const inForce = records.filter((r) => !corrected.has(r.id) && r.status === 'paid');
          const ofYear = inForce.filter((r) => r.period.startsWith(`${year}-`));
          expect(s.employerFen).toBe(ofYear.reduce((a, r) => a + r.employerFen, 0));
          expect(s.personalFen).toBe(ofYear.reduce((a, r) => a + r.personalFen, 0));
          expect(s.accountCreditFen).toBe(s.personalFen);
          const covered = new Set(inForce.map((r) => monthIndex(r.period)));
          expect(s.monthsPaid).toBe(new Set(ofYear.map((r) => r.period)).size);
          const first = Math.min(...records.map((r) => monthIndex(r.period)));
          const expected: string[] = [];
          for (let m = Math.max(year * 12, first); m <= Math.min(year * 12 + 11, current - 1); m++) {
            if (!covered.has(m)) expected.push(monthOf(m));
          }
          const listed = s.gaps.flatMap((g) =>
            Array.from({ length: g.months }, (_, k) => monthOf(monthIndex(g.from) + k)),
          );
          expect(listed).toEqual(expected);
          expect(s.gapMonths).toBe(expected.length);
          // Runs are maximal: two runs never touch.
          for (let k = 1; k < s.gaps.length; k++) {
            expect(monthIndex(s.gaps[k]!.from)).toBeGreaterThan(monthIndex(s.gaps[k - 1]!.to) + 1);
          }
          if (s.checked) expect(s.monthsPaid).toBeGreaterThanOrEqual(s.checked.months - s.gapMonths);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
