/**
 * The transfer state machine: (transfer, event, now) → transfer + effects.
 *   applied → out_confirmed (outgoing agency) → completed (incoming agency accepts)
 *   applied | out_confirmed → rejected (either agency, with reason) | withdrawn (the person)
 * Completion asks the service, by an effect, to move the person, the account and the qualifications
 * in the same transaction. Applying needs no certificate and no contact letter (R-T1): there is no
 * document field to demand one.
 */
import type { Calendar } from '../calendar/index.ts';
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { TransferErrorCode } from './errors.ts';
import {
  type Transfer,
  type TransferActor,
  type TransferChannel,
  type TransferEffect,
  type TransferHistoryEntry,
  type TransferOutcome,
  TransferStatus,
  transferStatusNames,
} from './types.ts';

/** 15 个工作日 end to end (seed 002 §2). */
export const TRANSFER_WORKING_DAYS = 15;
const INSURANCE_TYPES = new Set(['310', '390']);
const REGION = /^\d{6}$/;

export interface ApplyTransferInput {
  readonly transferId: string;
  readonly psnNo: string;
  readonly fromRegionCode: string;
  readonly toRegionCode: string;
  readonly fromInsuranceType: string;
  readonly toInsuranceType: string;
  readonly actor: TransferActor;
}

function refuse(code: string, message: string, field?: string): { ok: false; error: DomainError } {
  return err(domainError(code, message, { ruleId: 'R-T1', ...(field ? { field } : {}) }));
}

function sideOf(
  t: Pick<Transfer, 'fromRegionCode' | 'toRegionCode'>,
  actor: TransferActor,
): TransferHistoryEntry['side'] | null {
  if (actor.kind === 'person') return 'person';
  if (actor.regionCode === t.fromRegionCode) return 'outgoing';
  if (actor.regionCode === t.toRegionCode) return 'incoming';
  return null;
}

export function applyForTransfer(
  input: ApplyTransferInput,
  now: string,
  calendar: Calendar,
): Result<{ transfer: Transfer; effects: readonly TransferEffect[] }> {
  if (!REGION.test(input.toRegionCode))
    return refuse(TransferErrorCode.InvalidRegion, '转入地须为 6 位统筹区代码。', 'toRegionCode');
  if (input.toRegionCode === input.fromRegionCode) {
    return refuse(
      TransferErrorCode.SameRegion,
      `转入地与当前参保地 ${input.fromRegionCode} 相同，无需办理关系转移。`,
      'toRegionCode',
    );
  }
  if (!INSURANCE_TYPES.has(input.toInsuranceType)) {
    return refuse(
      TransferErrorCode.InvalidInsuranceType,
      '转入险种须为 310（职工基本医疗保险）或 390（城乡居民基本医疗保险）。',
      'toInsuranceType',
    );
  }
  const side = sideOf(input, input.actor);
  if (side === null || (input.actor.kind === 'person' && input.actor.id !== input.psnNo)) {
    return refuse(
      TransferErrorCode.WrongSide,
      '关系转移可由本人线上申请，或在转出地、转入地任一经办窗口办理。',
      'psnNo',
    );
  }
  const channel: TransferChannel =
    side === 'person' ? 'online' : side === 'outgoing' ? 'outgoing_window' : 'incoming_window';
  const due = calendar.deadlineFrom(now, TRANSFER_WORKING_DAYS);
  const transfer: Transfer = {
    ...input,
    channel,
    status: TransferStatus.Applied,
    appliedAt: now,
    deadlineDate: due.date,
    deadlineWarnings: due.warnings,
    outConfirmedAt: null,
    completedAt: null,
    closedReason: null,
    outcome: null,
    history: [
      {
        at: now,
        event: 'apply',
        from: null,
        to: TransferStatus.Applied,
        actorId: input.actor.id,
        side,
        note: channelNote(channel),
      },
    ],
  };
  const message = `您的医保关系转移申请 ${transfer.transferId}（${input.fromRegionCode} → ${input.toRegionCode}）已提交，无需开具参保凭证或联系函，最迟 ${due.date} 办结。`;
  return ok({
    transfer,
    effects: [{ type: 'notify_person', transferId: transfer.transferId, psnNo: transfer.psnNo, message }],
  });
}

function channelNote(channel: TransferChannel): string {
  return channel === 'online'
    ? '线上申请'
    : channel === 'outgoing_window'
      ? '转出地窗口代为申请'
      : '转入地窗口代为申请';
}

export type TransferEvent =
  | { readonly kind: 'confirm_out'; readonly actor: TransferActor; readonly note?: string }
  | { readonly kind: 'accept_in'; readonly actor: TransferActor; readonly note?: string }
  | { readonly kind: 'reject'; readonly actor: TransferActor; readonly reason: string }
  | { readonly kind: 'withdraw'; readonly actor: TransferActor; readonly reason?: string }
  /** The service records what completion did, once it has done it. */
  | { readonly kind: 'record_outcome'; readonly outcome: TransferOutcome };

