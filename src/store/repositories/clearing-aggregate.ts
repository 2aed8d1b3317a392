/**
 * The clearing aggregation: ONE set-based query (two GROUP BYs under UNION ALL) over the posted
 * settlements of a time range, never loading settlements into the process. Fund-type groups come from
 * settlement_funds; the settlement-level group (fund_type null) carries the personal-account payments,
 * the medical total and the counts. A reversal whose original was settled before the period start is
 * flagged as an adjustment (a late refund rolled forward from an earlier, possibly closed, period).
 */
import { type RawBuilder, sql } from 'kysely';
import type { AggregateGroup } from '../../core/clearing/index.ts';
import { fen } from '../../core/money/index.ts';
import type { Executor } from './executor.ts';

export interface GroupRow {
  insured: string;
  treatment: string;
  institution: string;
  fund_type: string | null;
  adjustment: number;
  amount: number;
  medical: number;
  cnt: number;
  account_cnt: number;
}

/** The aggregation of one time range, as a query: run here, or compiled for a read worker (same text). */
export function clearingAggregateQuery(
  range: { startIso: string; endIso: string },
  periodStartIso: string,
): RawBuilder<GroupRow> {
  // CROSS JOIN makes SQLite drive from settlements by the settled_at range and look each settlement's
  // fund lines up by primary key (with a plain JOIN it scans every fund line ever posted); PostgreSQL
  // treats it as an inner join and plans freely.
  // CASE evaluates lazily, so the original's settled_at is looked up for reversals only.
  const adjustment = sql`case when s.reverses_id is null then 0
      when (select o.settled_at from settlements o where o.settlement_id = s.reverses_id) < ${periodStartIso}
      then 1 else 0 end`;
  return sql<GroupRow>`
    select s.insured_region_code as insured, s.treatment_region_code as treatment,
      s.institution_code as institution, f.fund_type as fund_type, ${adjustment} as adjustment,
      cast(sum(f.pay_fen) as bigint) as amount, cast(0 as bigint) as medical,
      count(*) as cnt, cast(0 as bigint) as account_cnt
    from settlements s cross join settlement_funds f
    where f.settlement_id = s.settlement_id and s.settled_at >= ${range.startIso} and s.settled_at < ${range.endIso}
      and s.insured_region_code <> s.treatment_region_code
    group by 1, 2, 3, 4, 5
    union all
    select s.insured_region_code, s.treatment_region_code, s.institution_code, cast(null as text),
      ${adjustment}, cast(sum(s.account_pay_fen) as bigint), cast(sum(s.total_fen) as bigint),
      count(*), cast(sum(case when s.account_pay_fen <> 0 then 1 else 0 end) as bigint)
    from settlements s
    where s.settled_at >= ${range.startIso} and s.settled_at < ${range.endIso}
      and s.insured_region_code <> s.treatment_region_code
    group by 1, 2, 3, 4, 5`;
}

export async function aggregateClearingGroups(
  db: Executor,
  range: { startIso: string; endIso: string },
  periodStartIso: string,
): Promise<AggregateGroup[]> {
  const { rows } = await clearingAggregateQuery(range, periodStartIso).execute(db);
  return toAggregateGroups(rows);
}

/**
 * PostgreSQL memory for the period's hash join and hash aggregate, for this read only (`set local` in
 * its own transaction). With the default 4 MB the join spills in 16 batches and the aggregate falls back
 * to an external merge sort: 4.8 s instead of 2.5 s for a 1 M month.
 */
const POSTGRES_AGGREGATION_WORK_MEM = '256MB';

/** The whole period in one query on PostgreSQL, with the memory it needs to hash in one pass. */
export async function aggregateClearingGroupsOnPostgres(
  db: Executor,
  range: { startIso: string; endIso: string },
  periodStartIso: string,
): Promise<AggregateGroup[]> {
  return db.transaction().execute(async (tx) => {
    await sql.raw(`set local work_mem = '${POSTGRES_AGGREGATION_WORK_MEM}'`).execute(tx);
    return aggregateClearingGroups(tx, range, periodStartIso);
  });
}

export function toAggregateGroups(rows: readonly GroupRow[]): AggregateGroup[] {
  return rows.map((r) => ({
    insuredRegionCode: r.insured,
    treatmentRegionCode: r.treatment,
    institutionCode: r.institution,
    fundType: r.fund_type,
    adjustment: Number(r.adjustment) === 1,
    amountFen: fen(Number(r.amount)),
    medicalTotalFen: fen(Number(r.medical)),
    count: Number(r.cnt),
    accountCount: Number(r.account_cnt),
  }));
}
