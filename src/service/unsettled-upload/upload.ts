/**
 * 未直接结算患者费用明细上传 (R-R3, seed 003 §3.4): a designated institution uploads the fee details and
 * diagnoses of a patient who paid themselves, within 3 working days of discharge (inpatient) or the
 * visit (outpatient). Each line is split at upload by the TREATMENT region's catalog on its fee date, so
 * the insured region later computes the reimbursement from exactly these splits. A late upload is still
 * taken (the person must not lose their claim) but is flagged to the treatment region's agency.
 *
 * The same function serves the REST route and a national-interface transaction: both pass the
 * institution code they authenticated, and fen / ten-thousandth quantities already translated.
 */
import { randomUUID } from 'node:crypto';
import { chinaDateOf } from '../../core/calendar/index.ts';
import { type FeeLine, splitLine } from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import { type Fen, type Quantity, sumFen } from '../../core/money/index.ts';
import type { CatalogItem } from '../../core/reference/types.ts';
import { uploadTiming } from '../../core/reimbursement/index.ts';
import { findCatalogItems, findInstitution, findPerson } from '../../store/repositories/reference-reads.ts';
import {
  findUploadByVisitNo,
  insertUnsettledUpload,
  type UnsettledDiagnosis,
  type UnsettledLine,
  type UnsettledUpload,
} from '../../store/repositories/unsettled-uploads.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { loadCalendar } from '../calendar/index.ts';
import type { AppContext } from '../context.ts';
import { MEDICAL_TYPE_CATEGORY } from '../his/medical-type.ts';
import { transact } from '../transact.ts';
import { unsettledErrors } from './errors.ts';

export const LATE_UPLOAD_TOPIC = 'unsettled.late_upload';

export interface UnsettledLineInput {
  readonly lineNo: string;
  readonly itemCode: string;
  readonly itemName?: string;
  readonly unitPriceFen: Fen;
  readonly quantity: Quantity;
  readonly amountFen: Fen;
  readonly diseaseCode?: string;
  /** ISO date-time of the charge; its date picks the catalog version. */
  readonly feeTime: string;
}

export interface UnsettledUploadInput {
  readonly psnNo: string;
  /** The institution's own visit number (就诊流水号); one upload per visit. */
  readonly hospitalVisitNo: string;
  readonly kind: 'outpatient' | 'inpatient';
  readonly medType: string;
  readonly beginTime: string;
  /** Discharge (inpatient) or end of the visit (outpatient): the 3 working days run from its date. */
  readonly endTime: string;
  readonly emergency?: boolean;
  readonly referral?: boolean;
  /** 意外伤害: the injury is an accident (matters for the 7-day rule, R-R2). */
  readonly accident?: boolean;
  readonly diagnoses: readonly UnsettledDiagnosis[];
  readonly lines: readonly UnsettledLineInput[];
}

export interface UnsettledUploadReceipt {
  readonly uploadId: string;
  readonly treatmentRegionCode: string;
  readonly insuredRegionCode: string;
  readonly totalFen: Fen;
  readonly inScopeFen: Fen;
  readonly dueDate: string;
  readonly late: boolean;
  readonly workingDaysLate: number;
  readonly lines: readonly UnsettledLine[];
}

