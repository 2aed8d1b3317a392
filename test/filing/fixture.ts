/**
 * A store with the regions and persons the filing tests need, and a settable clock.
 * 池州 341700 (Anhui) insures P1 and P2; 合肥 340100 is in the same province; 武汉 420100 insures W1;
 * 郑州 410100 is another province again.
 */

import type { AppContext } from '../../src/service/context.ts';
import type { StaffCaller } from '../../src/service/filing/index.ts';
import type { DialectName } from '../../src/store/database.ts';
import { openTestStore } from '../support/stores.ts';

export const CHIZHOU = '341700';
export const HEFEI = '340100';
export const WUHAN = '420100';
export const ZHENGZHOU = '410100';

export const chizhouStaff: StaffCaller = { role: 'staff', username: 'cz-staff', regionCode: CHIZHOU };
export const wuhanStaff: StaffCaller = { role: 'staff', username: 'wh-staff', regionCode: WUHAN };

export interface FilingFixture {
  readonly ctx: AppContext;
  /** Moves the clock: an ISO timestamp (China time when written with +08:00). */
  setNow(iso: string): void;
  close(): Promise<void>;
}

const REGIONS = [
  { code: CHIZHOU, name: '池州市', province_code: '340000', province_name: '安徽省' },
  { code: HEFEI, name: '合肥市', province_code: '340000', province_name: '安徽省' },
  { code: WUHAN, name: '武汉市', province_code: '420000', province_name: '湖北省' },
  { code: ZHENGZHOU, name: '郑州市', province_code: '410000', province_name: '河南省' },
];

function person(psnNo: string, name: string, certificateNo: string, region: string, status = 'active') {
  return {
    psn_no: psnNo,
    name,
    certificate_type: '01',
    certificate_no: certificateNo,
    social_security_card_no: null,
    phone: null,
    gender: '1',
    birth_date: '1960-01-01',
    insured_region_code: region,
    insurance_type: '310',
    employment: 'retired',
    civil_servant: 0,
    assistance_category: 'none',
    status,
    account_balance_fen: 0,
  };
}

export async function openFilingFixture(dialect: DialectName): Promise<FilingFixture> {
  const store = await openTestStore(dialect);
  await store.db.insertInto('regions').values(REGIONS).execute();
  await store.db
    .insertInto('persons')
    .values([
      person('P1', '张三', '341702196001011234', CHIZHOU),
      person('P2', '李四', '341702196001015678', CHIZHOU),
      person('P3', '王五', '341702196001019999', CHIZHOU, 'suspended'),
      person('W1', '赵六', '420102196001011111', WUHAN),
    ])
    .execute();
  await store.db
    .insertInto('institutions')
    .values(
      ['H42010000001', 'H34170000001'].map((code) => ({
        code,
        name: code.startsWith('H42') ? '武汉协和医院' : '池州市人民医院',
        region_code: code.startsWith('H42') ? WUHAN : CHIZHOU,
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      })),
    )
    .execute();
  let now = new Date('2026-03-02T09:00:00+08:00');
  return {
    ctx: { store, now: () => now },
    setNow(iso) {
      now = new Date(iso);
    },
    close: () => store.close(),
  };
}

/** An inpatient stay in Wuhan not yet settled (for R-F5: a filing in use cannot be revoked). */
export async function admitInWuhan(fx: FilingFixture, psnNo: string, beginTime: string): Promise<void> {
  await fx.ctx.store.db
    .insertInto('visits')
    .values({
      visit_id: `V-${psnNo}-${beginTime}`,
      institution_code: 'H42010000001',
      psn_no: psnNo,
      insured_region_code: CHIZHOU,
      treatment_region_code: WUHAN,
      insurance_type: '310',
      kind: 'inpatient',
      med_type: '21',
      hospital_visit_no: 'ZY1',
      certificate_type: '02',
      begin_time: beginTime,
      end_time: null,
      status: 'admitted',
      disease_code: null,
      created_at: `${beginTime.slice(0, 10)}T00:00:00.000Z`,
    })
    .execute();
}
