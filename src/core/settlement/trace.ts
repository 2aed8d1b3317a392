/**
 * 计算过程 — the formula trace: one structured record per step, enough for an independent evaluator
 * to recompute every amount, and one Chinese line per step for people.
 */
import { type Fen, formatRatio, formatYuan, type RatioBp } from '../money/index.ts';

export const TraceStepKind = {
  Grouping: 'grouping',
  Split: 'split',
  Rule: 'rule',
  Deductible: 'deductible',
  Band: 'band',
  Pooled: 'pooled',
  SeriousIllnessBand: 'serious_illness_band',
  SeriousIllness: 'serious_illness',
  LargeAmount: 'large_amount',
  CivilServant: 'civil_servant',
  Assistance: 'assistance',
  Account: 'account',
  Cash: 'cash',
} as const;
export type TraceStepKind = (typeof TraceStepKind)[keyof typeof TraceStepKind];

export type TraceValue = string | number | boolean | null;

/** One step: the rule it applies, its parameters, a Chinese formula line, and the amounts in fen. */
export interface TraceStep {
  readonly step: TraceStepKind;
  /** DOMAIN.md rule id, e.g. 'R-M4'. */
  readonly ruleId: string;
  /** 0 for visit-level steps, else the part the step belongs to. */
  readonly partNo: number;
  readonly params: Readonly<Record<string, TraceValue>>;
  readonly formulaZh: string;
  readonly amounts: Readonly<Record<string, number>>;
}

export class TraceRecorder {
  readonly steps: TraceStep[] = [];

  add(step: TraceStep): void {
    this.steps.push(step);
  }
}

/** '12.30元' — yuan text for formulas. */
export function yuan(f: Fen | number): string {
  return `${formatYuan(f as Fen)}元`;
}

export function pct(r: RatioBp | number): string {
  return formatRatio(r as RatioBp);
}

/**
 * The exact, unrounded product amount × ratio in yuan, e.g. 1001 fen × 50 % → '5.005'. Shown next
 * to the rounded fen so the rounding step (四舍五入) is visible in the trace.
 */
export function exactProductYuan(amount: Fen | number, ratio: RatioBp | number): string {
  const n = BigInt(amount) * BigInt(ratio); // in 1/1,000,000 yuan
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  const fracText = frac.length < 2 ? frac.padEnd(2, '0') : frac;
  return `${neg ? '-' : ''}${whole}.${fracText}`;
}

/** Clamps a ratio plus an adjustment delta into 0..100 %. */
export function adjustedRatio(base: RatioBp, deltaBp: number): RatioBp {
  return Math.min(10_000, Math.max(0, base + deltaBp)) as RatioBp;
}
