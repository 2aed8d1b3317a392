/**
 * The clearing aggregation on SQLite read workers (one read-only connection per thread) gives exactly
 * the groups of the in-process aggregation on the store's own connection, day by day — including
 * late refunds (adjustments) of a previous month and local settlements that are not cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateGroup } from '../../src/core/clearing/index.ts';
import { parsePeriod } from '../../src/core/clearing/index.ts';
import { aggregatePeriod } from '../../src/service/clearing/compute.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { insertReference, postReversal, postSettlements, randomMonth, seededRandom } from './fixtures.ts';

const seed = Number(process.env.CLEARING_SEED) || Date.now() % 2_147_483_647;
console.log(`[worker aggregation] seed=${seed} (rerun with CLEARING_SEED=${seed})`);

function canonical(parts: AggregateGroup[][]): string[][] {
  return parts.map((groups) => groups.map((group) => JSON.stringify(group)).sort());
}

describe('clearing aggregation on SQLite read workers', () => {
  let store: Store;
  const october = parsePeriod('2026-10');
  if (!october.ok) throw new Error('bad period');

  beforeAll(async () => {
    store = await openStore({ sqliteFile: tempSqliteFile() });
    await insertReference(store.db);
    const random = seededRandom(seed);
    const september = await postSettlements(store.db, randomMonth(random, 60, 'S09', '2026-09'));
    const posted = await postSettlements(store.db, randomMonth(random, 400, 'S10', '2026-10'));
    // Refunds within October, and late refunds of September settlements posted in October.
    for (const [i, s] of posted.entries()) {
      if (random() < 0.2) {
        const later = new Date(Date.parse(s.settledAt) + 3_600_000).toISOString();
        await postReversal(store.db, s, `R10${i}`, later < october.value.endIso ? later : s.settledAt);
      }
    }
    for (const [i, s] of september.entries()) {
      if (random() < 0.3) await postReversal(store.db, s, `R09${i}`, `2026-10-1${i % 10}T03:00:00.000Z`);
    }
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the same groups per day as the in-process aggregation', async () => {
    const inProcess = await aggregatePeriod(store.db, 'sqlite', october.value, undefined, 'in-process');
    const progress: number[] = [];
    const workers = await aggregatePeriod(
      store.db,
      'sqlite',
      october.value,
      (p) => progress.push(p.done),
      'workers',
    );
    expect(inProcess.flat().length).toBeGreaterThan(100);
    expect(inProcess.flat().some((group) => group.adjustment)).toBe(true);
    expect(canonical(workers)).toEqual(canonical(inProcess));
    expect(progress.sort((a, b) => a - b)).toEqual(october.value.days.map((_, i) => i + 1));
  });
});
