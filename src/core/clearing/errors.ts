/** The clearing and reconciliation error catalogue (R-S3): stable codes, Chinese messages naming the fix. */
import { type DomainError, domainError } from '../errors.ts';

const RULE = { ruleId: 'R-S3' } as const;

export const ClearingErrorCode = {
  PeriodInvalid: 'CLEARING_PERIOD_INVALID',
  DateInvalid: 'RECONCILIATION_DATE_INVALID',
  DateRangeInvalid: 'RECONCILIATION_DATE_RANGE_INVALID',
  PeriodClosed: 'CLEARING_PERIOD_CLOSED',
  PeriodNotRun: 'CLEARING_PERIOD_NOT_RUN',
  PeriodNotEnded: 'CLEARING_PERIOD_NOT_ENDED',
  DraftStale: 'CLEARING_DRAFT_STALE',
  StatementsUnconfirmed: 'CLEARING_STATEMENTS_UNCONFIRMED',
  StatementNotFound: 'CLEARING_STATEMENT_NOT_FOUND',
  DecisionNotInsuredRegion: 'CLEARING_DECISION_NOT_INSURED_REGION',
  StatementSuperseded: 'CLEARING_STATEMENT_SUPERSEDED',
  StatementAlreadyConfirmed: 'CLEARING_STATEMENT_ALREADY_CONFIRMED',
  StatementAlreadyDisputed: 'CLEARING_STATEMENT_ALREADY_DISPUTED',
  ReasonRequired: 'CLEARING_REASON_REQUIRED',
  AdvanceInvalid: 'CLEARING_ADVANCE_INVALID',
  DuplicateSettlement: 'RECONCILIATION_DUPLICATE_SETTLEMENT',
} as const;

export const clearingErrors = {
  periodInvalid: (given: string, field = 'period'): DomainError =>
    domainError(
      ClearingErrorCode.PeriodInvalid,
      `清算期间 ${field} 的值“${given}”无效，应为 YYYY-MM 格式的年月，例如 2026-10。`,
      { ...RULE, field },
    ),
  dateInvalid: (given: string, field: string): DomainError =>
    domainError(
      ClearingErrorCode.DateInvalid,
      `对账日期 ${field} 的值“${given}”无效，应为 yyyy-MM-dd 格式的真实日期，例如 2026-10-01。`,
      { ...RULE, field },
    ),
  dateRangeInvalid: (begin: string, end: string, maxDays: number): DomainError =>
    domainError(
      ClearingErrorCode.DateRangeInvalid,
      `对账开始日期 ${begin} 不能晚于结束日期 ${end}，且对账区间不能超过 ${maxDays} 天，请调整对账区间。`,
      { ...RULE, field: 'endDate' },
    ),
  periodClosed: (period: string): DomainError =>
    domainError(ClearingErrorCode.PeriodClosed, `清算期间 ${period} 已关账，清算结果不可再变更。`, RULE),
  periodNotRun: (period: string): DomainError =>
    domainError(
      ClearingErrorCode.PeriodNotRun,
      `清算期间 ${period} 尚未运行清算，请先运行清算（yibao clearing run --period ${period}）。`,
      { ...RULE, field: 'period' },
    ),
  periodNotEnded: (period: string, endIso: string): DomainError =>
    domainError(
      ClearingErrorCode.PeriodNotEnded,
      `清算期间 ${period} 尚未结束（北京时间截止于 ${endIso}），期间结束后才能关账。`,
      { ...RULE, field: 'period' },
    ),
  draftStale: (period: string): DomainError =>
    domainError(
      ClearingErrorCode.DraftStale,
      `清算期间 ${period} 的草稿已与当前结算数据不一致（有新的结算、退费或预付金），请重新运行清算并确认清算单后再关账。`,
      RULE,
    ),
  statementsUnconfirmed: (period: string, pending: readonly string[]): DomainError =>
    domainError(
      ClearingErrorCode.StatementsUnconfirmed,
      `清算期间 ${period} 还有 ${pending.length} 张清算单未确认（例如 ${pending.slice(0, 3).join('、')}），全部确认后才能关账。`,
      RULE,
    ),
  statementNotFound: (id: string): DomainError =>
    domainError(ClearingErrorCode.StatementNotFound, `清算单 ${id} 不存在，请核对清算单编号。`, {
      ...RULE,
      field: 'statementId',
    }),
  /** Only the insured region (who pays) confirms or disputes; the treatment region reads. */
  decisionNotInsuredRegion: (id: string): DomainError =>
    domainError(
      ClearingErrorCode.DecisionNotInsuredRegion,
      `清算单 ${id} 只能由参保地经办机构确认或提出争议；就医地可查看并与参保地核对。`,
      { ...RULE, field: 'statementId' },
    ),
  statementSuperseded: (id: string, currentRunId: string): DomainError =>
    domainError(
      ClearingErrorCode.StatementSuperseded,
      `清算单 ${id} 属于已被重新清算替代的草稿，请对最新批次 ${currentRunId} 的清算单进行操作。`,
      { ...RULE, field: 'statementId' },
    ),
  statementAlreadyConfirmed: (id: string): DomainError =>
    domainError(
      ClearingErrorCode.StatementAlreadyConfirmed,
      `清算单 ${id} 已确认，不能再确认或提出争议；如有问题请在下一清算期间通过调整处理。`,
      RULE,
    ),
  statementAlreadyDisputed: (id: string): DomainError =>
    domainError(
      ClearingErrorCode.StatementAlreadyDisputed,
      `清算单 ${id} 已有争议在处理中；争议解决后请确认，或在数据更正后重新运行清算。`,
      RULE,
    ),
  reasonRequired: (): DomainError =>
    domainError(ClearingErrorCode.ReasonRequired, '提出争议时必须填写争议原因 reason（1–500 字）。', {
      ...RULE,
      field: 'reason',
    }),
  advanceInvalid: (field: string, why: string): DomainError =>
    domainError(ClearingErrorCode.AdvanceInvalid, `预付金记录的字段 ${field} 无效：${why}`, {
      ...RULE,
      field,
    }),
  duplicateSettlement: (settlementId: string): DomainError =>
    domainError(
      ClearingErrorCode.DuplicateSettlement,
      `对账明细中结算ID ${settlementId} 出现了多次，每笔结算只能上报一行，请去重后重新对账。`,
      { ...RULE, field: 'items' },
    ),
};
