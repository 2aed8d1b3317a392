/**
 * A small world for web tests: three regions in two provinces, a few institutions, two insured persons,
 * a catalog, a demo employee policy, one cross-region settlement computed by the real settlement core,
 * one cross-region visit that did not settle directly, and a demo staff account per region.
 */
import { fen, quantity } from '../../src/core/money/index.ts';
import { validatePolicy } from '../../src/core/policy/index.ts';
import type { MedicalType } from '../../src/core/reference/codes.ts';
import type { CatalogItem, Institution, Person } from '../../src/core/reference/types.ts';
import { settle } from '../../src/core/settlement/index.ts';
import type { AppContext } from '../../src/service/context.ts';
import { seedDemoStaffAccounts } from '../../src/service/staff-login.ts';

export const PERSON = {
  psnNo: 'PSN0001',
  certificateNo: '34170219800101123X',
  phone: '13800001234',
  name: '张三',
};
export const OTHER_PERSON = {
  psnNo: 'PSN0002',
  certificateNo: '420102199002021234',
  phone: '13900005678',
  name: '李四',
};
export const SETTLEMENT_ID = 'SETL-WEB-0001';
export const OTHER_SETTLEMENT_ID = 'SETL-WEB-0002';

const REGIONS = [
  { code: '341700', name: '池州市', province_code: '340000', province_name: '安徽省' },
  { code: '340100', name: '合肥市', province_code: '340000', province_name: '安徽省' },
  { code: '420100', name: '武汉市', province_code: '420000', province_name: '湖北省' },
];

const INSTITUTIONS = [
  {
    code: 'H34170000001',
    name: '池州市人民医院',
    region_code: '341700',
    kind: 'hospital',
    level: '3',
    cross_region_networked: 1,
    chronic_diseases: '["M03900","M01600"]',
    employee_outpatient_pooling: 1,
    address: '池州市贵池区长江中路',
  },
  {
    code: 'P34170000002',
    name: '池州百姓大药房',
    region_code: '341700',
    kind: 'pharmacy',
    level: '0',
    cross_region_networked: 1,
    chronic_diseases: '[]',
    employee_outpatient_pooling: 1,
    address: '池州市秋浦西路',
  },
  {
    code: 'H34010000001',
    name: '合肥市第二人民医院',
    region_code: '340100',
    kind: 'hospital',
    level: '2',
    cross_region_networked: 0,
    chronic_diseases: '[]',
    employee_outpatient_pooling: 0,
    address: null,
  },
  {
    code: 'H42010000001',
    name: '武汉协和医院',
    region_code: '420100',
    kind: 'hospital',
    level: '3',
    cross_region_networked: 1,
    chronic_diseases: '["M00500","M07801"]',
    employee_outpatient_pooling: 1,
    address: '武汉市江汉区解放大道',
  },
  {
    code: 'P42010000009',
    name: '武汉江城药店',
    region_code: '420100',
    kind: 'pharmacy',
    level: '0',
    cross_region_networked: 1,
    chronic_diseases: '[]',
    employee_outpatient_pooling: 0,
    address: null,
  },
];

function catalogRows(region: string) {
  return [
    {
      code: 'XA01',
      name: '阿莫西林胶囊',
      kind: 'drug',
      catalog_class: '01',
      copay_ratio_bp: 0,
      price_limit_fen: null,
    },
    {
      code: 'XB02',
      name: '注射用头孢曲松钠',
      kind: 'drug',
      catalog_class: '02',
      copay_ratio_bp: 1000,
      price_limit_fen: null,
    },
    {
      code: 'CB03',
      name: '冠脉支架',
      kind: 'consumable',
      catalog_class: '02',
      copay_ratio_bp: 2000,
      price_limit_fen: 100000,
    },
    {
      code: 'SC04',
      name: '特需病房床位费',
      kind: 'service_item',
      catalog_class: '03',
      copay_ratio_bp: 0,
      price_limit_fen: null,
    },
    {
      code: 'SA05',
      name: '普通门诊诊查费',
      kind: 'service_item',
      catalog_class: '01',
      copay_ratio_bp: 0,
      price_limit_fen: null,
    },
  ].map((r) => ({ ...r, region_code: region, valid_from: '2020-01-01', valid_to: null }));
}

