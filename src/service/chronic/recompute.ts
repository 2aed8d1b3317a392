/**
 * The seam between a backdated grant (R-C6) and the settlement service: approving an instant-on-application
 * disease queues the settlements to refund by recomputation (chronic_recompute_requests, same transaction);
 * a ChronicRecomputer — supplied by the settlement service once it exists — reverses and re-settles each one
 * as chronic, and the request is marked done. Until then the queue is visible and nothing is lost.
 */
import { addDays, type IsoDate } from '../../core/calendar/index.ts';
import type { IcdMatcher } from '../../core/chronic/icd.ts';
import { needsRecomputation } from '../../core/chronic/recompute.ts';
import { diagnosisCodesOf } from '../../core/chronic/screening.ts';
import type { Result } from '../../core/errors.ts';
import {
  listRecomputeRequests,
  markRecomputed,
  settlementFactsOf,
} from '../../store/repositories/chronic-applications.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import type { AppContext } from '../context.ts';

export interface SettlementToRecompute {
  readonly settlementId: string;
  readonly settledAt: string;
  readonly category: string;
}

export async function findSettlementsToRecompute(
  tx: Executor,
  window: {
    psnNo: string;
    diseaseCode: string;
    localCode: string | null;
    from: IsoDate;
    to: IsoDate;
    matcher: IcdMatcher | null;
  },
): Promise<SettlementToRecompute[]> {
  // Text bounds one day wider on each side: settled_at may carry any offset; the core decides by China date.
  const facts = await settlementFactsOf(tx, window.psnNo, addDays(window.from, -1), addDays(window.to, 2));
  return facts
    .filter((f) =>
      needsRecomputation(
        { ...f, diagnosisCodes: diagnosisCodesOf(f.diagnosesJson) },
        {
          diseaseCode: window.diseaseCode,
          localCode: window.localCode,
          from: window.from,
          to: window.to,
          matcher: window.matcher,
        },
      ),
    )
    .map((f) => ({ settlementId: f.settlementId, settledAt: f.settledAt, category: f.category }));
}

export interface RecomputeRequest {
  readonly applicationId: string;
  readonly settlementId: string;
  readonly psnNo: string;
  readonly diseaseCode: string;
}

/** What a recomputation gave back (R-C6): the funds now pay more, the person less. Fen; ≥ 0 normally. */
export interface RecomputeRefund {
  /** fund_pay_sumamt recomputed − original. */
  readonly fundsMoreFen: number;
  /** psn_part_amt original − recomputed: the person's difference, refunded. */
  readonly personRefundFen: number;
  /** Of it, back into the personal account (done by the reversal and re-posting). */
  readonly accountRefundFen: number;
  /** Of it, cash the agency pays back to the person. */
  readonly cashRefundFen: number;
}

export interface RecomputeOutcome {
  /** The group that now stands for the settlement, or `unchanged:<group>` / `reversed:<group>`. */
  readonly resultRef: string;
  readonly refund?: RecomputeRefund;
  /** The recomputer marked the request done in its own transaction (so it is never done twice). */
  readonly marked?: boolean;
}

/** Implemented by the settlement service: reverse the settlement and settle it again as chronic. */
export interface ChronicRecomputer {
  recompute(ctx: AppContext, request: RecomputeRequest): Promise<Result<RecomputeOutcome>>;
}

export async function pendingChronicRecomputations(ctx: AppContext, psnNo?: string) {
  return listRecomputeRequests(ctx.store.db, { status: 'pending', ...(psnNo ? { psnNo } : {}) });
}

/** Runs every pending request through the recomputer; failures stay pending for the next run. */
export async function processChronicRecomputations(
  ctx: AppContext,
  recomputer: ChronicRecomputer,
): Promise<{ done: number; failed: { settlementId: string; code: string }[] }> {
  const pending = await pendingChronicRecomputations(ctx);
  let done = 0;
  const failed: { settlementId: string; code: string }[] = [];
  for (const request of pending) {
    const result = await recomputer.recompute(ctx, request);
    if (!result.ok) {
      failed.push({ settlementId: request.settlementId, code: result.error.code });
      continue;
    }
    // A recomputer that marks the request in its own transaction reports it; else it is marked here.
    // Neither counts a request another run finished first.
    if (
      result.value.marked === true ||
      (await markRecomputed(ctx.store.db, request, result.value.resultRef, ctx.now().toISOString()))
    ) {
      done++;
    }
  }
  return { done, failed };
}
