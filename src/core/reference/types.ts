/**
 * Reference data the settlement needs: regions, institutions, persons and catalog items.
 * Plain data, shared by every layer; money in integer fen, ratios in basis points.
 */
import type { Fen, RatioBp } from '../money/index.ts';
import type {
  AssistanceCategory,
  CatalogClass,
  CatalogKind,
  EmploymentStatus,
  InstitutionKind,
  InstitutionLevel,
  InsuranceType,
  InsuredStatus,
} from './codes.ts';

/** 6-digit administrative division code (医保区划 admdvs), e.g. '341700' 池州. */
export type RegionCode = string;

/** 统筹区 — pooling region. */
export interface Region {
  readonly code: RegionCode;
  readonly name: string;
  /** Province code: the first two digits followed by 0000, e.g. '340000' 安徽. */
  readonly provinceCode: string;
  readonly provinceName: string;
}

/** 定点医药机构 — designated institution. */
export interface Institution {
  /** National institution code (定点医药机构编号 fixmedins_code), e.g. 'H34170000001'. */
  readonly code: string;
  readonly name: string;
  readonly regionCode: RegionCode;
  readonly kind: InstitutionKind;
  readonly level: InstitutionLevel;
  /** 异地联网 — open for cross-region direct settlement. */
  readonly crossRegionNetworked: boolean;
  /** 门慢特病种 — national chronic-disease codes this institution serves. */
  readonly chronicDiseases: readonly string[];
  /** 职工门诊统筹 — in employee outpatient pooling (pharmacies especially, R-P1). */
  readonly employeeOutpatientPooling: boolean;
}

/** 参保人 — insured person. */
export interface Person {
  /** 人员编号 psn_no. */
  readonly personNo: string;
  readonly name: string;
  /** 人员证件类型 psn_cert_type ('01' 居民身份证 …). */
  readonly certificateType: string;
  /** 证件号码 certno — an ID-card number: mask it everywhere it is not needed whole. */
  readonly certificateNo: string;
  /** 性别 gend: '1' male, '2' female, '0' unknown, '9' unstated. */
  readonly gender: string;
  /** ISO date YYYY-MM-DD. */
  readonly birthDate: string;
  /** 参保地 — insured pooling region. */
  readonly insuredRegionCode: RegionCode;
  readonly insuranceType: InsuranceType;
  readonly employment: EmploymentStatus;
  /** 公务员 — civil-servant subsidy applies. */
  readonly civilServant: boolean;
  readonly assistanceCategory: AssistanceCategory;
  readonly status: InsuredStatus;
  /** 个人账户余额 — personal-account balance (employees). */
  readonly accountBalanceFen: Fen;
}

/** 就医地目录条目 — one item of a treatment region's catalog (R-M2). */
export interface CatalogItem {
  /** Treatment region whose catalog this is. Catalogs are published per province or region. */
  readonly regionCode: RegionCode;
  /** 医保目录编码 — national code of the drug / service item / consumable. */
  readonly code: string;
  readonly name: string;
  readonly kind: CatalogKind;
  /** 甲/乙/丙 as the national chrgitm_lv code. */
  readonly catalogClass: CatalogClass;
  /** 乙类先行自付比例 — class-B copay ratio (0 for 甲 and 丙). */
  readonly copayRatioBp: RatioBp;
  /** 限价 — highest unit price in scope, per unit; null when unlimited. */
  readonly priceLimitFen: Fen | null;
  /** ISO dates; validTo is inclusive, null when open-ended. */
  readonly validFrom: string;
  readonly validTo: string | null;
}
