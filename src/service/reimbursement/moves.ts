/**
 * Every move of a claim after submission, one function each: the person adds materials, resubmits
 * after the one return, or withdraws; the insured region's agency returns (once), accepts (deadline
 * fixed), approves with the amount the settlement core computes, rejects with a reason, and pays.
 * One transaction per move: load, ask the core, save the move, its events, audit and notices.
 */
import { domainError, err, type Result } from '../../core/errors.ts';
import { ZERO_FEN } from '../../core/money/index.ts';
import {
  applyClaimEvent,
  type Claim,
  type ClaimActor,
  type ClaimEvent,
} from '../../core/reimbursement/index.ts';
import type { SettlementResult } from '../../core/settlement/index.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import {
  findClaim,
  insertMaterials,
  type StoredClaim,
} from '../../store/repositories/reimbursement-claims.ts';
import { findUnsettledUpload, unsettledLines } from '../../store/repositories/unsettled-uploads.ts';
import type { Tx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { type ClaimAccumulatorPosting, postApprovalAccumulators } from './accumulators.ts';
import { workingCalendar } from './calendar.ts';
import { actorOf, type CaseCaller, callerId } from './caller.ts';
import { computeReimbursement, type ReimbursementComputation } from './compute.ts';
import { claimNotFound, otherRegion, ReimbursementServiceErrorCode } from './errors.ts';
import { decodeMaterials, type MaterialFileInput } from './material-files.ts';
import { saveClaimMove } from './persist.ts';

/** Loads a claim the caller may see: a person their own; staff their region's (else a clear refusal). */
export async function loadClaimFor(
  tx: Tx,
  caller: CaseCaller,
  claimId: string,
): Promise<Result<StoredClaim>> {
  const stored = await findClaim(tx, claimId);
  if (stored === undefined) return err(claimNotFound(claimId));
  if (caller.role === 'person' && stored.claim.psnNo !== caller.psnNo) return err(claimNotFound(claimId));
  if (caller.role === 'staff' && stored.claim.insuredRegionCode !== caller.regionCode) {
    return err(otherRegion(stored.claim.insuredRegionCode));
  }
  return { ok: true, value: stored };
}

type EventOf = (actor: ClaimActor) => ClaimEvent;

interface MoveExtras {
  /** Runs inside the transaction before the core is asked (e.g. the computation for approval). */
  readonly prepare?: (
    tx: Tx,
    stored: StoredClaim,
  ) => Promise<Result<{ event?: ClaimEvent; computation?: unknown }>>;
  readonly afterSave?: (tx: Tx, claim: Claim) => Promise<Result<null>>;
}

async function moveClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  eventOf: EventOf,
  extras: MoveExtras = {},
): Promise<Result<Claim>> {
  const calendar = await workingCalendar(ctx);
  const now = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    const loaded = await loadClaimFor(tx, caller, claimId);
    if (!loaded.ok) return loaded;
    let event = eventOf(actorOf(caller));
    let computation: unknown;
    if (extras.prepare) {
      const prepared = await extras.prepare(tx, loaded.value);
      if (!prepared.ok) return prepared;
      event = prepared.value.event ?? event;
      computation = prepared.value.computation;
    }
    const moved = applyClaimEvent(loaded.value.claim, event, now, calendar);
    if (!moved.ok) return moved;
    const saved = await saveClaimMove(tx, loaded.value, moved.value, event.kind, {
      dialect: ctx.store.dialect,
      caller,
      now,
      ...(computation === undefined ? {} : { computation }),
    });
    if (!saved.ok || !extras.afterSave) return saved;
    const after = await extras.afterSave(tx, saved.value);
    return after.ok ? saved : after;
  });
}

export function provideClaimMaterials(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  files: readonly MaterialFileInput[],
): Promise<Result<Claim>> {
  const now = ctx.now().toISOString();
  let decoded: ReturnType<typeof decodeMaterials> | undefined;
  return moveClaim(
    ctx,
    caller,
    claimId,
    (actor) => ({ kind: 'provide_materials', actor, codes: files.map((f) => f.itemCode) }),
    {
      prepare: async (_tx, stored) => {
        decoded = decodeMaterials(files, {
          claimId,
          psnNo: stored.claim.psnNo,
          at: now,
          by: callerId(caller),
        });
        if (!decoded.ok) return decoded;
        if (files.length === 0) {
          return err(
            domainError(ReimbursementServiceErrorCode.MaterialInvalid, '请至少上传一份材料。', {
              field: 'materials',
            }),
          );
        }
        return { ok: true, value: {} };
      },
      afterSave: async (tx) => {
        if (decoded?.ok) await insertMaterials(tx, decoded.value);
        return { ok: true, value: null };
      },
    },
  );
}

