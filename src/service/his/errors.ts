/**
 * The HIS-facing business errors: stable codes, Chinese messages that say what is wrong and how to fix
 * it. Fields are named in domain terms inside «…» (e.g. «visitId»); each edge replaces the marker with
 * its own name for the field (the national interface: 就诊ID mdtrt_id).
 */
import { type DomainError, domainError } from '../../core/errors.ts';

export const HisErrorCode = {
  InstitutionUnknown: 'INSTITUTION_UNKNOWN',
  InstitutionRegionMismatch: 'INSTITUTION_REGION_MISMATCH',
  SignInRequired: 'SIGN_IN_REQUIRED',
  SignInInvalid: 'SIGN_IN_INVALID',
  SignInEnded: 'SIGN_IN_ENDED',
  ECredentialUnavailable: 'E_CREDENTIAL_UNAVAILABLE',
  ECredentialInvalid: 'E_CREDENTIAL_INVALID',
  PersonNotFound: 'PERSON_NOT_FOUND',
  PersonNotInsured: 'PERSON_NOT_INSURED',
  InsuredRegionMismatch: 'INSURED_REGION_MISMATCH',
  InsuranceTypeMismatch: 'INSURANCE_TYPE_MISMATCH',
  CrossRegionNotNetworked: 'CROSS_REGION_NOT_NETWORKED',
  VisitNotFound: 'VISIT_NOT_FOUND',
  VisitPersonMismatch: 'VISIT_PERSON_MISMATCH',
  VisitState: 'VISIT_STATE_CONFLICT',
  VisitKind: 'VISIT_KIND_MISMATCH',
  HospitalVisitNoMismatch: 'HOSPITAL_VISIT_NO_MISMATCH',
  FeeLineDuplicate: 'FEE_LINE_DUPLICATE',
  FeeLineVisitMismatch: 'FEE_LINE_VISIT_MISMATCH',
  FeeLinesNone: 'FEE_LINES_NONE',
  FeeLineNotFound: 'FEE_LINE_NOT_FOUND',
  TotalMismatch: 'MEDFEE_TOTAL_MISMATCH',
  SettlementNotFound: 'SETTLEMENT_NOT_FOUND',
  SettlementAlreadyCancelled: 'SETTLEMENT_ALREADY_CANCELLED',
  SettlementKind: 'SETTLEMENT_KIND_MISMATCH',
  SettlementNotLatest: 'SETTLEMENT_NOT_LATEST',
  VisitHasSettlements: 'VISIT_HAS_SETTLEMENTS',
  ReversalOriginalNotFound: 'REVERSAL_ORIGINAL_NOT_FOUND',
  ReversalNotReversible: 'REVERSAL_NOT_REVERSIBLE',
  PolicyMissing: 'POLICY_MISSING',
  PolicyInvalid: 'POLICY_INVALID',
} as const;

const F = (field: string) => `«${field}»`;

