/**
 * Which clearing statements an agency region may see and decide (R-S3). A statement belongs to its pair:
 * the insured region (参保地, who pays) and the treatment region (就医地, who is paid) both see it; only
 * the insured region confirms or disputes it. To every other region the statement does not exist — it
 * answers "not found", exactly like a missing one, so nothing about other regions' pairs leaks.
 */
import { clearingErrors } from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import { readStatement } from '../../store/repositories/clearing.ts';
import type { AppContext } from '../context.ts';

export interface StatementPair {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
}

/** The side a region is on: it pays as the insured region, is paid as the treatment region. */
export type StatementSide = 'payable' | 'receivable';

/** The region's side of the pair, or undefined when the statement is not the region's. */
export function sideOf(regionCode: string, pair: StatementPair): StatementSide | undefined {
  if (pair.insuredRegionCode === regionCode) return 'payable';
  if (pair.treatmentRegionCode === regionCode) return 'receivable';
  return undefined;
}

export function visibleTo(regionCode: string, pair: StatementPair): boolean {
  return sideOf(regionCode, pair) !== undefined;
}

/** The insured region confirms or disputes (decide-statement.ts); the treatment region only reads. */
export function mayDecide(regionCode: string, pair: StatementPair): boolean {
  return pair.insuredRegionCode === regionCode;
}

/**
 * The statement's pair when `regionCode` is one of its two regions; CLEARING_STATEMENT_NOT_FOUND both
 * when it does not exist and when it is another pair's.
 */
export async function statementInRegion(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
): Promise<Result<StatementPair & { side: StatementSide }>> {
  const row = await readStatement(ctx.store.db, statementId);
  const pair = row && {
    insuredRegionCode: row.insured_region_code,
    treatmentRegionCode: row.treatment_region_code,
  };
  const side = pair && sideOf(regionCode, pair);
  if (!pair || !side) return err(clearingErrors.statementNotFound(statementId));
  return ok({ ...pair, side });
}
