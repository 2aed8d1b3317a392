/**
 * 对明细账 (3202) as a use case: the institution's settlement list for a scope against the platform's,
 * every difference by settlement id. A settlement the institution lists but the scope lacks is looked up
 * by id, so the answer can say "the platform has it, but settled at another time / institution".
 */
import {
  clearingErrors,
  type DetailDifference,
  type DetailReconciliation,
  type DetailRecord,
  firstDuplicateId,
  reconcileDetails,
} from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import {
  readInstitutionDetailGroups,
  readSettlementGroupPlaces,
} from '../../store/repositories/clearing-detail-groups.ts';
import { readInstitutionDetails, readSettlementPlaces } from '../../store/repositories/clearing-details.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import type { AppContext } from '../context.ts';
import { type ReconciliationScopeInput, toScope } from './scope.ts';

export interface DetailReconciliationInput extends ReconciliationScopeInput {
  readonly items: readonly DetailRecord[];
}

export async function reconcileInstitutionDetails(
  ctx: AppContext,
  input: DetailReconciliationInput,
): Promise<Result<DetailReconciliation>> {
  return reconcileWith(ctx.store.db, input, BY_SETTLEMENT_ROW);
}

/** By settlement GROUP (see below), on the store: the institution's own list uploaded on the web. */
export async function reconcileInstitutionSettlementGroups(
  ctx: AppContext,
  input: DetailReconciliationInput,
): Promise<Result<DetailReconciliation>> {
  return reconcileWith(ctx.store.db, input, BY_SETTLEMENT_GROUP);
}

/**
 * By settlement GROUP (the 结算ID the national interface answers: one per 2207/2304/2208/2305, while a
 * group of several parts has one row per part), read through a given executor — the national 3202
 * reads the uploaded file, reconciles and stores the result file in its message's transaction.
 */
export async function reconcileInstitutionSettlementGroupsOn(
  db: Executor,
  input: DetailReconciliationInput,
): Promise<Result<DetailReconciliation>> {
  return reconcileWith(db, input, BY_SETTLEMENT_GROUP);
}

interface DetailReads {
  readonly records: typeof readInstitutionDetails;
  readonly places: typeof readSettlementPlaces;
}

const BY_SETTLEMENT_ROW: DetailReads = { records: readInstitutionDetails, places: readSettlementPlaces };
const BY_SETTLEMENT_GROUP: DetailReads = {
  records: readInstitutionDetailGroups,
  places: readSettlementGroupPlaces,
};

async function reconcileWith(
  db: Executor,
  input: DetailReconciliationInput,
  reads: DetailReads,
): Promise<Result<DetailReconciliation>> {
  const scope = toScope(input);
  if (!scope.ok) return scope;
  const duplicate = firstDuplicateId(input.items);
  if (duplicate !== null) return err(clearingErrors.duplicateSettlement(duplicate));
  const platform = await reads.records(db, scope.value);
  const result = reconcileDetails(input.items, platform);
  const missing = result.differences
    .filter((d) => d.kind === 'missing_on_platform')
    .map((d) => d.settlementId);
  const places = new Map((await reads.places(db, missing)).map((p) => [p.settlementId, p]));
  if (places.size === 0) return ok(result);
  const differences: DetailDifference[] = result.differences.map((d) => {
    const place = d.kind === 'missing_on_platform' ? places.get(d.settlementId) : undefined;
    if (!place) return d;
    return {
      ...d,
      message: `平台有此结算，但不在本次对账范围内（定点机构 ${place.institutionCode}，结算时间 ${place.settledAt}），请核对对账日期、险种、清算类别或机构编号。`,
    };
  });
  return ok({ ...result, differences });
}
