/**
 * Visit lifecycle use cases: 2201 outpatient registration, 2202 its cancellation, 2203 visit upload,
 * 2401 admission, 2402 discharge, 2404 admission cancellation, 2405 discharge cancellation.
 */
import { err, ok } from '../../core/errors.ts';
import { revokeFeeLines } from '../../store/repositories/fee-lines.ts';
import { findSettlementsOfVisit } from '../../store/repositories/settlements.ts';
import { insertVisit, updateVisit, type Visit } from '../../store/repositories/visits.ts';
import { hisErrors, visitStatusZh } from './errors.ts';
import { issueId } from './ids.ts';
import { loadInsuredPerson } from './insured-person.ts';
import type { HisEnv, HisUseCase } from './message.ts';
import { assertUpdated, loadOwnVisit } from './visit-access.ts';

/** Cross-region flags from exp_content (§2.9): IPT_TYPE, OTP_ER_REFL_FLAG, TRUM_FLAG. */
export interface VisitFlags {
  readonly emergency: boolean;
  readonly referral: boolean;
  readonly trauma: boolean;
}

export interface Diagnosis {
  readonly [field: string]: unknown;
}

export interface RegisterOutpatientCommand {
  readonly psnNo: string;
  readonly insuranceType: string;
  readonly beginTime: string;
  readonly certificateType: string;
  readonly hospitalVisitNo: string;
  readonly medTypeCode: string;
  readonly flags: VisitFlags;
  /** Department, doctor, … as sent, kept for queries. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface VisitRef {
  readonly visitId: string;
  readonly psnNo: string;
  readonly hospitalVisitNo: string;
}

async function openVisit(
  env: HisEnv,
  command: RegisterOutpatientCommand & { diseaseCode?: string | null; diagnoses?: readonly Diagnosis[] },
  kind: 'outpatient' | 'inpatient',
) {
  const person = await loadInsuredPerson(env, command.psnNo, command.insuranceType);
  if (!person.ok) return person;
  const visitId = issueId(env.institution.regionCode, env.now.compactMs);
  await insertVisit(env.tx, {
    visitId,
    institutionCode: env.institution.code,
    psnNo: command.psnNo,
    insuredRegionCode: person.value.insuredRegionCode,
    treatmentRegionCode: env.institution.regionCode,
    insuranceType: person.value.insuranceType,
    kind,
    medType: command.medTypeCode,
    hospitalVisitNo: command.hospitalVisitNo,
    certificateType: command.certificateType,
    beginTime: command.beginTime,
    status: kind === 'inpatient' ? 'admitted' : 'registered',
    emergency: command.flags.emergency,
    referral: command.flags.referral,
    trauma: command.flags.trauma,
    diseaseCode: command.diseaseCode ?? null,
    diagnoses: command.diagnoses ?? [],
    // The opening message, so a 2601 reversal of 2401 can find the stay it created.
    details: { ...command.details, openedByMsgid: env.call.msgid },
    createdAt: env.now.dateTime,
  });
  return ok({ visitId, psnNo: command.psnNo, hospitalVisitNo: command.hospitalVisitNo });
}

export const registerOutpatient: HisUseCase<RegisterOutpatientCommand, VisitRef> = (env, command) =>
  openVisit(env, command, 'outpatient');

export interface AdmitCommand extends RegisterOutpatientCommand {
  readonly diseaseCode: string | null;
  readonly diagnoses: readonly Diagnosis[];
}

export const admit: HisUseCase<AdmitCommand, VisitRef> = (env, command) =>
  openVisit(env, command, 'inpatient');

export interface VisitCommand {
  readonly visitId: string;
  readonly psnNo: string;
  readonly hospitalVisitNo?: string | null;
}

export async function cancelVisit(env: HisEnv, command: VisitCommand, kind: 'outpatient' | 'inpatient') {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, kind);
  if (!visit.ok) return visit;
  const v = visit.value;
  if (command.hospitalVisitNo && command.hospitalVisitNo !== v.hospitalVisitNo) {
    return err(hisErrors.hospitalVisitNoMismatch(command.hospitalVisitNo));
  }
  if (v.status === 'cancelled')
    return err(hisErrors.visitState(v.visitId, visitStatusZh.cancelled!, '重复撤销'));
  if (await hasLiveSettlements(env, v)) return err(hisErrors.visitHasSettlements(v.visitId));
  await revokeFeeLines(env.tx, v.visitId, { all: true });
  assertUpdated(await updateVisit(env.tx, v.visitId, v.rowVersion, { status: 'cancelled' }), v.visitId);
  return ok({ visitId: v.visitId });
}

/** Settlements of the visit not yet reversed. */
export async function hasLiveSettlements(env: HisEnv, visit: Visit): Promise<boolean> {
  const rows = await findSettlementsOfVisit(env.tx, visit.visitId);
  const reversed = new Set(rows.filter((r) => r.reversesId !== null).map((r) => r.reversesId));
  return rows.some((r) => r.kind === 'settlement' && !reversed.has(r.settlementId));
}

export const cancelRegistration: HisUseCase<VisitCommand, { visitId: string }> = (env, command) =>
  cancelVisit(env, command, 'outpatient');

export const cancelAdmission: HisUseCase<VisitCommand, { visitId: string }> = (env, command) =>
  cancelVisit(env, command, 'inpatient');

export interface UploadVisitCommand {
  readonly visitId: string;
  readonly psnNo: string;
  readonly medTypeCode: string;
  readonly beginTime: string;
  readonly diseaseCode: string | null;
  readonly diagnoses: readonly Diagnosis[];
  readonly flags: Partial<VisitFlags>;
  readonly details: Readonly<Record<string, unknown>>;
}

export const uploadVisit: HisUseCase<UploadVisitCommand, { visitId: string }> = async (env, command) => {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, 'outpatient');
  if (!visit.ok) return visit;
  const v = visit.value;
  if (v.status !== 'registered')
    return err(hisErrors.visitState(v.visitId, visitStatusZh[v.status] ?? v.status, '上传就诊信息'));
  assertUpdated(
    await updateVisit(env.tx, v.visitId, v.rowVersion, {
      medType: command.medTypeCode,
      diseaseCode: command.diseaseCode,
      diagnoses: command.diagnoses,
      ...command.flags,
      details: { ...v.details, ...command.details },
    }),
    v.visitId,
  );
  return ok({ visitId: v.visitId });
};

