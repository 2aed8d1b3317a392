/**
 * National code tables, with the national code values under English keys
 * (《医疗保障信息平台定点医药机构接口规范》 code tables; see shared/reference/national-interface.md).
 */

/** 险种类型 insutype — insurance type. */
export const InsuranceType = {
  EmployeeBasic: '310',
  ResidentBasic: '390',
} as const;
export type InsuranceType = (typeof InsuranceType)[keyof typeof InsuranceType];

/** 医疗类别 med_type — medical type. */
export const MedicalType = {
  GeneralOutpatient: '11',
  Emergency: '13',
  ChronicOutpatient: '14',
  PharmacyPurchase: '41',
  Inpatient: '21',
} as const;
export type MedicalType = (typeof MedicalType)[keyof typeof MedicalType];

/** 人员证件类型 / 就诊凭证类型 mdtrt_cert_type — certificate type presented at the counter. */
export const CertificateType = {
  ECredential: '01',
  IdCard: '02',
  SocialSecurityCard: '03',
} as const;
export type CertificateType = (typeof CertificateType)[keyof typeof CertificateType];

/** 基金支付类型 fund_pay_type — fund type of a payment line. */
export const FundType = {
  EmployeePooled: '310100',
  PersonalAccount: '310200',
  EmployeeLargeAmount: '330100',
  CivilServantSubsidy: '320100',
  ResidentPooled: '390100',
  ResidentSeriousIllness: '390200',
  MedicalAssistance: '610100',
} as const;
export type FundType = (typeof FundType)[keyof typeof FundType];

/** 医药机构类型 — kind of designated institution. */
export const InstitutionKind = {
  Hospital: 'hospital',
  Pharmacy: 'pharmacy',
  InternetHospital: 'internet_hospital',
} as const;
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind];

/** 医院等级 — hospital level (一级/二级/三级); pharmacies have none. */
export const InstitutionLevel = {
  Level1: '1',
  Level2: '2',
  Level3: '3',
  None: '0',
} as const;
export type InstitutionLevel = (typeof InstitutionLevel)[keyof typeof InstitutionLevel];

/** 目录类别 — catalog item kind. */
export const CatalogKind = {
  Drug: 'drug',
  ServiceItem: 'service_item',
  Consumable: 'consumable',
} as const;
export type CatalogKind = (typeof CatalogKind)[keyof typeof CatalogKind];

/** 收费项目等级 chrgitm_lv — catalog class: 甲 (A), 乙 (B), 丙 (C, out of scope). */
export const CatalogClass = {
  A: '01',
  B: '02',
  C: '03',
} as const;
export type CatalogClass = (typeof CatalogClass)[keyof typeof CatalogClass];

/** 人员类别 — employed or retired. */
export const EmploymentStatus = {
  Employed: 'employed',
  Retired: 'retired',
} as const;
export type EmploymentStatus = (typeof EmploymentStatus)[keyof typeof EmploymentStatus];

/** 参保状态 — insured status. */
export const InsuredStatus = {
  Active: 'active',
  Suspended: 'suspended',
  Terminated: 'terminated',
} as const;
export type InsuredStatus = (typeof InsuredStatus)[keyof typeof InsuredStatus];

/** 医疗救助类别 — medical-assistance category; none when the person is not covered. */
export const AssistanceCategory = {
  None: 'none',
  Extreme: 'extreme_poverty',
  Subsistence: 'subsistence',
  LowIncome: 'low_income',
  Other: 'other',
} as const;
export type AssistanceCategory = (typeof AssistanceCategory)[keyof typeof AssistanceCategory];

/**
 * 异地就医情形 — where and under which filing the person is treated, seen from the insured region
 * (R-F1…R-F8). `unfiled` means a cross-province, non-emergency visit without a filing.
 */
export const CrossRegionSituation = {
  Local: 'local',
  InProvinceExempt: 'in_province_exempt',
  InProvinceFiled: 'in_province_filed',
  CrossProvinceLongTerm: 'cross_province_long_term',
  Referral: 'referral',
  Emergency: 'emergency',
  OtherTemporary: 'other_temporary',
  Unfiled: 'unfiled',
} as const;
export type CrossRegionSituation = (typeof CrossRegionSituation)[keyof typeof CrossRegionSituation];
