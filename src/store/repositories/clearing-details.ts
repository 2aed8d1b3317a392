/**
 * Settlement-level reads for clearing drill-down and institution reconciliation. Each query is bounded
 * by an index: (insured, treatment, settled_at) for a pair, (institution, settled_at) for an institution.
 */
import type { DrillDownFund, DrillDownSettlement } from '../../core/clearing/index.ts';
import { fen } from '../../core/money/index.ts';
import type { Executor } from './executor.ts';

export interface PairPageQuery {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly startIso: string;
  readonly endIso: string;
  readonly periodStartIso: string;
  /** Keyset cursor: the last row's (settled_at, settlement_id). */
  readonly after?: { settledAt: string; settlementId: string } | undefined;
  readonly limit: number;
}

export async function readPairPage(
  db: Executor,
  q: PairPageQuery,
): Promise<{ settlements: DrillDownSettlement[]; funds: DrillDownFund[] }> {
  let query = db
    .selectFrom('settlements as s')
    .leftJoin('settlements as o', 'o.settlement_id', 's.reverses_id')
    .select([
      's.settlement_id',
      's.visit_id',
      's.psn_no',
      's.institution_code',
      's.settled_at',
      's.kind',
      's.reverses_id',
      's.total_fen',
      's.account_pay_fen',
      'o.settled_at as original_settled_at',
    ])
    .where('s.insured_region_code', '=', q.insuredRegionCode)
    .where('s.treatment_region_code', '=', q.treatmentRegionCode)
    .where('s.settled_at', '>=', q.startIso)
    .where('s.settled_at', '<', q.endIso);
  const after = q.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('s.settled_at', '>', after.settledAt),
        eb.and([eb('s.settled_at', '=', after.settledAt), eb('s.settlement_id', '>', after.settlementId)]),
      ]),
    );
  }
  const rows = await query.orderBy('s.settled_at').orderBy('s.settlement_id').limit(q.limit).execute();
  const settlements: DrillDownSettlement[] = rows.map((r) => ({
    settlementId: r.settlement_id,
    visitId: r.visit_id,
    psnNo: r.psn_no,
    institutionCode: r.institution_code,
    settledAt: r.settled_at,
    kind: r.kind,
    reversesId: r.reverses_id,
    adjustment: r.original_settled_at !== null && r.original_settled_at < q.periodStartIso,
    medicalTotalFen: fen(Number(r.total_fen)),
    accountPayFen: fen(Number(r.account_pay_fen)),
  }));
  if (settlements.length === 0) return { settlements, funds: [] };
  const fundRows = await db
    .selectFrom('settlement_funds')
    .select(['settlement_id', 'fund_type', 'pay_fen'])
    .where(
      'settlement_id',
      'in',
      settlements.map((s) => s.settlementId),
    )
    .execute();
  return {
    settlements,
    funds: fundRows.map((f) => ({
      settlementId: f.settlement_id,
      fundType: f.fund_type,
      payFen: fen(Number(f.pay_fen)),
    })),
  };
}

export interface InstitutionScope {
  readonly institutionCode: string;
  readonly startIso: string;
  readonly endIso: string;
  readonly insuranceType?: string | undefined;
  readonly clearingType?: string | undefined;
  readonly insuredRegionCode?: string | undefined;
  readonly includesRefunds: boolean;
}

/** The institution's settlement rows in the scope; the reconciliation by row and by group both read through it. */
export function settlementsInScope(db: Executor, scope: InstitutionScope) {
  let q = db
    .selectFrom('settlements')
    .where('institution_code', '=', scope.institutionCode)
    .where('settled_at', '>=', scope.startIso)
    .where('settled_at', '<', scope.endIso);
  if (scope.insuranceType) q = q.where('insurance_type', '=', scope.insuranceType);
  if (scope.clearingType) q = q.where('clearing_type', '=', scope.clearingType);
  if (scope.insuredRegionCode) q = q.where('insured_region_code', '=', scope.insuredRegionCode);
  if (!scope.includesRefunds) q = q.where('kind', '=', 'settlement');
  return q;
}

export async function readInstitutionTotals(db: Executor, scope: InstitutionScope) {
  const row = await settlementsInScope(db, scope)
    .select((eb) => [
      eb.fn.countAll<number>().as('cnt'),
      eb.cast<number>(eb.fn.coalesce(eb.fn.sum('total_fen'), eb.lit(0)), 'bigint').as('medical'),
      eb.cast<number>(eb.fn.coalesce(eb.fn.sum('fund_pay_fen'), eb.lit(0)), 'bigint').as('fund'),
      eb.cast<number>(eb.fn.coalesce(eb.fn.sum('account_pay_fen'), eb.lit(0)), 'bigint').as('account'),
    ])
    .executeTakeFirstOrThrow();
  return {
    settlementCount: Number(row.cnt),
    medicalTotalFen: fen(Number(row.medical)),
    fundPayFen: fen(Number(row.fund)),
    accountPayFen: fen(Number(row.account)),
  };
}

export async function readInstitutionDetails(db: Executor, scope: InstitutionScope) {
  const rows = await settlementsInScope(db, scope)
    .select([
      'settlement_id',
      'visit_id',
      'psn_no',
      'total_fen',
      'fund_pay_fen',
      'account_pay_fen',
      'kind',
      'msgid',
    ])
    .orderBy('settlement_id')
    .execute();
  return rows.map((r) => ({
    settlementId: r.settlement_id,
    visitId: r.visit_id,
    psnNo: r.psn_no,
    medicalTotalFen: fen(Number(r.total_fen)),
    fundPayFen: fen(Number(r.fund_pay_fen)),
    accountPayFen: fen(Number(r.account_pay_fen)),
    refund: r.kind === 'reversal',
    msgid: r.msgid,
  }));
}

/** Where settlements the scope did not find actually are (for a helpful message), by id. */
export async function readSettlementPlaces(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const out: { settlementId: string; institutionCode: string; settledAt: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('settlements')
      .select(['settlement_id', 'institution_code', 'settled_at'])
      .where('settlement_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.push({
        settlementId: r.settlement_id,
        institutionCode: r.institution_code,
        settledAt: r.settled_at,
      });
    }
  }
  return out;
}
