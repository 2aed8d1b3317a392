/**
 * 参保地计算待遇 for a manual claim (R-R3, R-M4): the reimbursement is what direct settlement would have
 * paid — the institution's uploaded lines with the splits made by the treatment region's catalog at
 * upload, the insured region's policy for the visit's situation (filed, backfilled filing R-F5,
 * emergency R-F4, unfiled …), the person's year-to-date accumulators, computed by the same settlement
 * core through the same in-process insured-region peer. The person already paid, so the personal
 * account is not used: the approved amount is the funds' total.
 */
import { chinaDateOf } from '../../core/calendar/index.ts';
import type { Result } from '../../core/errors.ts';
import type { CrossRegionSituation } from '../../core/policy/index.ts';
import type { SettlementResult } from '../../core/settlement/index.ts';
import type { DialectName } from '../../store/database.ts';
import { qualificationsOfPerson } from '../../store/repositories/chronic-qualifications.ts';
import { findInstitution } from '../../store/repositories/reference-reads.ts';
import type { UnsettledLine, UnsettledUpload } from '../../store/repositories/unsettled-uploads.ts';
import type { Tx } from '../../store/transaction.ts';
import { situationForVisit } from '../filing/index.ts';
import { medicalTypeCategory } from '../his/medical-type.ts';
import { inProcessPeer } from '../settlement/in-process-peer.ts';

export interface ReimbursementComputation {
  readonly situation: CrossRegionSituation;
  readonly situationReason: string;
  readonly situationRuleIds: readonly string[];
  /** The visit could have settled directly (else the reimbursement is by the policy's unfiled rule). */
  readonly directSettlementPossible: boolean;
  /** A filing backfilled after a self-paid discharge opened manual reimbursement (R-F5). */
  readonly backfilledFiling: boolean;
  readonly filingId: string | null;
  readonly settledAt: string;
  readonly result: SettlementResult;
}

/** The instant the bill counts at: discharge for a stay, the visit for an outpatient bill. */
export function billTime(upload: UnsettledUpload): string {
  return upload.kind === 'inpatient' ? upload.endTime : upload.beginTime;
}

export async function computeReimbursement(
  tx: Tx,
  dialect: DialectName,
  settlementId: string,
  upload: UnsettledUpload,
  lines: readonly UnsettledLine[],
): Promise<Result<ReimbursementComputation>> {
  const institution = await findInstitution(tx, upload.institutionCode);
  if (institution === undefined)
    throw new Error(`institution ${upload.institutionCode} of upload ${upload.uploadId} vanished`);
  const inpatient = upload.kind === 'inpatient';
  const settledAt = billTime(upload);
  const treatmentDate = chinaDateOf(settledAt);
  const situation = await situationForVisit(tx, {
    psnNo: upload.psnNo,
    insuredRegionCode: upload.insuredRegionCode,
    treatmentRegionCode: upload.treatmentRegionCode,
    treatmentDate,
    emergencyFlag: upload.emergency,
    referralFlag: upload.referral,
    ...(inpatient
      ? { admittedAt: chinaDateOf(upload.beginTime), dischargeAt: chinaDateOf(upload.endTime) }
      : {}),
    diagnosisCodes: upload.diagnoses.map((d) => d.code),
  });
  // 门慢特资格 in force on the treatment date, for diseases the institution serves — as direct settlement does.
  const chronicDiseases = (await qualificationsOfPerson(tx, upload.psnNo))
    .filter(
      (q) =>
        q.status === 'active' &&
        q.startDate <= treatmentDate &&
        (q.endDate === null || treatmentDate <= q.endDate),
    )
    .map((q) => q.diseaseCode)
    .filter((d) => institution.chronicDiseases.includes(d));
  const computed = await inProcessPeer(tx, dialect).computeBenefits({
    settlementId,
    settledAt,
    psnNo: upload.psnNo,
    insuredRegionCode: upload.insuredRegionCode,
    institutionLevel: institution.level,
    medicalType: medicalTypeCategory(upload.medType),
    situation: situation.situation,
    chronicDiseases,
    lines: lines.map((l) => l.split),
    useAccount: false,
  });
  if (!computed.ok) return computed;
  return {
    ok: true,
    value: {
      situation: situation.situation,
      situationReason: situation.reason,
      situationRuleIds: situation.ruleIds,
      directSettlementPossible: situation.directSettlement,
      backfilledFiling: situation.manualReimbursement,
      filingId: situation.filingId,
      settledAt,
      result: computed.value,
    },
  };
}
