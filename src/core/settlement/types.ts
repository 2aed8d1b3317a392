/**
 * Settlement inputs and results. Field names are English camelCase in fen; the national layer maps
 * them one-to-one onto the 2207/2304 `setlinfo` and `setldetail` nodes (names in the comments).
 */
import type { CatalogLookup, FeeLine, LineSplit } from '../catalog/index.ts';
import type { Fen, RatioBp } from '../money/index.ts';
import type { BenefitPolicy, CrossRegionSituation } from '../policy/index.ts';
import type { FundType, InstitutionLevel, MedicalType } from '../reference/codes.ts';
import type { Institution, Person } from '../reference/types.ts';
import type { AccumulatorDeltas, Accumulators } from './accumulators.ts';
import type { TraceStep } from './trace.ts';

/** 结算类别 — what one settlement part is, printed on the receipt (R-C2). */
export const SettlementCategory = {
  Inpatient: 'inpatient',
  GeneralOutpatient: 'general_outpatient',
  ChronicOutpatient: 'chronic_outpatient',
  Emergency: 'emergency',
  PharmacyPurchase: 'pharmacy_purchase',
} as const;
export type SettlementCategory = (typeof SettlementCategory)[keyof typeof SettlementCategory];

/**
 * 参保地结算输入 — everything the insured region needs: the treatment side's split lines, the
 * person, the policy version, the year-to-date accumulators and the settlement time. JSON-able,
 * so a settlement can be recomputed later (non-sequential refund) from what was stored.
 */
export interface BenefitsInput {
  readonly settlementId: string;
  /** ISO local date-time, e.g. '2026-03-05T10:30:00' or with '+08:00'; the year and date come from it. */
  readonly settledAt: string;
  readonly person: Person;
  readonly institutionLevel: InstitutionLevel;
  /** 医疗类别 as sent by the institution; outpatient visits are regrouped per chronic disease (R-C2). */
  readonly medicalType: MedicalType;
  readonly situation: CrossRegionSituation;
  /** National chronic-disease codes the person is qualified for (门慢特资格). */
  readonly chronicDiseases: readonly string[];
  readonly lines: readonly LineSplit[];
  readonly policy: BenefitPolicy;
  /** The person-year's accumulators before this settlement. */
  readonly accumulators: Accumulators;
  /** 个人账户使用标志 acct_used_flag. */
  readonly useAccount: boolean;
}

/** 结算输入 — the whole settlement: fee lines split here by the treatment region's catalog. */
export interface SettlementInput extends Omit<BenefitsInput, 'lines' | 'institutionLevel'> {
  readonly institution: Institution;
  readonly feeLines: readonly FeeLine[];
  readonly catalog: CatalogLookup;
}

/** The setlinfo amounts of a part, of a whole settlement, or (negated) of a reversal. */
export interface SettlementAmounts {
  /** medfee_sumamt 医疗费总额 */
  readonly totalFen: Fen;
  /** fulamt_ownpay_amt 全自费金额 */
  readonly fullOwnPayFen: Fen;
  /** overlmt_selfpay 超限价自费费用 */
  readonly overLimitFen: Fen;
  /** preselfpay_amt 先行自付金额 (乙类先行自付) */
  readonly classBCopayFen: Fen;
  /** inscp_scp_amt 符合政策范围金额 */
  readonly inScopeFen: Fen;
  /** act_pay_dedc 实际支付起付线 */
  readonly deductiblePaidFen: Fen;
  /** hifp_pay 基本医疗保险统筹基金支出 */
  readonly pooledFen: Fen;
  /** cvlserv_pay 公务员医疗补助资金支出 */
  readonly civilServantFen: Fen;
  /** hifes_pay 企业补充医疗保险基金支出 (not modelled yet: always 0) */
  readonly enterpriseSupplementFen: Fen;
  /** hifmi_pay 居民大病保险资金支出 */
  readonly seriousIllnessFen: Fen;
  /** hifob_pay 职工大额医疗费用补助基金支出 */
  readonly largeAmountFen: Fen;
  /** maf_pay 医疗救助基金支出 */
  readonly assistanceFen: Fen;
  /** oth_pay 其他支出 (always 0 yet) */
  readonly otherFundFen: Fen;
  /** fund_pay_sumamt 基金支付总额 */
  readonly fundTotalFen: Fen;
  /** psn_part_amt 个人负担总金额 = account + cash */
  readonly personalFen: Fen;
  /** acct_pay 个人账户支出 */
  readonly accountFen: Fen;
  /** psn_cash_pay 个人现金支出 */
  readonly cashFen: Fen;
  /** hosp_part_amt 医院负担金额 (always 0 yet) */
  readonly hospitalBorneFen: Fen;
}

/** setldetail row: one fund's payment. Account payments are not fund rows (see accountFen). */
export interface FundLine {
  /** fund_pay_type 基金支付类型 */
  readonly fundType: FundType;
  /** fund_payamt 基金支付金额 */
  readonly payFen: Fen;
  /** inscp_scp_amt 符合政策范围金额 */
  readonly inScopeFen: Fen;
  /** crt_payb_lmt_amt 本次可支付限额金额: the remaining annual cap, or the computed amount when uncapped. */
  readonly payableLimitFen: Fen;
}

/** 分类结算 — one settlement of a visit: the whole bill, one chronic disease, or the general remainder. */
export interface SettlementPart extends SettlementAmounts {
  readonly partNo: number;
  readonly category: SettlementCategory;
  readonly medicalType: MedicalType;
  /** 病种编码 for chronic parts (R-C1), null otherwise. */
  readonly diseaseCode: string | null;
  /** The policy rule applied, and the adjustments that changed its ratios. */
  readonly policyRuleId: string;
  readonly adjustmentIds: readonly string[];
  /** pool_prop_selfpay 统筹基金支付比例: the ratio of the highest band reached (after adjustments). */
  readonly pooledRatioBp: RatioBp;
  /** balc 余额: the account balance after this part. */
  readonly accountBalanceAfterFen: Fen;
  readonly fundLines: readonly FundLine[];
  readonly lines: readonly LineSplit[];
}

/** 结算结果. Totals are the parts summed; accumulators and trace cover all parts in order. */
export interface SettlementResult {
  readonly settlementId: string;
  readonly settledAt: string;
  /** Accumulator year (the settlement's calendar year). */
  readonly year: number;
  readonly personNo: string;
  readonly insuredRegionCode: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly situation: CrossRegionSituation;
  readonly parts: readonly SettlementPart[];
  readonly totals: SettlementAmounts;
  readonly accountBalanceBeforeFen: Fen;
  readonly accountBalanceAfterFen: Fen;
  readonly accumulatorsBefore: Accumulators;
  readonly accumulatorsAfter: Accumulators;
  readonly accumulatorDeltas: AccumulatorDeltas;
  readonly trace: readonly TraceStep[];
}

/** A stored settlement: what went in (so it can be recomputed) and what came out. */
export interface SettledVisit {
  readonly input: BenefitsInput;
  readonly result: SettlementResult;
}
