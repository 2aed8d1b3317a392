/**
 * 未直接结算费用 (R-R3): institutions' uploads of self-paid bills with their lines, each line split by the
 * treatment region's catalog at upload. Both tables are append-only: a bill is uploaded once.
 */
import type { LineSplit } from '../../core/catalog/index.ts';
import { type Fen, fen, type Quantity } from '../../core/money/index.ts';
import type { Executor } from './executor.ts';

export interface UnsettledDiagnosis {
  readonly code: string;
  readonly name: string;
}

export interface UnsettledUpload {
  readonly uploadId: string;
  readonly institutionCode: string;
  readonly treatmentRegionCode: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly insuranceType: string;
  readonly kind: 'outpatient' | 'inpatient';
  readonly medType: string;
  readonly hospitalVisitNo: string;
  readonly beginTime: string;
  readonly endTime: string;
  readonly emergency: boolean;
  readonly referral: boolean;
  readonly accident: boolean;
  readonly diagnoses: readonly UnsettledDiagnosis[];
  readonly totalFen: Fen;
  readonly dueDate: string;
  readonly uploadedAt: string;
  readonly late: boolean;
  readonly workingDaysLate: number;
  readonly uploadedBy: string;
}

export interface UnsettledLine {
  readonly lineNo: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly unitPriceFen: Fen;
  readonly quantity: Quantity;
  readonly amountFen: Fen;
  readonly diseaseCode: string | null;
  readonly feeTime: string;
  readonly split: LineSplit;
}

type UploadRow = Awaited<ReturnType<typeof selectUploads>>[number];

function selectUploads(db: Executor) {
  return db.selectFrom('unsettled_uploads').selectAll().execute();
}

function toUpload(r: UploadRow): UnsettledUpload {
  return {
    uploadId: r.upload_id,
    institutionCode: r.institution_code,
    treatmentRegionCode: r.treatment_region_code,
    psnNo: r.psn_no,
    insuredRegionCode: r.insured_region_code,
    insuranceType: r.insurance_type,
    kind: r.kind,
    medType: r.med_type,
    hospitalVisitNo: r.hospital_visit_no,
    beginTime: r.begin_time,
    endTime: r.end_time,
    emergency: r.emergency === 1,
    referral: r.referral === 1,
    accident: r.accident === 1,
    diagnoses: JSON.parse(r.diagnoses) as UnsettledDiagnosis[],
    totalFen: fen(Number(r.total_fen)),
    dueDate: r.due_date,
    uploadedAt: r.uploaded_at,
    late: r.late === 1,
    workingDaysLate: Number(r.working_days_late),
    uploadedBy: r.uploaded_by,
  };
}

export async function insertUnsettledUpload(
  db: Executor,
  upload: UnsettledUpload,
  lines: readonly UnsettledLine[],
): Promise<void> {
  await db
    .insertInto('unsettled_uploads')
    .values({
      upload_id: upload.uploadId,
      institution_code: upload.institutionCode,
      treatment_region_code: upload.treatmentRegionCode,
      psn_no: upload.psnNo,
      insured_region_code: upload.insuredRegionCode,
      insurance_type: upload.insuranceType,
      kind: upload.kind,
      med_type: upload.medType,
      hospital_visit_no: upload.hospitalVisitNo,
      begin_time: upload.beginTime,
      end_time: upload.endTime,
      emergency: upload.emergency ? 1 : 0,
      referral: upload.referral ? 1 : 0,
      accident: upload.accident ? 1 : 0,
      diagnoses: JSON.stringify(upload.diagnoses),
      total_fen: upload.totalFen,
      due_date: upload.dueDate,
      uploaded_at: upload.uploadedAt,
      late: upload.late ? 1 : 0,
      working_days_late: upload.workingDaysLate,
      uploaded_by: upload.uploadedBy,
    })
    .execute();
  if (lines.length === 0) return;
  await db
    .insertInto('unsettled_fee_lines')
    .values(
      lines.map((l) => ({
        upload_id: upload.uploadId,
        line_no: l.lineNo,
        item_code: l.itemCode,
        item_name: l.itemName,
        unit_price_fen: l.unitPriceFen,
        quantity: l.quantity,
        amount_fen: l.amountFen,
        disease_code: l.diseaseCode,
        fee_time: l.feeTime,
        split: JSON.stringify(l.split),
      })),
    )
    .execute();
}

export async function findUnsettledUpload(
  db: Executor,
  uploadId: string,
): Promise<UnsettledUpload | undefined> {
  const row = await db
    .selectFrom('unsettled_uploads')
    .selectAll()
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  return row === undefined ? undefined : toUpload(row);
}

export async function findUploadByVisitNo(
  db: Executor,
  institutionCode: string,
  hospitalVisitNo: string,
): Promise<UnsettledUpload | undefined> {
  const row = await db
    .selectFrom('unsettled_uploads')
    .selectAll()
    .where('institution_code', '=', institutionCode)
    .where('hospital_visit_no', '=', hospitalVisitNo)
    .executeTakeFirst();
  return row === undefined ? undefined : toUpload(row);
}

export async function unsettledLines(db: Executor, uploadId: string): Promise<UnsettledLine[]> {
  const rows = await db
    .selectFrom('unsettled_fee_lines')
    .selectAll()
    .where('upload_id', '=', uploadId)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => ({
    lineNo: r.line_no,
    itemCode: r.item_code,
    itemName: r.item_name,
    unitPriceFen: fen(Number(r.unit_price_fen)),
    quantity: Number(r.quantity) as Quantity,
    amountFen: fen(Number(r.amount_fen)),
    diseaseCode: r.disease_code,
    feeTime: r.fee_time,
    split: JSON.parse(r.split) as LineSplit,
  }));
}

export async function unsettledUploadsOfPerson(db: Executor, psnNo: string): Promise<UnsettledUpload[]> {
  const rows = await db
    .selectFrom('unsettled_uploads')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('end_time', 'desc')
    .execute();
  return rows.map(toUpload);
}

/** Late uploads of institutions in a treatment region: that region's agency follows them up (R-R3). */
export async function lateUploadsOfRegion(
  db: Executor,
  treatmentRegionCode: string,
  sinceIso: string,
): Promise<UnsettledUpload[]> {
  const rows = await db
    .selectFrom('unsettled_uploads')
    .selectAll()
    .where('treatment_region_code', '=', treatmentRegionCode)
    .where('late', '=', 1)
    .where('uploaded_at', '>=', sinceIso)
    .orderBy('uploaded_at', 'desc')
    .execute();
  return rows.map(toUpload);
}
