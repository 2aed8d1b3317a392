/**
 * Reads behind the national person-record queries: a person's settled chronic-disease medication
 * lines at every institution (5205 人员慢特病用药记录查询) and the inpatients an institution has in
 * hospital (5303 在院信息查询). Read-only; no locks.
 */
import type { Executor } from './executor.ts';

/** One fee line of a live (not cancelled) chronic-outpatient settlement part. */
export interface ChronicMedicationLine {
  readonly visitId: string;
  readonly lineNo: string;
  readonly prescriptionNo: string | null;
  readonly institutionCode: string;
  readonly institutionName: string;
  readonly medType: string;
  readonly diseaseCode: string | null;
  readonly feeTime: string;
  /** Ten-thousandths of a unit. */
  readonly quantity: number;
  readonly unitPriceFen: number;
  readonly amountFen: number;
  readonly itemCode: string;
  readonly institutionItemCode: string;
  readonly itemName: string;
  /** The treatment region's catalog kind of the item (drug / service_item / consumable); null if not listed. */
  readonly catalogKind: string | null;
  /** The line's stored split (core LineSplit as JSON). */
  readonly split: unknown;
}

export async function chronicMedicationLines(
  db: Executor,
  psnNo: string,
  range: { readonly from: string; readonly to: string },
): Promise<ChronicMedicationLine[]> {
  const rows = await db
    .selectFrom('fee_lines as f')
    .innerJoin('settlements as s', 's.settlement_id', 'f.settlement_id')
    .innerJoin('institutions as i', 'i.code', 's.institution_code')
    .select([
      'f.visit_id',
      'f.line_no',
      'f.prescription_no',
      'f.fee_time',
      'f.quantity',
      'f.unit_price_fen',
      'f.amount_fen',
      'f.item_code',
      'f.institution_item_code',
      'f.item_name',
      'f.split',
      's.institution_code',
      's.treatment_region_code',
      's.med_type',
      's.disease_code',
      'i.name as institution_name',
    ])
    .where('s.psn_no', '=', psnNo)
    .where('s.kind', '=', 'settlement')
    .where('s.category', '=', 'chronic_outpatient')
    .where('f.status', '=', 'settled')
    .where('f.fee_time', '>=', range.from)
    .where('f.fee_time', '<=', range.to)
    .orderBy('f.fee_time')
    .orderBy('s.institution_code')
    .orderBy('f.visit_id')
    .orderBy('f.line_no')
    .execute();
  const kinds = await catalogKinds(
    db,
    rows.map((r) => r.item_code),
  );
  return rows.map((r) => ({
    visitId: r.visit_id,
    lineNo: r.line_no,
    prescriptionNo: r.prescription_no,
    institutionCode: r.institution_code,
    institutionName: r.institution_name,
    medType: r.med_type,
    diseaseCode: r.disease_code,
    feeTime: r.fee_time,
    quantity: Number(r.quantity),
    unitPriceFen: Number(r.unit_price_fen),
    amountFen: Number(r.amount_fen),
    itemCode: r.item_code,
    institutionItemCode: r.institution_item_code,
    itemName: r.item_name,
    catalogKind: kinds.get(`${r.treatment_region_code}|${r.item_code}`) ?? null,
    split: JSON.parse(r.split) as unknown,
  }));
}

/** region|code → catalog kind (a code keeps its kind across validity versions). */
async function catalogKinds(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(codes)];
  if (distinct.length === 0) return new Map();
  const rows = await db
    .selectFrom('catalog_items')
    .select(['region_code', 'code', 'kind'])
    .where('code', 'in', distinct)
    .execute();
  return new Map(rows.map((r) => [`${r.region_code}|${r.code}`, r.kind]));
}

/** An inpatient still in hospital (admitted, not discharged, not cancelled), with the person's register data. */
export interface InHospitalStay {
  readonly visitId: string;
  readonly psnNo: string;
  readonly insuranceType: string;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly medType: string;
  readonly hospitalVisitNo: string;
  readonly beginTime: string;
  readonly personName: string;
  readonly certificateType: string;
  readonly certificateNo: string;
  readonly gender: string;
  readonly birthDate: string;
}

export async function inHospitalStays(
  db: Executor,
  institutionCode: string,
  range: { readonly from: string; readonly to: string },
  psnNo: string | null,
): Promise<InHospitalStay[]> {
  let query = db
    .selectFrom('visits as v')
    .innerJoin('persons as p', 'p.psn_no', 'v.psn_no')
    .select([
      'v.visit_id',
      'v.psn_no',
      'v.insurance_type',
      'v.insured_region_code',
      'v.treatment_region_code',
      'v.med_type',
      'v.hospital_visit_no',
      'v.begin_time',
      'p.name',
      'p.certificate_type',
      'p.certificate_no',
      'p.gender',
      'p.birth_date',
    ])
    .where('v.institution_code', '=', institutionCode)
    .where('v.kind', '=', 'inpatient')
    .where('v.status', '=', 'admitted')
    .where('v.begin_time', '>=', range.from)
    .where('v.begin_time', '<=', range.to);
  if (psnNo !== null) query = query.where('v.psn_no', '=', psnNo);
  const rows = await query.orderBy('v.begin_time').orderBy('v.visit_id').execute();
  return rows.map((r) => ({
    visitId: r.visit_id,
    psnNo: r.psn_no,
    insuranceType: r.insurance_type,
    insuredRegionCode: r.insured_region_code,
    treatmentRegionCode: r.treatment_region_code,
    medType: r.med_type,
    hospitalVisitNo: r.hospital_visit_no,
    beginTime: r.begin_time,
    personName: r.name,
    certificateType: r.certificate_type,
    certificateNo: r.certificate_no,
    gender: r.gender,
    birthDate: r.birth_date,
  }));
}

/** The name of a pooling region, or of a province given as its 'xx0000' code; undefined if unknown. */
export async function placeName(db: Executor, code: string): Promise<string | undefined> {
  const region = await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
  if (region !== undefined) return region.name;
  const province = await db
    .selectFrom('regions')
    .select('province_name')
    .where('province_code', '=', code)
    .executeTakeFirst();
  return province?.province_name;
}
