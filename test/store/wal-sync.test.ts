/**
 * Durability without blocking (src/store/wal-sync.ts): a COMMIT on SQLite no longer syncs on the
 * JavaScript thread; the WAL file is flushed asynchronously and nothing that wrote is answered before
 * a flush that started after its write has completed. Checkpoints run on another thread.
 */
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.ts';
import { GroupCommitter } from '../../src/store/group-commit.ts';
import type { DB } from '../../src/store/schema.ts';
import { ImmediateSqliteDialect } from '../../src/store/sqlite-driver.ts';
import { WalCheckpointer } from '../../src/store/wal-checkpoints.ts';
import { WalSyncer } from '../../src/store/wal-sync.ts';
import { tempSqliteFile } from '../support/stores.ts';

/** A durability hook the test releases by hand, to watch who waits for it. */
function gate() {
  const calls: (() => void)[] = [];
  return {
    durable: () => new Promise<void>((resolve) => calls.push(resolve)),
    get waiting() {
      return calls.length;
    },
    releaseAll: () => {
      for (const release of calls.splice(0)) release();
    },
  };
}

const ticks = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('WAL syncer', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('a store on a file runs WAL with synchronous=NORMAL and answers writes once flushed', async () => {
    const file = tempSqliteFile();
    const store = await openStore({ sqliteFile: file });
    stores.push(store);
    await store.db.insertInto('meta').values({ key: 'k', value: 'v' }).execute();
    const probe = new Database(file, { readonly: true });
    try {
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      // Another connection sees the committed row: the flush did not hold the commit back.
      expect(probe.prepare('select value from meta where key = ?').get('k')).toEqual({ value: 'v' });
    } finally {
      probe.close();
    }
  });

  it('callers arriving during a flush share the next one; none is answered by an earlier flush', async () => {
    const file = tempSqliteFile();
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (v text)');
    sqlite.exec("insert into t values ('x')");
    const syncer = new WalSyncer(file);
    try {
      const first = syncer.sync();
      const later = Array.from({ length: 10 }, () => syncer.sync());
      expect(syncer.flushes).toBe(1);
      await first;
      await Promise.all(later);
      // The ten later callers may have written after the first flush began: they got one more, shared.
      expect(syncer.flushes).toBe(2);
      await syncer.sync();
      expect(syncer.flushes).toBe(3);
    } finally {
      await syncer.close();
      sqlite.close();
    }
  });

  it('a flush that fails is reported to its callers, and the next sync tries again', async () => {
    const syncer = new WalSyncer(`${tempSqliteFile()}-never-created`);
    await expect(syncer.sync()).rejects.toThrow(/ENOENT/);
    await expect(syncer.sync()).rejects.toThrow(/ENOENT/);
    await syncer.close();
  });
});

describe('group commit with an asynchronous flush', () => {
  it('no unit is answered before the flush after its COMMIT, yet the next group runs meanwhile', async () => {
    const sqlite = new Database(tempSqliteFile());
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table meta (key text primary key, value text not null)');
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite) });
    const flush = gate();
    const committer = new GroupCommitter(db, { durable: flush.durable });
    try {
      let answered = 0;
      const first = committer
        .run((tx) => tx.insertInto('meta').values({ key: 'a', value: '1' }).execute())
        .then(() => answered++);
      await ticks();
      // Committed (visible), not yet answered: its flush is still running.
      expect(sqlite.prepare('select count(*) as n from meta').get()).toEqual({ n: 1 });
      expect(sqlite.inTransaction).toBe(false);
      expect(answered).toBe(0);
      expect(flush.waiting).toBe(1);
      // A second group commits while the first one's flush is still running.
      const second = committer
        .run((tx) => tx.insertInto('meta').values({ key: 'b', value: '2' }).execute())
        .then(() => answered++);
      await ticks();
      expect(sqlite.prepare('select count(*) as n from meta').get()).toEqual({ n: 2 });
      expect(answered).toBe(0);
      flush.releaseAll();
      await Promise.all([first, second]);
      expect(answered).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('a write outside a transaction is answered only after the flush', async () => {
    const sqlite = new Database(tempSqliteFile());
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table meta (key text primary key, value text not null)');
    const flush = gate();
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite, { durable: flush.durable }) });
    try {
      let done = false;
      const write = db
        .insertInto('meta')
        .values({ key: 'a', value: '1' })
        .execute()
        .then(() => {
          done = true;
        });
      await ticks();
      expect(flush.waiting).toBe(1);
      expect(done).toBe(false);
      flush.releaseAll();
      await write;
      expect(done).toBe(true);
      // Reads never wait for a flush.
      await db.selectFrom('meta').selectAll().execute();
      expect(flush.waiting).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});

describe('WAL checkpoints on another thread', () => {
  it('after enough commits the worker checkpoints every committed frame into the database file', async () => {
    const file = tempSqliteFile();
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.exec('create table t (v text)');
    const insert = sqlite.prepare('insert into t values (?)');
    const checkpointer = new WalCheckpointer(file);
    try {
      for (let i = 0; i < 199; i++) {
        insert.run('x'.repeat(500));
        checkpointer.committed();
      }
      expect(checkpointer.checkpoints).toBe(0);
      insert.run('x'.repeat(500));
      checkpointer.committed();
      await expect.poll(() => checkpointer.checkpoints, { timeout: 10_000 }).toBe(1);
      expect(checkpointer.lastError).toBeNull();
      // Nothing left to copy: every frame in the WAL is already in the database file.
      const [state] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      expect(state!.log).toBeGreaterThan(0);
      expect(state!.checkpointed).toBe(state!.log);
      const reader = new Database(file, { readonly: true });
      expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 200 });
      reader.close();
    } finally {
      await checkpointer.close();
      sqlite.close();
    }
  });
});
