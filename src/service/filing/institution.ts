/**
 * 转院备案 by the institution (national 2501) and its cancellation (2502), by meaning: the referring
 * hospital files a referral for its patient to a treatment city; the filing is approved at once (R-F6)
 * and its id is the 待遇申报明细流水号 the hospital later cancels with. The national layer maps fields
 * (psn_no, insuplc_admdvs, diag_code, mdtrtarea_admdvs, refl_date/begndate, hosp_agre_refl_flag, memo)
 * to these inputs; this file knows nothing of them.
 */
import { ok, type Result } from '../../core/errors.ts';
import { FilingType } from '../../core/filing/index.ts';
import type { Tx } from '../../store/transaction.ts';
import { loadCalendar } from '../calendar/load.ts';
import type { AppContext } from '../context.ts';
import type { InstitutionCaller } from './caller.ts';
import { type FilingMove, revokeFiling, revokeFilingInTx } from './review.ts';
import { type FilingOutcome, type FilingRequest, fileFor, fileForInTx } from './submit.ts';

export interface InstitutionReferral {
  /** The referring institution (fixmedins_code of the signed-in caller). */
  readonly institutionCode: string;
  readonly psnNo: string;
  /** As the caller states it; refused when it differs from the person's registered insured region. */
  readonly insuredRegionCode: string;
  /** Diagnosis the referral rests on; matched against the unconditional-referral list (R-F6). */
  readonly diagnosisCode: string;
  /** Region of the hospital the patient is referred to: the filing's treatment city. */
  readonly treatmentRegionCode: string;
  /** First valid day (begndate, else refl_date), YYYY-MM-DD. */
  readonly validFrom: string;
  /** The hospital agrees to and certifies the referral (转诊证明, hosp_agre_refl_flag = '1'). */
  readonly certificateIssued: boolean;
  readonly requestId?: string | null;
}

export interface InstitutionReferralFiled {
  /** Returned to the hospital as trt_dcla_detl_sn. */
  readonly filingId: string;
  readonly outcome: FilingOutcome;
}

function institutionCaller(input: {
  readonly institutionCode: string;
  readonly requestId?: string | null;
}): InstitutionCaller {
  return { role: 'institution', institutionCode: input.institutionCode, requestId: input.requestId ?? null };
}

function referralRequest(input: InstitutionReferral): FilingRequest {
  return {
    type: FilingType.Referral,
    target: { scope: 'city', regionCode: input.treatmentRegionCode },
    validFrom: input.validFrom,
    referral: {
      diseaseCode: input.diagnosisCode,
      referringInstitutionCode: input.institutionCode,
      certificateUploaded: input.certificateIssued,
    },
  };
}

function filed(result: Result<FilingOutcome>): Result<InstitutionReferralFiled> {
  return result.ok ? ok({ filingId: result.value.filing.id, outcome: result.value }) : result;
}

/** 2501 转院备案, in its own transaction. */
export async function fileReferralByInstitution(
  ctx: AppContext,
  input: InstitutionReferral,
): Promise<Result<InstitutionReferralFiled>> {
  return filed(
    await fileFor(ctx, institutionCaller(input), referralRequest(input), {
      psnNo: input.psnNo,
      insuredRegionCode: input.insuredRegionCode,
    }),
  );
}

/**
 * 2501 转院备案 inside the caller's transaction (the national message transaction: the msgid claim and
 * the filing commit together). A refusal may leave writes in `tx` for the caller to roll back.
 */
export async function fileReferralByInstitutionInTx(
  tx: Tx,
  ctx: AppContext,
  input: InstitutionReferral,
): Promise<Result<InstitutionReferralFiled>> {
  const calendar = await loadCalendar(ctx, tx);
  return filed(
    await fileForInTx(tx, ctx, calendar, institutionCaller(input), referralRequest(input), {
      psnNo: input.psnNo,
      insuredRegionCode: input.insuredRegionCode,
    }),
  );
}

export interface InstitutionReferralCancellation {
  readonly institutionCode: string;
  /** trt_dcla_detl_sn from 2501. */
  readonly filingId: string;
  readonly psnNo: string;
  /** memo: the reason for cancelling. */
  readonly reason?: string;
  readonly requestId?: string | null;
}

/**
 * 2502 转院备案撤销: only the institution that filed the referral may cancel it, and not while an
 * inpatient stay resting on it is unsettled (R-F5). Another person's number is "not found".
 */
export async function cancelReferralByInstitution(
  ctx: AppContext,
  input: InstitutionReferralCancellation,
): Promise<Result<FilingMove>> {
  return revokeFiling(ctx, institutionCaller(input), input.filingId, input.reason, input.psnNo);
}

/** 2502 转院备案撤销 inside the caller's transaction. */
export async function cancelReferralByInstitutionInTx(
  tx: Tx,
  ctx: AppContext,
  input: InstitutionReferralCancellation,
): Promise<Result<FilingMove>> {
  return revokeFilingInTx(tx, ctx, institutionCaller(input), input.filingId, input.reason, input.psnNo);
}
