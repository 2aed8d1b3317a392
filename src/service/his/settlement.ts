/**
 * Settlement use cases for the HIS: 2206/2303 pre-settlement, 2207/2304 settlement, 2208/2305
 * cancellation, 5203 settlement query, 5206 accumulators, 5301 chronic filings.
 */
import { ok } from '../../core/errors.ts';
import { CHRONIC_DISEASE_NAMES } from '../../core/settlement/index.ts';
import { readAccumulators } from '../../store/repositories/accumulators.ts';
import { qualificationsOfPerson } from '../../store/repositories/chronic-qualifications.ts';
import { type CancelSettlementCommand, cancelSettlementGroup } from '../settlement/cancel-settlement.ts';
import { type GroupView, loadGroupView } from '../settlement/group-view.ts';
import { type SettleVisitCommand, settleVisit } from '../settlement/settle-visit.ts';
import type { SettlementGroup } from '../settlement/settlement-group.ts';
import { loadInsuredPerson } from './insured-person.ts';
import type { HisUseCase } from './message.ts';

export type { CancelSettlementCommand, GroupView, SettlementGroup, SettleVisitCommand };

export const preSettle: HisUseCase<SettleVisitCommand, SettlementGroup> = (env, command) =>
  settleVisit(env, command, false);

export const settle: HisUseCase<SettleVisitCommand, SettlementGroup> = (env, command) =>
  settleVisit(env, command, true);

export const cancelSettlement: HisUseCase<CancelSettlementCommand, SettlementGroup> = cancelSettlementGroup;

export const querySettlement: HisUseCase<{ groupId: string; visitId: string; psnNo: string }, GroupView> =
  loadGroupView;

export interface AccumulatorRow {
  readonly insuranceType: string;
  readonly year: number;
  readonly key: string;
  readonly value: number;
}

/** 5206: the person-year accumulators (R-M6) of the given year, or of this year. */
export const queryAccumulators: HisUseCase<{ psnNo: string; year: number | null }, AccumulatorRow[]> = async (
  env,
  command,
) => {
  const person = await loadInsuredPerson(env, command.psnNo, null);
  if (!person.ok) return person;
  const year = command.year ?? env.now.year;
  const rows = await readAccumulators(env.tx, command.psnNo, year);
  return ok(
    rows.map((r) => ({ insuranceType: person.value.insuranceType, year, key: r.key, value: r.value })),
  );
};

export interface ChronicFiling {
  readonly diseaseCode: string;
  readonly diseaseName: string;
  readonly startDate: string;
  readonly endDate: string | null;
}

/** 5301: the person's chronic qualifications (门慢特备案) in force: active, not yet ended. */
export const queryChronicFilings: HisUseCase<{ psnNo: string }, ChronicFiling[]> = async (env, command) => {
  const person = await loadInsuredPerson(env, command.psnNo, null);
  if (!person.ok) return person;
  const rows = await qualificationsOfPerson(env.tx, command.psnNo);
  return ok(
    rows
      .filter((q) => q.status === 'active' && (q.endDate === null || q.endDate >= env.now.date))
      .map((q) => ({
        diseaseCode: q.diseaseCode,
        diseaseName: CHRONIC_DISEASE_NAMES[q.diseaseCode] ?? q.diseaseCode,
        startDate: q.startDate,
        endDate: q.endDate,
      })),
  );
};