export interface DischargeCommand extends VisitCommand {
  readonly endTime: string;
  readonly diseaseCode: string | null;
  readonly diagnoses: readonly Diagnosis[];
  readonly details: Readonly<Record<string, unknown>>;
}

export const discharge: HisUseCase<DischargeCommand, { visitId: string }> = async (env, command) => {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, 'inpatient');
  if (!visit.ok) return visit;
  const v = visit.value;
  if (v.status !== 'admitted')
    return err(hisErrors.visitState(v.visitId, visitStatusZh[v.status] ?? v.status, '办理出院'));
  assertUpdated(
    await updateVisit(env.tx, v.visitId, v.rowVersion, {
      status: 'discharged',
      endTime: command.endTime,
      ...(command.diseaseCode === null ? {} : { diseaseCode: command.diseaseCode }),
      ...(command.diagnoses.length === 0 ? {} : { diagnoses: [...v.diagnoses, ...command.diagnoses] }),
      details: { ...v.details, discharge: command.details },
    }),
    v.visitId,
  );
  return ok({ visitId: v.visitId });
};

export const cancelDischarge: HisUseCase<VisitCommand, { visitId: string }> = async (env, command) => {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, 'inpatient');
  if (!visit.ok) return visit;
  const v = visit.value;
  if (v.status !== 'discharged')
    return err(hisErrors.visitState(v.visitId, visitStatusZh[v.status] ?? v.status, '撤销出院'));
  assertUpdated(
    await updateVisit(env.tx, v.visitId, v.rowVersion, { status: 'admitted', endTime: null }),
    v.visitId,
  );
  return ok({ visitId: v.visitId });
};

export interface ChangeAdmissionCommand extends VisitCommand {
  readonly beginTime: string;
  readonly endTime: string | null;
  readonly medTypeCode: string;
  readonly diseaseCode: string | null;
  readonly diagnoses: readonly Diagnosis[];
  readonly flags: VisitFlags;
  readonly details: Readonly<Record<string, unknown>>;
}

/** 2403 入院信息变更: corrections while the stay is open (not after settlement). */
export const changeAdmission: HisUseCase<ChangeAdmissionCommand, { visitId: string }> = async (
  env,
  command,
) => {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, 'inpatient');
  if (!visit.ok) return visit;
  const v = visit.value;
  if (v.status !== 'admitted' && v.status !== 'discharged') {
    return err(hisErrors.visitState(v.visitId, visitStatusZh[v.status] ?? v.status, '变更入院信息'));
  }
  assertUpdated(
    await updateVisit(env.tx, v.visitId, v.rowVersion, {
      medType: command.medTypeCode,
      diseaseCode: command.diseaseCode,
      ...(command.diagnoses.length === 0 ? {} : { diagnoses: command.diagnoses }),
      ...command.flags,
      details: { ...v.details, ...command.details, beginTimeCorrected: command.beginTime },
    }),
    v.visitId,
  );
  return ok({ visitId: v.visitId });
};
