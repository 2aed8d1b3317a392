/**
 * service/idempotency (reliability.md T7–T9) on both dialects: claim in the same transaction as the
 * work; concurrent duplicates → exactly one does the work and all get the same bytes; a rejection rolls
 * back the work and is itself the stored answer (also under concurrent duplicates); same key + different
 * hash → IDEMPOTENCY_KEY_REUSED.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainError, err, ok, type Result } from '../../src/core/errors.ts';
import { canonicalJson, processOnce, requestHash } from '../../src/service/idempotency.ts';
import type { Store } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

const render = (o: Result<unknown>) => JSON.stringify(o.ok ? { ok: o.value } : { error: o.error.code });

describe('canonical request hash', () => {
  it('does not depend on key order, and does depend on every value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(requestHash({ a: obj })).not.toBe(requestHash({ a: obj, b: 1 }));
      }),
    );
  });
});

describe.each(DIALECTS)('processOnce on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    await store.db
      .insertInto('regions')
      .values({ code: '420100', name: '武汉市', province_code: '420000', province_name: '湖北省' })
      .execute();
    await store.db
      .insertInto('institutions')
      .values({
        code: 'H1',
        name: 'h',
        region_code: '420100',
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      })
      .execute();
  });
  afterAll(() => store.close());

  let workDone = 0;
  const signInWork = (signNo: string) => async (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => {
    workDone += 1;
    await tx
      .insertInto('sign_ins')
      .values({
        sign_no: signNo,
        institution_code: 'H1',
        operator_no: 'o',
        mac: '',
        ip: '',
        signed_in_at: 't',
        signed_out_at: null,
      })
      .execute();
    return ok({ signNo }) as Result<{ signNo: string }>;
  };

  const run = (msgid: string, hash: string, work: (tx: never) => Promise<Result<unknown>>) =>
    inTransaction(store.db, (tx) =>
      processOnce(
        tx,
        { party: 'H1', msgid, operation: '9001', requestHash: hash },
        't',
        () => work(tx as never),
        render,
      ),
    );

  it('lets exactly one of 16 concurrent duplicates do the work; all answers are the same bytes (T7)', async () => {
    workDone = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, () => run('M-CONC', 'h1', signInWork('S-CONC') as never)),
    );
    expect(workDone).toBe(1);
    expect(new Set(outcomes.map((o) => o.body)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    const rows = await store.db.selectFrom('sign_ins').selectAll().where('sign_no', '=', 'S-CONC').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses the same msgid with different content and writes nothing (T8)', async () => {
    await run('M-REUSE', 'h1', signInWork('S-REUSE-1') as never);
    const reused = await run('M-REUSE', 'h2', signInWork('S-REUSE-2') as never);
    expect(reused.body).toBe(JSON.stringify({ error: 'IDEMPOTENCY_KEY_REUSED' }));
    const rows = await store.db
      .selectFrom('sign_ins')
      .selectAll()
      .where('sign_no', '=', 'S-REUSE-2')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('rolls back the work of a rejection, stores the rejection and replays it even when conditions change (T9)', async () => {
    const failing = async (tx: never) => {
      await signInWork('S-REJECT')(tx);
      return err(domainError('SOME_RULE', '规则不允许')) as Result<unknown>;
    };
    const first = await run('M-REJECT', 'h1', failing);
    expect(first.body).toBe(JSON.stringify({ error: 'SOME_RULE' }));
    expect(
      await store.db.selectFrom('sign_ins').selectAll().where('sign_no', '=', 'S-REJECT').execute(),
    ).toHaveLength(0);
    const retry = await run('M-REJECT', 'h1', signInWork('S-REJECT') as never);
    expect(retry).toEqual({ body: first.body, replayed: true });
    expect(
      await store.db.selectFrom('sign_ins').selectAll().where('sign_no', '=', 'S-REJECT').execute(),
    ).toHaveLength(0);
  });

  it('gives 16 concurrent duplicates of a rejected message the same stored rejection, and keeps no effect', async () => {
    const failing = async (tx: never) => {
      await signInWork('S-CONC-REJECT')(tx);
      return err(domainError('SOME_RULE', '规则不允许')) as Result<unknown>;
    };
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => run('M-CONC-REJECT', 'h1', failing)));
    expect(new Set(outcomes.map((o) => o.body))).toEqual(new Set([JSON.stringify({ error: 'SOME_RULE' })]));
    const stored = await store.db
      .selectFrom('message_log')
      .select('response')
      .where('party', '=', 'H1')
      .where('msgid', '=', 'M-CONC-REJECT')
      .execute();
    expect(stored).toEqual([{ response: JSON.stringify({ error: 'SOME_RULE' }) }]);
    expect(
      await store.db.selectFrom('sign_ins').selectAll().where('sign_no', '=', 'S-CONC-REJECT').execute(),
    ).toHaveLength(0);
  });

  it('leaves no claim behind when the work throws (infrastructure failure): a retry does the work', async () => {
    const boom = async () => {
      throw new Error('disk on fire');
    };
    await expect(run('M-THROW', 'h1', boom)).rejects.toThrow('disk on fire');
    const retry = await run('M-THROW', 'h1', signInWork('S-THROW') as never);
    expect(retry.replayed).toBe(false);
    expect(
      await store.db.selectFrom('sign_ins').selectAll().where('sign_no', '=', 'S-THROW').execute(),
    ).toHaveLength(1);
  });
});
