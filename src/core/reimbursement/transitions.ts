/**
 * The claim state machine: (claim, event, now) → claim + effects.
 *   submitted → returned (ONCE, with the exact missing items) → resubmitted
 *   submitted | resubmitted → accepted (deadline fixed) → approved (amount) | rejected (reason) → paid
 *   submitted | returned | resubmitted → withdrawn (by the person); rejected may come before acceptance
 * The deadline is provisional until acceptance and fixed by it (R-R2). Every move joins the history.
 */
import { type Calendar, chinaDateOf } from '../calendar/index.ts';
import { domainError, err, ok, type Result } from '../errors.ts';
import { type Fen, formatYuan } from '../money/index.ts';
import { claimDeadline } from './deadline.ts';
import { claimStatusNames, invalidTransition, ReimbursementErrorCode, reasonRequired } from './errors.ts';
import { checkWithinList, missingMaterials } from './materials.ts';
import {
  type Claim,
  type ClaimActor,
  type ClaimEffect,
  type ClaimHistoryEntry,
  ClaimStatus,
  OPEN_CLAIM_STATUSES,
} from './types.ts';

export type ClaimEvent =
  | { readonly kind: 'provide_materials'; readonly actor: ClaimActor; readonly codes: readonly string[] }
  | {
      readonly kind: 'return';
      readonly actor: ClaimActor;
      readonly missing: readonly string[];
      readonly note?: string;
    }
  | { readonly kind: 'resubmit'; readonly actor: ClaimActor }
  | { readonly kind: 'accept'; readonly actor: ClaimActor }
  | {
      readonly kind: 'approve';
      readonly actor: ClaimActor;
      readonly approvedFen: Fen;
      readonly note?: string;
    }
  | { readonly kind: 'reject'; readonly actor: ClaimActor; readonly reason: string }
  | { readonly kind: 'pay'; readonly actor: ClaimActor; readonly paymentRef: string }
  | { readonly kind: 'withdraw'; readonly actor: ClaimActor; readonly reason?: string };

export interface ClaimTransition {
  readonly claim: Claim;
  readonly effects: readonly ClaimEffect[];
}

const ALLOWED: Readonly<Record<ClaimEvent['kind'], readonly ClaimStatus[]>> = {
  provide_materials: ['submitted', 'returned', 'resubmitted'],
  return: ['submitted'],
  resubmit: ['returned'],
  accept: ['submitted', 'resubmitted'],
  approve: ['accepted'],
  reject: ['submitted', 'resubmitted', 'accepted'],
  pay: ['approved'],
  withdraw: ['submitted', 'returned', 'resubmitted'],
};

/** Who may do what: the person files and fixes; the insured region's agency decides and pays. */
const BY_PERSON = new Set<ClaimEvent['kind']>(['provide_materials', 'resubmit', 'withdraw']);
const BY_AGENCY = new Set<ClaimEvent['kind']>([
  'provide_materials',
  'return',
  'accept',
  'approve',
  'reject',
  'pay',
  'withdraw',
]);

const ACTION_ZH: Readonly<Record<ClaimEvent['kind'], string>> = {
  provide_materials: '补充材料',
  return: '退回补正',
  resubmit: '重新提交',
  accept: '受理',
  approve: '核准报销',
  reject: '不予报销',
  pay: '登记支付',
  withdraw: '撤回',
};

function notAllowedFor(claim: Claim, event: ClaimEvent): string | null {
  const { actor } = event;
  if (actor.kind === 'person') {
    if (!BY_PERSON.has(event.kind))
      return `参保人不能${ACTION_ZH[event.kind]}，此操作由参保地医保经办机构办理`;
    if (actor.id !== claim.psnNo) return '只能办理本人的报销申请';
    return null;
  }
  if (!BY_AGENCY.has(event.kind)) return `经办机构不能代参保人${ACTION_ZH[event.kind]}`;
  if (actor.regionCode !== claim.insuredRegionCode)
    return `报销申请由参保地 ${claim.insuredRegionCode} 的经办机构办理`;
  return null;
}

