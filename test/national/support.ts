/**
 * Test support for the national interface: minimal reference data (regions, institutions, persons,
 * catalog, policies) inserted directly, and a small HIS client that builds envelopes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.ts';

export const LOCAL_REGION = '420100'; // 武汉, 湖北
export const IN_PROVINCE_REGION = '420500'; // 宜昌, 湖北
export const OTHER_PROVINCE_REGION = '341700'; // 池州, 安徽
export const HOSPITAL = 'H42010000001';
export const OTHER_HOSPITAL = 'H42010000002';

export const PERSONS = {
  local: {
    psnNo: '42010000000000000001',
    certNo: '420100199001010011',
    card: 'C42010001',
    region: LOCAL_REGION,
  },
  inProvince: {
    psnNo: '42050000000000000002',
    certNo: '420500196001010022',
    card: 'C42050002',
    region: IN_PROVINCE_REGION,
  },
  crossProvince: {
    psnNo: '34170000000000000003',
    certNo: '341700198501010033',
    card: 'C34170003',
    region: OTHER_PROVINCE_REGION,
  },
  crossProvinceUnfiled: {
    psnNo: '34170000000000000004',
    certNo: '341700197501010044',
    card: 'C34170004',
    region: OTHER_PROVINCE_REGION,
  },
} as const;

/** Catalog of the treatment region 420100: class A drug, class B drug (10 % copay), class C item, limited item. */
export const ITEMS = {
  classA: 'XA01AAA001',
  classB: 'XB02BBB002',
  classC: 'XC03CCC003',
  limited: 'XD04DDD004',
  hypertension: 'XC09CAA005',
} as const;

export async function seedReference(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('regions')
    .values([
      { code: LOCAL_REGION, name: '武汉市', province_code: '420000', province_name: '湖北省' },
      { code: IN_PROVINCE_REGION, name: '宜昌市', province_code: '420000', province_name: '湖北省' },
      { code: OTHER_PROVINCE_REGION, name: '池州市', province_code: '340000', province_name: '安徽省' },
    ])
    .execute();
  const hospital = {
    region_code: LOCAL_REGION,
    kind: 'hospital',
    level: '3',
    cross_region_networked: 1,
    chronic_diseases: '["M03900","M01600"]',
    employee_outpatient_pooling: 1,
    address: null,
  };
  await db
    .insertInto('institutions')
    .values([
      { code: HOSPITAL, name: '武汉市第一测试医院', ...hospital },
      { code: OTHER_HOSPITAL, name: '武汉市第二测试医院', ...hospital },
    ])
    .execute();
  const person = {
    certificate_type: '01',
    phone: null,
    gender: '1',
    civil_servant: 0,
    assistance_category: 'none',
    status: 'active',
  };
  await db
    .insertInto('persons')
    .values([
      {
        ...person,
        psn_no: PERSONS.local.psnNo,
        name: '测试甲',
        certificate_no: PERSONS.local.certNo,
        social_security_card_no: PERSONS.local.card,
        birth_date: '1990-01-01',
        insured_region_code: LOCAL_REGION,
        insurance_type: '310',
        employment: 'employed',
        account_balance_fen: 100_000,
      },
      {
        ...person,
        psn_no: PERSONS.inProvince.psnNo,
        name: '测试乙',
        certificate_no: PERSONS.inProvince.certNo,
        social_security_card_no: PERSONS.inProvince.card,
        birth_date: '1960-01-01',
        insured_region_code: IN_PROVINCE_REGION,
        insurance_type: '310',
        employment: 'retired',
        account_balance_fen: 50_000,
      },
      {
        ...person,
        psn_no: PERSONS.crossProvince.psnNo,
        name: '测试丙',
        certificate_no: PERSONS.crossProvince.certNo,
        social_security_card_no: PERSONS.crossProvince.card,
        gender: '2',
        birth_date: '1985-01-01',
        insured_region_code: OTHER_PROVINCE_REGION,
        insurance_type: '390',
        employment: 'employed',
        account_balance_fen: 0,
      },
      {
        ...person,
        psn_no: PERSONS.crossProvinceUnfiled.psnNo,
        name: '测试丁',
        certificate_no: PERSONS.crossProvinceUnfiled.certNo,
        social_security_card_no: PERSONS.crossProvinceUnfiled.card,
        birth_date: '1975-01-01',
        insured_region_code: OTHER_PROVINCE_REGION,
        insurance_type: '390',
        employment: 'employed',
        account_balance_fen: 0,
      },
    ])
    .execute();
  const item = { region_code: LOCAL_REGION, valid_from: '2020-01-01', valid_to: null };
  await db
    .insertInto('catalog_items')
    .values([
      {
        ...item,
        code: ITEMS.classA,
        name: '阿莫西林胶囊',
        kind: 'drug',
        catalog_class: '01',
        copay_ratio_bp: 0,
        price_limit_fen: null,
      },
      {
        ...item,
        code: ITEMS.classB,
        name: '头孢克肟片',
        kind: 'drug',
        catalog_class: '02',
        copay_ratio_bp: 1000,
        price_limit_fen: null,
      },
      {
        ...item,
        code: ITEMS.classC,
        name: '营养保健品',
        kind: 'drug',
        catalog_class: '03',
        copay_ratio_bp: 0,
        price_limit_fen: null,
      },
      {
        ...item,
        code: ITEMS.limited,
        name: '一次性输液器',
        kind: 'consumable',
        catalog_class: '01',
        copay_ratio_bp: 0,
        price_limit_fen: 500,
      },
      {
        ...item,
        code: ITEMS.hypertension,
        name: '硝苯地平控释片',
        kind: 'drug',
        catalog_class: '01',
        copay_ratio_bp: 0,
        price_limit_fen: null,
      },
    ])
    .execute();
}

