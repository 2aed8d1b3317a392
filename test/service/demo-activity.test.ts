/**
 * The demo activity (service/demo-activity.ts) on both dialects: on a store holding the demo reference
 * data it adds a few hundred settlements through the real HIS use cases — spread over months and
 * treatment regions, local and cross-region, with cancellations and refused unfiled visits — and every
 * posting invariant holds: accumulators = Σ movements, each settlement row conserves, fund lines add up,
 * every settlement answers a logged message. A second call adds nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDashboard } from '../../src/service/agency-dashboard.ts';
import type { AppContext } from '../../src/service/context.ts';
import {
  DEMO_ACTIVITY_KEY,
  DEMO_ACTIVITY_SEED,
  type DemoActivity,
  loadDemoReference,
  seedDemoActivityIfEmpty,
} from '../../src/service/demo-activity.ts';
import { planDemoActivity } from '../../src/service/demo-activity-plan.ts';
import { seedDemoIfEmpty } from '../../src/service/seed-demo.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

/** 2026-03-15 10:00 China time: the ~6-month window reaches back into 2025 (two policy years). */
const NOW = new Date('2026-03-15T02:00:00Z');

async function countOf(store: Store, table: 'settlements' | 'visits' | 'message_log' | 'filings') {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DIALECTS)('demo activity on %s', (dialect) => {
  let store: Store;
  let ctx: AppContext;
  let seeded: DemoActivity;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    ctx = { store, now: () => NOW };
    await seedDemoIfEmpty(store, undefined, ctx.now);
    const started = Date.now();
    seeded = await seedDemoActivityIfEmpty(ctx);
    console.log(`demo activity on ${dialect}: ${JSON.stringify(seeded)} in ${Date.now() - started} ms`);
  });
  afterAll(() => store.close());

  it('settles a few hundred visits over ≥ 3 months and ≥ 3 treatment regions, without unexpected refusals', async () => {
    expect(seeded.seeded).toBe(true);
    expect(seeded.failures).toEqual([]);
    expect(seeded.settlements).toBeGreaterThanOrEqual(200);
    const rows = await store.db
      .selectFrom('settlements')
      .select([
        'group_id',
        'settled_at',
        'treatment_region_code',
        'insured_region_code',
        'situation',
        'category',
      ])
      .where('kind', '=', 'settlement')
      .execute();
    // One row per part: a chronic visit with an unrelated line settles as two parts of one group.
    expect(new Set(rows.map((r) => r.group_id)).size).toBe(seeded.settlements);
    expect(new Set(rows.map((r) => r.settled_at.slice(0, 7))).size).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.treatment_region_code)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.insured_region_code !== r.treatment_region_code)).toBe(true);
    const situations = new Set(rows.map((r) => r.situation));
    for (const s of ['local', 'in_province_exempt', 'cross_province_long_term', 'emergency']) {
      expect(situations).toContain(s);
    }
    const categories = new Set(rows.map((r) => r.category));
    for (const c of ['general_outpatient', 'inpatient', 'chronic_outpatient', 'pharmacy_purchase']) {
      expect(categories).toContain(c);
    }
    // Before the seeding instant, within about six months of it.
    const earliest = new Date(NOW.getTime() - 190 * 86_400_000).toISOString().slice(0, 10);
    const latest = '2026-03-15 10:00:00';
    for (const r of rows) {
      expect(r.settled_at < latest && r.settled_at > earliest).toBe(true);
    }
  });

  it('made the filings and chronic qualifications through their services', async () => {
    expect(seeded.filings).toBeGreaterThan(0);
    expect(seeded.qualifications).toBeGreaterThan(0);
    const filings = await store.db.selectFrom('filings').select(['status', 'type']).execute();
    expect(filings.length).toBe(seeded.filings);
    expect(filings.every((f) => f.status === 'approved' && f.type === 'long_term_resident')).toBe(true);
    const qualifications = await store.db
      .selectFrom('chronic_qualifications')
      .select(['status', 'source'])
      .execute();
    expect(qualifications.length).toBe(seeded.qualifications);
  });

  it('cancelled some settlements with linked reversal rows', async () => {
    expect(seeded.reversals).toBeGreaterThanOrEqual(1);
    const reversals = await store.db
      .selectFrom('settlements as r')
      .innerJoin('settlements as s', 's.settlement_id', 'r.reverses_id')
      .select(['r.total_fen as reversed', 's.total_fen as original', 's.kind as originalKind'])
      .where('r.kind', '=', 'reversal')
      .execute();
    expect(reversals.length).toBeGreaterThanOrEqual(seeded.reversals);
    for (const r of reversals) {
      expect(r.originalKind).toBe('settlement');
      expect(Number(r.reversed)).toBe(-Number(r.original));
    }
  });

  it('left refused unfiled cross-region visits unsettled, so the direct-settlement rate is below 100 %', async () => {
    expect(seeded.refused).toBeGreaterThanOrEqual(1);
    const unsettled = await store.db
      .selectFrom('visits as v')
      .select(['v.visit_id', 'v.insured_region_code'])
      .whereRef('v.insured_region_code', '!=', 'v.treatment_region_code')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('settlements as s')
              .select('s.settlement_id')
              .whereRef('s.visit_id', '=', 'v.visit_id'),
          ),
        ),
      )
      .execute();
    expect(unsettled.length).toBeGreaterThanOrEqual(seeded.refused);
    const refusals = await store.db
      .selectFrom('message_log')
      .select('response')
      .where('operation', '=', '2207')
      .where('response', 'like', '%CROSS_REGION_NOT_FILED%')
      .execute();
    expect(refusals.length).toBe(seeded.refused);
    const dashboard = await agencyDashboard(ctx, unsettled[0]!.insured_region_code);
    expect(dashboard.overallRateBp).not.toBeNull();
    expect(dashboard.overallRateBp!).toBeLessThan(10_000);
    expect(dashboard.months.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every accumulator equal to the sum of its movements, and every account to its last movement', async () => {
    const sums = await store.db
      .selectFrom('accumulator_movements')
      .select([
        'psn_no',
        'year',
        'key',
        sql<number>`sum(delta)`.as('total'),
        sql<number>`max(version)`.as('last'),
      ])
      .groupBy(['psn_no', 'year', 'key'])
      .execute();
    const accumulators = await store.db.selectFrom('accumulators').selectAll().execute();
    expect(accumulators.length).toBeGreaterThan(0);
    const byKey = new Map(sums.map((s) => [`${s.psn_no}|${s.year}|${s.key}`, s]));
    for (const a of accumulators) {
      const s = byKey.get(`${a.psn_no}|${a.year}|${a.key}`);
      expect(Number(a.value)).toBe(s === undefined ? 0 : Number(s.total));
      if (s !== undefined) expect(Number(a.version)).toBe(Number(s.last));
    }
    const accounts = await store.db
      .selectFrom('account_movements as m')
      .innerJoin('persons as p', 'p.psn_no', 'm.psn_no')
      .select(['m.psn_no', 'm.version', 'm.balance_after_fen', 'p.account_balance_fen'])
      .orderBy('m.psn_no')
      .orderBy('m.version')
      .execute();
    expect(accounts.length).toBeGreaterThan(0);
    const lastOf = new Map(accounts.map((m) => [m.psn_no, m]));
    for (const m of lastOf.values()) expect(Number(m.balance_after_fen)).toBe(Number(m.account_balance_fen));
  });

  it('conserves every settlement row, its fund lines add up, and it answers a logged message', async () => {
    const rows = await store.db.selectFrom('settlements').selectAll().execute();
    const funds = await store.db
      .selectFrom('settlement_funds')
      .select(['settlement_id', sql<number>`sum(pay_fen)`.as('paid')])
      .groupBy('settlement_id')
      .execute();
    const paid = new Map(funds.map((f) => [f.settlement_id, Number(f.paid)]));
    const messages = new Set(
      (await store.db.selectFrom('message_log').select(['party', 'msgid']).execute()).map(
        (m) => `${m.party}|${m.msgid}`,
      ),
    );
    for (const s of rows) {
      const n = (v: number) => Number(v);
      expect(n(s.total_fen)).toBe(
        n(s.fund_pay_fen) + n(s.account_pay_fen) + n(s.cash_fen) + n(s.hospital_part_fen),
      );
      expect(n(s.total_fen)).toBe(
        n(s.in_scope_fen) + n(s.full_own_pay_fen) + n(s.over_limit_fen) + n(s.class_b_copay_fen),
      );
      expect(paid.get(s.settlement_id) ?? 0).toBe(n(s.fund_pay_fen));
      expect(messages.has(`${s.institution_code}|${s.msgid}`)).toBe(true);
    }
  });

  it('adds nothing on a second call, and plans the same activity again for the same day', async () => {
    const before = await Promise.all(
      (['settlements', 'visits', 'message_log', 'filings'] as const).map((t) => countOf(store, t)),
    );
    const again = await seedDemoActivityIfEmpty(ctx);
    expect(again.seeded).toBe(false);
    const after = await Promise.all(
      (['settlements', 'visits', 'message_log', 'filings'] as const).map((t) => countOf(store, t)),
    );
    expect(after).toEqual(before);
    const marker = await store.db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', DEMO_ACTIVITY_KEY)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(marker.value)).toMatchObject({
      settlements: seeded.settlements,
      refused: seeded.refused,
    });

    const reference = await loadDemoReference(store.db, NOW);
    const plan = (at: Date) => JSON.stringify(planDemoActivity(reference, at, DEMO_ACTIVITY_SEED));
    expect(plan(new Date(NOW.getTime() + 3_600_000))).toBe(plan(NOW));
  });
});

describe.each(DIALECTS)('demo activity on a store without the demo data (%s)', (dialect) => {
  it('does nothing and does not claim the run', async () => {
    const store = await openTestStore(dialect);
    try {
      const result = await seedDemoActivityIfEmpty({ store, now: () => NOW });
      expect(result.seeded).toBe(false);
      const marker = await store.db
        .selectFrom('meta')
        .select('key')
        .where('key', '=', DEMO_ACTIVITY_KEY)
        .executeTakeFirst();
      expect(marker).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