export const POLICY = {
  policyId: 'CZ-310',
  version: '2026.1',
  regionCode: '341700',
  insuranceType: '310',
  nameZh: '池州市职工基本医疗保险待遇（演示）',
  demo: true,
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  caps: [{ capId: 'annual', nameZh: '统筹基金年度最高支付限额', amountFen: 40_000_000, perDisease: false }],
  rules: [
    {
      ruleId: 'inpatient',
      nameZh: '住院',
      when: { medicalTypes: ['21'] },
      deductible: { kind: 'per_admission', amountsFen: [80_000, 40_000] },
      bands: [{ uptoFen: null, ratioBp: 8500 }],
      capIds: ['annual'],
    },
    {
      ruleId: 'outpatient',
      nameZh: '普通门诊',
      when: { medicalTypes: ['11', '13', '14', '41'] },
      deductible: { kind: 'annual', groupId: 'op', amountFen: 20_000, perDisease: false },
      bands: [{ uptoFen: null, ratioBp: 6000 }],
      capIds: ['annual'],
    },
  ],
  adjustments: [
    {
      adjustmentId: 'temp',
      nameZh: '临时外出就医未转诊',
      when: { situations: ['other_temporary'] },
      ratioDeltaBp: -1000,
      notPayable: false,
    },
  ],
  seriousIllness: null,
  largeAmount: null,
  civilServant: null,
  medicalAssistance: null,
  personalAccount: { medicalTypes: ['11', '13', '14', '21', '41'], scope: 'in_scope_personal' },
};

/** The demo policy, as the insured region `region` publishes it. */
export function policyOf(region: string) {
  return region === POLICY.regionCode
    ? POLICY
    : {
        ...POLICY,
        policyId: `P-${region}-310`,
        regionCode: region,
        nameZh: `${region} 职工基本医疗保险待遇（演示）`,
      };
}

function personRow(p: typeof PERSON, region: string, insuranceType: string, balanceFen: number) {
  return {
    psn_no: p.psnNo,
    name: p.name,
    certificate_type: '01',
    certificate_no: p.certificateNo,
    social_security_card_no: null,
    phone: p.phone,
    gender: '1',
    birth_date: '1980-01-01',
    insured_region_code: region,
    insurance_type: insuranceType,
    employment: 'employed',
    civil_servant: 0,
    assistance_category: 'none',
    status: 'active',
    account_balance_fen: balanceFen,
  };
}

/** 'YYYY-MM-DDTHH:mm:ss' in China time, `daysAgo` days before now. */
function chinaLocal(now: Date, daysAgo: number): string {
  return new Date(now.getTime() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 19);
}

async function postSettlement(
  ctx: AppContext,
  args: {
    id: string;
    visitId: string;
    psn: typeof PERSON;
    insured: string;
    institution: (typeof INSTITUTIONS)[number];
    settledAt: string;
  },
) {
  const db = ctx.store.db;
  const policy = validatePolicy(policyOf(args.insured));
  if (!policy.ok) throw new Error(`fixture policy invalid: ${policy.error.message}`);
  const person: Person = {
    personNo: args.psn.psnNo,
    name: args.psn.name,
    certificateType: '01',
    certificateNo: args.psn.certificateNo,
    gender: '1',
    birthDate: '1980-01-01',
    insuredRegionCode: args.insured,
    insuranceType: '310',
    employment: 'employed',
    civilServant: false,
    assistanceCategory: 'none',
    status: 'active',
    accountBalanceFen: fen(200_000),
  };
  const inst = args.institution;
  const institution: Institution = {
    code: inst.code,
    name: inst.name,
    regionCode: inst.region_code,
    kind: inst.kind as Institution['kind'],
    level: inst.level as Institution['level'],
    crossRegionNetworked: true,
    chronicDiseases: [],
    employeeOutpatientPooling: true,
  };
  const items = new Map<string, CatalogItem>(
    catalogRows(inst.region_code).map((r) => [
      r.code,
      {
        regionCode: r.region_code,
        code: r.code,
        name: r.name,
        kind: r.kind as CatalogItem['kind'],
        catalogClass: r.catalog_class as CatalogItem['catalogClass'],
        copayRatioBp: r.copay_ratio_bp as CatalogItem['copayRatioBp'],
        priceLimitFen: r.price_limit_fen === null ? null : fen(r.price_limit_fen),
        validFrom: r.valid_from,
        validTo: r.valid_to,
      },
    ]),
  );
  const line = (no: string, code: string, priceFen: number, qty: number) => ({
    lineNo: no,
    itemCode: code,
    unitPriceFen: fen(priceFen),
    quantity: quantity(qty * 10_000),
    amountFen: fen(priceFen * qty),
  });
  const result = settle({
    settlementId: args.id,
    settledAt: args.settledAt,
    person,
    institution,
    medicalType: '21' as MedicalType,
    situation: 'cross_province_long_term',
    chronicDiseases: [],
    feeLines: [
      line('1', 'XA01', 2000, 10),
      line('2', 'XB02', 5880, 5),
      line('3', 'CB03', 125_000, 2),
      line('4', 'SC04', 35_000, 1),
    ],
    catalog: (code) => items.get(code),
    policy: policy.value,
    accumulators: {},
    useAccount: true,
  });
  if (!result.ok) throw new Error(`fixture settlement failed: ${result.error.message}`);
  const r = result.value;
  const t = r.totals;
  await db
    .insertInto('visits')
    .values({
      visit_id: args.visitId,
      institution_code: inst.code,
      psn_no: args.psn.psnNo,
      insured_region_code: args.insured,
      treatment_region_code: inst.region_code,
      insurance_type: '310',
      kind: 'inpatient',
      med_type: '21',
      hospital_visit_no: `${args.visitId}-HIS`,
      certificate_type: '02',
      begin_time: args.settledAt,
      end_time: args.settledAt,
      status: 'settled',
      created_at: args.settledAt,
    })
    .execute();
  await db
    .insertInto('settlements')
    .values({
      settlement_id: args.id,
      group_id: args.id,
      visit_id: args.visitId,
      institution_code: inst.code,
      psn_no: args.psn.psnNo,
      insured_region_code: args.insured,
      treatment_region_code: inst.region_code,
      insurance_type: '310',
      med_type: '21',
      category: 'inpatient',
      disease_code: null,
      situation: 'cross_province_long_term',
      clearing_type: 'cross_province',
      year: r.year,
      settled_at: args.settledAt,
      kind: 'settlement',
      reverses_id: null,
      msgid: `MSG-${args.id}`,
      total_fen: t.totalFen,
      full_own_pay_fen: t.fullOwnPayFen,
      over_limit_fen: t.overLimitFen,
      class_b_copay_fen: t.classBCopayFen,
      in_scope_fen: t.inScopeFen,
      deductible_fen: t.deductiblePaidFen,
      fund_pay_fen: t.fundTotalFen,
      account_pay_fen: t.accountFen,
      cash_fen: t.cashFen,
      hospital_part_fen: t.hospitalBorneFen,
      account_balance_after_fen: r.accountBalanceAfterFen,
      result: JSON.stringify(r),
    })
    .execute();
  const funds = r.parts.flatMap((p) => p.fundLines);
  if (funds.length > 0) {
    await db
      .insertInto('settlement_funds')
      .values(
        funds.map((f) => ({
          settlement_id: args.id,
          fund_type: f.fundType,
          pay_fen: f.payFen,
          in_scope_fen: f.inScopeFen,
          payable_limit_fen: f.payableLimitFen,
        })),
      )
      .execute();
  }
  return r;
}

