/**
 * 缴费记录 (R-P2) — which months a person's contributions cover, the year's totals, and the gaps
 * (断缴) that matter for continuous-contribution benefits and transfers. Pure: the "current month" is
 * an argument.
 *
 * An employee record (310) covers its month `YYYY-MM`; a resident record (390) covers every month of
 * its year `YYYY` (residents pay once a year). A record that another record corrects (`correctsId`) no
 * longer counts; only `paid` records cover months and count in the totals.
 */
import { type Fen, fen } from '../money/index.ts';

/** 缴费状态 — paid (已到账), unpaid (应缴未缴/欠费), refunded (已退费). */
export type ContributionStatus = 'paid' | 'unpaid' | 'refunded';

export interface ContributionFact {
  readonly id: string;
  readonly insuranceType: '310' | '390';
  /** `YYYY-MM` (310) or `YYYY` (390). */
  readonly period: string;
  readonly status: ContributionStatus;
  readonly employerFen: number;
  readonly personalFen: number;
  readonly accountCreditFen: number;
  readonly correctsId: string | null;
}

/** An inclusive run of months `YYYY-MM`. */
export interface MonthRange {
  readonly from: string;
  readonly to: string;
  readonly months: number;
}

export interface YearSummary {
  readonly year: number;
  /** Months of the year covered by a paid record (a resident's paid year covers 12). */
  readonly monthsPaid: number;
  readonly employerFen: Fen;
  readonly personalFen: Fen;
  readonly accountCreditFen: Fen;
  /** The months checked for gaps: from the first month on record (or January) to the month before the current one (or December). */
  readonly checked: MonthRange | null;
  /** Months in `checked` without a paid record, as runs. */
  readonly gaps: readonly MonthRange[];
  readonly gapMonths: number;
  /** Months covered without a break up to the month before the current one (over all years on record). */
  readonly continuousMonthsToDate: number;
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/** Month index (year × 12 + month − 1) of `YYYY-MM`. */
export function monthIndex(month: string): number {
  const m = PERIOD.exec(month);
  if (!m || m[2] === undefined) throw new Error(`not a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month indexes a record's period covers. */
export function monthsCovered(period: string): number[] {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a contribution period: ${period}`);
  const year = Number(m[1]);
  if (m[2] !== undefined) return [year * 12 + Number(m[2]) - 1];
  return Array.from({ length: 12 }, (_, i) => year * 12 + i);
}

/** The records still in force: those no other record corrects. */
export function effectiveRecords<T extends ContributionFact>(records: readonly T[]): T[] {
  const corrected = new Set(records.map((r) => r.correctsId).filter((id): id is string => id !== null));
  return records.filter((r) => !corrected.has(r.id));
}

/** Runs of consecutive indexes in an ascending list. */
function runs(indexes: readonly number[]): MonthRange[] {
  const out: MonthRange[] = [];
  let start = -1;
  let prev = -2;
  for (const i of indexes) {
    if (i !== prev + 1) {
      if (start >= 0) out.push({ from: monthOf(start), to: monthOf(prev), months: prev - start + 1 });
      start = i;
    }
    prev = i;
  }
  if (start >= 0) out.push({ from: monthOf(start), to: monthOf(prev), months: prev - start + 1 });
  return out;
}

/**
 * The year's totals and gaps for one person, from ALL of their records (earlier years decide where
 * the record starts and how long the unbroken run is). `currentMonth` is `YYYY-MM`: it and later months
 * are not yet due, so they are never gaps.
 */
export function summarizeYear(
  records: readonly ContributionFact[],
  year: number,
  currentMonth: string,
): YearSummary {
  const effective = effectiveRecords(records);
  const paid = effective.filter((r) => r.status === 'paid');
  const covered = new Set(paid.flatMap((r) => monthsCovered(r.period)));
  const inYear = paid.filter((r) => Number(r.period.slice(0, 4)) === year);
  const sum = (pick: (r: ContributionFact) => number) => fen(inYear.reduce((s, r) => s + pick(r), 0));
  const yearStart = year * 12;
  const yearEnd = yearStart + 11;
  let monthsPaid = 0;
  for (let i = yearStart; i <= yearEnd; i++) if (covered.has(i)) monthsPaid++;

  const lastDue = monthIndex(currentMonth) - 1;
  const firstOnRecord = Math.min(...records.map((r) => monthsCovered(r.period)[0]!));
  const from = Math.max(yearStart, firstOnRecord);
  const to = Math.min(yearEnd, lastDue);
  const checked =
    records.length > 0 && from <= to ? { from: monthOf(from), to: monthOf(to), months: to - from + 1 } : null;
  const missing: number[] = [];
  if (checked) for (let i = from; i <= to; i++) if (!covered.has(i)) missing.push(i);

  let continuous = 0;
  while (covered.has(lastDue - continuous)) continuous++;

  return {
    year,
    monthsPaid,
    employerFen: sum((r) => r.employerFen),
    personalFen: sum((r) => r.personalFen),
    accountCreditFen: sum((r) => r.accountCreditFen),
    checked,
    gaps: runs(missing),
    gapMonths: missing.length,
    continuousMonthsToDate: continuous,
  };
}
