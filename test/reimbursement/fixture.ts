/**
 * A store with what manual reimbursement needs: 池州 341700 insures P1 (employee, 2026 demo policy of
 * data/examples/policies); 合肥 340100 (same province) and 武汉 420100 (another province) each have a
 * level-3 hospital and a small catalog; the demo material lists are seeded; the clock is settable.
 */
import { readFileSync } from 'node:fs';
import type { CatalogItem } from '../../src/core/reference/types.ts';
import { seedChronicCatalogIfEmpty } from '../../src/service/chronic/index.ts';
import type { AppContext } from '../../src/service/context.ts';
import { seedMaterialListsIfEmpty } from '../../src/service/reimbursement/index.ts';
import type { DialectName } from '../../src/store/database.ts';
import { openTestStore } from '../support/stores.ts';

export const CHIZHOU = '341700';
export const HEFEI = '340100';
export const WUHAN = '420100';
export const HEFEI_HOSPITAL = 'H34010000001';
export const WUHAN_HOSPITAL = 'H42010000001';

export interface Fixture {
  readonly ctx: AppContext;
  setNow(iso: string): void;
  close(): Promise<void>;
}

export const POLICY_341700_310 = (() => {
  const raw = JSON.parse(
    readFileSync(
      new URL('../../data/examples/policies/341700-310-employee.demo.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;
  delete raw.$comment;
  return raw;
})();

/** The same four catalog entries in both treatment regions (甲, 乙 10 %, 乙 with a price limit, 丙). */
export function catalogOf(region: string): CatalogItem[] {
  const base = { regionCode: region, validFrom: '2024-01-01', validTo: null };
  return [
    {
      ...base,
      code: 'DRUG-A',
      name: '甲类药品',
      kind: 'drug',
      catalogClass: '01',
      copayRatioBp: 0,
      priceLimitFen: null,
    },
    {
      ...base,
      code: 'DRUG-B',
      name: '乙类药品',
      kind: 'drug',
      catalogClass: '02',
      copayRatioBp: 1000,
      priceLimitFen: null,
    },
    {
      ...base,
      code: 'CONS-B',
      name: '乙类耗材（限价）',
      kind: 'consumable',
      catalogClass: '02',
      copayRatioBp: 2000,
      priceLimitFen: 100_000,
    },
    {
      ...base,
      code: 'ITEM-C',
      name: '丙类项目',
      kind: 'service_item',
      catalogClass: '03',
      copayRatioBp: 0,
      priceLimitFen: null,
    },
  ] as CatalogItem[];
}

function person(psnNo: string, name: string, cert: string, region: string, balanceFen = 0) {
  return {
    psn_no: psnNo,
    name,
    certificate_type: '01',
    certificate_no: cert,
    social_security_card_no: null,
    phone: '13800001234',
    gender: '1',
    birth_date: '1970-05-01',
    insured_region_code: region,
    insurance_type: '310',
    employment: 'employed',
    civil_servant: 0,
    assistance_category: 'none',
    status: 'active',
    account_balance_fen: balanceFen,
  };
}

export async function openFixture(dialect: DialectName): Promise<Fixture> {
  const store = await openTestStore(dialect);
  const db = store.db;
  await db
    .insertInto('regions')
    .values([
      { code: CHIZHOU, name: '池州市', province_code: '340000', province_name: '安徽省' },
      { code: HEFEI, name: '合肥市', province_code: '340000', province_name: '安徽省' },
      { code: WUHAN, name: '武汉市', province_code: '420000', province_name: '湖北省' },
    ])
    .execute();
  await db
    .insertInto('institutions')
    .values(
      [
        [HEFEI_HOSPITAL, '合肥市第一人民医院', HEFEI],
        [WUHAN_HOSPITAL, '武汉协和医院', WUHAN],
      ].map(([code, name, region]) => ({
        code: code!,
        name: name!,
        region_code: region!,
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '["M03900"]',
        employee_outpatient_pooling: 1,
        address: null,
      })),
    )
    .execute();
  await db
    .insertInto('persons')
    .values([
      person('P1', '张三丰', '341702197005011234', CHIZHOU, 123_456),
      person('P2', '李四', '341702197005015678', CHIZHOU),
    ])
    .execute();
  for (const region of [HEFEI, WUHAN]) {
    await db
      .insertInto('catalog_items')
      .values(
        catalogOf(region).map((i) => ({
          region_code: i.regionCode,
          code: i.code,
          valid_from: i.validFrom,
          valid_to: i.validTo,
          name: i.name,
          kind: i.kind,
          catalog_class: i.catalogClass,
          copay_ratio_bp: i.copayRatioBp,
          price_limit_fen: i.priceLimitFen,
        })),
      )
      .execute();
  }
  await db
    .insertInto('benefit_policies')
    .values({
      region_code: CHIZHOU,
      insurance_type: '310',
      effective_from: '2026-01-01',
      effective_to: null,
      name: '池州市职工基本医疗保险待遇（演示）',
      document: JSON.stringify(POLICY_341700_310),
    })
    .execute();
  let now = new Date('2026-04-28T09:00:00+08:00');
  const ctx: AppContext = { store, now: () => now };
  await seedChronicCatalogIfEmpty(store);
  await seedMaterialListsIfEmpty(ctx);
  return {
    ctx,
    setNow(iso) {
      now = new Date(iso);
    },
    close: () => store.close(),
  };
}
