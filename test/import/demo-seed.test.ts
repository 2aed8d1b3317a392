import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSet, buildSchemaFiles, DEMO_DIR, SCHEMA_DIR } from '../../scripts/generate-demo.ts';
import { DEFAULT_DEMO_DIR, seedDemoIfEmpty } from '../../src/service/seed-demo.ts';
import type { Store } from '../../src/store/database.ts';
import type { DB } from '../../src/store/schema.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

async function count(store: Store, table: keyof DB): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('demo data files', () => {
  it('are exactly what the generator writes (deterministic, committed up to date)', () => {
    const first = buildDemoSet();
    const second = buildDemoSet();
    expect([...first.files.entries()]).toEqual([...second.files.entries()]);
    expect(
      readdirSync(DEMO_DIR)
        .filter((n) => n.endsWith('.json') || n.endsWith('.csv'))
        .sort(),
    ).toEqual([...first.files.keys()].sort());
    for (const [name, content] of first.files) {
      expect(
        readFileSync(join(DEMO_DIR, name), 'utf8'),
        `data/demo/${name} is stale: run scripts/generate-demo.ts`,
      ).toBe(content);
    }
  });

  it('publish the very schemas the validator uses (docs/import/*.schema.json)', () => {
    for (const [name, content] of buildSchemaFiles()) {
      expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), `docs/import/${name} is stale`).toBe(content);
    }
  });

  it('meet the required sizes: 8+ regions in 5+ provinces, 60+ institutions, 500+ items per province, 2000+ persons', () => {
    const { counts } = buildDemoSet();
    expect(counts.regions).toBeGreaterThanOrEqual(8);
    expect(counts.provinces).toBeGreaterThanOrEqual(5);
    expect(counts.institutions).toBeGreaterThanOrEqual(60);
    expect(counts.catalogItemsPerProvinceMin).toBeGreaterThanOrEqual(500);
    expect(counts.persons).toBeGreaterThanOrEqual(2000);
    expect(DEFAULT_DEMO_DIR.replace(/[\\/]$/, '')).toBe(DEMO_DIR);
  });
});

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
  });
  afterAll(async () => {
    await store.close();
  });

  it('loads the whole demo set into an empty store through the import service', async () => {
    const result = await seedDemoIfEmpty(store);
    expect(result.seeded).toBe(true);
    expect(result.imports.map((i) => i.kind)[0]).toBe('code_tables');
    expect(await count(store, 'regions')).toBeGreaterThanOrEqual(8);
    expect(await count(store, 'institutions')).toBeGreaterThanOrEqual(60);
    expect(await count(store, 'persons')).toBeGreaterThanOrEqual(2000);
    expect(await count(store, 'benefit_policies')).toBeGreaterThanOrEqual(2 * 8);
    const perRegion = await store.db
      .selectFrom('catalog_items')
      .select(['region_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('region_code')
      .execute();
    expect(perRegion.length).toBeGreaterThanOrEqual(8);
    for (const r of perRegion) expect(Number(r.n)).toBeGreaterThanOrEqual(500);
    const kinds = await store.db.selectFrom('institutions').select(['kind', 'level']).distinct().execute();
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['hospital', 'pharmacy', 'internet_hospital']));
    expect(new Set(kinds.map((k) => k.level))).toEqual(new Set(['0', '1', '2', '3']));
    const marker = await store.db
      .selectFrom('meta')
      .selectAll()
      .where('key', '=', 'demo_seeded')
      .executeTakeFirst();
    expect(marker).toBeDefined();
  });

  it('does nothing the second time (idempotent)', async () => {
    const before = {
      persons: await count(store, 'persons'),
      catalog: await count(store, 'catalog_items'),
      batches: await count(store, 'import_batches'),
    };
    const again = await seedDemoIfEmpty(store);
    expect(again.seeded).toBe(false);
    expect({
      persons: await count(store, 'persons'),
      catalog: await count(store, 'catalog_items'),
      batches: await count(store, 'import_batches'),
    }).toEqual(before);
  });
});
