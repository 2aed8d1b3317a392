/**
 * What `npm start` promises (issue 2): the real server process starts on an empty SQLite data directory,
 * loads the demo data, serves /health and /docs within 60 s; a restart keeps every row and does not load
 * the demo data twice; SIGTERM shuts it down cleanly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.ts';
import { startServerProcess } from '../support/server-process.ts';

async function countRows(dataDir: string): Promise<Record<string, number>> {
  const store = await openStore({ dataDir });
  try {
    const counts: Record<string, number> = {};
    for (const table of [
      'regions',
      'institutions',
      'persons',
      'catalog_items',
      'benefit_policies',
    ] as const) {
      const row = await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await store.close();
  }
}

describe('npm start on the embedded SQLite store', () => {
  it('serves /health and /docs with the demo data, and a restart neither loses nor reloads it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yibao-start-'));
    const started = Date.now();
    const first = await startServerProcess({ env: { YIBAO_DATA_DIR: dataDir }, args: ['--seed-demo'] });
    const readySeconds = (Date.now() - started) / 1000;
    expect(readySeconds).toBeLessThan(60);
    expect((await fetch(`${first.baseUrl}/health`)).status).toBe(200);
    const docs = await fetch(`${first.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const afterFirst = await countRows(dataDir);
    expect(afterFirst.regions).toBeGreaterThanOrEqual(8);
    expect(afterFirst.institutions).toBeGreaterThanOrEqual(60);
    expect(afterFirst.persons).toBeGreaterThanOrEqual(2000);
    expect(afterFirst.catalog_items).toBeGreaterThanOrEqual(500);
    expect(afterFirst.benefit_policies).toBeGreaterThanOrEqual(16);

    const second = await startServerProcess({ env: { YIBAO_DATA_DIR: dataDir }, args: ['--seed-demo'] });
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(await countRows(dataDir)).toEqual(afterFirst);
  }, 180_000);
});
