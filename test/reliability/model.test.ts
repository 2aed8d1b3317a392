/**
 * T12 — model-based sequences (fast-check `fc.commands` + `asyncModelRun`) of settle / cancel / replay /
 * query against a small, obviously correct in-memory model of one person-year (pooled fund = 60 % of
 * the bill up to the ¥1,000 cap; account pays the personal share while it lasts; a cancellation gives
 * both back), on SQLite and PostgreSQL; the model and the system must agree after every command.
 *
 * T13 — fault injection: seeded command sequences run on a fault-free store and on a store whose driver
 * fails 2 % of in-transaction statements with 40001 / 40P01 / SQLITE_BUSY (src/store/fault-injection.ts);
 * every request must still succeed and the final state must equal the fault-free run's.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import type { AppContext } from '../../src/service/context.ts';
import { verifyStore } from '../../src/service/verify.ts';
import type { DialectName, Store } from '../../src/store/database.ts';
import { openStore } from '../../src/store/database.ts';
import { openFaultyStore, seededRandom } from '../../src/store/fault-injection.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import {
  addPerson,
  assertInvariants,
  OUTPATIENT_CAP_FEN,
  OUTPATIENT_RATIO_BP,
  prepareVisit,
  ReliableHis,
  runSeed,
  seedWorld,
  type TestPerson,
} from './support.ts';

const START_BALANCE_FEN = 30_000;
const RUNS: Record<DialectName, number> = { sqlite: 150, postgres: 50 };
const FAULT_SEEDS = 30;
const FAULT_RATE = 0.02;

interface Model {
  balanceFen: number;
  capUsedFen: number;
  settled: { groupId: string; visitId: string; pooledFen: number; accountFen: number; cancelled: boolean }[];
  answers: { envelope: Record<string, unknown>; text: string }[];
}

interface Real {
  readonly app: FastifyInstance;
  readonly his: ReliableHis;
  readonly store: Store;
  readonly person: TestPerson;
}

const fenOf = (yuan: unknown) => Math.round(Number(yuan) * 100);

/** What the model says a settlement of `amountFen` pays. */
function expectedSplit(m: Model, amountFen: number) {
  const pooledFen = Math.min((amountFen * OUTPATIENT_RATIO_BP) / 10_000, OUTPATIENT_CAP_FEN - m.capUsedFen);
  const accountFen = Math.min(m.balanceFen, amountFen - pooledFen);
  return { pooledFen, accountFen };
}

