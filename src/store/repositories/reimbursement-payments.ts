/** Posted money of manual claims (append-only): payment, 补支, 追回, and reversals linked to them. */

import { fen } from '../../core/money/index.ts';
import type { ClaimPayment, PaymentKind } from '../../core/reimbursement/index.ts';
import type { Executor } from './executor.ts';

export async function paymentsOfClaim(db: Executor, claimId: string): Promise<ClaimPayment[]> {
  const rows = await db
    .selectFrom('reimbursement_payments')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    paymentId: r.payment_id,
    claimId: r.claim_id,
    kind: r.kind as PaymentKind,
    amountFen: fen(Number(r.amount_fen)),
    reversesId: r.reverses_id,
    reason: r.reason,
    at: r.at,
    actorId: r.actor,
  }));
}

export async function insertPayment(
  db: Executor,
  payment: ClaimPayment,
  owner: { psnNo: string; insuredRegionCode: string },
): Promise<void> {
  const last = await db
    .selectFrom('reimbursement_payments')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('claim_id', '=', payment.claimId)
    .executeTakeFirst();
  await db
    .insertInto('reimbursement_payments')
    .values({
      payment_id: payment.paymentId,
      claim_id: payment.claimId,
      seq: Number(last?.seq ?? 0) + 1,
      psn_no: owner.psnNo,
      insured_region_code: owner.insuredRegionCode,
      kind: payment.kind,
      amount_fen: payment.amountFen,
      reverses_id: payment.reversesId,
      reason: payment.reason,
      at: payment.at,
      actor: payment.actorId,
    })
    .execute();
}
