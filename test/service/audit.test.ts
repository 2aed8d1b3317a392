import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/service/audit.ts';
import type { Store } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

describe.each(DIALECTS)('hash-chained audit trail on %s (T18)', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
  });
  afterAll(async () => {
    await store.close();
  });

  it('chains concurrent appends without forks and verifies clean', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(store.db, (tx) =>
          appendAudit(tx, store.dialect, {
            at: `2026-11-24T08:00:${String(i).padStart(2, '0')}.000Z`,
            actor: `staff-${i % 3}`,
            role: 'staff',
            action: 'filing.approve',
            subject: `filing-${i}`,
            requestId: `req-${i}`,
            detail: { i },
          }),
        ),
      ),
    );
    const result = await verifyAuditChain(store.db);
    expect(result).toEqual({ records: 20, firstBreak: null });
  });

  it('names the first record whose content was changed behind the database triggers', async () => {
    // Simulate a privileged tamper: drop the append-only guard, alter row 7, and see the chain break there.
    if (dialect === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(store.db);
    } else {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(store.db);
    }
    await store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 7).execute();
    const result = await verifyAuditChain(store.db);
    expect(result.firstBreak).toEqual({ seq: 7, reason: 'hash_mismatch' });
  });
});
