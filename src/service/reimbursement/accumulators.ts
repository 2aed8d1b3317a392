/**
 * 年度累计 for manual reimbursement (R-M6): an approved claim moves the person-year accumulators exactly
 * as direct settlement of the same bill would have — the core's deltas, computed at approval against the
 * accumulators read under the person lock in the same transaction, posted as movements whose source is
 * the claim (never a `settlements` row: clearing between regions reads that table, and a manual
 * reimbursement is paid by the insured region itself). The personal account is not moved: the person
 * already paid and is reimbursed in cash, so the computation runs with `useAccount: false`.
 *
 * When later follow-ups take the whole payment back (追回 down to a net paid of 0, directly or by a
 * reversal), the claim's movements are undone by inverse movements; if a reversal restores the payment,
 * the approval's deltas are posted again. Partial 补支 / 追回 do not move accumulators.
 */
import type { SettlementResult } from '../../core/settlement/index.ts';
import type { DialectName } from '../../store/database.ts';
import {
  applyAccumulatorDeltas,
  claimMovementTotals,
  readAccumulators,
} from '../../store/repositories/accumulators.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import type { Tx } from '../../store/transaction.ts';

/** What approval posted, stored with the claim's computation (`computation.accumulatorPosting`). */
export interface ClaimAccumulatorPosting {
  readonly year: number;
  readonly psnNo: string;
  readonly deltas: Readonly<Record<string, number>>;
}

/** Posts the approval's deltas for the claim; `result` was computed in this transaction, under the lock. */
export async function postApprovalAccumulators(
  tx: Tx,
  claimId: string,
  result: SettlementResult,
): Promise<ClaimAccumulatorPosting> {
  if (result.totals.accountFen !== 0) {
    throw new Error(`claim ${claimId}: a manual reimbursement must not pay from the personal account`);
  }
  const current = await readAccumulators(tx, result.personNo, result.year);
  const before = Object.fromEntries(current.filter((c) => c.value !== 0).map((c) => [c.key, c.value]));
  if (!sameCounters(before, result.accumulatorsBefore)) {
    throw new Error(`claim ${claimId}: accumulators changed between computation and posting`);
  }
  await applyAccumulatorDeltas(
    tx,
    { psnNo: result.personNo, year: result.year, insuredRegionCode: result.insuredRegionCode, claimId },
    current,
    result.accumulatorDeltas,
  );
  return { year: result.year, psnNo: result.personNo, deltas: result.accumulatorDeltas };
}

export type AccumulatorSync = 'unchanged' | 'withdrawn' | 'reposted';

/**
 * Brings the claim's net movements to what its payments say: the approval's deltas while any of the
 * funds' payment stands, none once it is wholly recovered. Locks the person first.
 */
export async function syncClaimAccumulators(
  tx: Tx,
  dialect: DialectName,
  claim: { readonly claimId: string; readonly approvedFen: number | null },
  posting: ClaimAccumulatorPosting | undefined,
  netPaidFen: number,
): Promise<AccumulatorSync> {
  // Approved before migration 0009: nothing was posted, so there is nothing to withdraw either.
  if (posting === undefined) return 'unchanged';
  const person = await lockPerson(tx, dialect, posting.psnNo);
  if (person === undefined) throw new Error(`person ${posting.psnNo} of claim ${claim.claimId} vanished`);
  const wholeRecovered = (claim.approvedFen ?? 0) > 0 && netPaidFen <= 0;
  const target: Readonly<Record<string, number>> = wholeRecovered ? {} : posting.deltas;
  const posted =
    (await claimMovementTotals(tx, claim.claimId)).find((t) => t.year === posting.year)?.deltas ?? {};
  const change: Record<string, number> = {};
  for (const key of new Set([...Object.keys(target), ...Object.keys(posted)])) {
    const d = (target[key] ?? 0) - (posted[key] ?? 0);
    if (d !== 0) change[key] = d;
  }
  if (Object.keys(change).length === 0) return 'unchanged';
  await applyAccumulatorDeltas(
    tx,
    {
      psnNo: posting.psnNo,
      year: posting.year,
      insuredRegionCode: person.insuredRegionCode,
      claimId: claim.claimId,
    },
    await readAccumulators(tx, posting.psnNo, posting.year),
    change,
  );
  return wholeRecovered ? 'withdrawn' : 'reposted';
}

/** The posting stored with a claim's computation, if approval posted one. */
export function postingOf(computation: unknown): ClaimAccumulatorPosting | undefined {
  if (typeof computation !== 'object' || computation === null) return undefined;
  const posting = (computation as { accumulatorPosting?: ClaimAccumulatorPosting }).accumulatorPosting;
  return posting ?? undefined;
}

function sameCounters(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const nonZero = (m: Readonly<Record<string, number>>) =>
    Object.entries(m)
      .filter(([, v]) => v !== 0)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify(nonZero(a)) === JSON.stringify(nonZero(b));
}
