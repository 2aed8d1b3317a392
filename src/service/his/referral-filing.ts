/**
 * 转院备案 (2501) and its cancellation (2502) at the referring institution: the filing service's
 * institution channel, run inside the message's transaction so the msgid claim and the filing commit
 * together (and a refusal is rolled back to the handler's savepoint, then stored as the answer).
 */
import { type DomainError, domainError, err, type Result } from '../../core/errors.ts';
import { FilingErrorCode } from '../../core/filing/index.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import {
  cancelReferralByInstitutionInTx,
  type FilingMove,
  FilingServiceErrorCode,
  fileReferralByInstitutionInTx,
  type InstitutionReferral,
  type InstitutionReferralCancellation,
  type InstitutionReferralFiled,
} from '../filing/index.ts';
import { HisErrorCode, hisErrors } from './errors.ts';
import type { HisEnv, HisUseCase } from './message.ts';

export interface ReferralFilingCommand
  extends Omit<InstitutionReferral, 'institutionCode' | 'insuredRegionCode' | 'requestId'> {
  /** The insurance type the HIS states (optional); checked against the register when given. */
  readonly insuranceType: string | null;
  /** 参保机构医保区划 as the HIS states it in the body (optional); must agree with the envelope's. */
  readonly insuranceAgencyRegionCode: string | null;
}

export type ReferralCancelCommand = Omit<InstitutionReferralCancellation, 'institutionCode' | 'requestId'>;

const F = (field: string) => `«${field}»`;

/** The filing service names fields in its own terms; say which HIS field each one is. */
const FIELD_OF: Readonly<Record<string, string>> = {
  psnNo: 'personNo',
  filingId: 'filingSerial',
  target: 'referralRegionCode',
  validFrom: 'referralBeginDate',
  'referral.diseaseCode': 'referralDiagnosisCode',
  'referral.certificateUploaded': 'referralAgreed',
};

function forHis(error: DomainError, command: { readonly diagnosisCode?: string }): DomainError {
  if (error.code === FilingErrorCode.ReferralCertificateRequired) {
    return domainError(
      error.code,
      `诊断 ${command.diagnosisCode ?? ''} 不在参保地无条件转诊转院病种目录内，转院备案须由本院同意并出具转诊证明：` +
        `请在医院同意转院标志 ${F('referralAgreed')} 填 1 后重新备案；不符合转院条件的，请患者改办其他临时外出就医备案（报销比例可能较低）。`,
      { ruleId: 'R-F6', field: 'referralAgreed' },
    );
  }
  if (error.code === FilingServiceErrorCode.NotFound) {
    return domainError(
      error.code,
      `未找到本机构为该参保人办理的转院备案 ${F('filingSerial')}，请核对待遇申报明细流水号与人员编号 ${F('personNo')}；只有办理该备案的定点医疗机构可以撤销。`,
      { field: 'filingSerial' },
    );
  }
  const mapped = error.field === undefined ? undefined : FIELD_OF[error.field];
  return mapped === undefined
    ? error
    : { ...error, message: `${error.message}（字段 ${F(mapped)}）`, field: mapped };
}

async function checkStatedPerson(
  env: HisEnv,
  command: ReferralFilingCommand,
  insuredRegionCode: string,
): Promise<DomainError | null> {
  if (command.insuranceAgencyRegionCode !== null && command.insuranceAgencyRegionCode !== insuredRegionCode) {
    return domainError(
      HisErrorCode.InsuredRegionMismatch,
      `参保机构医保区划 ${F('insuranceAgencyRegionCode')} 填写为 “${command.insuranceAgencyRegionCode}”，与参保地医保区划 ${F('insuredRegionCode')} “${insuredRegionCode}” 不一致；请都按 1101 返回的参保地填写。`,
      { field: 'insuranceAgencyRegionCode' },
    );
  }
  if (command.insuranceType === null) return null;
  const person = await findPerson(env.tx, { by: 'psn_no', value: command.psnNo });
  // An unknown person is the filing service's answer (it locks the person row).
  if (person === undefined || person.insuranceType === command.insuranceType) return null;
  return hisErrors.insuranceTypeMismatch(command.insuranceType, person.insuranceType);
}

/**
 * 2501: the insured region is the envelope's 参保地 (absent = local business, §1.1), which the filing
 * service checks against the person's register; the filing id is the 待遇申报明细流水号.
 */
export const fileReferral: HisUseCase<ReferralFilingCommand, InstitutionReferralFiled> = async (
  env,
  command,
) => {
  const insuredRegionCode = env.call.insuredRegionCode ?? env.call.treatmentRegionCode;
  const stated = await checkStatedPerson(env, command, insuredRegionCode);
  if (stated !== null) return err(stated);
  const { insuranceType: _type, insuranceAgencyRegionCode: _agency, ...referral } = command;
  const filed = await fileReferralByInstitutionInTx(env.tx, env.ctx, {
    ...referral,
    institutionCode: env.institution.code,
    insuredRegionCode,
    requestId: env.call.msgid,
  });
  return filed.ok ? filed : err(forHis(filed.error, command));
};

/** 2502: only the institution that filed the referral may cancel it; another's id is "not found". */
export const cancelReferral: HisUseCase<ReferralCancelCommand, FilingMove> = async (env, command) => {
  const moved: Result<FilingMove> = await cancelReferralByInstitutionInTx(env.tx, env.ctx, {
    ...command,
    institutionCode: env.institution.code,
    requestId: env.call.msgid,
  });
  return moved.ok ? moved : err(forHis(moved.error, {}));
};