export const hisErrors = {
  institutionUnknown: (code: string): DomainError =>
    domainError(
      HisErrorCode.InstitutionUnknown,
      `定点医药机构编号 ${F('institutionCode')} “${code}” 未在本平台登记，请核对机构编号，或联系医保经办机构办理接入。`,
      { field: 'institutionCode' },
    ),
  institutionRegionMismatch: (given: string, own: string): DomainError =>
    domainError(
      HisErrorCode.InstitutionRegionMismatch,
      `就医地医保区划 ${F('treatmentRegionCode')} 填写为 “${given}”，但本机构属于 ${own}；就医地只能填写本机构所在统筹区 ${own}。`,
      { field: 'treatmentRegionCode' },
    ),
  signInRequired: (): DomainError =>
    domainError(
      HisErrorCode.SignInRequired,
      `业务交易需要有效的签到编号 ${F('signNo')}：请先调用 9001 签到，并在之后的每笔交易中填写返回的签到编号。`,
      { field: 'signNo' },
    ),
  signInInvalid: (signNo: string): DomainError =>
    domainError(
      HisErrorCode.SignInInvalid,
      `签到编号 ${F('signNo')} “${signNo}” 不存在或不属于本机构，请重新调用 9001 签到后使用新的签到编号。`,
      { field: 'signNo' },
    ),
  signInEnded: (signNo: string): DomainError =>
    domainError(
      HisErrorCode.SignInEnded,
      `签到编号 ${F('signNo')} “${signNo}” 已签退，不能再用于交易，请重新调用 9001 签到。`,
      { field: 'signNo' },
    ),
  eCredentialUnavailable: (): DomainError =>
    domainError(
      HisErrorCode.ECredentialUnavailable,
      `医保电子凭证核验服务暂不可用，请改用身份证（就诊凭证类型 02）或社会保障卡（03）读取人员信息。`,
      { field: 'certificateType' },
    ),
  eCredentialInvalid: (): DomainError =>
    domainError(
      HisErrorCode.ECredentialInvalid,
      `医保电子凭证令牌 ${F('certificateNo')} 无效或已过期，请让参保人刷新电子凭证二维码后重新扫码。`,
      { field: 'certificateNo' },
    ),
  personNotFound: (how: string): DomainError =>
    domainError(
      HisErrorCode.PersonNotFound,
      `未查到该参保人（${how}），请核对就诊凭证类型和凭证编号；如确属未参保，请按自费就医处理。`,
      { field: 'certificateNo' },
    ),
  personNotInsured: (status: string): DomainError =>
    domainError(
      HisErrorCode.PersonNotInsured,
      `该参保人参保状态为“${status}”，不能享受医保待遇，请按自费处理或请参保人到参保地经办机构核实。`,
      { field: 'personNo' },
    ),
  insuredRegionMismatch: (given: string, actual: string): DomainError =>
    domainError(
      HisErrorCode.InsuredRegionMismatch,
      `参保地医保区划 ${F('insuredRegionCode')} 填写为 “${given}”，但该参保人的参保地是 ${actual}；请按 1101 返回的 insuinfo 参保地填写。`,
      { field: 'insuredRegionCode' },
    ),
  insuranceTypeMismatch: (given: string, actual: string): DomainError =>
    domainError(
      HisErrorCode.InsuranceTypeMismatch,
      `险种类型 ${F('insuranceType')} 填写为 “${given}”，但该参保人的险种是 ${actual}；请按 1101 返回的险种填写。`,
      { field: 'insuranceType' },
    ),
  crossRegionNotNetworked: (): DomainError =>
    domainError(
      HisErrorCode.CrossRegionNotNetworked,
      '本机构尚未开通异地就医直接结算，不能为外地参保人办理医保结算；请按自费处理，参保人可回参保地手工报销。',
      { field: 'insuredRegionCode', ruleId: 'R-R1' },
    ),
  visitNotFound: (visitId: string): DomainError =>
    domainError(
      HisErrorCode.VisitNotFound,
      `就诊ID ${F('visitId')} “${visitId}” 在本机构不存在，请使用挂号（2201）或入院办理（2401）返回的就诊ID。`,
      { field: 'visitId' },
    ),
  visitPersonMismatch: (visitId: string): DomainError =>
    domainError(
      HisErrorCode.VisitPersonMismatch,
      `就诊ID “${visitId}” 不属于人员编号 ${F('personNo')} 所指的参保人，请核对人员编号与就诊ID。`,
      { field: 'personNo' },
    ),
  visitState: (visitId: string, statusZh: string, action: string): DomainError =>
    domainError(HisErrorCode.VisitState, `就诊 “${visitId}” 当前状态为“${statusZh}”，不能${action}。`, {
      field: 'visitId',
    }),
  visitKind: (visitId: string, expectedZh: string): DomainError =>
    domainError(
      HisErrorCode.VisitKind,
      `就诊 “${visitId}” 不是${expectedZh}，请使用对应的交易（门诊 22xx，住院 23xx/24xx）。`,
      { field: 'visitId' },
    ),
  hospitalVisitNoMismatch: (given: string): DomainError =>
    domainError(
      HisErrorCode.HospitalVisitNoMismatch,
      `住院/门诊号 ${F('hospitalVisitNo')} “${given}” 与该就诊登记时的院内流水号不一致，请核对。`,
      { field: 'hospitalVisitNo' },
    ),
  feeLineDuplicate: (lineNo: string): DomainError =>
    domainError(
      HisErrorCode.FeeLineDuplicate,
      `费用明细流水号 ${F('lineNo')} “${lineNo}” 在本次就诊中已上传过；如需更正，请先撤销该明细（2205/2302）再重新上传，或使用新的流水号。`,
      { field: 'lineNo' },
    ),
  feeLineVisitMismatch: (lineNo: string): DomainError =>
    domainError(
      HisErrorCode.FeeLineVisitMismatch,
      `费用明细 “${lineNo}” 的就诊ID ${F('visitId')} 或人员编号与同批次其他明细不一致；一次上传只能包含同一就诊的明细。`,
      { field: 'visitId' },
    ),
  feeLinesNone: (): DomainError =>
    domainError(
      HisErrorCode.FeeLinesNone,
      '本次就诊没有待结算的费用明细，请先上传费用明细（2204/2301）再结算。',
      { field: 'visitId' },
    ),
  feeLineNotFound: (lineNo: string): DomainError =>
    domainError(
      HisErrorCode.FeeLineNotFound,
      `费用明细流水号 ${F('lineNo')} “${lineNo}” 不存在或已结算，不能撤销；已结算的明细请先撤销结算。`,
      { field: 'lineNo' },
    ),
  totalMismatch: (givenYuan: string, actualYuan: string): DomainError =>
    domainError(
      HisErrorCode.TotalMismatch,
      `医疗费总额 ${F('totalFen')} 填写为 ${givenYuan} 元，但已上传待结算明细合计 ${actualYuan} 元；请核对明细后按合计金额结算。`,
      { field: 'totalFen', ruleId: 'R-M1' },
    ),
  settlementNotFound: (id: string): DomainError =>
    domainError(
      HisErrorCode.SettlementNotFound,
      `结算ID ${F('settlementId')} “${id}” 在本机构该就诊下不存在，请使用结算交易返回的结算ID。`,
      { field: 'settlementId' },
    ),
  settlementAlreadyCancelled: (id: string): DomainError =>
    domainError(HisErrorCode.SettlementAlreadyCancelled, `结算 “${id}” 已经撤销过，不能重复撤销。`, {
      field: 'settlementId',
    }),
  settlementKind: (id: string, expectedZh: string): DomainError =>
    domainError(HisErrorCode.SettlementKind, `结算 “${id}” 不是${expectedZh}，请使用对应的撤销交易。`, {
      field: 'settlementId',
    }),
  settlementNotLatest: (id: string): DomainError =>
    domainError(
      HisErrorCode.SettlementNotLatest,
      `结算 “${id}” 之后该参保人同一就诊还有未撤销的结算；请按时间倒序先撤销较晚的结算（规则 R-C3）。`,
      { field: 'settlementId', ruleId: 'R-C3' },
    ),
  visitHasSettlements: (visitId: string): DomainError =>
    domainError(
      HisErrorCode.VisitHasSettlements,
      `就诊 “${visitId}” 已有结算，不能撤销登记；请先撤销结算。`,
      { field: 'visitId' },
    ),
  reversalOriginalNotFound: (msgid: string): DomainError =>
    domainError(
      HisErrorCode.ReversalOriginalNotFound,
      `原发送方报文ID ${F('originalMsgid')} “${msgid}” 在本机构没有可冲正的交易记录；请核对原交易的报文ID（msgid）。`,
      { field: 'originalMsgid' },
    ),
  reversalNotReversible: (operation: string, why: string): DomainError =>
    domainError(HisErrorCode.ReversalNotReversible, `原交易 ${operation} 不能冲正：${why}`, {
      field: 'originalOperation',
    }),
  policyMissing: (region: string, insuranceType: string, date: string): DomainError =>
    domainError(
      HisErrorCode.PolicyMissing,
      `参保地 ${region} 险种 ${insuranceType} 在 ${date} 没有生效的待遇政策，暂不能结算；请联系参保地医保经办机构。`,
      { ruleId: 'R-M4' },
    ),
};

/** Chinese names of visit statuses, for messages. */
export const visitStatusZh: Record<string, string> = {
  registered: '已挂号',
  admitted: '在院',
  discharged: '已出院',
  settled: '已结算',
  cancelled: '已撤销',
};
