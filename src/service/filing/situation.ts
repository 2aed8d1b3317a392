/**
 * 异地就医情形 for settlement: the settlement service calls situationForVisit inside its own transaction
 * and hands the answer's `situation` to the settlement core, which looks up the insured region's ratio
 * for it (R-F8). The person's stored filings and the insured region's lists decide it (R-F1…R-F7).
 */
import { chinaDateOf } from '../../core/calendar/index.ts';
import { deriveCrossRegionSituation, type SituationAnswer } from '../../core/filing/index.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import { readFilingList } from '../../store/repositories/filing-lists.ts';
import { filingsOfPerson } from '../../store/repositories/filings.ts';

export interface VisitSituationQuery {
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  /** Date of the visit (YYYY-MM-DD), or of the settlement for a stay still in progress. */
  readonly treatmentDate: string;
  readonly emergencyFlag: boolean;
  readonly referralFlag: boolean;
  /** Inpatient stay: admission and discharge (ISO date or timestamp). */
  readonly admittedAt?: string;
  readonly dischargeAt?: string;
  /** Diagnoses of this visit; matched against the unconditional-referral and critical-illness lists. */
  readonly diagnosisCodes?: readonly string[];
  /** The referring hospital has uploaded its referral certificate for this visit (R-F6). */
  readonly certificateUploaded?: boolean;
}

export interface VisitSituation extends SituationAnswer {
  /** A diagnosis is on the insured region's critical-illness list (急危重病种, R-F4). */
  readonly criticalIllness: boolean;
}

/**
 * Derives the visit's cross-region situation. Runs on the caller's executor — pass the settlement's
 * transaction, so the answer and the settlement see the same filings. Never fails for an unfiled visit:
 * that is an answer with `directSettlement: false` and guidance on how to file.
 */
export async function situationForVisit(db: Executor, query: VisitSituationQuery): Promise<VisitSituation> {
  const stored = await filingsOfPerson(db, query.psnNo, { history: false });
  const unconditional = await readFilingList(db, query.insuredRegionCode, 'unconditional_referral');
  const critical = await readFilingList(db, query.insuredRegionCode, 'critical_illness');
  const diagnoses = query.diagnosisCodes ?? [];
  const answer = deriveCrossRegionSituation({
    insuredRegionCode: query.insuredRegionCode,
    treatmentRegionCode: query.treatmentRegionCode,
    treatmentDate: chinaDateOf(query.treatmentDate),
    filings: stored.map((s) => s.filing),
    emergencyFlag: query.emergencyFlag,
    referralFlag: query.referralFlag,
    ...(query.admittedAt === undefined ? {} : { admittedAt: query.admittedAt }),
    ...(query.dischargeAt === undefined ? {} : { dischargeAt: query.dischargeAt }),
    unconditionalReferralDiseases: unconditional.map((e) => e.code),
    diagnosisCodes: diagnoses,
    ...(query.certificateUploaded === undefined ? {} : { certificateUploaded: query.certificateUploaded }),
  });
  const criticalIllness = critical.some((e) => diagnoses.includes(e.code));
  const stillAdmitted = query.admittedAt !== undefined && query.dischargeAt === undefined;
  if (!criticalIllness || answer.guidance === null || !stillAdmitted) return { ...answer, criticalIllness };
  return {
    ...answer,
    criticalIllness,
    guidance: `本次诊断符合参保地急危重病种标准，可在入院后、出院前补办备案并直接结算。${answer.guidance}`,
  };
}
