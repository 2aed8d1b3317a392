/**
 * The SQLite store's statement observer (StoreOptions.observeStatements): it sees every statement the
 * connection runs, in order, with its parameters and the transaction control around them — what the
 * bench records to replay the server's SQL without Kysely (bench/sql-replay.ts).
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { tempSqliteFile } from '../support/stores.ts';

describe('statement observer on sqlite', () => {
  it('sees a unit of work statement by statement, with parameters, inside its transaction, and not a failed one', async () => {
    const seen: [string, readonly unknown[]][] = [];
    let watching = false;
    const store = await openStore({
      sqliteFile: tempSqliteFile(),
      observeStatements: (sql, parameters) => {
        if (watching) seen.push([sql, parameters]);
      },
    });
    try {
      watching = true;
      await inTransaction(store.db, async (tx) => {
        await tx.insertInto('meta').values({ key: 'observed', value: 'yes' }).execute();
        return tx.selectFrom('meta').select('value').where('key', '=', 'observed').executeTakeFirstOrThrow();
      });
      // The same key again breaks the primary key: the failed insert and its unit are not seen as run.
      await expect(
        store.db.insertInto('meta').values({ key: 'observed', value: 'again' }).execute(),
      ).rejects.toThrow();
      watching = false;
      expect(seen.filter(([, parameters]) => parameters.includes('again'))).toEqual([]);
      const texts = seen.map(([sql]) => sql);
      expect(texts[0]).toBe('begin immediate');
      expect(texts.at(-1)).toBe('commit');
      const insert = seen.find(([sql]) => sql.startsWith('insert into "meta"'));
      expect(insert?.[1]).toEqual(['observed', 'yes']);
      const select = seen.find(([sql]) => sql.startsWith('select "value" from "meta"'));
      expect(select?.[1]).toEqual(['observed']);
      expect(texts.indexOf(insert![0])).toBeLessThan(texts.indexOf(select![0]));
    } finally {
      await store.close();
    }
  });
});
