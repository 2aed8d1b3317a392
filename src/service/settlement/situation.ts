/**
 * The cross-region situation of a visit (R-F1…R-F8): one function, fed by the filings repository and
 * the visit's emergency/referral flags, so the insured region's policy sees local, in-province exempt,
 * filed, referral, emergency or unfiled.
 */
import { deriveCrossRegionSituation, type SituationAnswer } from '../../core/filing/index.ts';
import { filingsOfPerson } from '../../store/repositories/filings.ts';
import type { Visit } from '../../store/repositories/visits.ts';
import type { Tx } from '../../store/transaction.ts';

/** What the situation depends on: a stored visit, or a planned one (2001 benefit check). */
export type SituationVisit = Pick<
  Visit,
  | 'psnNo'
  | 'insuredRegionCode'
  | 'treatmentRegionCode'
  | 'kind'
  | 'beginTime'
  | 'endTime'
  | 'emergency'
  | 'referral'
  | 'diagnoses'
  | 'diseaseCode'
>;

function diagnosisCodes(visit: SituationVisit): string[] {
  const codes = visit.diagnoses.map((d) => d.diag_code).filter((c): c is string => typeof c === 'string');
  return visit.diseaseCode === null ? codes : [...codes, visit.diseaseCode];
}

export async function situationOf(
  tx: Tx,
  visit: SituationVisit,
  settlementDate: string,
): Promise<SituationAnswer> {
  const local = visit.insuredRegionCode === visit.treatmentRegionCode;
  const filings = local
    ? []
    : (await filingsOfPerson(tx, visit.psnNo, { history: false })).map((s) => s.filing);
  const inpatient = visit.kind === 'inpatient';
  const admitted = visit.beginTime.slice(0, 10);
  // A stay is never shorter than its admission day, whatever clocks the HIS and the platform keep.
  const latest = (a: string, b: string) => (a > b ? a : b);
  return deriveCrossRegionSituation({
    insuredRegionCode: visit.insuredRegionCode,
    treatmentRegionCode: visit.treatmentRegionCode,
    treatmentDate: inpatient ? latest(settlementDate, admitted) : admitted,
    filings,
    emergencyFlag: visit.emergency,
    referralFlag: visit.referral,
    ...(inpatient ? { admittedAt: admitted } : {}),
    ...(inpatient && visit.endTime !== null
      ? { dischargeAt: latest(visit.endTime.slice(0, 10), admitted) }
      : {}),
    diagnosisCodes: diagnosisCodes(visit),
  });
}
