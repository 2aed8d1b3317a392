/**
 * 预享受人员名单 (R-C5): the agency contacts each screened person (or family), records the contact, then
 * their wish. Consent grants the qualification from the day it is recorded; refusal closes the entry.
 *   pending_contact → contacted (again, to add notes) → granted | refused
 */
import { chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';
import { CandidateStatus, type ChronicActor, type ScreeningCandidate } from './types.ts';

export type CandidateEvent =
  | { readonly kind: 'contact'; readonly actor: ChronicActor; readonly note: string }
  | { readonly kind: 'consent'; readonly actor: ChronicActor; readonly note?: string }
  | { readonly kind: 'refuse'; readonly actor: ChronicActor; readonly note?: string };

export interface CandidateTransition {
  readonly candidate: ScreeningCandidate;
  readonly grant: { readonly startDate: IsoDate } | null;
}

const OPEN: readonly CandidateStatus[] = [CandidateStatus.PendingContact, CandidateStatus.Contacted];

export function applyCandidateEvent(
  candidate: ScreeningCandidate,
  event: CandidateEvent,
  now: string,
): Result<CandidateTransition> {
  if (!OPEN.includes(candidate.status)) {
    const status = candidate.status === CandidateStatus.Granted ? '已认定' : '本人已拒绝';
    return err(
      domainError(
        ChronicErrorCode.InvalidTransition,
        `预享受名单记录 ${candidate.candidateId} 已办结（${status}），不能再次操作；请刷新后查看。`,
        {
          ruleId: 'R-C5',
          field: 'status',
        },
      ),
    );
  }
  switch (event.kind) {
    case 'contact':
      if (event.note.trim() === '') {
        return err(
          domainError(
            ChronicErrorCode.ReasonRequired,
            '请填写联系记录（联系对象、方式与结果），如“电话联系本人，同意办理”。',
            {
              field: 'note',
            },
          ),
        );
      }
      return ok({
        candidate: { ...candidate, status: CandidateStatus.Contacted, contactNote: event.note.trim() },
        grant: null,
      });
    case 'consent':
      return ok({
        candidate: {
          ...candidate,
          status: CandidateStatus.Granted,
          decisionNote: event.note?.trim() || null,
        },
        grant: { startDate: chinaDateOf(now) },
      });
    case 'refuse':
      return ok({
        candidate: {
          ...candidate,
          status: CandidateStatus.Refused,
          decisionNote: event.note?.trim() || null,
        },
        grant: null,
      });
  }
}