let messageSequence = 0;

/** 门慢特资格: the local person is qualified for M03900 (高血压) since 2026-01-01. */
export async function seedChronicQualification(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('chronic_diseases')
    .values({
      code: 'M03900',
      name: '高血压',
      category_name: '门诊慢特病',
      grant_mode: 'standard',
      cross_province: 1,
      icd10: '["I10"]',
      catalog_version: 'test',
      updated_at: '2026-01-01',
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('chronic_qualifications')
    .values({
      qualification_id: 'Q-TEST-1',
      psn_no: PERSONS.local.psnNo,
      region_code: LOCAL_REGION,
      insurance_type: '310',
      disease_code: 'M03900',
      local_code: null,
      start_date: '2026-01-01',
      end_date: null,
      original_start_date: '2026-01-01',
      source: 'application',
      source_ref: 'test',
      filing_serial: null,
      filing_institution_code: null,
      status: 'active',
      end_reason: null,
      created_at: '2026-01-01T00:00:00+08:00',
      updated_at: '2026-01-01T00:00:00+08:00',
    })
    .execute();
}

/** 异地长期居住备案: the cross-province person filed long-term residence in Wuhan (approved). */
export async function seedLongTermFiling(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('filings')
    .values({
      id: 'F-TEST-1',
      psn_no: PERSONS.crossProvince.psnNo,
      insured_region_code: OTHER_PROVINCE_REGION,
      type: 'long_term_resident',
      target_scope: 'city',
      target_code: LOCAL_REGION,
      channel: 'online',
      status: 'approved',
      valid_from: '2026-01-01',
      valid_to: null,
      submitted_at: '2026-01-01T09:00:00+08:00',
      review_deadline_date: null,
      review_working_days: 2,
      approved_at: '2026-01-01T09:00:00+08:00',
      ended_on: null,
      supersedes: null,
      superseded_by: null,
      referral_disease_code: null,
      referral_institution_code: null,
      rejection_reason: null,
      submitted_by: PERSONS.crossProvince.psnNo,
      person_seq: 1,
    })
    .execute();
}

/** A tiny HIS: builds envelopes like the samples of §5 and posts them. */
export class HisClient {
  signNo: string | null = null;

  constructor(
    private readonly post: (
      body: string,
      path: string,
    ) => Promise<{ status: number; text: string; headers: Record<string, string | undefined> }>,
    readonly institutionCode = HOSPITAL,
    readonly treatmentRegion = LOCAL_REGION,
  ) {}

  /** Unique across clients and runs: institution(12) + 10 digits of the clock + an 8-digit sequence. */
  nextMsgid(): string {
    messageSequence += 1;
    return `${this.institutionCode}${String(Date.now()).slice(-10)}${String(messageSequence).padStart(8, '0')}`;
  }

  envelope(infno: string, input: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      infno,
      msgid: this.nextMsgid(),
      mdtrtarea_admvs: this.treatmentRegion,
      insuplc_admdvs: this.treatmentRegion,
      recer_sys_code: 'YBXT',
      dev_no: 'null',
      dev_safe_info: 'null',
      cainfo: 'null',
      signtype: '',
      infver: 'V1.0',
      opter_type: '1',
      opter: '0053',
      opter_name: '操作员甲',
      inf_time: '2024-05-06 09:30:00',
      fixmedins_code: this.institutionCode,
      fixmedins_name: '武汉市第一测试医院',
      sign_no: this.signNo ?? '',
      input,
      ...extra,
    };
  }

  async send(envelope: Record<string, unknown>, path = '/fsi/api/rsfComIfsService/callService') {
    const res = await this.post(JSON.stringify(envelope), path);
    return { ...res, json: JSON.parse(res.text) as NationalResponse };
  }

  async call(infno: string, input: unknown, extra: Record<string, unknown> = {}) {
    const envelope = this.envelope(infno, input, extra);
    const res = await this.send(envelope);
    return { envelope, ...res };
  }

  async signIn(): Promise<string> {
    const res = await this.call('9001', {
      signIn: { opter_no: '0053', mac: '00-E0-70-64-C3-D2', ip: '192.168.1.1' },
    });
    if (res.json.infcode !== 0) throw new Error(`sign-in failed: ${res.json.err_msg}`);
    this.signNo = (res.json.output as { signinoutb: { sign_no: string } }).signinoutb.sign_no;
    return this.signNo;
  }
}

export interface NationalResponse {
  infcode: number;
  inf_refmsgid: string;
  refmsg_time: string;
  respond_time: string;
  err_msg: string | null;
  warn_msg: string | null;
  output: unknown;
}

/** Posts through Fastify inject (HTTP semantics without a socket). */
export function injector(app: FastifyInstance, contentType = 'text/plain; charset=utf-8') {
  return async (body: string, path: string) => {
    const res = await app.inject({
      method: 'POST',
      url: path,
      payload: body,
      headers: { 'content-type': contentType },
    });
    return {
      status: res.statusCode,
      text: res.body,
      headers: Object.fromEntries(
        Object.entries(res.headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
      ),
    };
  };
}

const POLICY_DIR = resolve(import.meta.dirname, '../../data/examples/policies');

/**
 * The settlement engineer's example policies (data/examples/policies), plus the Wuhan employee policy
 * re-labelled for Yichang (420500) so an in-province cross-region person has an insured-region policy.
 */
export async function seedPolicies(db: Kysely<DB>): Promise<void> {
  const load = (file: string) =>
    JSON.parse(readFileSync(join(POLICY_DIR, file), 'utf8')) as Record<string, unknown>;
  const docs = [
    load('420100-310-employee.demo.json'),
    load('341700-390-resident.demo.json'),
    { ...load('420100-310-employee.demo.json'), regionCode: IN_PROVINCE_REGION, policyId: '420500-310-test' },
  ];
  await db
    .insertInto('benefit_policies')
    .values(
      docs.map((d) => ({
        region_code: String(d.regionCode),
        insurance_type: String(d.insuranceType),
        effective_from: String(d.effectiveFrom),
        effective_to: (d.effectiveTo as string | null) ?? null,
        name: String(d.nameZh),
        document: JSON.stringify(d),
      })),
    )
    .execute();
}

/** A fixed clock inside the example policies' validity: 2026-05-06 09:40:00 China time. */
export const FIXED_NOW = new Date('2026-05-06T01:40:00Z');
