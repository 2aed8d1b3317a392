/**
 * Group commit on SQLite (src/store/group-commit.ts): units of work that share one physical transaction
 * stay atomic one by one — a failing unit leaves nothing, its neighbours keep everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { openTestStore } from '../support/stores.ts';

describe('group commit on sqlite', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await store.close();
  });

  it('commits every successful unit and none of a failing one, even when they share a commit', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(store.db, async (tx) => {
          await tx
            .insertInto('meta')
            .values({ key: `unit-${i}-a`, value: 'x' })
            .execute();
          if (i % 7 === 3) throw new Error(`unit ${i} refuses`);
          await tx
            .insertInto('meta')
            .values({ key: `unit-${i}-b`, value: 'x' })
            .execute();
          return i;
        }),
      ),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24, 31, 38]);
    const keys = new Set((await store.db.selectFrom('meta').select('key').execute()).map((r) => r.key));
    for (let i = 0; i < 40; i++) {
      const kept = !failed.includes(i);
      expect(keys.has(`unit-${i}-a`)).toBe(kept);
      expect(keys.has(`unit-${i}-b`)).toBe(kept);
    }
  });

  it('a unit whose statement violates a constraint is rolled back alone', async () => {
    await inTransaction(store.db, (tx) =>
      tx.insertInto('meta').values({ key: 'taken', value: '1' }).execute(),
    );
    const [dup, fresh] = await Promise.allSettled([
      inTransaction(store.db, async (tx) => {
        await tx.insertInto('meta').values({ key: 'dup-side-effect', value: '1' }).execute();
        await tx.insertInto('meta').values({ key: 'taken', value: '2' }).execute();
      }),
      inTransaction(store.db, (tx) => tx.insertInto('meta').values({ key: 'fresh', value: '1' }).execute()),
    ]);
    expect(dup.status).toBe('rejected');
    expect(fresh.status).toBe('fulfilled');
    const rows = await store.db
      .selectFrom('meta')
      .selectAll()
      .where('key', 'in', ['taken', 'dup-side-effect', 'fresh'])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual({ taken: '1', fresh: '1' });
  });
});
