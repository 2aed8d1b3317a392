/**
 * 就诊 — visits (outpatient registrations, admissions, pharmacy purchases) with their status,
 * flags that decide the cross-region situation, and diagnoses as uploaded.
 */
import type { Executor } from './executor.ts';

export type VisitKind = 'outpatient' | 'inpatient' | 'pharmacy';

/** registered/admitted → (discharged) → settled; cancelled at any point before settlement. */
export type VisitStatus = 'registered' | 'admitted' | 'discharged' | 'settled' | 'cancelled';

export interface Visit {
  readonly visitId: string;
  readonly institutionCode: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly insuranceType: string;
  readonly kind: VisitKind;
  readonly medType: string;
  readonly hospitalVisitNo: string;
  readonly certificateType: string;
  readonly beginTime: string;
  readonly endTime: string | null;
  readonly status: VisitStatus;
  readonly emergency: boolean;
  readonly referral: boolean;
  readonly trauma: boolean;
  readonly diseaseCode: string | null;
  readonly diagnoses: readonly Record<string, unknown>[];
  readonly details: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly rowVersion: number;
}

type Row = {
  visit_id: string;
  institution_code: string;
  psn_no: string;
  insured_region_code: string;
  treatment_region_code: string;
  insurance_type: string;
  kind: VisitKind;
  med_type: string;
  hospital_visit_no: string;
  certificate_type: string;
  begin_time: string;
  end_time: string | null;
  status: string;
  emergency: number;
  referral: number;
  trauma: number;
  disease_code: string | null;
  diagnoses: string;
  details: string;
  created_at: string;
  row_version: number;
};

function toVisit(row: Row): Visit {
  return {
    visitId: row.visit_id,
    institutionCode: row.institution_code,
    psnNo: row.psn_no,
    insuredRegionCode: row.insured_region_code,
    treatmentRegionCode: row.treatment_region_code,
    insuranceType: row.insurance_type,
    kind: row.kind,
    medType: row.med_type,
    hospitalVisitNo: row.hospital_visit_no,
    certificateType: row.certificate_type,
    beginTime: row.begin_time,
    endTime: row.end_time,
    status: row.status as VisitStatus,
    emergency: row.emergency === 1,
    referral: row.referral === 1,
    trauma: row.trauma === 1,
    diseaseCode: row.disease_code,
    diagnoses: JSON.parse(row.diagnoses) as Record<string, unknown>[],
    details: JSON.parse(row.details) as Record<string, unknown>,
    createdAt: row.created_at,
    rowVersion: Number(row.row_version),
  };
}

export type NewVisit = Omit<Visit, 'rowVersion' | 'endTime'> & { readonly endTime?: string | null };

export async function insertVisit(db: Executor, visit: NewVisit): Promise<void> {
  await db
    .insertInto('visits')
    .values({
      visit_id: visit.visitId,
      institution_code: visit.institutionCode,
      psn_no: visit.psnNo,
      insured_region_code: visit.insuredRegionCode,
      treatment_region_code: visit.treatmentRegionCode,
      insurance_type: visit.insuranceType,
      kind: visit.kind,
      med_type: visit.medType,
      hospital_visit_no: visit.hospitalVisitNo,
      certificate_type: visit.certificateType,
      begin_time: visit.beginTime,
      end_time: visit.endTime ?? null,
      status: visit.status,
      emergency: visit.emergency ? 1 : 0,
      referral: visit.referral ? 1 : 0,
      trauma: visit.trauma ? 1 : 0,
      disease_code: visit.diseaseCode,
      diagnoses: JSON.stringify(visit.diagnoses),
      details: JSON.stringify(visit.details),
      created_at: visit.createdAt,
    })
    .execute();
}

export async function findVisit(db: Executor, visitId: string): Promise<Visit | undefined> {
  const row = await db.selectFrom('visits').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
  return row === undefined ? undefined : toVisit(row as Row);
}

export interface VisitChanges {
  readonly status?: VisitStatus;
  readonly medType?: string;
  readonly endTime?: string | null;
  readonly emergency?: boolean;
  readonly referral?: boolean;
  readonly trauma?: boolean;
  readonly diseaseCode?: string | null;
  readonly diagnoses?: readonly Record<string, unknown>[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Applies changes if the visit still has the version the caller read (optimistic check on top of the
 * person lock); false when someone else changed it meanwhile.
 */
export async function updateVisit(
  db: Executor,
  visitId: string,
  expectedVersion: number,
  changes: VisitChanges,
): Promise<boolean> {
  const set: Record<string, unknown> = {};
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.medType !== undefined) set.med_type = changes.medType;
  if (changes.endTime !== undefined) set.end_time = changes.endTime;
  if (changes.emergency !== undefined) set.emergency = changes.emergency ? 1 : 0;
  if (changes.referral !== undefined) set.referral = changes.referral ? 1 : 0;
  if (changes.trauma !== undefined) set.trauma = changes.trauma ? 1 : 0;
  if (changes.diseaseCode !== undefined) set.disease_code = changes.diseaseCode;
  if (changes.diagnoses !== undefined) set.diagnoses = JSON.stringify(changes.diagnoses);
  if (changes.details !== undefined) set.details = JSON.stringify(changes.details);
  const result = await db
    .updateTable('visits')
    .set({ ...set, row_version: expectedVersion + 1 })
    .where('visit_id', '=', visitId)
    .where('row_version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Visits of a person in a time range (5201), newest first. */
export async function findVisitsOfPerson(
  db: Executor,
  psnNo: string,
  institutionCode: string,
  range: { from: string; to: string },
): Promise<Visit[]> {
  const rows = await db
    .selectFrom('visits')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .where('institution_code', '=', institutionCode)
    .where('begin_time', '>=', range.from)
    .where('begin_time', '<=', range.to)
    .orderBy('begin_time', 'desc')
    .execute();
  return rows.map((r) => toVisit(r as Row));
}