function move(
  claim: Claim,
  event: ClaimEvent,
  to: ClaimStatus,
  now: string,
  note: string,
  changes: Partial<Claim>,
): Claim {
  const entry: ClaimHistoryEntry = {
    at: now,
    event: event.kind,
    from: claim.status,
    to,
    actorId: event.actor.id,
    note,
  };
  return { ...claim, ...changes, status: to, history: [...claim.history, entry] };
}

function notify(claim: Claim, message: string): ClaimEffect {
  return { type: 'notify_person', claimId: claim.claimId, psnNo: claim.psnNo, message };
}

function itemNames(claim: Claim, codes: readonly string[]): string {
  return codes.map((c) => claim.requiredMaterials.find((i) => i.code === c)?.nameZh ?? c).join('、');
}

function complete(claim: Claim, provided: readonly string[]): boolean {
  return (
    missingMaterials(
      claim.requiredMaterials.map((i) => i.code),
      provided,
    ).length === 0
  );
}

/** Recomputes the deadline from a start date (resubmission restarts the provisional clock; acceptance fixes it). */
function deadlineAt(
  claim: Claim,
  calendar: Calendar,
  now: string,
  basis: 'provisional' | 'accepted',
  provided = claim.providedMaterials,
) {
  return claimDeadline(
    calendar,
    chinaDateOf(now),
    {
      billTotalFen: claim.billTotalFen,
      materialsComplete: complete(claim, provided),
      accident: claim.accident,
    },
    basis,
  );
}