class Settle implements fc.AsyncCommand<Model, Real> {
  constructor(readonly amountYuan: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const prepared = await prepareVisit(r.his, r.person, this.amountYuan);
    const res = await r.his.sendOnce(prepared.settleEnvelope);
    expect(res.json.infcode, res.json.err_msg ?? '').toBe(0);
    const setl = (res.json.output as { setlinfo: Record<string, string | number> }).setlinfo;
    const want = expectedSplit(m, this.amountYuan * 100);
    expect(fenOf(setl.hifp_pay)).toBe(want.pooledFen);
    expect(fenOf(setl.acct_pay)).toBe(want.accountFen);
    expect(fenOf(setl.psn_cash_pay)).toBe(this.amountYuan * 100 - want.pooledFen - want.accountFen);
    m.capUsedFen += want.pooledFen;
    m.balanceFen -= want.accountFen;
    m.settled.push({ groupId: String(setl.setl_id), visitId: prepared.visitId, ...want, cancelled: false });
    m.answers.push({ envelope: prepared.settleEnvelope, text: res.text });
  }
  toString = () => `settle(${this.amountYuan})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.settled.some((s) => !s.cancelled);
  async run(m: Model, r: Real): Promise<void> {
    const live = m.settled.filter((s) => !s.cancelled);
    const target = live[this.pick % live.length]!;
    const envelope = r.his.envelope('2208', {
      data: { setl_id: target.groupId, mdtrt_id: target.visitId, psn_no: r.person.psnNo },
    });
    const res = await r.his.sendOnce(envelope);
    expect(res.json.infcode, res.json.err_msg ?? '').toBe(0);
    const setl = (res.json.output as { setlinfo: Record<string, string | number> }).setlinfo;
    expect(fenOf(setl.hifp_pay)).toBe(0 - target.pooledFen);
    expect(fenOf(setl.acct_pay)).toBe(0 - target.accountFen);
    target.cancelled = true;
    m.capUsedFen -= target.pooledFen;
    m.balanceFen += target.accountFen;
    m.answers.push({ envelope, text: res.text });
  }
  toString = () => `cancel(${this.pick})`;
}

class Replay implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.answers.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const previous = m.answers[this.pick % m.answers.length]!;
    const res = await r.his.sendOnce({ ...previous.envelope, inf_time: '2026-05-06 23:59:59' });
    expect(res.text).toBe(previous.text);
  }
  toString = () => `replay(${this.pick})`;
}

class Query implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const person = await r.store.db
      .selectFrom('persons')
      .select('account_balance_fen')
      .where('psn_no', '=', r.person.psnNo)
      .executeTakeFirstOrThrow();
    const cap = await r.store.db
      .selectFrom('accumulators')
      .select('value')
      .where('psn_no', '=', r.person.psnNo)
      .where('key', '=', 'cap.outpatient.paidFen')
      .executeTakeFirst();
    expect(Number(person.account_balance_fen)).toBe(m.balanceFen);
    expect(Number(cap?.value ?? 0)).toBe(m.capUsedFen);
  }
  toString = () => 'query';
}

const commands = [
  fc.integer({ min: 1, max: 40 }).map((n) => new Settle(n * 10)),
  fc.nat().map((n) => new Cancel(n)),
  fc.nat().map((n) => new Replay(n)),
  fc.constant(new Query()),
];

async function serve(store: Store): Promise<{ app: FastifyInstance; his: ReliableHis }> {
  const ctx: AppContext = { store, now: () => new Date() };
  const app = await build(ctx, { logger: false });
  const his = new ReliableHis(async (body, url) => {
    const res = await app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'text/plain' },
    });
    return { status: res.statusCode, text: res.body };
  });
  await his.signIn();
  return { app, his };
}

describe.each(DIALECTS)('T12 model-based sequences on %s', (dialect) => {
  let store: Store;
  let app: FastifyInstance;
  let his: ReliableHis;
  beforeAll(async () => {
    store = await openStore(await freshStoreLocation(dialect));
    await seedWorld(store.db);
    ({ app, his } = await serve(store));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it(`${RUNS[dialect]} sequences of ≤ 12 commands agree with the model after every command`, async () => {
    const seed = runSeed(`T12 model ${dialect}`);
    let sequences = 0;
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        sequences += 1;
        steps += [...cmds].length;
        const person = await addPerson(store.db, START_BALANCE_FEN);
        const model: Model = { balanceFen: START_BALANCE_FEN, capUsedFen: 0, settled: [], answers: [] };
        await fc.asyncModelRun(() => ({ model, real: { app, his, store, person } }), cmds);
        await new Query().run(model, { app, his, store, person });
      }),
      { seed, numRuns: RUNS[dialect], endOnFailure: true },
    );
    await assertInvariants(store.db);
    console.log(
      `[T12 ${dialect}] seed=${seed}: ${sequences} sequences, ${steps} commands, model = system after every command; verify ok`,
    );
  }, 240_000);
});

/** A seeded sequence of settle / cancel / replay, with the final state normalised for comparison. */
async function runSequence(
  seed: number,
  store: Store,
  his: ReliableHis,
): Promise<{ state: unknown; failures: string[] }> {
  const random = seededRandom(seed);
  const person = await addPerson(store.db, START_BALANCE_FEN);
  const live: { groupId: string; visitId: string }[] = [];
  const sent: { envelope: Record<string, unknown>; text: string }[] = [];
  const failures: string[] = [];
  const answers: string[] = [];
  for (let i = 0; i < 10; i++) {
    const roll = random();
    if (roll < 0.6 || live.length === 0) {
      const amount = 10 * (1 + Math.floor(random() * 40));
      const prepared = await prepareVisit(his, person, amount);
      // A 500 means "not applied" (e.g. the bounded retries ran out under injected faults): the HIS
      // contract is to resend the same msgid, which sendReliably does.
      const res = await his.sendReliably(prepared.settleEnvelope);
      if (res.status >= 500 || res.json.infcode !== 0)
        failures.push(`settle: ${res.status} ${res.json.err_msg}`);
      else {
        const setl = (res.json.output as { setlinfo: Record<string, string | number> }).setlinfo;
        live.push({ groupId: String(setl.setl_id), visitId: prepared.visitId });
        answers.push(`settle ${amount}: ${setl.hifp_pay}/${setl.acct_pay}/${setl.psn_cash_pay}`);
        sent.push({ envelope: prepared.settleEnvelope, text: res.text });
      }
    } else if (roll < 0.85) {
      const target = live.splice(Math.floor(random() * live.length), 1)[0]!;
      const envelope = his.envelope('2208', {
        data: { setl_id: target.groupId, mdtrt_id: target.visitId, psn_no: person.psnNo },
      });
      const res = await his.sendReliably(envelope);
      if (res.status >= 500 || res.json.infcode !== 0)
        failures.push(`cancel: ${res.status} ${res.json.err_msg}`);
      else {
        const setl = (res.json.output as { setlinfo: Record<string, string | number> }).setlinfo;
        answers.push(`cancel: ${setl.hifp_pay}/${setl.acct_pay}/${setl.psn_cash_pay}`);
      }
    } else if (sent.length > 0) {
      const previous = sent[Math.floor(random() * sent.length)]!;
      const res = await his.sendOnce(previous.envelope);
      if (res.text !== previous.text)
        failures.push(`replay differs: ${res.status} ${res.text.slice(0, 120)}`);
    }
  }
  const settlements = await store.db
    .selectFrom('settlements')
    .select(['kind', 'total_fen', 'fund_pay_fen', 'account_pay_fen', 'cash_fen'])
    .where('psn_no', '=', person.psnNo)
    .orderBy('settled_at')
    .orderBy('settlement_id')
    .execute();
  const accumulators = await store.db
    .selectFrom('accumulators')
    .select(['key', 'value', 'version'])
    .where('psn_no', '=', person.psnNo)
    .orderBy('key')
    .execute();
  const balance = await store.db
    .selectFrom('persons')
    .select('account_balance_fen')
    .where('psn_no', '=', person.psnNo)
    .executeTakeFirstOrThrow();
  return {
    state: {
      answers,
      balance: Number(balance.account_balance_fen),
      accumulators: accumulators.map((a) => `${a.key}=${a.value}@${a.version}`),
      // Posting order is in `answers`; settled_at has one-second resolution, so rows are compared as a set.
      settlements: settlements
        .map((s) => `${s.kind} ${s.total_fen} ${s.fund_pay_fen} ${s.account_pay_fen} ${s.cash_fen}`)
        .sort(),
    },
    failures,
  };
}

describe.each(DIALECTS)('T13 fault injection on %s', (dialect) => {
  let clean: Store;
  let faulty: Awaited<ReturnType<typeof openFaultyStore>>;
  let cleanServer: { app: FastifyInstance; his: ReliableHis };
  let faultyServer: { app: FastifyInstance; his: ReliableHis };
  const base = runSeed(`T13 faults ${dialect}`);
  beforeAll(async () => {
    clean = await openStore(await freshStoreLocation(dialect));
    await seedWorld(clean.db);
    cleanServer = await serve(clean);
    faulty = await openFaultyStore(await freshStoreLocation(dialect), { seed: base, rate: FAULT_RATE });
    faulty.setFaultsEnabled(false);
    await seedWorld(faulty.db);
    faulty.setFaultsEnabled(true);
    faultyServer = await serve(faulty);
  });
  afterAll(async () => {
    await cleanServer.app.close();
    await faultyServer.app.close();
    await clean.close();
    await faulty.close();
  });

  it(`${FAULT_SEEDS} seeded sequences: with ${FAULT_RATE * 100} % of statements failing, the final state equals the fault-free run`, async () => {
    for (let s = 0; s < FAULT_SEEDS; s++) {
      const seed = base + s;
      const expected = await runSequence(seed, clean, cleanServer.his);
      const actual = await runSequence(seed, faulty, faultyServer.his);
      expect(expected.failures).toEqual([]);
      expect(actual.failures, `seed ${seed}`).toEqual([]);
      expect(JSON.stringify(actual.state, null, 1), `seed ${seed}`).toBe(
        JSON.stringify(expected.state, null, 1),
      );
    }
    faulty.setFaultsEnabled(false);
    await assertInvariants(faulty.db);
    const report = await verifyStore(clean.db);
    expect(report.ok).toBe(true);
    console.log(
      `[T13 ${dialect}] base seed=${base}: ${FAULT_SEEDS} sequences; ${faulty.faults.injected} faults injected ` +
        `${JSON.stringify(faulty.faults.byCode)} over ${faulty.faults.statementsInTransactions} in-transaction statements; ` +
        'every request succeeded; final state = fault-free run; verify ok',
    );
  }, 240_000);
});