export function returnClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  missing: readonly string[],
  note?: string,
): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({
    kind: 'return',
    actor,
    missing,
    ...(note ? { note } : {}),
  }));
}

export function resubmitClaim(ctx: AppContext, caller: CaseCaller, claimId: string): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({ kind: 'resubmit', actor }));
}

export function acceptClaim(ctx: AppContext, caller: CaseCaller, claimId: string): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({ kind: 'accept', actor }));
}

/** The computation for a claim, inside the caller's transaction (used by approval and preview). */
export async function computeForClaim(
  tx: Tx,
  ctx: AppContext,
  claim: Claim,
): Promise<Result<ReimbursementComputation>> {
  const upload = await findUnsettledUpload(tx, claim.uploadId);
  if (upload === undefined) throw new Error(`upload ${claim.uploadId} of claim ${claim.claimId} vanished`);
  const computed = await computeReimbursement(
    tx,
    ctx.store.dialect,
    claim.claimId,
    upload,
    await unsettledLines(tx, upload.uploadId),
  );
  if (computed.ok) return computed;
  return err(
    domainError(
      ReimbursementServiceErrorCode.ComputationFailed,
      `按参保地政策计算报销金额未成功：${computed.error.message}`,
      {
        ruleId: computed.error.ruleId ?? 'R-R3',
        ...(computed.error.field ? { field: computed.error.field } : {}),
      },
    ),
  );
}

/**
 * 核准: the amount is the settlement core's funds total for the uploaded details — never typed in —
 * computed under the person lock on the current accumulators, whose deltas are posted with the claim
 * as their source in the same transaction (R-M6).
 */
export function approveClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  note?: string,
): Promise<Result<Claim>> {
  let result: SettlementResult | undefined;
  return moveClaim(ctx, caller, claimId, (actor) => ({ kind: 'approve', actor, approvedFen: ZERO_FEN }), {
    prepare: async (tx, stored) => {
      result = undefined;
      // Refuse before computing when the move is not allowed, so the message names the real problem.
      if (stored.claim.status !== 'accepted') return { ok: true, value: {} };
      // R-M6: the person's lock first, so the computation reads the accumulators approval moves — the
      // current ones, not a snapshot from a preview — and the amount and the posted deltas agree.
      await lockPerson(tx, ctx.store.dialect, stored.claim.psnNo);
      const computed = await computeForClaim(tx, ctx, stored.claim);
      if (!computed.ok) return computed;
      result = computed.value.result;
      const amount = result.totals.fundTotalFen;
      const accumulatorPosting: ClaimAccumulatorPosting = {
        year: result.year,
        psnNo: result.personNo,
        deltas: result.accumulatorDeltas,
      };
      return {
        ok: true,
        value: {
          event: { kind: 'approve', actor: actorOf(caller), approvedFen: amount, ...(note ? { note } : {}) },
          computation: { ...computed.value, accumulatorPosting },
        },
      };
    },
    afterSave: async (tx, claim) => {
      if (result === undefined) throw new Error(`claim ${claim.claimId} approved without a computation`);
      await postApprovalAccumulators(tx, claim.claimId, result);
      return { ok: true, value: null };
    },
  });
}

export function rejectClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  reason: string,
): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({ kind: 'reject', actor, reason }));
}

export function payClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  paymentRef: string,
): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({ kind: 'pay', actor, paymentRef }));
}

export function withdrawClaim(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  reason?: string,
): Promise<Result<Claim>> {
  return moveClaim(ctx, caller, claimId, (actor) => ({
    kind: 'withdraw',
    actor,
    ...(reason ? { reason } : {}),
  }));
}

/** 试算: what approval would pay now, without deciding (the agency reviews the trace first). */
export async function previewClaimComputation(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
): Promise<Result<ReimbursementComputation>> {
  return transact(ctx, async (tx) => {
    const loaded = await loadClaimFor(tx, caller, claimId);
    if (!loaded.ok) return loaded;
    return computeForClaim(tx, ctx, loaded.value.claim);
  });
}
