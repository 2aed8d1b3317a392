/** Saving one move of a transfer: row (optimistic version), new history as events, audit, notices. */
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import type { Transfer, TransferEffect } from '../../core/transfer/index.ts';
import type { DialectName } from '../../store/database.ts';
import { appendTransferEvents, insertTransfer, updateTransfer } from '../../store/repositories/transfers.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { auditRole, type CaseCaller, callerId } from '../reimbursement/caller.ts';
import { TransferServiceErrorCode } from './errors.ts';

export const TRANSFER_NOTICE_TOPIC = 'transfer.notice';

interface SaveOptions {
  readonly dialect: DialectName;
  readonly caller: CaseCaller;
  readonly now: string;
}

async function notices(tx: Tx, effects: readonly TransferEffect[], now: string): Promise<void> {
  for (const e of effects) {
    if (e.type !== 'notify_person') continue;
    await tx
      .insertInto('outbox')
      .values({
        topic: TRANSFER_NOTICE_TOPIC,
        payload: JSON.stringify({ psnNo: e.psnNo, transferId: e.transferId, message: e.message }),
        created_at: now,
        delivered_at: null,
      })
      .execute();
  }
}

async function audit(tx: Tx, t: Transfer, event: string, o: SaveOptions, from: string | null): Promise<void> {
  await appendAudit(tx, o.dialect, {
    at: o.now,
    actor: callerId(o.caller),
    role: auditRole(o.caller),
    action: `transfer.${event}`,
    subject: t.transferId,
    requestId: o.caller.requestId ?? null,
    detail: {
      psnNo: t.psnNo,
      fromRegionCode: t.fromRegionCode,
      toRegionCode: t.toRegionCode,
      from,
      to: t.status,
      outcome: t.outcome,
    },
  });
}

export async function saveNewTransfer(
  tx: Tx,
  t: Transfer,
  effects: readonly TransferEffect[],
  o: SaveOptions,
): Promise<void> {
  await insertTransfer(tx, t);
  await appendTransferEvents(tx, t, t.history);
  await audit(tx, t, 'apply', o, null);
  await notices(tx, effects, o.now);
}

export async function saveTransferMove(
  tx: Tx,
  before: { transfer: Transfer; rowVersion: number },
  after: { transfer: Transfer; effects: readonly TransferEffect[] },
  event: string,
  o: SaveOptions,
): Promise<Result<Transfer, DomainError>> {
  if (!(await updateTransfer(tx, after.transfer, before.rowVersion))) {
    return err(
      domainError(TransferServiceErrorCode.ConcurrentUpdate, '该转移申请刚被他人处理过，请刷新后重试。'),
    );
  }
  await appendTransferEvents(
    tx,
    after.transfer,
    after.transfer.history.slice(before.transfer.history.length),
  );
  await audit(tx, after.transfer, event, o, before.transfer.status);
  await notices(tx, after.effects, o.now);
  return ok(after.transfer);
}
