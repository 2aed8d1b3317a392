/**
 * 补支 and 追回 (R-R2 follow-ups): after payment, an under-payment is topped up by a supplementary
 * payment and an over-payment recovered. Both are posted records linked to the claim, never edits of
 * the payment; each can be reversed once by a linked reversal record. The net paid never goes negative.
 */
import { domainError, err, ok, type Result } from '../errors.ts';
import { type Fen, formatYuan } from '../money/index.ts';
import { ReimbursementErrorCode, reasonRequired } from './errors.ts';

export const PaymentKind = {
  Payment: 'payment',
  Supplement: 'supplement',
  Recovery: 'recovery',
  Reversal: 'reversal',
} as const;
export type PaymentKind = (typeof PaymentKind)[keyof typeof PaymentKind];

export const paymentKindNames: Readonly<Record<PaymentKind, string>> = {
  payment: '报销支付',
  supplement: '补支',
  recovery: '追回',
  reversal: '冲销',
};

/** One posted money record of a claim; `amountFen` is signed: money to the person is positive. */
export interface ClaimPayment {
  readonly paymentId: string;
  readonly claimId: string;
  readonly kind: PaymentKind;
  readonly amountFen: Fen;
  readonly reversesId: string | null;
  readonly reason: string;
  readonly at: string;
  readonly actorId: string;
}

export function netPaidFen(payments: readonly ClaimPayment[]): Fen {
  return payments.reduce((s, p) => s + p.amountFen, 0) as Fen;
}

export type AdjustmentRequest =
  | { readonly kind: 'supplement'; readonly amountFen: Fen; readonly reason: string }
  | { readonly kind: 'recovery'; readonly amountFen: Fen; readonly reason: string }
  | { readonly kind: 'reversal'; readonly reversesId: string; readonly reason: string };

/** Plans one adjustment against the claim's posted records; the caller posts it. */
export function planAdjustment(
  payments: readonly ClaimPayment[],
  request: AdjustmentRequest,
  ids: { paymentId: string; claimId: string; at: string; actorId: string },
): Result<ClaimPayment> {
  const reason = request.reason.trim();
  if (reason === '') return err(reasonRequired('reason', `${paymentKindNames[request.kind]}的原因`));
  if (!payments.some((p) => p.kind === PaymentKind.Payment)) {
    return err(
      domainError(
        ReimbursementErrorCode.AdjustmentNotReversible,
        '报销款尚未支付，不能办理补支、追回或冲销。',
        { field: 'kind' },
      ),
    );
  }
  const net = netPaidFen(payments);
  const base = { ...ids, reason };
  if (request.kind === 'reversal') {
    const target = payments.find((p) => p.paymentId === request.reversesId);
    const reversed = payments.some((p) => p.reversesId === request.reversesId);
    if (target === undefined || target.kind === 'payment' || target.kind === 'reversal' || reversed) {
      return err(
        domainError(
          ReimbursementErrorCode.AdjustmentNotReversible,
          `记录 ${request.reversesId} 不能冲销：只有尚未冲销的补支或追回记录可以冲销一次。`,
          { field: 'reversesId' },
        ),
      );
    }
    if (net - target.amountFen < 0) {
      return err(
        domainError(
          ReimbursementErrorCode.RecoveryExceedsPaid,
          '冲销后实付金额将为负数，请先冲销其后的追回记录。',
          { field: 'reversesId' },
        ),
      );
    }
    return ok({
      ...base,
      kind: 'reversal',
      amountFen: (0 - target.amountFen) as Fen,
      reversesId: target.paymentId,
    });
  }
  if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) {
    return err(
      domainError(
        ReimbursementErrorCode.AmountInvalid,
        `${paymentKindNames[request.kind]}金额须为大于 0 的整数分。`,
        { field: 'amountFen' },
      ),
    );
  }
  if (request.kind === 'recovery' && request.amountFen > net) {
    return err(
      domainError(
        ReimbursementErrorCode.RecoveryExceedsPaid,
        `追回金额 ${formatYuan(request.amountFen)} 元超过该申请的实付金额 ${formatYuan(net)} 元。`,
        { field: 'amountFen' },
      ),
    );
  }
  const signed = (request.kind === 'recovery' ? 0 - request.amountFen : request.amountFen) as Fen;
  return ok({ ...base, kind: request.kind, amountFen: signed, reversesId: null });
}