export function applyClaimEvent(
  claim: Claim,
  event: ClaimEvent,
  now: string,
  calendar: Calendar,
): Result<ClaimTransition> {
  const refused = notAllowedFor(claim, event);
  if (refused !== null) {
    return err(domainError(ReimbursementErrorCode.NotYourClaim, `${refused}。`, { ruleId: 'R-R1' }));
  }
  if (event.kind === 'return' && claim.returnCount >= 1) {
    return err(
      domainError(
        ReimbursementErrorCode.AlreadyReturned,
        '该报销申请已退回补正过一次，不能再次退回；请受理后办理，或在材料确实不符时作出不予报销的决定并说明理由。',
        { ruleId: 'R-R1', field: 'missing' },
      ),
    );
  }
  if (!ALLOWED[event.kind].includes(claim.status))
    return err(invalidTransition(ACTION_ZH[event.kind], claim.status));
  switch (event.kind) {
    case 'provide_materials': {
      const outside = checkWithinList(event.codes, claim.requiredMaterials, 'codes');
      if (outside !== null) return err(outside);
      const provided = [...new Set([...claim.providedMaterials, ...event.codes])];
      const entry: ClaimHistoryEntry = {
        at: now,
        event: event.kind,
        from: claim.status,
        to: claim.status,
        actorId: event.actor.id,
        note: `提交材料：${itemNames(claim, event.codes)}`,
      };
      // Before acceptance the provisional deadline follows the materials now on file.
      const deadline =
        claim.deadline.basis === 'provisional'
          ? claimDeadline(
              calendar,
              claim.deadline.startDate,
              {
                billTotalFen: claim.billTotalFen,
                materialsComplete: complete(claim, provided),
                accident: claim.accident,
              },
              'provisional',
            )
          : claim.deadline;
      return ok({
        claim: { ...claim, providedMaterials: provided, deadline, history: [...claim.history, entry] },
        effects: [],
      });
    }
    case 'return': {
      if (event.missing.length === 0) {
        return err(
          domainError(
            ReimbursementErrorCode.MissingItemsRequired,
            '退回补正须逐项列明缺少的材料（字段 missing），不能笼统退回。',
            {
              ruleId: 'R-R1',
              field: 'missing',
            },
          ),
        );
      }
      const outside = checkWithinList(event.missing, claim.requiredMaterials, 'missing');
      if (outside !== null) return err(outside);
      const missing = [...new Set(event.missing)];
      const names = itemNames(claim, missing);
      const note = event.note?.trim() ?? '';
      const next = move(
        claim,
        event,
        ClaimStatus.Returned,
        now,
        `需补正：${names}${note ? `（${note}）` : ''}`,
        {
          returnCount: claim.returnCount + 1,
          returnedFor: missing,
          returnNote: note || null,
          // Items found wanting are no longer counted as provided: the person provides them again.
          providedMaterials: claim.providedMaterials.filter((c) => !missing.includes(c)),
        },
      );
      return ok({
        claim: next,
        effects: [
          notify(
            next,
            `您的手工报销申请 ${claim.claimId} 需一次性补正以下材料：${names}。补正后请重新提交，不会再次退回。`,
          ),
        ],
      });
    }
    case 'resubmit': {
      const next = move(claim, event, ClaimStatus.Resubmitted, now, '补正后重新提交', {
        deadline: deadlineAt(claim, calendar, now, 'provisional'),
      });
      return ok({ claim: next, effects: [] });
    }
    case 'accept': {
      const deadline = deadlineAt(claim, calendar, now, 'accepted');
      const next = move(
        claim,
        event,
        ClaimStatus.Accepted,
        now,
        `${deadline.reasonZh}，办结期限 ${deadline.date}`,
        {
          acceptedAt: now,
          deadline,
        },
      );
      return ok({
        claim: next,
        effects: [
          notify(
            next,
            `您的手工报销申请 ${claim.claimId} 已受理，${deadline.reasonZh}，最迟 ${deadline.date} 办结。`,
          ),
        ],
      });
    }
    case 'approve': {
      if (!Number.isSafeInteger(event.approvedFen) || event.approvedFen < 0) {
        return err(
          domainError(ReimbursementErrorCode.AmountInvalid, '核准金额须为非负的整数分。', {
            field: 'approvedFen',
          }),
        );
      }
      const next = move(
        claim,
        event,
        ClaimStatus.Approved,
        now,
        `核准报销 ${formatYuan(event.approvedFen)} 元${event.note ? `（${event.note}）` : ''}`,
        {
          decidedAt: now,
          approvedFen: event.approvedFen,
        },
      );
      return ok({
        claim: next,
        effects: [
          notify(
            next,
            `您的手工报销申请 ${claim.claimId} 已核准，报销金额 ${formatYuan(event.approvedFen)} 元，将支付至您登记的银行账户。`,
          ),
        ],
      });
    }
    case 'reject': {
      const reason = event.reason.trim();
      if (reason === '') return err(reasonRequired('reason', '不予报销的理由'));
      const next = move(claim, event, ClaimStatus.Rejected, now, reason, {
        decidedAt: now,
        rejectionReason: reason,
      });
      return ok({
        claim: next,
        effects: [notify(next, `您的手工报销申请 ${claim.claimId} 不予报销，理由：${reason}。`)],
      });
    }
    case 'pay': {
      const ref = event.paymentRef.trim();
      if (ref === '') return err(reasonRequired('paymentRef', '支付凭证号'));
      const amount = claim.approvedFen ?? (0 as Fen);
      const next = move(claim, event, ClaimStatus.Paid, now, `支付 ${formatYuan(amount)} 元，凭证 ${ref}`, {
        paidAt: now,
        paymentRef: ref,
      });
      return ok({
        claim: next,
        effects: [
          { type: 'post_payment', claimId: claim.claimId, amountFen: amount, paymentRef: ref },
          notify(next, `您的手工报销款 ${formatYuan(amount)} 元已支付，支付凭证 ${ref}。`),
        ],
      });
    }
    case 'withdraw': {
      const reason = event.reason?.trim() ?? '';
      const next = move(claim, event, ClaimStatus.Withdrawn, now, reason || '申请人撤回', {});
      return ok({ claim: next, effects: [] });
    }
  }
}

export function isOpenClaim(claim: Pick<Claim, 'status'>): boolean {
  return OPEN_CLAIM_STATUSES.includes(claim.status);
}

export { claimStatusNames };
