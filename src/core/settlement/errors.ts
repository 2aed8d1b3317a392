/**
 * Error codes of the settlement core. Stable codes; Chinese messages naming the field and the fix.
 */
import { type DomainError, domainError } from '../errors.ts';

export const SettlementErrorCode = {
  EmptyBill: 'SETTLEMENT_EMPTY_BILL',
  TimeInvalid: 'SETTLEMENT_TIME_INVALID',
  PolicyRegionMismatch: 'SETTLEMENT_POLICY_REGION_MISMATCH',
  PolicyInsuranceMismatch: 'SETTLEMENT_POLICY_INSURANCE_MISMATCH',
  PolicyNotEffective: 'SETTLEMENT_POLICY_NOT_EFFECTIVE',
  PersonNotActive: 'SETTLEMENT_PERSON_NOT_ACTIVE',
  AccumulatorInvalid: 'SETTLEMENT_ACCUMULATOR_INVALID',
  BalanceInvalid: 'SETTLEMENT_ACCOUNT_BALANCE_INVALID',
  HistoryUnknownSettlement: 'SETTLEMENT_HISTORY_UNKNOWN_ID',
  HistoryOutOfOrder: 'SETTLEMENT_HISTORY_OUT_OF_ORDER',
  HistoryMixedPersonYear: 'SETTLEMENT_HISTORY_MIXED_PERSON_YEAR',
  RefundNotNewest: 'SETTLEMENT_REFUND_NOT_NEWEST',
} as const;

export const settlementErrors = {
  emptyBill: (): DomainError =>
    domainError(
      SettlementErrorCode.EmptyBill,
      '费用明细 lines 为空；请先上传至少一条费用明细再结算（规则 R-M3）',
      {
        ruleId: 'R-M3',
        field: 'lines',
      },
    ),
  timeInvalid: (value: string): DomainError =>
    domainError(
      SettlementErrorCode.TimeInvalid,
      `结算时间 settledAt「${value}」不是 YYYY-MM-DDTHH:mm:ss 格式的有效时间；请按 ISO 8601 填写（规则 R-M6）`,
      { ruleId: 'R-M6', field: 'settledAt' },
    ),
  regionMismatch: (policyRegion: string, personRegion: string): DomainError =>
    domainError(
      SettlementErrorCode.PolicyRegionMismatch,
      `待遇政策属于 ${policyRegion}，参保人参保地 insuredRegionCode 为 ${personRegion}；结算须使用参保地政策（规则 R-M4）`,
      { ruleId: 'R-M4', field: 'policy.regionCode' },
    ),
  insuranceMismatch: (policyType: string, personType: string): DomainError =>
    domainError(
      SettlementErrorCode.PolicyInsuranceMismatch,
      `待遇政策险种为 ${policyType}，参保人险种 insuranceType 为 ${personType}；请选择参保人险种的政策（规则 R-M4）`,
      { ruleId: 'R-M4', field: 'policy.insuranceType' },
    ),
  policyNotEffective: (policyId: string, onDate: string): DomainError =>
    domainError(
      SettlementErrorCode.PolicyNotEffective,
      `待遇政策 ${policyId} 在结算日期 ${onDate} 未生效；请按结算时间选择政策版本（规则 R-M4）`,
      { ruleId: 'R-M4', field: 'policy.effectiveFrom' },
    ),
  personNotActive: (status: string): DomainError =>
    domainError(
      SettlementErrorCode.PersonNotActive,
      `参保人参保状态 status 为 ${status}，不是正常参保，不能享受待遇；请核实参保缴费状态（规则 R-M4）`,
      { ruleId: 'R-M4', field: 'person.status' },
    ),
  accumulatorInvalid: (key: string): DomainError =>
    domainError(
      SettlementErrorCode.AccumulatorInvalid,
      `年度累计 accumulators 的「${key}」不是非负整数；请从结算记录重建该参保人年度累计（规则 R-M6）`,
      { ruleId: 'R-M6', field: `accumulators.${key}` },
    ),
  balanceInvalid: (): DomainError =>
    domainError(
      SettlementErrorCode.BalanceInvalid,
      '个人账户余额 person.accountBalanceFen 不是非负整数（分）；请核对账户余额（规则 R-M5）',
      { ruleId: 'R-M5', field: 'person.accountBalanceFen' },
    ),
  unknownSettlement: (id: string): DomainError =>
    domainError(
      SettlementErrorCode.HistoryUnknownSettlement,
      `结算记录中没有结算 ID「${id}」；请确认要退费的结算属于该参保人本年度（规则 R-C3）`,
      { ruleId: 'R-C3', field: 'refundedId' },
    ),
  outOfOrder: (id: string): DomainError =>
    domainError(
      SettlementErrorCode.HistoryOutOfOrder,
      `结算记录未按结算时间排序（结算 ID「${id}」早于其前一笔）；请按 settledAt 升序提供（规则 R-C3）`,
      { ruleId: 'R-C3', field: 'history' },
    ),
  mixedPersonYear: (id: string): DomainError =>
    domainError(
      SettlementErrorCode.HistoryMixedPersonYear,
      `结算 ID「${id}」不属于同一参保人同一年度；隔笔退费只在一个人员年度内重算（规则 R-M6）`,
      { ruleId: 'R-M6', field: 'history' },
    ),
  refundNotNewest: (id: string, newer: readonly string[]): DomainError =>
    domainError(
      SettlementErrorCode.RefundNotNewest,
      `门诊慢特病结算须按时间倒序退费：结算「${id}」之后还有 ${newer.join('、')}；请先退最新的一笔，或使用隔笔退费（规则 R-C3）`,
      { ruleId: 'R-C3', field: 'refundedId' },
    ),
};