export interface UploadCaller {
  /** Who submitted it: the institution itself, or an administrator for it (until institution auth lands). */
  readonly actorId: string;
  readonly role: 'institution' | 'admin';
  readonly requestId?: string | null;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function validTime(value: string): boolean {
  return TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function itemOn(versions: readonly CatalogItem[], onDate: string): CatalogItem | undefined {
  return versions.find((v) => v.validFrom <= onDate && (v.validTo === null || onDate <= v.validTo));
}

function checkShape(input: UnsettledUploadInput): Result<null> {
  if (input.lines.length === 0) return err(unsettledErrors.linesRequired());
  if (input.diagnoses.length === 0) return err(unsettledErrors.diagnosesRequired());
  if (!validTime(input.beginTime)) return err(unsettledErrors.timeInvalid('beginTime', input.beginTime));
  if (!validTime(input.endTime) || Date.parse(input.endTime) < Date.parse(input.beginTime)) {
    return err(unsettledErrors.timeInvalid('endTime', input.endTime));
  }
  for (const [i, l] of input.lines.entries()) {
    if (!validTime(l.feeTime)) return err(unsettledErrors.timeInvalid(`lines[${i}].feeTime`, l.feeTime));
  }
  const inpatientType = MEDICAL_TYPE_CATEGORY[input.medType] === '21';
  if (inpatientType !== (input.kind === 'inpatient'))
    return err(unsettledErrors.kindInvalid(input.medType, input.kind));
  return ok(null);
}

/**
 * The REST route's entry: one transaction of its own around `uploadUnsettledFeesInTx`. Do not call it
 * from inside another transaction (SQLite has one connection: it would wait on itself).
 */
export async function uploadUnsettledFees(
  ctx: AppContext,
  institutionCode: string,
  input: UnsettledUploadInput,
  caller: UploadCaller = { actorId: institutionCode, role: 'institution' },
): Promise<Result<UnsettledUploadReceipt>> {
  const shape = checkShape(input);
  if (!shape.ok) return shape;
  return transact(ctx, (tx) => uploadUnsettledFeesInTx(tx, ctx, institutionCode, input, caller));
}

/**
 * The upload inside a transaction the caller already runs — the national-interface transaction 2210
 * runs it inside the HIS message transaction, so the msgid claim and the upload commit together. The
 * working-day calendar is read through `tx`. A refusal is returned, not thrown: the caller rolls back
 * (the REST wrapper through `transact`, the message handler to its savepoint); nothing is written
 * before the last check passes.
 */
export async function uploadUnsettledFeesInTx(
  tx: Tx,
  ctx: AppContext,
  institutionCode: string,
  input: UnsettledUploadInput,
  caller: UploadCaller,
): Promise<Result<UnsettledUploadReceipt>> {
  const shape = checkShape(input);
  if (!shape.ok) return shape;
  const calendar = await loadCalendar(ctx, tx);
  const now = ctx.now().toISOString();
  const institution = await findInstitution(tx, institutionCode);
  if (institution === undefined) return err(unsettledErrors.institutionNotFound(institutionCode));
  const person = await findPerson(tx, { by: 'psn_no', value: input.psnNo });
  if (person === undefined) return err(unsettledErrors.personNotFound(input.psnNo));
  const prior = await findUploadByVisitNo(tx, institutionCode, input.hospitalVisitNo);
  if (prior !== undefined) return err(unsettledErrors.alreadyUploaded(input.hospitalVisitNo, prior.uploadId));

  const catalog = await findCatalogItems(
    tx,
    institution.regionCode,
    input.lines.map((l) => l.itemCode),
  );
  const byCode = new Map<string, CatalogItem[]>();
  for (const item of catalog) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  const seen = new Set<string>();
  const lines: UnsettledLine[] = [];
  for (const [i, l] of input.lines.entries()) {
    if (seen.has(l.lineNo)) return err(unsettledErrors.lineDuplicate(l.lineNo, i));
    seen.add(l.lineNo);
    const onDate = chinaDateOf(l.feeTime);
    const item = itemOn(byCode.get(l.itemCode) ?? [], onDate) ?? byCode.get(l.itemCode)?.[0];
    const feeLine: FeeLine = {
      lineNo: l.lineNo,
      itemCode: l.itemCode,
      ...(l.itemName === undefined ? {} : { itemName: l.itemName }),
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      amountFen: l.amountFen,
      ...(l.diseaseCode === undefined ? {} : { diseaseCode: l.diseaseCode }),
    };
    const split = splitLine(feeLine, item, onDate);
    if (!split.ok) return err({ ...split.error, field: `lines[${i}].${split.error.field ?? 'amountFen'}` });
    lines.push({
      lineNo: l.lineNo,
      itemCode: l.itemCode,
      itemName: l.itemName ?? item?.name ?? '',
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      amountFen: l.amountFen,
      diseaseCode: l.diseaseCode ?? null,
      feeTime: l.feeTime,
      split: split.value,
    });
  }

  const timing = uploadTiming(calendar, chinaDateOf(input.endTime), chinaDateOf(now));
  const upload: UnsettledUpload = {
    uploadId: `UU${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
    institutionCode,
    treatmentRegionCode: institution.regionCode,
    psnNo: person.personNo,
    insuredRegionCode: person.insuredRegionCode,
    insuranceType: person.insuranceType,
    kind: input.kind,
    medType: input.medType,
    hospitalVisitNo: input.hospitalVisitNo,
    beginTime: input.beginTime,
    endTime: input.endTime,
    emergency: input.emergency ?? false,
    referral: input.referral ?? false,
    accident: input.accident ?? false,
    diagnoses: input.diagnoses,
    totalFen: sumFen(lines.map((l) => l.amountFen)),
    dueDate: timing.dueDate,
    uploadedAt: now,
    late: timing.late,
    workingDaysLate: timing.workingDaysLate,
    uploadedBy: caller.actorId,
  };
  await insertUnsettledUpload(tx, upload, lines);
  if (timing.late) {
    // The treatment region's agency urges its institutions to upload on time (seed 003 §3.4).
    await tx
      .insertInto('outbox')
      .values({
        topic: LATE_UPLOAD_TOPIC,
        payload: JSON.stringify({
          treatmentRegionCode: upload.treatmentRegionCode,
          institutionCode,
          uploadId: upload.uploadId,
          endDate: chinaDateOf(input.endTime),
          dueDate: timing.dueDate,
          workingDaysLate: timing.workingDaysLate,
          message: `${institution.name}（${institutionCode}）未在出院/就诊后3个工作日内上传未直接结算费用明细（应于 ${timing.dueDate} 前上传，迟延 ${timing.workingDaysLate} 个工作日）。`,
        }),
        created_at: now,
        delivered_at: null,
      })
      .execute();
  }
  await appendAudit(tx, ctx.store.dialect, {
    at: now,
    actor: caller.actorId,
    role: caller.role,
    action: 'unsettled.upload',
    subject: upload.uploadId,
    requestId: caller.requestId ?? null,
    detail: {
      institutionCode,
      psnNo: upload.psnNo,
      hospitalVisitNo: upload.hospitalVisitNo,
      totalFen: upload.totalFen,
      lineCount: lines.length,
      dueDate: timing.dueDate,
      late: timing.late,
    },
  });
  return ok({
    uploadId: upload.uploadId,
    treatmentRegionCode: upload.treatmentRegionCode,
    insuredRegionCode: upload.insuredRegionCode,
    totalFen: upload.totalFen,
    inScopeFen: sumFen(lines.map((l) => l.split.inScopeFen)),
    dueDate: timing.dueDate,
    late: timing.late,
    workingDaysLate: timing.workingDaysLate,
    lines,
  });
}
