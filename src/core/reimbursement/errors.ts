/** Error codes of manual reimbursement (R-R1…R-R3); messages are built where the facts are known. */
import { type DomainError, domainError } from '../errors.ts';

export const ReimbursementErrorCode = {
  InvalidTransition: 'REIMBURSEMENT_INVALID_TRANSITION',
  AlreadyReturned: 'REIMBURSEMENT_ALREADY_RETURNED',
  MissingItemsRequired: 'REIMBURSEMENT_MISSING_ITEMS_REQUIRED',
  MaterialNotInList: 'REIMBURSEMENT_MATERIAL_NOT_IN_LIST',
  MaterialListInvalid: 'REIMBURSEMENT_MATERIAL_LIST_INVALID',
  ReasonRequired: 'REIMBURSEMENT_REASON_REQUIRED',
  AmountInvalid: 'REIMBURSEMENT_AMOUNT_INVALID',
  RecoveryExceedsPaid: 'REIMBURSEMENT_RECOVERY_EXCEEDS_PAID',
  AdjustmentNotReversible: 'REIMBURSEMENT_ADJUSTMENT_NOT_REVERSIBLE',
  NotYourClaim: 'REIMBURSEMENT_NOT_YOUR_CLAIM',
} as const;
export type ReimbursementErrorCode = (typeof ReimbursementErrorCode)[keyof typeof ReimbursementErrorCode];

export const claimStatusNames: Readonly<Record<string, string>> = {
  submitted: '已提交待受理',
  returned: '已退回补正',
  resubmitted: '已补正待受理',
  accepted: '已受理审核中',
  approved: '已核准待支付',
  rejected: '不予报销',
  paid: '已支付',
  withdrawn: '已撤回',
};

export function invalidTransition(action: string, status: string): DomainError {
  return domainError(
    ReimbursementErrorCode.InvalidTransition,
    `报销申请当前状态为“${claimStatusNames[status] ?? status}”，不能${action}。`,
    { ruleId: 'R-R2', field: 'status' },
  );
}

export function reasonRequired(field: string, what: string): DomainError {
  return domainError(
    ReimbursementErrorCode.ReasonRequired,
    `请填写${what}（字段 ${field}），说明须具体明确。`,
    {
      ruleId: 'R-R2',
      field,
    },
  );
}
