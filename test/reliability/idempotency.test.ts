/**
 * T7–T9 through the real server (build + listen, fetch) on SQLite and PostgreSQL:
 * - T7: 100 concurrent identical 2207s under one msgid, then a restart (store closed and reopened, a new
 *   server), then 100 sequential replays: exactly one settlement and one set of movements; all 200
 *   answers byte-identical to the first (replays marked `idempotency-hit: true`).
 * - T8: the same msgid with the body changed in one field, 50 variants: every one refused with
 *   IDEMPOTENCY_KEY_REUSED, and a digest of every table unchanged.
 * - T9: a settlement refused by a business rule (person suspended); the person is reinstated; the same
 *   msgid replays the original refusal byte for byte; a new msgid settles.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import {
  addPerson,
  assertInvariants,
  databaseDigest,
  prepareVisit,
  ReliableHis,
  seedWorld,
  type TestPerson,
} from './support.ts';

const PATH = '/fsi/api/rsfComIfsService/callService';

describe.each(DIALECTS)('T7–T9 idempotency over real HTTP on %s', (dialect) => {
  let location: { databaseUrl?: string; sqliteFile?: string };
  let ctx: AppContext;
  let app: FastifyInstance;
  let baseUrl = '';
  let his: ReliableHis;
  let person: TestPerson;

  async function start(): Promise<void> {
    ctx = await openAppContext({ ...location, poolSize: 16 });
    app = await build(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  }
  async function stop(): Promise<void> {
    await app.close();
    await closeAppContext(ctx);
  }
  async function raw(envelope: Record<string, unknown>) {
    const res = await fetch(`${baseUrl}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
    return { status: res.status, text: await res.text(), hit: res.headers.get('idempotency-hit') };
  }
  async function counts(psnNo: string) {
    const settlements = await ctx.store.db
      .selectFrom('settlements')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('psn_no', '=', psnNo)
      .executeTakeFirstOrThrow();
    const movements = await ctx.store.db
      .selectFrom('accumulator_movements')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('psn_no', '=', psnNo)
      .executeTakeFirstOrThrow();
    return { settlements: Number(settlements.n), movements: Number(movements.n) };
  }

  beforeAll(async () => {
    location = await freshStoreLocation(dialect);
    const seedCtx = await openAppContext(location);
    await seedWorld(seedCtx.store.db);
    await closeAppContext(seedCtx);
    await start();
    his = new ReliableHis(async (body, path) => {
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', body });
      return { status: res.status, text: await res.text() };
    });
    await his.signIn();
    person = await addPerson(ctx.store.db, 50_000);
  });
  afterAll(stop);

  it('T7: 100 concurrent identical requests, then 100 replays after a restart → one settlement, 200 identical bodies', async () => {
    const prepared = await prepareVisit(his, person, 120);
    const envelope = prepared.settleEnvelope;
    const concurrent = await Promise.all(Array.from({ length: 100 }, () => raw(envelope)));
    const first = concurrent.find((r) => r.hit === null);
    expect(first, 'exactly one delivery did the work').toBeDefined();
    expect(concurrent.filter((r) => r.hit === null)).toHaveLength(1);
    expect(JSON.parse(first!.text).infcode).toBe(0);
    for (const r of concurrent) {
      expect(r.status).toBe(200);
      expect(r.text).toBe(first!.text);
    }
    const afterConcurrent = await counts(person.psnNo);
    expect(afterConcurrent.settlements).toBe(1);

    await stop();
    await start();
    for (let i = 0; i < 100; i++) {
      // A retry after a new sign-in or at another time replays too: inf_time is not part of the request.
      const r = await raw({ ...envelope, inf_time: `2026-05-06 10:${String(i % 60).padStart(2, '0')}:00` });
      expect(r.status).toBe(200);
      expect(r.hit).toBe('true');
      expect(r.text).toBe(first!.text);
    }
    expect(await counts(person.psnNo)).toEqual(afterConcurrent);
    await assertInvariants(ctx.store.db);
    console.log(
      `[T7 ${dialect}] 100 concurrent + 100 replays after restart: 1 settlement, ${afterConcurrent.movements} movements, 200/200 bodies identical`,
    );
  });

  it('T8: a used msgid with a changed body is refused (IDEMPOTENCY_KEY_REUSED) 50/50, database unchanged', async () => {
    const prepared = await prepareVisit(his, person, 80);
    const envelope = prepared.settleEnvelope;
    const ok = await raw(envelope);
    expect(JSON.parse(ok.text).infcode).toBe(0);
    const data = (envelope.input as { data: Record<string, unknown> }).data;
    const changes: Record<string, unknown>[] = [];
    for (let i = 1; i <= 20; i++) changes.push({ medfee_sumamt: 80 + i / 100 });
    for (let i = 1; i <= 10; i++) changes.push({ chrg_bchno: `CB${String(i).padStart(4, '9')}` });
    for (const v of ['0', '2', '']) changes.push({ acct_used_flag: v });
    for (const v of ['390', '320', '999']) changes.push({ insutype: v });
    for (const v of ['12', '13', '14', '41']) changes.push({ med_type: v });
    for (const v of ['01', '03']) changes.push({ mdtrt_cert_type: v });
    for (let i = 1; i <= 4; i++) changes.push({ mdtrt_id: `${String(data.mdtrt_id)}${i}` });
    for (let i = 1; i <= 4; i++) changes.push({ psn_no: `${person.psnNo.slice(0, -1)}${i}` });
    expect(changes).toHaveLength(50);
    const before = await databaseDigest(ctx.store.db, dialect);
    for (const change of changes) {
      const changed = { ...envelope, input: { data: { ...data, ...change } } };
      const r = await raw(changed);
      const json = JSON.parse(r.text) as { infcode: number; err_msg: string };
      expect(json.infcode, JSON.stringify(change)).toBe(-1);
      expect(json.err_msg).toMatch(/^\[IDEMPOTENCY_KEY_REUSED\] /);
    }
    const after = await databaseDigest(ctx.store.db, dialect);
    expect(after.counts).toEqual(before.counts);
    expect(after.digest).toBe(before.digest);
    // The original still replays.
    expect((await raw(envelope)).text).toBe(ok.text);
    console.log(`[T8 ${dialect}] 50/50 changed bodies refused with IDEMPOTENCY_KEY_REUSED; digest unchanged`);
  });

  it('T9: a business rejection replays as the same rejection after conditions change; a new msgid is evaluated afresh', async () => {
    const suspended = await addPerson(ctx.store.db, 0);
    const prepared = await prepareVisit(his, suspended, 60);
    await ctx.store.db
      .updateTable('persons')
      .set({ status: 'suspended' })
      .where('psn_no', '=', suspended.psnNo)
      .execute();
    const rejected = await raw(prepared.settleEnvelope);
    const json = JSON.parse(rejected.text) as { infcode: number; err_msg: string };
    expect(json.infcode).toBe(-1);
    expect(json.err_msg).toMatch(/^\[[A-Z_]+\] .*[\u4e00-\u9fa5]/);
    await ctx.store.db
      .updateTable('persons')
      .set({ status: 'active' })
      .where('psn_no', '=', suspended.psnNo)
      .execute();
    const replay = await raw(prepared.settleEnvelope);
    expect(replay.text).toBe(rejected.text);
    expect(replay.hit).toBe('true');
    const fresh = await raw({ ...prepared.settleEnvelope, msgid: his.msgid() });
    expect(JSON.parse(fresh.text).infcode).toBe(0);
    expect((await counts(suspended.psnNo)).settlements).toBe(1);
    await assertInvariants(ctx.store.db);
    console.log(
      `[T9 ${dialect}] rejection ${json.err_msg.slice(0, 40)}… replayed byte for byte; new msgid settled`,
    );
  });
});
