/**
 * 参保地 — the insured region's side of a settlement, behind an interface: the treatment side sends
 * split fee lines and the situation, the insured side computes the benefits with its own policy,
 * accumulators and account, and posts them (seed 003 §3.2). Inside one deployment the peer is
 * in-process and shares the transaction; a later federation replaces it with an HTTP client that
 * carries the same request, with its own message id and reversal.
 */
import type { LineSplit } from '../../core/catalog/index.ts';
import type { Result } from '../../core/errors.ts';
import type { CrossRegionSituation } from '../../core/policy/index.ts';
import type { InstitutionLevel, MedicalType } from '../../core/reference/codes.ts';
import type { SettlementResult, SettlementReversal } from '../../core/settlement/index.ts';

/** What the treatment region sends for one settlement (or pre-settlement). */
export interface BenefitsRequest {
  readonly settlementId: string;
  /** ISO date-time with offset, China time. */
  readonly settledAt: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly institutionLevel: InstitutionLevel;
  readonly medicalType: MedicalType;
  readonly situation: CrossRegionSituation;
  /** Chronic diseases the person is treated for under qualification (门慢特资格). */
  readonly chronicDiseases: readonly string[];
  readonly lines: readonly LineSplit[];
  readonly useAccount: boolean;
}

export interface InsuredRegionPeer {
  /** Computes the benefits and holds the person until the transaction ends; writes nothing. */
  computeBenefits(request: BenefitsRequest): Promise<Result<SettlementResult>>;
  /**
   * Posts a computed settlement on the insured side: accumulators (with movements) and the personal
   * account. `postingId` is the settlement row the movements are attributed to. `reposting` marks a
   * settlement re-posted after its cancellation was itself reversed (2601 of 2208/2305): the account
   * moves from its current balance, not the one the result was computed on.
   */
  postBenefits(
    result: SettlementResult,
    postingId: string,
    at: string,
    options?: { reposting: boolean },
  ): Promise<void>;
  /** Posts a reversal: negated accumulator deltas, and the account payment returned. */
  postReversal(reversal: SettlementReversal, postingId: string, at: string): Promise<void>;
}
