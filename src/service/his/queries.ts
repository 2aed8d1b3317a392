/** Queries of the institution's own records: 5201 visits, 5202 diagnoses, 5204 fee details of a settlement. */
import type { LineSplit } from '../../core/catalog/index.ts';
import { err, ok } from '../../core/errors.ts';
import type { Person } from '../../core/reference/types.ts';
import { findFeeLinesOfSettlements, type StoredFeeLine } from '../../store/repositories/fee-lines.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import { findSettlementGroup } from '../../store/repositories/settlements.ts';
import { findVisitsOfPerson, type Visit } from '../../store/repositories/visits.ts';
import { hisErrors } from './errors.ts';
import type { HisUseCase } from './message.ts';
import { loadOwnVisit } from './visit-access.ts';

export interface VisitQuery {
  readonly psnNo: string;
  readonly from: string;
  readonly to: string;
  readonly medTypeCode: string | null;
  readonly visitId: string | null;
}

export const queryVisits: HisUseCase<VisitQuery, { person: Person; visits: Visit[] }> = async (env, q) => {
  const person = await findPerson(env.tx, { by: 'psn_no', value: q.psnNo });
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${q.psnNo}`));
  const visits = (
    await findVisitsOfPerson(env.tx, q.psnNo, env.institution.code, { from: q.from, to: q.to })
  ).filter(
    (v) =>
      (q.visitId === null || v.visitId === q.visitId) &&
      (q.medTypeCode === null || v.medType === q.medTypeCode),
  );
  return ok({ person, visits });
};

export const queryDiagnoses: HisUseCase<{ visitId: string; psnNo: string }, Visit> = async (env, q) =>
  loadOwnVisit(env, q.visitId, q.psnNo, null);

export interface SettledLines {
  readonly groupId: string;
  readonly visit: Visit;
  readonly lines: readonly (StoredFeeLine & { readonly split: LineSplit })[];
}

export const querySettledLines: HisUseCase<
  { groupId: string; visitId: string; psnNo: string },
  SettledLines
> = async (env, q) => {
  const visit = await loadOwnVisit(env, q.visitId, q.psnNo, null);
  if (!visit.ok) return visit;
  const rows = await findSettlementGroup(env.tx, q.groupId);
  if (rows.length === 0 || rows[0]!.visitId !== q.visitId)
    return err(hisErrors.settlementNotFound(q.groupId));
  const lines = await findFeeLinesOfSettlements(
    env.tx,
    rows.map((r) => r.settlementId),
  );
  return ok({ groupId: q.groupId, visit: visit.value, lines: lines as SettledLines['lines'] });
};
