/**
 * computeBenefits — the insured region's half of a settlement (参保地计算待遇, seed 003 §3.2): from
 * split lines, person, policy, accumulators and time to every fund's payment, account, cash, new
 * accumulators and the trace. Pure: the time and the ids are inputs.
 */
import { type DomainError, err, ok, type Result } from '../errors.ts';
import type { Fen } from '../money/index.ts';
import { isIsoDate, isPolicyEffective } from '../policy/index.ts';
import { InsuredStatus } from '../reference/codes.ts';
import { AccumulatorLedger, canonicalAccumulators, diffAccumulators } from './accumulators.ts';
import { pickAmounts, sumAmounts } from './amounts.ts';
import { settlementErrors } from './errors.ts';
import { planParts } from './grouping.ts';
import { settlePart } from './part.ts';
import { TraceRecorder } from './trace.ts';
import type { BenefitsInput, SettlementPart, SettlementResult } from './types.ts';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export function computeBenefits(input: BenefitsInput): Result<SettlementResult> {
  const problem = checkInput(input);
  if (problem !== null) return err(problem);
  const onDate = input.settledAt.slice(0, 10);
  const trace = new TraceRecorder();
  const { plans, step } = planParts(input.medicalType, input.lines, input.chronicDiseases);
  trace.add(step);
  const accumulatorsBefore = canonicalAccumulators(input.accumulators);
  const ledger = new AccumulatorLedger(accumulatorsBefore);
  const env = {
    person: input.person,
    policy: input.policy,
    institutionLevel: input.institutionLevel,
    situation: input.situation,
    ageYears: ageOn(input.person.birthDate, onDate),
    useAccount: input.useAccount,
  };
  const parts: SettlementPart[] = [];
  let balance: Fen = input.person.accountBalanceFen;
  for (const plan of plans) {
    const part = settlePart(plan, env, ledger, balance, trace);
    if (!part.ok) return err(part.error);
    parts.push(part.value);
    balance = part.value.accountBalanceAfterFen;
  }
  const accumulatorsAfter = ledger.snapshot();
  return ok({
    settlementId: input.settlementId,
    settledAt: input.settledAt,
    year: Number(onDate.slice(0, 4)),
    personNo: input.person.personNo,
    insuredRegionCode: input.person.insuredRegionCode,
    policyId: input.policy.policyId,
    policyVersion: input.policy.version,
    situation: input.situation,
    parts,
    totals: pickAmounts(sumAmounts(parts)),
    accountBalanceBeforeFen: input.person.accountBalanceFen,
    accountBalanceAfterFen: balance,
    accumulatorsBefore,
    accumulatorsAfter,
    accumulatorDeltas: diffAccumulators(accumulatorsBefore, accumulatorsAfter),
    trace: trace.steps,
  });
}

/** ISO local date-time with a real calendar date, optionally with seconds, milliseconds and an offset. */
export function isSettlementTime(value: string): boolean {
  return DATE_TIME.test(value) && isIsoDate(value.slice(0, 10));
}

function checkInput(input: BenefitsInput): DomainError | null {
  const { person, policy, settledAt } = input;
  if (!DATE_TIME.test(settledAt) || !isIsoDate(settledAt.slice(0, 10)))
    return settlementErrors.timeInvalid(settledAt);
  if (input.lines.length === 0) return settlementErrors.emptyBill();
  if (policy.regionCode !== person.insuredRegionCode) {
    return settlementErrors.regionMismatch(policy.regionCode, person.insuredRegionCode);
  }
  if (policy.insuranceType !== person.insuranceType) {
    return settlementErrors.insuranceMismatch(policy.insuranceType, person.insuranceType);
  }
  if (!isPolicyEffective(policy, settledAt.slice(0, 10))) {
    return settlementErrors.policyNotEffective(policy.policyId, settledAt.slice(0, 10));
  }
  if (person.status !== InsuredStatus.Active) return settlementErrors.personNotActive(person.status);
  if (!Number.isSafeInteger(person.accountBalanceFen) || person.accountBalanceFen < 0) {
    return settlementErrors.balanceInvalid();
  }
  for (const [key, value] of Object.entries(input.accumulators)) {
    if (!Number.isSafeInteger(value) || value < 0) return settlementErrors.accumulatorInvalid(key);
  }
  return null;
}

/** Whole years of age on a date (a birthday counts on its day; 29 Feb birthdays on 1 Mar). */
export function ageOn(birthDate: string, onDate: string): number {
  if (!isIsoDate(birthDate)) return 0;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return Math.max(0, y - by - (hadBirthday ? 0 : 1));
}