export async function seedWebFixture(ctx: AppContext): Promise<void> {
  const db = ctx.store.db;
  const now = ctx.now();
  await db.insertInto('regions').values(REGIONS).execute();
  await db.insertInto('institutions').values(INSTITUTIONS).execute();
  await db
    .insertInto('persons')
    .values([personRow(PERSON, '341700', '310', 200_000), personRow(OTHER_PERSON, '420100', '310', 50_000)])
    .execute();
  for (const region of ['341700', '420100'])
    await db.insertInto('catalog_items').values(catalogRows(region)).execute();
  for (const region of ['341700', '420100']) {
    const policy = policyOf(region);
    await db
      .insertInto('benefit_policies')
      .values({
        region_code: region,
        insurance_type: '310',
        effective_from: policy.effectiveFrom,
        effective_to: null,
        name: policy.nameZh,
        document: JSON.stringify(policy),
      })
      .execute();
  }
  await postSettlement(ctx, {
    id: SETTLEMENT_ID,
    visitId: 'VISIT-WEB-0001',
    psn: PERSON,
    insured: '341700',
    institution: INSTITUTIONS[3]!,
    settledAt: chinaLocal(now, 3),
  });
  await postSettlement(ctx, {
    id: OTHER_SETTLEMENT_ID,
    visitId: 'VISIT-WEB-0002',
    psn: OTHER_PERSON,
    insured: '420100',
    institution: INSTITUTIONS[0]!,
    settledAt: chinaLocal(now, 2),
  });
  // A cross-region visit that was not settled directly: the direct-settlement rate is 1 of 2.
  await db
    .insertInto('visits')
    .values({
      visit_id: 'VISIT-WEB-0003',
      institution_code: 'H42010000001',
      psn_no: PERSON.psnNo,
      insured_region_code: '341700',
      treatment_region_code: '420100',
      insurance_type: '310',
      kind: 'outpatient',
      med_type: '11',
      hospital_visit_no: 'VISIT-WEB-0003-HIS',
      certificate_type: '02',
      begin_time: chinaLocal(now, 1),
      end_time: null,
      status: 'registered',
      created_at: chinaLocal(now, 1),
    })
    .execute();
  await seedDemoStaffAccounts(ctx);
}

/** The code of the latest SMS to `psnNo`, as the SMS sender would deliver it. */
export async function latestSmsCode(ctx: AppContext, psnNo: string): Promise<string> {
  const rows = await ctx.store.db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', 'sms')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const sms = JSON.parse(row.payload) as { psnNo: string; text: string };
    if (sms.psnNo === psnNo) return /(\d{6})/.exec(sms.text)![1]!;
  }
  throw new Error(`no SMS for ${psnNo}`);
}

/** ISO time with the China offset, `daysAgo` days before the context's now. */
export function chinaTimeDaysAgo(ctx: AppContext, daysAgo: number): string {
  const local = new Date(ctx.now().getTime() - daysAgo * 86_400_000 + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
