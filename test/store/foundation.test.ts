import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { inTransaction, TransactionRetriesExhausted } from '../../src/store/transaction.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

describe.each(DIALECTS)('store foundation on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
  });
  afterAll(async () => {
    await store.close();
  });

  it('applies every migration once and records it', async () => {
    const rows = await store.db.selectFrom('schema_migrations').select('id').execute();
    expect(rows.map((r) => r.id)).toContain('0001-foundation');
  });

  it('refuses UPDATE and DELETE on posted rows (audit_log) at the database level', async () => {
    await store.db
      .insertInto('audit_log')
      .values({
        at: '2026-11-24T00:00:00.000Z',
        actor: 'test',
        role: 'admin',
        action: 'probe',
        subject: 'x',
        request_id: null,
        detail: '{}',
        prev_hash: '0',
        hash: `h-${dialect}`,
      })
      .execute();
    await expect(store.db.updateTable('audit_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/APPEND_ONLY/);
    const row = await store.db.selectFrom('audit_log').select('actor').executeTakeFirstOrThrow();
    expect(row.actor).toBe('test');
  });

  it('round-trips BIGINT money beyond 2^31 as an exact number', async () => {
    await store.db
      .insertInto('regions')
      .values({ code: '999901', name: '测试', province_code: '990000', province_name: '测试省' })
      .execute();
    const big = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER fen
    await store.db
      .insertInto('persons')
      .values({
        psn_no: 'P-BIG',
        name: '大额',
        certificate_type: '01',
        certificate_no: '110101199001010011',
        social_security_card_no: null,
        phone: null,
        gender: '1',
        birth_date: '1990-01-01',
        insured_region_code: '999901',
        insurance_type: '310',
        employment: 'employed',
        civil_servant: 0,
        assistance_category: 'none',
        status: 'active',
        account_balance_fen: big,
      })
      .execute();
    const row = await store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', 'P-BIG')
      .executeTakeFirstOrThrow();
    expect(row.account_balance_fen).toBe(big);
    expect(typeof row.account_balance_fen).toBe('number');
  });

  it('rolls back the whole transaction when the work throws', async () => {
    await expect(
      inTransaction(store.db, async (tx) => {
        await tx.insertInto('meta').values({ key: 'half', value: 'applied' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await store.db.selectFrom('meta').selectAll().where('key', '=', 'half').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('retries a transient conflict from the start, then gives up after the bound', async () => {
    let attempts = 0;
    const value = await inTransaction(store.db, async (tx) => {
      attempts++;
      await tx
        .insertInto('meta')
        .values({ key: `retry-${attempts}`, value: 'x' })
        .execute();
      if (attempts < 3)
        throw Object.assign(new Error('conflict'), {
          code: dialect === 'postgres' ? '40001' : 'SQLITE_BUSY',
        });
      return attempts;
    });
    expect(value).toBe(3);
    const keys = await store.db.selectFrom('meta').select('key').where('key', 'like', 'retry-%').execute();
    // Only the successful attempt's row survives: failed attempts were rolled back whole.
    expect(keys.map((k) => k.key)).toEqual(['retry-3']);

    await expect(
      inTransaction(
        store.db,
        async () => {
          throw Object.assign(new Error('deadlock'), { code: '40P01' });
        },
        { attemptsMax: 2 },
      ),
    ).rejects.toBeInstanceOf(TransactionRetriesExhausted);
  });

  it('reports its dialect-specific settings', async () => {
    if (dialect === 'sqlite') {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      // NORMAL: COMMIT does not sync; the WAL is flushed asynchronously before anything is answered
      // (src/store/wal-sync.ts), and checkpoints run on another thread, not inside a COMMIT.
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(sync.rows[0]?.synchronous).toBe(1);
      const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
      expect(auto.rows[0]?.wal_autocheckpoint).toBe(0);
    } else {
      const v = await sql<{ server_version: string }>`show server_version`.execute(store.db);
      expect(v.rows[0]?.server_version).toMatch(/^15\./);
    }
  });
});
