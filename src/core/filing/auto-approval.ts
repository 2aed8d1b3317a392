/**
 * Which filings are approved at once and which wait for an agency reviewer (R-F2). Filing is meant to be
 * easy: what needs no judgement is approved on the spot, and what does is decided within the region's
 * review period (2 working days for online filings), counted on the official calendar.
 */
import type { Calendar, CalendarWarning, IsoDate } from '../calendar/index.ts';
import { type FilingChannel, type FilingPolicy, FilingType, isLongTerm } from './types.ts';

export interface AutoApprovalInput {
  readonly type: FilingType;
  readonly channel: FilingChannel;
  /** 个人承诺 — the person signed a written commitment instead of proving residence. */
  readonly commitmentSigned: boolean;
  /** ISO timestamp of submission; the review deadline counts from its China-local date. */
  readonly submittedAt: string;
}

/** 审核决定 — approve at once, or queue for the agency with a deadline. */
export type ApprovalDecision =
  | { readonly kind: 'approve'; readonly reason: string; readonly ruleId: string }
  | {
      readonly kind: 'queue';
      readonly reason: string;
      readonly ruleId: 'R-F2';
      readonly deadlineDate: IsoDate;
      readonly warnings: readonly CalendarWarning[];
    };

function approveReason(
  input: AutoApprovalInput,
  policy: FilingPolicy,
): { reason: string; ruleId: string } | null {
  if (input.channel === 'window') return { reason: '窗口经办人员当场审核办结。', ruleId: 'R-F2' };
  if (input.type === FilingType.Emergency) {
    return { reason: '急诊抢救视同已备案，补办备案即时通过。', ruleId: 'R-F4' };
  }
  if (input.type === FilingType.Referral) {
    if (input.channel === 'institution')
      return { reason: '定点医疗机构办理的转诊备案即时通过。', ruleId: 'R-F6' };
    if (policy.autoApprove.referralOnline)
      return { reason: '转诊条件已满足，线上备案即时通过。', ruleId: 'R-F6' };
    return null;
  }
  if (isLongTerm(input.type)) {
    return input.commitmentSigned && policy.autoApprove.longTermOnCommitment
      ? { reason: '已签署个人承诺书，长期备案即时通过。', ruleId: 'R-F1' }
      : null;
  }
  return policy.autoApprove.otherTemporary ? { reason: '临时外出就医备案即时通过。', ruleId: 'R-F1' } : null;
}

export function decideAutoApproval(
  input: AutoApprovalInput,
  policy: FilingPolicy,
  calendar: Calendar,
): ApprovalDecision {
  const approved = approveReason(input, policy);
  if (approved !== null) return { kind: 'approve', ...approved };
  const due = calendar.deadlineFrom(input.submittedAt, policy.reviewWorkingDays);
  return {
    kind: 'queue',
    reason: `需经办机构审核，应于 ${due.date} 前（${policy.reviewWorkingDays} 个工作日内）办结。`,
    ruleId: 'R-F2',
    deadlineDate: due.date,
    warnings: due.warnings,
  };
}
