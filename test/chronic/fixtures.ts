/** Reference rows the chronic tests need: regions, a hospital and a pharmacy, persons, visits, settlements. */

import { seedChronicCatalogIfEmpty } from '../../src/service/chronic/index.ts';
import type { AppContext } from '../../src/service/context.ts';
import type { Store } from '../../src/store/database.ts';

export const REGIONS = [
  { code: '341700', name: '池州市', province_code: '340000', province_name: '安徽省' },
  { code: '340100', name: '合肥市', province_code: '340000', province_name: '安徽省' },
  { code: '420100', name: '武汉市', province_code: '420000', province_name: '湖北省' },
];

export async function seedReference(store: Store): Promise<void> {
  const db = store.db;
  await db.insertInto('regions').values(REGIONS).execute();
  await db
    .insertInto('institutions')
    .values([
      {
        code: 'H34170000001',
        name: '池州市人民医院',
        region_code: '341700',
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      },
      {
        code: 'P34170000001',
        name: '池州大药房',
        region_code: '341700',
        kind: 'pharmacy',
        level: '0',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 1,
        address: null,
      },
    ])
    .execute();
  await seedChronicCatalogIfEmpty(store);
}

export async function addPerson(
  store: Store,
  p: {
    psnNo: string;
    region?: string;
    insuranceType?: string;
    phone?: string | null;
    idCard?: string;
    ssCard?: string;
  },
): Promise<void> {
  await store.db
    .insertInto('persons')
    .values({
      psn_no: p.psnNo,
      name: `参保人${p.psnNo.slice(-4)}`,
      certificate_type: '01',
      certificate_no: p.idCard ?? `34170219800101${p.psnNo.slice(-4)}`,
      social_security_card_no: p.ssCard ?? null,
      phone: p.phone === undefined ? '13800001234' : p.phone,
      gender: '1',
      birth_date: '1960-01-01',
      insured_region_code: p.region ?? '341700',
      insurance_type: p.insuranceType ?? '310',
      employment: 'retired',
      civil_servant: 0,
      assistance_category: 'none',
      status: 'active',
      account_balance_fen: 0,
    })
    .execute();
}

let visitSeq = 0;

export async function addDischarge(
  store: Store,
  v: {
    psnNo: string;
    endTime: string;
    diagnoses: unknown[];
    region?: string;
    status?: string;
    kind?: 'inpatient' | 'outpatient' | 'pharmacy';
  },
): Promise<string> {
  const visitId = `V${Date.now().toString(36)}${visitSeq++}`;
  await store.db
    .insertInto('visits')
    .values({
      visit_id: visitId,
      institution_code: 'H34170000001',
      psn_no: v.psnNo,
      insured_region_code: v.region ?? '341700',
      treatment_region_code: '341700',
      insurance_type: '310',
      kind: v.kind ?? 'inpatient',
      med_type: v.kind === 'outpatient' ? '11' : '21',
      hospital_visit_no: visitId,
      certificate_type: '02',
      begin_time: v.endTime,
      end_time: v.endTime,
      status: v.status ?? 'discharged',
      diagnoses: JSON.stringify(v.diagnoses),
      created_at: v.endTime,
    })
    .execute();
  return visitId;
}

/** A posted outpatient settlement (general category) whose fee line names a disease. */
export async function addOutpatientSettlement(
  store: Store,
  s: { psnNo: string; settledAt: string; lineDisease: string | null; category?: string },
): Promise<string> {
  const visitId = await addDischarge(store, {
    psnNo: s.psnNo,
    endTime: s.settledAt,
    diagnoses: [],
    kind: 'outpatient',
    status: 'settled',
  });
  const settlementId = `S${visitId}`;
  await store.db
    .insertInto('fee_lines')
    .values({
      visit_id: visitId,
      line_no: '1',
      batch_no: '1',
      item_code: 'X1',
      institution_item_code: 'X1',
      item_name: '降压药',
      unit_price_fen: 1000,
      quantity: 10_000,
      amount_fen: 1000,
      disease_code: s.lineDisease,
      prescription_no: null,
      fee_time: s.settledAt,
      split: '{}',
      status: 'settled',
      settlement_id: settlementId,
      uploaded_at: s.settledAt,
    })
    .execute();
  await store.db
    .insertInto('settlements')
    .values({
      settlement_id: settlementId,
      group_id: settlementId,
      visit_id: visitId,
      institution_code: 'H34170000001',
      psn_no: s.psnNo,
      insured_region_code: '341700',
      treatment_region_code: '341700',
      insurance_type: '310',
      med_type: '11',
      category: s.category ?? 'general_outpatient',
      disease_code: null,
      situation: 'local',
      clearing_type: 'local',
      year: Number(s.settledAt.slice(0, 4)),
      settled_at: s.settledAt,
      kind: 'settlement',
      reverses_id: null,
      msgid: settlementId,
      total_fen: 1000,
      full_own_pay_fen: 0,
      over_limit_fen: 0,
      class_b_copay_fen: 0,
      in_scope_fen: 1000,
      deductible_fen: 0,
      fund_pay_fen: 0,
      account_pay_fen: 0,
      cash_fen: 1000,
      hospital_part_fen: 0,
      account_balance_after_fen: 0,
      result: '{}',
    })
    .execute();
  return settlementId;
}

/** A clock the test moves by hand. */
export function steppingClock(start: string): { now: () => Date; set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso) => {
      current = new Date(iso);
    },
  };
}

export function contextOf(store: Store, clock: { now: () => Date }): AppContext {
  return { store, now: clock.now };
}
