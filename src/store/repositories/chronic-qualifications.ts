/** 门慢特待遇资格 — qualifications per person and disease; at most one active per pair (partial unique index). */
import type { Qualification, QualificationSource, QualificationStatus } from '../../core/chronic/types.ts';
import type { Executor } from './executor.ts';

type Row = {
  qualification_id: string;
  psn_no: string;
  region_code: string;
  insurance_type: string;
  disease_code: string;
  local_code: string | null;
  start_date: string;
  end_date: string | null;
  original_start_date: string;
  source: string;
  source_ref: string;
  status: string;
  end_reason: string | null;
};

export function toQualification(row: Row): Qualification {
  return {
    qualificationId: row.qualification_id,
    psnNo: row.psn_no,
    regionCode: row.region_code,
    insuranceType: row.insurance_type,
    diseaseCode: row.disease_code,
    localCode: row.local_code,
    startDate: row.start_date,
    endDate: row.end_date,
    originalStartDate: row.original_start_date,
    source: row.source as QualificationSource,
    sourceRef: row.source_ref,
    status: row.status as QualificationStatus,
    endReason: row.end_reason,
  };
}

export async function qualificationsOfPerson(db: Executor, psnNo: string): Promise<Qualification[]> {
  const rows = await db
    .selectFrom('chronic_qualifications')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('disease_code')
    .orderBy('start_date')
    .execute();
  return rows.map(toQualification);
}

export async function activeQualification(
  db: Executor,
  psnNo: string,
  diseaseCode: string,
): Promise<Qualification | undefined> {
  const row = await db
    .selectFrom('chronic_qualifications')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .where('disease_code', '=', diseaseCode)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row && toQualification(row);
}

/** Persons among `psnNos` with an active qualification, as `psn_no|disease_code` keys. */
export async function activePairs(db: Executor, psnNos: readonly string[]): Promise<Set<string>> {
  const pairs = new Set<string>();
  for (let i = 0; i < psnNos.length; i += 500) {
    const rows = await db
      .selectFrom('chronic_qualifications')
      .select(['psn_no', 'disease_code'])
      .where('psn_no', 'in', psnNos.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
    for (const r of rows) pairs.add(`${r.psn_no}|${r.disease_code}`);
  }
  return pairs;
}

export interface NewQualification extends Qualification {
  readonly filingSerial?: string | null;
  readonly filingInstitutionCode?: string | null;
}

export async function insertQualification(db: Executor, q: NewQualification, now: string): Promise<void> {
  await db
    .insertInto('chronic_qualifications')
    .values({
      qualification_id: q.qualificationId,
      psn_no: q.psnNo,
      region_code: q.regionCode,
      insurance_type: q.insuranceType,
      disease_code: q.diseaseCode,
      local_code: q.localCode,
      start_date: q.startDate,
      end_date: q.endDate,
      original_start_date: q.originalStartDate,
      source: q.source,
      source_ref: q.sourceRef,
      filing_serial: q.filingSerial ?? null,
      filing_institution_code: q.filingInstitutionCode ?? null,
      status: q.status,
      end_reason: q.endReason,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Closes (ended) or voids (revoked) an active qualification; false when it was not active any more. */
export async function closeQualification(
  db: Executor,
  qualificationId: string,
  change: { status: 'ended' | 'revoked'; endDate: string | null; reason: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('chronic_qualifications')
    .set((eb) => ({
      status: change.status,
      end_date: change.endDate,
      end_reason: change.reason,
      updated_at: now,
      row_version: eb('row_version', '+', 1),
    }))
    .where('qualification_id', '=', qualificationId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findByFilingSerial(
  db: Executor,
  filingSerial: string,
): Promise<(Qualification & { filingInstitutionCode: string | null }) | undefined> {
  const row = await db
    .selectFrom('chronic_qualifications')
    .selectAll()
    .where('filing_serial', '=', filingSerial)
    .executeTakeFirst();
  return row && { ...toQualification(row), filingInstitutionCode: row.filing_institution_code };
}