const ALLOWED: Readonly<Record<Exclude<TransferEvent['kind'], 'record_outcome'>, readonly TransferStatus[]>> =
  {
    confirm_out: ['applied'],
    accept_in: ['out_confirmed'],
    reject: ['applied', 'out_confirmed'],
    withdraw: ['applied', 'out_confirmed'],
  };

const ACTION_ZH = {
  confirm_out: '转出确认',
  accept_in: '转入接收',
  reject: '退回申请',
  withdraw: '撤回申请',
} as const;

function move(
  t: Transfer,
  event: string,
  to: TransferStatus,
  now: string,
  actorId: string,
  side: TransferHistoryEntry['side'],
  note: string,
  changes: Partial<Transfer>,
): Transfer {
  return {
    ...t,
    ...changes,
    status: to,
    history: [...t.history, { at: now, event, from: t.status, to, actorId, side, note }],
  };
}

function notify(t: Transfer, message: string): TransferEffect {
  return { type: 'notify_person', transferId: t.transferId, psnNo: t.psnNo, message };
}

export function applyTransferEvent(
  t: Transfer,
  event: TransferEvent,
  now: string,
): Result<{ transfer: Transfer; effects: readonly TransferEffect[] }> {
  if (event.kind === 'record_outcome') {
    if (t.status !== TransferStatus.Completed) {
      return refuse(TransferErrorCode.InvalidTransition, '转移尚未完成，不能登记结果。');
    }
    return ok({ transfer: { ...t, outcome: event.outcome }, effects: [] });
  }
  if (!ALLOWED[event.kind].includes(t.status)) {
    return refuse(
      TransferErrorCode.InvalidTransition,
      `关系转移当前状态为“${transferStatusNames[t.status]}”，不能${ACTION_ZH[event.kind]}。`,
      'status',
    );
  }
  const side = sideOf(t, event.actor);
  const wanted = event.kind === 'confirm_out' ? 'outgoing' : event.kind === 'accept_in' ? 'incoming' : null;
  const wrong =
    side === null ||
    (wanted !== null && side !== wanted) ||
    (event.kind === 'withdraw' && side !== 'person' && t.channel === 'online') ||
    (event.kind === 'reject' && side === 'person') ||
    (side === 'person' && event.actor.id !== t.psnNo);
  if (wrong) {
    const who =
      wanted === 'outgoing'
        ? `转出地 ${t.fromRegionCode} 的经办机构`
        : wanted === 'incoming'
          ? `转入地 ${t.toRegionCode} 的经办机构`
          : event.kind === 'reject'
            ? '转出地或转入地的经办机构'
            : '申请人本人（或代为申请的窗口）';
    return refuse(TransferErrorCode.WrongSide, `${ACTION_ZH[event.kind]}须由${who}办理。`);
  }
  const actorId = event.actor.id;
  const s = side as TransferHistoryEntry['side'];
  switch (event.kind) {
    case 'confirm_out': {
      const next = move(
        t,
        event.kind,
        TransferStatus.OutConfirmed,
        now,
        actorId,
        s,
        event.note ?? '转出地已确认参保信息',
        { outConfirmedAt: now },
      );
      return ok({
        transfer: next,
        effects: [
          notify(
            next,
            `转出地 ${t.fromRegionCode} 已确认您的医保关系转出，待转入地 ${t.toRegionCode} 接收。`,
          ),
        ],
      });
    }
    case 'accept_in': {
      const next = move(
        t,
        event.kind,
        TransferStatus.Completed,
        now,
        actorId,
        s,
        event.note ?? '转入地已接收',
        { completedAt: now },
      );
      return ok({
        transfer: next,
        effects: [
          {
            type: 'complete_relation',
            transferId: t.transferId,
            psnNo: t.psnNo,
            fromRegionCode: t.fromRegionCode,
            toRegionCode: t.toRegionCode,
            toInsuranceType: t.toInsuranceType,
          },
          notify(next, `您的医保关系已转入 ${t.toRegionCode}，个人账户余额和门诊慢特病资格随转。`),
        ],
      });
    }
    case 'reject': {
      const reason = event.reason.trim();
      if (reason === '')
        return refuse(
          TransferErrorCode.ReasonRequired,
          '退回关系转移申请须写明具体理由（字段 reason）。',
          'reason',
        );
      const next = move(t, event.kind, TransferStatus.Rejected, now, actorId, s, reason, {
        closedReason: reason,
      });
      return ok({ transfer: next, effects: [notify(next, `您的医保关系转移申请未通过：${reason}。`)] });
    }
    case 'withdraw': {
      const reason = event.reason?.trim() || '申请人撤回';
      const next = move(t, event.kind, TransferStatus.Withdrawn, now, actorId, s, reason, {
        closedReason: reason,
      });
      return ok({ transfer: next, effects: [] });
    }
  }
}
