/**
 * 年度累计 — a person-year's accumulators (R-M6) as a flat JSON map of named integer counters.
 * Canonical form: no zero entries, so "cancel restores the accumulators" is plain map equality.
 *
 * Keys (fen unless noted):
 * - `inpatient.admissions`               inpatient settlements this year (count), for 2nd/3rd-admission deductibles
 * - `deductible.paidFen`                 deductible actually paid, all kinds (act_pay_dedc summed)
 * - `deductible.<group>.usedFen`         annual deductible group used
 * - `deductible.<group>.<disease>.usedFen`  annual deductible used, per chronic disease
 * - `cap.<capId>.paidFen`                pooled fund paid under an annual cap
 * - `cap.<capId>.<disease>.paidFen`      pooled fund paid under a per-disease cap
 * - `fund.<fundType>.paidFen`            each fund's payments (310100, 390100, 390200, 330100, 320100, 610100)
 * - `account.paidFen`                    personal-account payments
 * - `chronic.<disease>.paidFen`          pooled fund paid for one chronic disease
 * - `chronic.<disease>.settlements`      chronic settlements of that disease (count)
 * - `seriousIllness.personalInScopeFen`  accumulated personal in-scope share for serious illness (合规自付累计)
 * - `total.medfeeFen` / `total.inScopeFen`  year totals of the bills
 */
import type { FundType } from '../reference/codes.ts';

/** 年度累计 — named counters of one person and year. */
export type Accumulators = Readonly<Record<string, number>>;

/** Exact changes of a settlement or a refund; applying them then their negation is the identity. */
export type AccumulatorDeltas = Readonly<Record<string, number>>;

export const AccumulatorKey = {
  admissions: 'inpatient.admissions',
  deductiblePaid: 'deductible.paidFen',
  annualDeductible: (groupId: string, disease: string | null) =>
    disease === null ? `deductible.${groupId}.usedFen` : `deductible.${groupId}.${disease}.usedFen`,
  cap: (capId: string, disease: string | null) =>
    disease === null ? `cap.${capId}.paidFen` : `cap.${capId}.${disease}.paidFen`,
  fund: (fundType: FundType) => `fund.${fundType}.paidFen`,
  account: 'account.paidFen',
  chronicPaid: (disease: string) => `chronic.${disease}.paidFen`,
  chronicCount: (disease: string) => `chronic.${disease}.settlements`,
  seriousIllnessShare: 'seriousIllness.personalInScopeFen',
  totalMedfee: 'total.medfeeFen',
  totalInScope: 'total.inScopeFen',
} as const;

export function readAccumulator(acc: Accumulators, key: string): number {
  return acc[key] ?? 0;
}

/** Drops zero entries and sorts keys, so equal states compare equal and serialise identically. */
export function canonicalAccumulators(acc: Accumulators): Accumulators {
  const out: Record<string, number> = {};
  for (const key of Object.keys(acc).sort()) {
    const v = acc[key];
    if (v !== undefined && v !== 0) out[key] = v;
  }
  return out;
}

export function applyDeltas(acc: Accumulators, deltas: AccumulatorDeltas): Accumulators {
  const out: Record<string, number> = { ...acc };
  for (const [key, d] of Object.entries(deltas)) {
    out[key] = (out[key] ?? 0) + d;
  }
  return canonicalAccumulators(out);
}

/** after − before, key by key, zero entries dropped. */
export function diffAccumulators(before: Accumulators, after: Accumulators): AccumulatorDeltas {
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    out[key] = (after[key] ?? 0) - (before[key] ?? 0);
  }
  return canonicalAccumulators(out);
}

export function negateDeltas(deltas: AccumulatorDeltas): AccumulatorDeltas {
  const out: Record<string, number> = {};
  for (const [key, d] of Object.entries(deltas)) out[key] = -d;
  return canonicalAccumulators(out);
}

/**
 * A mutable working copy used while one settlement runs: reads see earlier parts' additions.
 */
export class AccumulatorLedger {
  private readonly values: Record<string, number>;

  constructor(start: Accumulators) {
    this.values = { ...start };
  }

  get(key: string): number {
    return this.values[key] ?? 0;
  }

  add(key: string, amount: number): void {
    if (amount !== 0) this.values[key] = this.get(key) + amount;
  }

  snapshot(): Accumulators {
    return canonicalAccumulators(this.values);
  }
}
