/**
 * 办理进度 (R-T1): the person sees every step of their transfer with the deadline and working days
 * left; each side's agency sees the transfers waiting on it, at-risk ones flagged.
 */
import { type Calendar, chinaDateOf } from '../../core/calendar/index.ts';
import { ok, type Result } from '../../core/errors.ts';
import { fen, formatYuan } from '../../core/money/index.ts';
import {
  type TransferProgress,
  transferClock,
  transferProgress,
  transferStatusNames,
} from '../../core/transfer/index.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import { transfersAwaiting, transfersOfPerson } from '../../store/repositories/transfers.ts';
import type { AppContext } from '../context.ts';
import { workingCalendar } from '../reimbursement/calendar.ts';
import { type CaseCaller, maskPersonName } from '../reimbursement/caller.ts';
import { personNames } from '../reimbursement/queries.ts';
import { transact } from '../transact.ts';
import { loadTransferFor } from './moves.ts';

const yuan = (f: number) => formatYuan(fen(f));

export async function transferProgressOf(
  ctx: AppContext,
  caller: CaseCaller,
  id: string,
): Promise<Result<TransferProgress>> {
  const calendar = await workingCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  return transact(ctx, async (tx) => {
    const loaded = await loadTransferFor(tx, caller, id);
    if (!loaded.ok) return loaded;
    return ok(transferProgress(loaded.value.transfer, today, calendar, yuan));
  });
}

export async function myTransfers(ctx: AppContext, psnNo: string): Promise<TransferProgress[]> {
  const calendar = await workingCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  return (await transfersOfPerson(ctx.store.db, psnNo)).map((s) =>
    transferProgress(s.transfer, today, calendar, yuan),
  );
}

export interface TransferQueueItem {
  readonly caseType: 'transfer';
  readonly caseId: string;
  readonly personName: string;
  /** What this region owes: the outgoing confirmation or the incoming acceptance. */
  readonly awaiting: 'outgoing_confirmation' | 'incoming_acceptance';
  readonly statusZh: string;
  readonly fromRegionCode: string;
  readonly toRegionCode: string;
  readonly submittedAt: string;
  readonly deadlineDate: string;
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  readonly atRisk: boolean;
  readonly atRiskReasonZh: string | null;
}

/** Transfers waiting on the agency of `regionCode` on `today`, with the clock (caller's executor). */
export async function transferQueueItems(
  db: Executor,
  regionCode: string,
  today: string,
  calendar: Calendar,
): Promise<TransferQueueItem[]> {
  const waiting = await transfersAwaiting(db, regionCode);
  const names = await personNames(
    db,
    waiting.map((s) => s.transfer.psnNo),
  );
  return waiting.map(({ transfer: t }) => {
    const clock = transferClock(t, today, calendar);
    return {
      caseType: 'transfer',
      caseId: t.transferId,
      personName: maskPersonName(names.get(t.psnNo) ?? ''),
      awaiting: t.status === 'applied' ? 'outgoing_confirmation' : 'incoming_acceptance',
      statusZh: transferStatusNames[t.status],
      fromRegionCode: t.fromRegionCode,
      toRegionCode: t.toRegionCode,
      submittedAt: t.appliedAt,
      deadlineDate: t.deadlineDate,
      workingDaysLeft: clock.workingDaysLeft,
      overdue: clock.overdue,
      atRisk: clock.atRisk,
      atRiskReasonZh: clock.atRiskReasonZh,
    };
  });
}

export async function regionTransferQueue(ctx: AppContext, regionCode: string): Promise<TransferQueueItem[]> {
  const calendar = await workingCalendar(ctx);
  return transferQueueItems(ctx.store.db, regionCode, chinaDateOf(ctx.now().toISOString()), calendar);
}
