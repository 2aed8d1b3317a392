/**
 * 审核 / 撤销 / 变更 — moving an existing filing: staff of the insured region approve or reject queued
 * filings (R-F2); the person (or the window, for them) revokes or changes a filing, and the history
 * keeps every step (R-F1).
 */
import { err, ok, type Result } from '../../core/errors.ts';
import { applyFilingEvent, type Filing, type FilingEvent, FilingStatus } from '../../core/filing/index.ts';
import { findFiling, hasOpenStay, type StoredFiling } from '../../store/repositories/filings.ts';
import type { Tx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { actorKind, type FilingCaller, type StaffCaller } from './caller.ts';
import { filingNotFound, otherRegion } from './errors.ts';
import { auditFiling, carryOut, saveMove } from './persist.ts';
import { type FilingOutcome, type FilingRequest, fileFor } from './submit.ts';
import { type FilingView, viewOf } from './view.ts';

export interface FilingMove {
  readonly filing: FilingView;
  readonly notices: readonly string[];
}

/**
 * May this caller act on this filing? Persons see only their own (others are "not found", so ids cannot
 * be probed); staff only their region's; an institution only the referrals it filed itself.
 */
export function authorize(
  caller: FilingCaller,
  stored: StoredFiling | undefined,
  id: string,
): Result<StoredFiling> {
  if (stored === undefined) return err(filingNotFound(id));
  const f = stored.filing;
  switch (caller.role) {
    case 'person':
      return f.personNo === caller.psnNo ? ok(stored) : err(filingNotFound(id));
    case 'staff':
      return f.insuredRegionCode === caller.regionCode
        ? ok(stored)
        : err(otherRegion(caller.regionCode, f.insuredRegionCode));
    case 'institution':
      return f.channel === 'institution' && stored.submittedBy === caller.institutionCode
        ? ok(stored)
        : err(filingNotFound(id));
  }
}

type FilingEventFor = (tx: Tx, stored: StoredFiling) => Promise<FilingEvent>;

/** Loads, authorizes, applies one event, and remembers the result — all in one transaction. */
export async function moveFiling(
  ctx: AppContext,
  caller: FilingCaller,
  id: string,
  action: string,
  eventFor: FilingEventFor,
  /** The caller names the person too (2502): a filing of someone else is "not found". */
  expectPsnNo?: string,
): Promise<Result<FilingMove>> {
  return transact(ctx, (tx) => moveFilingInTx(tx, ctx, caller, id, action, eventFor, expectPsnNo));
}

/** The same inside the caller's transaction; the caller rolls back what a refusal left behind. */
export async function moveFilingInTx(
  tx: Tx,
  ctx: AppContext,
  caller: FilingCaller,
  id: string,
  action: string,
  eventFor: FilingEventFor,
  expectPsnNo?: string,
): Promise<Result<FilingMove>> {
  const now = ctx.now().toISOString();
  const { dialect } = ctx.store;
  const found = authorize(caller, await findFiling(tx, dialect, id, { forUpdate: true }), id);
  if (!found.ok) return found;
  if (expectPsnNo !== undefined && found.value.filing.personNo !== expectPsnNo)
    return err(filingNotFound(id));
  const moved = applyFilingEvent(found.value.filing, await eventFor(tx, found.value), now);
  if (!moved.ok) return moved;
  const saved = await saveMove(tx, found.value, moved.value.filing, caller);
  if (!saved.ok) return saved;
  const notices = await carryOut(tx, dialect, moved.value.effects, caller, now);
  if (!notices.ok) return notices;
  await auditFiling(tx, dialect, caller, action, moved.value.filing, now);
  return ok({ filing: viewOf(moved.value.filing), notices: notices.value });
}

/** 审核通过 — staff of the insured region only. */
export function approveFiling(ctx: AppContext, staff: StaffCaller, id: string, note?: string) {
  return moveFiling(ctx, staff, id, 'filing.approve', async () => ({
    kind: 'approve',
    actor: 'agency',
    ...(note === undefined ? {} : { note }),
  }));
}

/** 审核驳回 — with the reason the person needs to put it right. */
export function rejectFiling(ctx: AppContext, staff: StaffCaller, id: string, reason: string) {
  return moveFiling(ctx, staff, id, 'filing.reject', async () => ({
    kind: 'reject',
    actor: 'agency',
    reason,
  }));
}

/** 撤销备案 — refused while an inpatient stay in the filed place is not yet settled (R-F5). */
export function revokeFiling(
  ctx: AppContext,
  caller: FilingCaller,
  id: string,
  reason?: string,
  expectPsnNo?: string,
) {
  return moveFiling(ctx, caller, id, 'filing.revoke', revokeEvent(caller, reason), expectPsnNo);
}

/** 撤销备案 inside the caller's transaction (2502 runs in the message transaction). */
export function revokeFilingInTx(
  tx: Tx,
  ctx: AppContext,
  caller: FilingCaller,
  id: string,
  reason?: string,
  expectPsnNo?: string,
) {
  return moveFilingInTx(tx, ctx, caller, id, 'filing.revoke', revokeEvent(caller, reason), expectPsnNo);
}

function revokeEvent(caller: FilingCaller, reason: string | undefined): FilingEventFor {
  return async (tx, stored) => ({
    kind: 'revoke',
    actor: actorKind(caller),
    ...(reason === undefined ? {} : { reason }),
    openStay: stored.filing.status === FilingStatus.Approved && (await hasOpenStay(tx, stored.filing)),
  });
}

/** What a change may alter; anything left out stays as it was. */
export type FilingChange = Partial<FilingRequest>;

/**
 * 变更备案 — a new filing that names the one it replaces (R-F1). It starts today or later; the old one
 * is superseded from the new one's first day once the change is approved.
 */
export async function changeFiling(
  ctx: AppContext,
  caller: FilingCaller,
  id: string,
  change: FilingChange,
): Promise<Result<FilingOutcome>> {
  if (caller.role === 'institution') return err(filingNotFound(id));
  const found = authorize(caller, await findFiling(ctx.store.db, ctx.store.dialect, id), id);
  if (!found.ok) return found;
  const old: Filing = found.value.filing;
  const referral = change.referral ?? old.referral ?? undefined;
  return fileFor(
    ctx,
    caller,
    {
      type: change.type ?? old.type,
      target: change.target ?? old.target,
      ...(change.validFrom === undefined ? {} : { validFrom: change.validFrom }),
      ...(referral === undefined ? {} : { referral }),
      commitmentSigned: change.commitmentSigned ?? found.value.commitmentSigned,
    },
    { psnNo: old.personNo, replaces: old.id },
  );
}
