/**
 * 人员慢特病备案 (2503) and its cancellation (2504) at the institution: the chronic registry's use cases,
 * run inside the message's transaction so the msgid claim and the filing commit together.
 */
import {
  cancelChronicFilingByInstitutionInTx,
  fileChronicByInstitutionInTx,
  type InstitutionChronicFiling,
  type InstitutionFilingCancel,
  type InstitutionFilingReceipt,
} from '../chronic/institution-filing.ts';
import type { HisUseCase } from './message.ts';

export type ChronicFilingCommand = Omit<InstitutionChronicFiling, 'institutionCode' | 'requestId'>;
export type ChronicFilingCancelCommand = Omit<InstitutionFilingCancel, 'institutionCode' | 'requestId'>;

export const fileChronicDisease: HisUseCase<ChronicFilingCommand, InstitutionFilingReceipt> = (
  env,
  command,
) =>
  fileChronicByInstitutionInTx(env.tx, env.ctx.store.dialect, env.ctx.now(), {
    ...command,
    institutionCode: env.institution.code,
    requestId: env.call.msgid,
  });

export const cancelChronicDiseaseFiling: HisUseCase<
  ChronicFilingCancelCommand,
  { filingSerial: string; qualificationId: string }
> = (env, command) =>
  cancelChronicFilingByInstitutionInTx(env.tx, env.ctx.store.dialect, env.ctx.now(), {
    ...command,
    institutionCode: env.institution.code,
    requestId: env.call.msgid,
  });
