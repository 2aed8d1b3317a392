/**
 * T5 — accumulator contention on PostgreSQL (R-M6): 64 concurrent 2207 settlements of ONE person-year
 * through the real server (build + listen, pool of 16), the ¥1,000 general-outpatient cap crossed
 * mid-way. Passes when every answer is a success (no deadlock / serialization error reaches a client),
 * the pooled fund paid exactly min(cap, demand), the account paid exactly min(balance, personal share),
 * the movement versions run 1…64, and verify finds every accumulator = Σ its movements.
 * T14 (bank-style reads): meanwhile 2 readers take REPEATABLE READ snapshots in a loop and run the
 * whole verify on each; every snapshot must hold every invariant.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { verifyStore } from '../../src/service/verify.ts';
import { freshStoreLocation } from '../support/stores.ts';
import {
  addPerson,
  assertInvariants,
  httpPoster,
  OUTPATIENT_CAP_FEN,
  OUTPATIENT_RATIO_BP,
  personYear,
  prepareVisit,
  ReliableHis,
  seedWorld,
} from './support.ts';

const CONCURRENT = 64;
const ROUNDS = 5;
const AMOUNT_YUAN = 100;
const BALANCE_FEN = 150_000;

describe('T5 accumulator contention on postgres (64 concurrent settlements, one person-year)', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let his: ReliableHis;

  beforeAll(async () => {
    ctx = await openAppContext({ ...(await freshStoreLocation('postgres')), poolSize: 16 });
    await seedWorld(ctx.store.db);
    app = await build(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    his = new ReliableHis(httpPoster(() => `http://127.0.0.1:${port}`));
    await his.signIn();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i', async (round) => {
    const person = await addPerson(ctx.store.db, BALANCE_FEN);
    const prepared = await Promise.all(
      Array.from({ length: CONCURRENT }, () => prepareVisit(his, person, AMOUNT_YUAN)),
    );
    const started = Date.now();
    // All 64 settlements at once: one barrier, then every request in flight together.
    let inFlight = true;
    const snapshots: string[] = [];
    const reader = async () => {
      while (inFlight) {
        const report = await ctx.store.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute((tx) => verifyStore(tx));
        snapshots.push(report.ok ? 'ok' : JSON.stringify(report.firstBreak));
      }
    };
    const readers = [reader(), reader()];
    const answers = await Promise.all(prepared.map((p) => his.sendOnce(p.settleEnvelope)));
    const elapsedMs = Date.now() - started;
    inFlight = false;
    await Promise.all(readers);
    expect(snapshots.filter((s) => s !== 'ok')).toEqual([]);
    const refused = answers.filter((a) => a.status !== 200 || a.json.infcode !== 0);
    expect(refused.map((a) => a.json.err_msg)).toEqual([]);

    const figures = await personYear(ctx.store.db, person.psnNo);
    const perSettlementPooled = (AMOUNT_YUAN * 100 * OUTPATIENT_RATIO_BP) / 10_000;
    const demandFen = CONCURRENT * perSettlementPooled;
    const expectedPooled = Math.min(OUTPATIENT_CAP_FEN, demandFen);
    const personalShare = CONCURRENT * AMOUNT_YUAN * 100 - expectedPooled;
    console.log(
      `[T5 postgres round ${round}] ${CONCURRENT} concurrent settlements in ${elapsedMs} ms; ` +
        `pooled paid ${figures.pooledPaidFen} fen = min(cap ${OUTPATIENT_CAP_FEN}, demand ${demandFen}); ` +
        `account paid ${figures.accountPaidFen} fen of balance ${BALANCE_FEN}; ` +
        `versions ${figures.capMovementVersions[0]}…${figures.capMovementVersions.at(-1)}; ` +
        `${snapshots.length} consistent snapshots verified during the load (T14)`,
    );
    expect(figures.settlements).toBe(CONCURRENT);
    expect(figures.pooledPaidFen).toBe(expectedPooled);
    expect(figures.capAccumulatorFen).toBe(expectedPooled);
    expect(figures.capMovementVersions).toEqual(Array.from({ length: CONCURRENT }, (_, i) => i + 1));
    expect(figures.accountPaidFen).toBe(Math.min(BALANCE_FEN, personalShare));
    expect(figures.balanceFen).toBe(BALANCE_FEN - figures.accountPaidFen);
    const report = await assertInvariants(ctx.store.db);
    console.log(`[T5 postgres round ${round}] verify ok: ${JSON.stringify(report.counts)}`);
  });
});
