/**
 * 经办统计 — the agency dashboard of one insured region (R-S4): direct-settlement rate by treatment
 * region and month, and settlements and fund payments per month. Read-only batch queries.
 *
 * Direct-settlement rate = cross-region visits of the region's insured persons that settled directly
 * (a settlement not reversed) ÷ all their cross-region visits. Seam: when manual claims (手工报销) are
 * stored, claims for treatment that never reached the visits table join the denominator.
 *
 * Also: open and overdue cases per case type, counted from the same entries as 综合待办 (case-queue.ts,
 * so the two never disagree), and the region's 好差评 summary (ratings.ts: count, average, 差评 share).
 */
import { sql } from 'kysely';
import { type Fen, formatYuan } from '../core/money/index.ts';
import { caseQueue } from './case-queue.ts';
import type { AppContext } from './context.ts';
import { ratingSummary } from './ratings.ts';

export interface MonthFigures {
  readonly month: string;
  readonly settlements: number;
  readonly totalFen: number;
  readonly fundPayFen: number;
  readonly accountPayFen: number;
  readonly cashFen: number;
  readonly fundPayYuan: string;
  readonly totalYuan: string;
}

export interface DirectRate {
  readonly month: string;
  readonly treatmentRegionCode: string;
  readonly treatmentRegionName: string;
  readonly visits: number;
  readonly settledDirectly: number;
  /** Basis points of visits, for exact display; 10000 = 100 %. */
  readonly rateBp: number;
}

/** Open cases of one case type in the region's queue, and how many of them are past their deadline. */
export interface OverdueByKind {
  readonly kind: string;
  readonly kindZh: string;
  readonly open: number;
  readonly overdue: number;
}

export interface RatingsPanel {
  readonly count: number;
  readonly averageScore: number | null;
  readonly good: number;
  readonly neutral: number;
  readonly poor: number;
  readonly poorShareBp: number;
  readonly poorSharePercent: string;
}

export interface Dashboard {
  readonly regionCode: string;
  readonly regionName: string;
  readonly months: readonly MonthFigures[];
  readonly directRates: readonly DirectRate[];
  readonly overallRateBp: number | null;
  /** Every registered case type, in registration order, with zero counts when it has no open case. */
  readonly overdueByKind: readonly OverdueByKind[];
  readonly ratings: RatingsPanel;
}

/** The first month of a 12-month window ending at `now`. */
function windowStart(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return d.toISOString().slice(0, 7);
}

export async function agencyDashboard(ctx: AppContext, regionCode: string): Promise<Dashboard> {
  const db = ctx.store.db;
  const from = windowStart(ctx.now());
  const region = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', regionCode)
    .executeTakeFirst();
  const month = sql<string>`substr(settled_at, 1, 7)`;
  // Reversal rows carry negated amounts, so sums are net; the count counts originals minus reversals.
  const monthRows = await db
    .selectFrom('settlements')
    .select([
      month.as('month'),
      sql<number>`sum(case when kind = 'settlement' then 1 else -1 end)`.as('n'),
      sql<number>`sum(total_fen)`.as('total'),
      sql<number>`sum(fund_pay_fen)`.as('fund'),
      sql<number>`sum(account_pay_fen)`.as('account'),
      sql<number>`sum(cash_fen)`.as('cash'),
    ])
    .where('insured_region_code', '=', regionCode)
    .where(month, '>=', from)
    .groupBy(month)
    .orderBy(month)
    .execute();
  const months = monthRows.map((r) => ({
    month: r.month,
    settlements: Number(r.n),
    totalFen: Number(r.total),
    fundPayFen: Number(r.fund),
    accountPayFen: Number(r.account),
    cashFen: Number(r.cash),
    fundPayYuan: formatYuan(Number(r.fund) as Fen),
    totalYuan: formatYuan(Number(r.total) as Fen),
  }));

  const visitMonth = sql<string>`substr(visits.begin_time, 1, 7)`;
  const visits = await db
    .selectFrom('visits')
    .leftJoin('regions', 'regions.code', 'visits.treatment_region_code')
    .select([
      'visits.visit_id',
      'visits.treatment_region_code',
      'regions.name as region_name',
      visitMonth.as('month'),
    ])
    .where('visits.insured_region_code', '=', regionCode)
    .where('visits.treatment_region_code', '!=', regionCode)
    .where(visitMonth, '>=', from)
    .execute();
  const settled = new Set(
    (
      await db
        .selectFrom('settlements as s')
        .select('s.visit_id')
        .where('s.insured_region_code', '=', regionCode)
        .where('s.kind', '=', 'settlement')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('settlements as r')
                .select('r.settlement_id')
                .whereRef('r.reverses_id', '=', 's.settlement_id'),
            ),
          ),
        )
        .execute()
    ).map((r) => r.visit_id),
  );
  const groups = new Map<
    string,
    { month: string; code: string; name: string; visits: number; settled: number }
  >();
  for (const v of visits) {
    const key = `${v.month}|${v.treatment_region_code}`;
    const g = groups.get(key) ?? {
      month: v.month,
      code: v.treatment_region_code,
      name: v.region_name ?? v.treatment_region_code,
      visits: 0,
      settled: 0,
    };
    g.visits += 1;
    if (settled.has(v.visit_id)) g.settled += 1;
    groups.set(key, g);
  }
  const rateBp = (s: number, n: number) => Math.floor((s * 10000 + Math.floor(n / 2)) / n);
  const directRates = [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.code.localeCompare(b.code))
    .map((g) => ({
      month: g.month,
      treatmentRegionCode: g.code,
      treatmentRegionName: g.name,
      visits: g.visits,
      settledDirectly: g.settled,
      rateBp: rateBp(g.settled, g.visits),
    }));
  const totalVisits = visits.length;
  const totalSettled = visits.filter((v) => settled.has(v.visit_id)).length;
  const queue = await caseQueue(ctx, regionCode);
  const overdueByKind = queue.kinds.map((k) => {
    const mine = queue.entries.filter((e) => e.kind === k.kind);
    return { ...k, open: mine.length, overdue: mine.filter((e) => e.overdue).length };
  });
  const r = await ratingSummary(ctx, regionCode);
  return {
    regionCode,
    regionName: region?.name ?? regionCode,
    months,
    directRates,
    overallRateBp: totalVisits === 0 ? null : rateBp(totalSettled, totalVisits),
    overdueByKind,
    ratings: {
      count: r.count,
      averageScore: r.averageScore,
      good: r.good,
      neutral: r.neutral,
      poor: r.poor,
      poorShareBp: r.poorShareBp,
      poorSharePercent: r.poorSharePercent,
    },
  };
}
