/**
 * Creating a qualification, from whatever source: checks there is no active one for the disease, writes
 * it, audits it, and queues the SMS notice in the same transaction (delivered later, at least once).
 */
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import {
  type Qualification,
  type QualificationSource,
  QualificationStatus,
} from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import type { DialectName } from '../../store/database.ts';
import { localCodeOf } from '../../store/repositories/chronic-catalog.ts';
import { activeQualification, insertQualification } from '../../store/repositories/chronic-qualifications.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { queueSms, type SmsTemplate } from './sms.ts';
import { type ChronicCaller, newId, type PersonFacts } from './support.ts';

export interface GrantRequest {
  readonly person: PersonFacts;
  readonly diseaseCode: string;
  readonly diseaseName: string;
  readonly startDate: string;
  readonly endDate?: string | null;
  readonly source: QualificationSource;
  readonly sourceRef: string;
  readonly filingSerial?: string;
  readonly filingInstitutionCode?: string;
  /** SMS to send when granted; none when absent or the person has no phone on file. */
  readonly notice?: { readonly template: SmsTemplate; readonly text: string };
}

export async function grantQualification(
  tx: Tx,
  dialect: DialectName,
  request: GrantRequest,
  caller: ChronicCaller,
  now: Date,
): Promise<Result<{ qualification: Qualification; smsQueued: boolean }>> {
  const { person } = request;
  const existing = await activeQualification(tx, person.psnNo, request.diseaseCode);
  if (existing) {
    return err(
      domainError(
        ChronicErrorCode.AlreadyQualified,
        `参保人 ${person.psnNo} 已有门诊慢特病“${request.diseaseName}”待遇资格（自 ${existing.startDate} 起），无需重复认定。`,
        { field: 'diseaseCode' },
      ),
    );
  }
  const qualification: Qualification = {
    qualificationId: newId('CQ'),
    psnNo: person.psnNo,
    regionCode: person.regionCode,
    insuranceType: person.insuranceType,
    diseaseCode: request.diseaseCode,
    localCode: await localCodeOf(tx, person.regionCode, request.diseaseCode),
    startDate: request.startDate,
    endDate: request.endDate ?? null,
    originalStartDate: request.startDate,
    source: request.source,
    sourceRef: request.sourceRef,
    status: QualificationStatus.Active,
    endReason: null,
  };
  const at = now.toISOString();
  await insertQualification(
    tx,
    {
      ...qualification,
      filingSerial: request.filingSerial ?? null,
      filingInstitutionCode: request.filingInstitutionCode ?? null,
    },
    at,
  );
  let smsQueued = false;
  if (request.notice && person.phone) {
    await queueSms(
      tx,
      {
        phone: person.phone,
        template: request.notice.template,
        psnNo: person.psnNo,
        text: request.notice.text,
      },
      now,
    );
    smsQueued = true;
  }
  await appendAudit(tx, dialect, {
    at,
    actor: caller.id,
    role: caller.role,
    action: 'chronic.qualification.grant',
    subject: person.psnNo,
    requestId: caller.requestId ?? null,
    detail: {
      qualificationId: qualification.qualificationId,
      diseaseCode: qualification.diseaseCode,
      startDate: qualification.startDate,
      source: qualification.source,
      sourceRef: qualification.sourceRef,
      smsQueued,
    },
  });
  return ok({ qualification, smsQueued });
}
