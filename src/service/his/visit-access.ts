/** Loading a visit the institution may act on: its own, of the named person, of the expected kind. */
import { err, ok, type Result } from '../../core/errors.ts';
import { findVisit, type Visit, type VisitKind } from '../../store/repositories/visits.ts';
import { hisErrors } from './errors.ts';
import type { HisEnv } from './message.ts';

export async function loadOwnVisit(
  env: HisEnv,
  visitId: string,
  psnNo: string,
  kind: VisitKind | null,
): Promise<Result<Visit>> {
  const visit = await findVisit(env.tx, visitId);
  // Another institution's visit is reported as not found: its existence is not this caller's business.
  if (visit === undefined || visit.institutionCode !== env.institution.code) {
    return err(hisErrors.visitNotFound(visitId));
  }
  if (visit.psnNo !== psnNo) return err(hisErrors.visitPersonMismatch(visitId));
  if (kind !== null && visit.kind !== kind) {
    return err(hisErrors.visitKind(visitId, kind === 'inpatient' ? '住院就诊' : '门诊就诊'));
  }
  return ok(visit);
}

/** Optimistic write guard: the person lock already serializes, so a miss is a bug, not a race. */
export function assertUpdated(updated: boolean, visitId: string): void {
  if (!updated) throw new Error(`visit ${visitId} changed concurrently`);
}
