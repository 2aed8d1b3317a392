/**
 * The filing state machine: (filing, event, now) → filing + effects. Statuses move only forward:
 *   pending_review → approved | rejected | revoked (withdrawn)
 *   approved → revoked | superseded (changed)
 * Rejected, revoked and superseded are final; every move is kept in the history.
 */
import { chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { domainError, err, ok, type Result } from '../errors.ts';
import type { FilingEffect } from './effects.ts';
import { FilingErrorCode } from './errors.ts';
import { type Filing, type FilingActor, FilingStatus, filingTypeNames } from './types.ts';

export type FilingEvent =
  | { readonly kind: 'approve'; readonly actor: FilingActor; readonly note?: string }
  | { readonly kind: 'reject'; readonly actor: FilingActor; readonly reason: string }
  /** 撤销 / 取消备案 (national 2502 when the institution cancels). Refused while a stay uses the filing. */
  | {
      readonly kind: 'revoke';
      readonly actor: FilingActor;
      readonly reason?: string;
      readonly openStay?: boolean;
    }
  | { readonly kind: 'supersede'; readonly byFilingId: string; readonly effectiveOn: IsoDate };

export interface FilingTransition {
  readonly filing: Filing;
  readonly effects: readonly FilingEffect[];
}

const ALLOWED: Readonly<Record<FilingEvent['kind'], readonly FilingStatus[]>> = {
  approve: [FilingStatus.PendingReview],
  reject: [FilingStatus.PendingReview],
  revoke: [FilingStatus.PendingReview, FilingStatus.Approved],
  supersede: [FilingStatus.Approved],
};

const STATUS_NAMES: Readonly<Record<FilingStatus, string>> = {
  pending_review: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  revoked: '已撤销',
  superseded: '已变更',
};

function move(
  filing: Filing,
  to: FilingStatus,
  now: string,
  actor: FilingActor,
  event: string,
  note: string,
  changes: Partial<Filing>,
): Filing {
  const entry = { at: now, event, from: filing.status, to, actor, note };
  return { ...filing, ...changes, status: to, history: [...filing.history, entry] };
}

function notify(filing: Filing, message: string): FilingEffect {
  return { type: 'notify_person', filingId: filing.id, personNo: filing.personNo, message };
}

export function applyFilingEvent(filing: Filing, event: FilingEvent, now: string): Result<FilingTransition> {
  if (!ALLOWED[event.kind].includes(filing.status)) {
    return err(
      domainError(
        FilingErrorCode.InvalidTransition,
        `备案 ${filing.id} 当前状态为“${STATUS_NAMES[filing.status]}”，不能执行此操作（${event.kind}）；请刷新后查看最新状态。`,
        { ruleId: 'R-F1', field: 'status' },
      ),
    );
  }
  const what = `${filingTypeNames[filing.type]}备案（编号 ${filing.id}）`;
  switch (event.kind) {
    case 'approve': {
      const approved = move(filing, FilingStatus.Approved, now, event.actor, 'approve', event.note ?? '', {
        approvedAt: now,
        reviewDeadlineDate: null,
      });
      const effects: FilingEffect[] = [
        { type: 'review_closed', filingId: filing.id },
        notify(filing, `您的${what}已审核通过。`),
      ];
      if (filing.supersedes !== null) {
        effects.push({
          type: 'supersede_previous',
          filingId: filing.supersedes,
          byFilingId: filing.id,
          effectiveOn: filing.validFrom,
        });
      }
      return ok({ filing: approved, effects });
    }
    case 'reject': {
      const reason = event.reason.trim();
      if (reason === '') {
        return err(
          domainError(
            FilingErrorCode.ReasonRequired,
            '驳回备案须填写驳回原因（reason），告知参保人如何补正。',
            {
              ruleId: 'R-F2',
              field: 'reason',
            },
          ),
        );
      }
      const rejected = move(filing, FilingStatus.Rejected, now, event.actor, 'reject', reason, {
        rejectionReason: reason,
        reviewDeadlineDate: null,
      });
      return ok({
        filing: rejected,
        effects: [
          { type: 'review_closed', filingId: filing.id },
          notify(filing, `您的${what}未通过审核：${reason}`),
        ],
      });
    }
    case 'revoke': {
      if (event.openStay === true) {
        return err(
          domainError(
            FilingErrorCode.InUse,
            `${what}正用于一次尚未出院结算的住院，暂不能撤销；请出院结算后再办理。`,
            { ruleId: 'R-F5', field: 'filingId' },
          ),
        );
      }
      const revoked = move(filing, FilingStatus.Revoked, now, event.actor, 'revoke', event.reason ?? '', {
        endedOn: chinaDateOf(now),
        reviewDeadlineDate: null,
      });
      const effects: FilingEffect[] = [notify(filing, `您的${what}已撤销。`)];
      if (filing.status === FilingStatus.PendingReview)
        effects.unshift({ type: 'review_closed', filingId: filing.id });
      return ok({ filing: revoked, effects });
    }
    case 'supersede': {
      const superseded = move(
        filing,
        FilingStatus.Superseded,
        now,
        'system',
        'supersede',
        `由备案 ${event.byFilingId} 变更替代`,
        { endedOn: event.effectiveOn, supersededBy: event.byFilingId },
      );
      return ok({ filing: superseded, effects: [] });
    }
  }
}
