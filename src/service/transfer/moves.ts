/**
 * The moves of a transfer: the outgoing region confirms, the incoming region accepts (and the relation,
 * the account and the qualifications move in that same transaction), either side may refuse with a
 * reason, the person may withdraw. One transaction per move, audited.
 */
import { err, type Result } from '../../core/errors.ts';
import {
  applyTransferEvent,
  type Transfer,
  type TransferActor,
  type TransferEvent,
} from '../../core/transfer/index.ts';
import { findTransfer, type StoredTransfer } from '../../store/repositories/transfers.ts';
import type { Tx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { actorOf, type CaseCaller, callerId } from '../reimbursement/caller.ts';
import { transact } from '../transact.ts';
import { completeRelation } from './complete.ts';
import { otherRegion, transferNotFound } from './errors.ts';
import { saveTransferMove } from './persist.ts';

export async function loadTransferFor(
  tx: Tx,
  caller: CaseCaller,
  id: string,
): Promise<Result<StoredTransfer>> {
  const stored = await findTransfer(tx, id);
  if (stored === undefined) return err(transferNotFound(id));
  const t = stored.transfer;
  if (caller.role === 'person' && t.psnNo !== caller.psnNo) return err(transferNotFound(id));
  if (
    caller.role === 'staff' &&
    caller.regionCode !== t.fromRegionCode &&
    caller.regionCode !== t.toRegionCode
  ) {
    return err(otherRegion());
  }
  return { ok: true, value: stored };
}

async function moveTransfer(
  ctx: AppContext,
  caller: CaseCaller,
  id: string,
  eventOf: (actor: TransferActor) => TransferEvent,
): Promise<Result<Transfer>> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  return transact(ctx, async (tx) => {
    const loaded = await loadTransferFor(tx, caller, id);
    if (!loaded.ok) return loaded;
    const event = eventOf(actorOf(caller));
    const moved = applyTransferEvent(loaded.value.transfer, event, nowIso);
    if (!moved.ok) return moved;
    let next = moved.value;
    for (const effect of moved.value.effects) {
      if (effect.type !== 'complete_relation') continue;
      const outcome = await completeRelation(tx, ctx.store.dialect, moved.value.transfer, {
        now,
        actor: callerId(caller),
        requestId: caller.requestId ?? null,
      });
      if (!outcome.ok) return outcome;
      const recorded = applyTransferEvent(
        next.transfer,
        { kind: 'record_outcome', outcome: outcome.value },
        nowIso,
      );
      if (!recorded.ok) return recorded;
      next = { transfer: recorded.value.transfer, effects: next.effects };
    }
    return saveTransferMove(tx, loaded.value, next, event.kind, {
      dialect: ctx.store.dialect,
      caller,
      now: nowIso,
    });
  });
}

export function confirmTransferOut(ctx: AppContext, caller: CaseCaller, id: string, note?: string) {
  return moveTransfer(ctx, caller, id, (actor) => ({
    kind: 'confirm_out',
    actor,
    ...(note ? { note } : {}),
  }));
}

export function acceptTransferIn(ctx: AppContext, caller: CaseCaller, id: string, note?: string) {
  return moveTransfer(ctx, caller, id, (actor) => ({ kind: 'accept_in', actor, ...(note ? { note } : {}) }));
}

export function rejectTransfer(ctx: AppContext, caller: CaseCaller, id: string, reason: string) {
  return moveTransfer(ctx, caller, id, (actor) => ({ kind: 'reject', actor, reason }));
}

export function withdrawTransfer(ctx: AppContext, caller: CaseCaller, id: string, reason?: string) {
  return moveTransfer(ctx, caller, id, (actor) => ({
    kind: 'withdraw',
    actor,
    ...(reason ? { reason } : {}),
  }));
}
