/**
 * 演示业务活动 — a demo store's history: a few hundred settlements over the ~6 months before the seeding
 * instant, local and cross-region (in-province exempt, cross-province on a long-term filing, emergency),
 * outpatient, inpatient, pharmacy and chronic, some cancelled, and a few unfiled cross-province visits
 * refused at the counter, so a person who logs in sees settlements and the agency dashboard has figures
 * (and a direct-settlement rate below 100 %).
 *
 * Everything goes through the real use cases (demo-activity-his.ts), never raw inserts: accumulators,
 * movements, accounts, conservation, traces and the message log hold as for any HIS traffic. The plan is
 * deterministic (demo-activity-plan.ts: seeded PRNG, times derived from the seeding date); the ids the
 * platform issues (visit, settlement, filing ids) are random as always.
 *
 * Runs once per store: only on a store the demo reference data was loaded into, only when it has no
 * settlement yet, and the `demo_activity_seeded` meta row is claimed first, so two processes starting
 * together cannot both seed. A crash half-way leaves part of the activity and it is not redone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { inTransaction } from '../store/transaction.ts';
import { seedChronicCatalogIfEmpty } from './chronic/index.ts';
import type { AppContext } from './context.ts';
import { DemoHis, type DemoTally, emptyTally } from './demo-activity-his.ts';
import {
  type DemoCatalogItem,
  type DemoReference,
  hisDate,
  planDemoActivity,
  WINDOW_DAYS,
} from './demo-activity-plan.ts';
import { DEMO_SEEDED_KEY } from './seed-demo.ts';

export const DEMO_ACTIVITY_KEY = 'demo_activity_seeded';
/** The plan's seed: change it and the demo history changes. */
export const DEMO_ACTIVITY_SEED = 20_260_501;
/** Persons whose journeys run at the same time (each person's own steps stay in order). */
const CONCURRENT_JOURNEYS = 16;

export interface DemoActivity extends Omit<DemoTally, 'failures'> {
  readonly seeded: boolean;
  readonly persons: number;
  /** Unexpected refusals (should be none); the first few, for the log. */
  readonly failures: readonly string[];
  readonly elapsedMs: number;
}

const NOT_SEEDED: DemoActivity = { ...emptyTally(), seeded: false, persons: 0, elapsedMs: 0 };

/** The reference data the plan draws from (active persons, institutions, the catalog valid over the window). */
export async function loadDemoReference(db: Kysely<DB>, now: Date): Promise<DemoReference> {
  const regions = await db.selectFrom('regions').select(['code', 'province_code']).orderBy('code').execute();
  const institutions = await db
    .selectFrom('institutions')
    .select(['code', 'region_code', 'kind', 'cross_region_networked', 'chronic_diseases'])
    .orderBy('code')
    .execute();
  const persons = await db
    .selectFrom('persons')
    .select(['psn_no', 'insured_region_code', 'insurance_type', 'certificate_no'])
    .where('status', '=', 'active')
    .orderBy('psn_no')
    .execute();
  const from = hisDate(new Date(now.getTime() - (WINDOW_DAYS + 2) * 86_400_000));
  const to = hisDate(now);
  const items = await db
    .selectFrom('catalog_items')
    .select(['region_code', 'code', 'name', 'kind', 'catalog_class', 'price_limit_fen'])
    .where('valid_from', '<=', from)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', to)]))
    .orderBy('region_code')
    .orderBy('code')
    .execute();
  const catalog = new Map<string, DemoCatalogItem[]>();
  for (const i of items) {
    const list = catalog.get(i.region_code) ?? [];
    // Several versions of one code: the first valid over the whole window is enough.
    if (list.at(-1)?.code !== i.code) {
      list.push({
        code: i.code,
        name: i.name,
        kind: i.kind,
        catalogClass: i.catalog_class,
        priceLimitFen: i.price_limit_fen === null ? null : Number(i.price_limit_fen),
      });
    }
    catalog.set(i.region_code, list);
  }
  return {
    regions: regions.map((r) => ({ code: r.code, provinceCode: r.province_code })),
    institutions: institutions.map((i) => ({
      code: i.code,
      regionCode: i.region_code,
      kind: i.kind,
      networked: Number(i.cross_region_networked) === 1,
      chronicDiseases: JSON.parse(i.chronic_diseases) as string[],
    })),
    persons: persons.map((p) => ({
      psnNo: p.psn_no,
      insuredRegionCode: p.insured_region_code,
      insuranceType: p.insurance_type,
      certificateNo: p.certificate_no,
    })),
    catalog,
  };
}

/**
 * Claims the run: the demo reference data is there, no settlement exists, and this caller inserted the
 * meta row. False means another start did (or does) it, or the store is not a fresh demo store.
 */
async function claimRun(ctx: AppContext, at: Date): Promise<boolean> {
  return inTransaction(ctx.store.db, async (tx) => {
    const demo = await tx
      .selectFrom('meta')
      .select('key')
      .where('key', '=', DEMO_SEEDED_KEY)
      .executeTakeFirst();
    if (demo === undefined) return false;
    const any = await tx.selectFrom('settlements').select('settlement_id').limit(1).executeTakeFirst();
    if (any !== undefined) return false;
    const claimed = await tx
      .insertInto('meta')
      .values({ key: DEMO_ACTIVITY_KEY, value: at.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(claimed.numInsertedOrUpdatedRows ?? 0n) > 0;
  });
}

/** Runs `work` over `items` with at most `limit` in flight, in item order per worker. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Seeds the demo activity once; see the module comment for when it does nothing. */
export async function seedDemoActivityIfEmpty(ctx: AppContext): Promise<DemoActivity> {
  const started = Date.now();
  const now = ctx.now();
  const marker = await ctx.store.db
    .selectFrom('meta')
    .select('key')
    .where('key', '=', DEMO_ACTIVITY_KEY)
    .executeTakeFirst();
  if (marker !== undefined || !(await claimRun(ctx, now))) return NOT_SEEDED;

  // Chronic qualifications need the national disease catalog (the server loads it too; idempotent).
  await seedChronicCatalogIfEmpty(ctx.store, undefined, ctx.now);
  const reference = await loadDemoReference(ctx.store.db, now);
  const plan = planDemoActivity(reference, now, DEMO_ACTIVITY_SEED);
  const his = new DemoHis(ctx, new Map(reference.institutions.map((i) => [i.code, i.regionCode])));
  await inParallel(plan.institutionCodes, CONCURRENT_JOURNEYS, (code, i) =>
    his.signIn(code, plan.signInAt, 9_000 + i),
  );
  const tally = emptyTally();
  await inParallel(plan.journeys, CONCURRENT_JOURNEYS, (journey, i) => his.runJourney(journey, i, tally));

  const result: DemoActivity = {
    ...tally,
    seeded: true,
    persons: plan.journeys.length,
    failures: tally.failures.slice(0, 20),
    elapsedMs: Date.now() - started,
  };
  const { failures: _f, ...counts } = result;
  await inTransaction(ctx.store.db, (tx) =>
    tx
      .updateTable('meta')
      .set({
        value: JSON.stringify({ seededAt: now.toISOString(), ...counts, failures: tally.failures.length }),
      })
      .where('key', '=', DEMO_ACTIVITY_KEY)
      .execute(),
  );
  return result;
}
