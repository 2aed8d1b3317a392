/**
 * The benefit-policy model of an insured region (参保地政策, R-M4): plain JSON-able data, versioned by
 * effective date, imported from files and stored as JSON. Amounts are integer fen (`…Fen`), ratios
 * integer basis points (`…Bp`), dates ISO `YYYY-MM-DD` (inclusive at both ends).
 */

import type { Fen, RatioBp } from '../money/index.ts';
import type {
  AssistanceCategory,
  EmploymentStatus,
  InstitutionLevel,
  InsuranceType,
  MedicalType,
} from '../reference/codes.ts';
import { CrossRegionSituation } from '../reference/codes.ts';

/**
 * Which settlements a rule or adjustment applies to. Every present field must match; an absent field
 * matches everything. Age bounds are whole years at the settlement date, inclusive.
 */
export interface RuleSelector {
  readonly medicalTypes?: readonly MedicalType[];
  readonly institutionLevels?: readonly InstitutionLevel[];
  readonly employment?: readonly EmploymentStatus[];
  readonly situations?: readonly CrossRegionSituation[];
  /** National chronic-disease codes (R-C1), for per-disease chronic rules. */
  readonly diseaseCodes?: readonly string[];
  readonly ageMin?: number;
  readonly ageMax?: number;
}

/**
 * 起付标准 — deductible (R-M4). `per_admission` takes the n-th amount for the n-th admission of the
 * year (the last amount repeats); `annual` is shared by every rule naming the same group, per disease
 * when `perDisease` is set.
 */
export type DeductibleSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'per_visit'; readonly amountFen: Fen }
  | { readonly kind: 'per_admission'; readonly amountsFen: readonly Fen[] }
  | {
      readonly kind: 'annual';
      readonly groupId: string;
      readonly amountFen: Fen;
      readonly perDisease: boolean;
    };

/**
 * 分段支付比例 — one amount band. Bands are ordered; a band covers amounts from the previous band's
 * `uptoFen` (or the band's start) up to its own `uptoFen`; the last band is open (`uptoFen: null`).
 */
export interface RatioBand {
  readonly uptoFen: Fen | null;
  readonly ratioBp: RatioBp;
}

/** 年度最高支付限额 — an annual cap of the pooled fund, shared by the rules naming it. */
export interface CapDefinition {
  readonly capId: string;
  readonly nameZh: string;
  readonly amountFen: Fen;
  /** A separate cap for each chronic disease (门慢特病种限额). */
  readonly perDisease: boolean;
}

/**
 * 待遇规则 — one combination of deductible, banded pooled-fund ratio and caps. Bands are measured on
 * the settlement's in-scope amount; the part below the deductible paid is not eligible.
 */
export interface BenefitRule {
  readonly ruleId: string;
  readonly nameZh: string;
  readonly when: RuleSelector;
  readonly deductible: DeductibleSpec;
  readonly bands: readonly RatioBand[];
  /** Every cap must have room; the smallest remaining one binds. */
  readonly capIds: readonly string[];
}

/**
 * 待遇调整 — applies to every settlement it selects, on top of the rule: a ratio change in basis
 * points (e.g. −1000 for temporary trips without referral, R-F8; +500 for retirees), or an explicit
 * "not payable" (e.g. unfiled cross-province visits, R-F1).
 */
export interface PolicyAdjustment {
  readonly adjustmentId: string;
  readonly nameZh: string;
  readonly when: RuleSelector;
  readonly ratioDeltaBp: number;
  readonly notPayable: boolean;
}

/**
 * 城乡居民大病保险 — resident serious-illness insurance: on the accumulated personal in-scope share of
 * the year (合规自付累计, in scope minus the pooled fund) above the threshold, tiered ratios whose
 * `uptoFen` are absolute accumulated amounts, up to an annual cap.
 */
export interface SeriousIllnessSpec {
  readonly medicalTypes: readonly MedicalType[];
  readonly thresholdFen: Fen;
  readonly bands: readonly RatioBand[];
  readonly capFen: Fen;
}

/**
 * 职工大额医疗费用补助 — employee large-amount supplementary: the in-scope base left uncovered when
 * one of `capIds` bound the pooled fund, at a ratio, up to an annual cap.
 */
export interface LargeAmountSpec {
  readonly capIds: readonly string[];
  readonly ratioBp: RatioBp;
  readonly capFen: Fen;
}

/** 公务员医疗补助 — a ratio of the in-scope personal share left after the basic and supplementary funds. */
export interface CivilServantSpec {
  readonly medicalTypes: readonly MedicalType[];
  readonly ratioBp: RatioBp;
  readonly capFen: Fen | null;
}

/** One assistance category's ratio and annual cap. */
export interface AssistanceCategoryRule {
  readonly category: Exclude<AssistanceCategory, 'none'>;
  readonly ratioBp: RatioBp;
  readonly capFen: Fen;
}

/** 医疗救助 — a ratio of the in-scope personal share left after every insurance fund, per category. */
export interface MedicalAssistanceSpec {
  readonly medicalTypes: readonly MedicalType[];
  readonly categories: readonly AssistanceCategoryRule[];
}

/**
 * 个人账户 — what the employee account may pay: `in_scope_personal` is the in-scope personal share
 * plus the class-B copay (起付线 + 统筹自付 + 乙类先行自付, examples/settlement E-2); `all_personal`
 * is every yuan the person owes.
 */
export interface PersonalAccountSpec {
  readonly medicalTypes: readonly MedicalType[];
  readonly scope: 'in_scope_personal' | 'all_personal';
}

/** 基本医疗保险待遇政策 — one version of an insured region's policy for one insurance type. */
export interface BenefitPolicy {
  readonly policyId: string;
  readonly version: string;
  readonly regionCode: string;
  readonly insuranceType: InsuranceType;
  readonly nameZh: string;
  /** Plausible parameters for demonstration, not an official policy. */
  readonly demo: boolean;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly caps: readonly CapDefinition[];
  readonly rules: readonly BenefitRule[];
  readonly adjustments: readonly PolicyAdjustment[];
  readonly seriousIllness: SeriousIllnessSpec | null;
  readonly largeAmount: LargeAmountSpec | null;
  readonly civilServant: CivilServantSpec | null;
  readonly medicalAssistance: MedicalAssistanceSpec | null;
  readonly personalAccount: PersonalAccountSpec | null;
}

/** What the rule resolution looks at. */
export interface RuleContext {
  readonly medicalType: MedicalType;
  readonly institutionLevel: InstitutionLevel;
  readonly employment: EmploymentStatus;
  readonly situation: CrossRegionSituation;
  readonly ageYears: number;
  readonly diseaseCode: string | null;
}

/** The rule that applies, with the adjustments that matched folded into one ratio delta. */
export interface ResolvedRule {
  readonly policyId: string;
  readonly version: string;
  readonly rule: BenefitRule;
  readonly adjustmentIds: readonly string[];
  readonly ratioDeltaBp: number;
}

export { CrossRegionSituation };
