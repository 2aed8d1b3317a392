/**
 * 补支 / 追回 (R-R2 follow-ups): after payment the insured region's agency tops up an under-payment or
 * recovers an over-payment, each a posted record linked to the claim; either can be reversed once by
 * a linked reversal. The claim itself is not changed; its net paid is the sum of its records. A follow-up
 * that takes the whole payment back also undoes the claim's accumulator movements (R-M6, see
 * accumulators.ts); one that restores it posts them again.
 */
import { randomUUID } from 'node:crypto';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { fen, formatYuan } from '../../core/money/index.ts';
import {
  type AdjustmentRequest,
  type ClaimPayment,
  netPaidFen,
  paymentKindNames,
  planAdjustment,
} from '../../core/reimbursement/index.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import { updateClaim } from '../../store/repositories/reimbursement-claims.ts';
import { insertPayment, paymentsOfClaim } from '../../store/repositories/reimbursement-payments.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { postingOf, syncClaimAccumulators } from './accumulators.ts';
import type { CaseCaller } from './caller.ts';
import { concurrentUpdate } from './errors.ts';
import { loadClaimFor } from './moves.ts';
import { CLAIM_NOTICE_TOPIC } from './persist.ts';

export interface AdjustmentOutcome {
  readonly payment: ClaimPayment;
  readonly netPaidFen: number;
}

export async function adjustClaimPayment(
  ctx: AppContext,
  caller: Extract<CaseCaller, { role: 'staff' }>,
  claimId: string,
  request: AdjustmentRequest,
): Promise<Result<AdjustmentOutcome>> {
  const now = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    const loaded = await loadClaimFor(tx, caller, claimId);
    if (!loaded.ok) return loaded;
    const claim = loaded.value.claim;
    if (claim.status !== 'paid') {
      return err(
        domainError('REIMBURSEMENT_NOT_PAID', '只有已支付的报销申请可以办理补支、追回或冲销。', {
          field: 'claimId',
          ruleId: 'R-R2',
        }),
      );
    }
    // The person's lock first (as approval and settlement take it), then the claim row: concurrent
    // follow-ups of one claim serialize here (or one is refused).
    await lockPerson(tx, ctx.store.dialect, claim.psnNo);
    if (!(await updateClaim(tx, claim, loaded.value.rowVersion))) return err(concurrentUpdate());
    const payments = await paymentsOfClaim(tx, claimId);
    const planned = planAdjustment(payments, request, {
      paymentId: `RP${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
      claimId,
      at: now,
      actorId: caller.username,
    });
    if (!planned.ok) return planned;
    const payment = planned.value;
    await insertPayment(tx, payment, { psnNo: claim.psnNo, insuredRegionCode: claim.insuredRegionCode });
    const net = netPaidFen([...payments, payment]);
    // R-M6: a whole recovery undoes the claim's accumulator movements; restoring the payment redoes them.
    const accumulators = await syncClaimAccumulators(
      tx,
      ctx.store.dialect,
      claim,
      postingOf(loaded.value.computation),
      net,
    );
    await appendAudit(tx, ctx.store.dialect, {
      at: now,
      actor: caller.username,
      role: 'staff',
      action: `reimbursement.payment.${payment.kind}`,
      subject: claimId,
      requestId: caller.requestId ?? null,
      detail: {
        paymentId: payment.paymentId,
        amountFen: payment.amountFen,
        reversesId: payment.reversesId,
        reason: payment.reason,
        netPaidFen: net,
        accumulators,
      },
    });
    const what = paymentKindNames[payment.kind];
    const message = `您的手工报销申请 ${claimId} 办理了${what} ${formatYuan(fen(Math.abs(payment.amountFen)))} 元（${payment.reason}），实付合计 ${formatYuan(net)} 元。`;
    await tx
      .insertInto('outbox')
      .values({
        topic: CLAIM_NOTICE_TOPIC,
        payload: JSON.stringify({ psnNo: claim.psnNo, claimId, message }),
        created_at: now,
        delivered_at: null,
      })
      .execute();
    return ok({ payment, netPaidFen: net });
  });
}
