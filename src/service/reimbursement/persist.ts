/**
 * Saving one move of a claim inside the caller's transaction: the claim row (optimistic row version),
 * its new history entries as events, one audit record per transition, notices to the person through
 * the outbox, and posted payments.
 */
import { randomUUID } from 'node:crypto';
import { type DomainError, err, ok, type Result } from '../../core/errors.ts';
import type { Claim, ClaimEffect } from '../../core/reimbursement/index.ts';
import type { DialectName } from '../../store/database.ts';
import {
  appendClaimEvents,
  insertClaim,
  updateClaim,
} from '../../store/repositories/reimbursement-claims.ts';
import { insertPayment } from '../../store/repositories/reimbursement-payments.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { auditRole, type CaseCaller, callerId } from './caller.ts';
import { concurrentUpdate } from './errors.ts';

export const CLAIM_NOTICE_TOPIC = 'reimbursement.notice';

/** Outbox payload of a notice to the person (SMS / in-app, delivered at least once). */
export interface ClaimNotice {
  readonly psnNo: string;
  readonly claimId: string;
  readonly message: string;
}

async function applyEffects(
  tx: Tx,
  claim: Claim,
  effects: readonly ClaimEffect[],
  caller: CaseCaller,
  now: string,
) {
  for (const effect of effects) {
    if (effect.type === 'notify_person') {
      const notice: ClaimNotice = { psnNo: effect.psnNo, claimId: effect.claimId, message: effect.message };
      await tx
        .insertInto('outbox')
        .values({
          topic: CLAIM_NOTICE_TOPIC,
          payload: JSON.stringify(notice),
          created_at: now,
          delivered_at: null,
        })
        .execute();
    } else {
      await insertPayment(
        tx,
        {
          paymentId: `RP${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
          claimId: claim.claimId,
          kind: 'payment',
          amountFen: effect.amountFen,
          reversesId: null,
          reason: `报销支付，凭证 ${effect.paymentRef}`,
          at: now,
          actorId: callerId(caller),
        },
        { psnNo: claim.psnNo, insuredRegionCode: claim.insuredRegionCode },
      );
    }
  }
}

export interface SaveOptions {
  readonly dialect: DialectName;
  readonly caller: CaseCaller;
  readonly now: string;
  /** The settlement core's result a decision used (stored with the claim). */
  readonly computation?: unknown;
  readonly auditDetail?: Readonly<Record<string, unknown>>;
}

export async function saveNewClaim(
  tx: Tx,
  claim: Claim,
  effects: readonly ClaimEffect[],
  options: SaveOptions,
): Promise<void> {
  await insertClaim(tx, claim);
  await appendClaimEvents(tx, claim, claim.history);
  await audit(tx, claim, 'submit', options);
  await applyEffects(tx, claim, effects, options.caller, options.now);
}

export async function saveClaimMove(
  tx: Tx,
  before: { claim: Claim; rowVersion: number },
  after: { claim: Claim; effects: readonly ClaimEffect[] },
  event: string,
  options: SaveOptions,
): Promise<Result<Claim, DomainError>> {
  const updated = await updateClaim(tx, after.claim, before.rowVersion, options.computation);
  if (!updated) return err(concurrentUpdate());
  await appendClaimEvents(tx, after.claim, after.claim.history.slice(before.claim.history.length));
  await audit(tx, after.claim, event, options, before.claim.status);
  await applyEffects(tx, after.claim, after.effects, options.caller, options.now);
  return ok(after.claim);
}

async function audit(
  tx: Tx,
  claim: Claim,
  event: string,
  options: SaveOptions,
  from?: string,
): Promise<void> {
  await appendAudit(tx, options.dialect, {
    at: options.now,
    actor: callerId(options.caller),
    role: auditRole(options.caller),
    action: `reimbursement.claim.${event}`,
    subject: claim.claimId,
    requestId: options.caller.requestId ?? null,
    detail: {
      psnNo: claim.psnNo,
      insuredRegionCode: claim.insuredRegionCode,
      from: from ?? null,
      to: claim.status,
      deadlineDate: claim.deadline.date,
      ...options.auditDetail,
    },
  });
}
