/**
 * T6 — accumulator contention on SQLite across OS processes: 4 real `yibao serve` processes on ONE
 * database file (same YIBAO_DATA_DIR), 50 settlements sent to each (5 at a time per process), all on one
 * person-year. Passes when no SQLITE_BUSY (or any other error) reaches a client, the pooled fund paid
 * exactly min(cap, demand), versions run 1…200 with no gap or duplicate, and verify holds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import {
  addPerson,
  assertInvariants,
  httpPoster,
  OUTPATIENT_CAP_FEN,
  OUTPATIENT_RATIO_BP,
  personYear,
  ReliableHis,
  type SettlementOutcome,
  seedWorld,
  settleOutpatient,
  type TestPerson,
} from './support.ts';

const PROCESSES = 4;
const PER_PROCESS = 50;
const LANES_PER_PROCESS = 5;
const AMOUNT_YUAN = 100;
const BALANCE_FEN = 300_000;

describe('T6 accumulator contention on one SQLite file from 4 server processes', () => {
  let store: Store;
  let dataDir: string;
  let servers: ServerProcess[] = [];
  let person: TestPerson;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yibao-t6-'));
    store = await openStore({ sqliteFile: join(dataDir, 'yibao.sqlite') });
    await seedWorld(store.db);
    person = await addPerson(store.db, BALANCE_FEN);
    servers = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        startServerProcess({ env: { YIBAO_DATA_DIR: dataDir, DATABASE_URL: '' }, readyTimeoutMs: 90_000 }),
      ),
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    await store.close();
  });

  it(`${PROCESSES} processes × ${PER_PROCESS} settlements: invariants hold, no busy error reaches a client`, async () => {
    const signer = new ReliableHis(httpPoster(() => servers[0]!.baseUrl));
    await signer.signIn();
    const started = Date.now();
    let transportFailures = 0;
    const outcomes: SettlementOutcome[] = [];
    await Promise.all(
      servers.flatMap((server, s) =>
        Array.from({ length: LANES_PER_PROCESS }, async (_, lane) => {
          const his = new ReliableHis(
            httpPoster(() => server.baseUrl),
            undefined,
            s * LANES_PER_PROCESS + lane,
          );
          his.signNo = signer.signNo;
          for (let i = 0; i < PER_PROCESS / LANES_PER_PROCESS; i++) {
            outcomes.push(
              await settleOutpatient(his, person, AMOUNT_YUAN, {
                onTransportFailure: () => {
                  transportFailures += 1;
                },
              }),
            );
          }
        }),
      ),
    );
    const elapsedMs = Date.now() - started;
    const total = PROCESSES * PER_PROCESS;
    const refused = outcomes.filter((o) => o.settle.status !== 200 || o.settle.json.infcode !== 0);
    expect(refused.map((o) => o.settle.json.err_msg)).toEqual([]);
    expect(transportFailures).toBe(0);
    const logs = servers.map((s) => s.output()).join('\n');
    expect(logs).not.toMatch(/SQLITE_BUSY|database is locked/);

    const figures = await personYear(store.db, person.psnNo);
    const demandFen = (total * AMOUNT_YUAN * 100 * OUTPATIENT_RATIO_BP) / 10_000;
    const expectedPooled = Math.min(OUTPATIENT_CAP_FEN, demandFen);
    console.log(
      `[T6 sqlite ${PROCESSES} processes] ${total} settlements in ${elapsedMs} ms; pooled paid ` +
        `${figures.pooledPaidFen} fen = min(cap ${OUTPATIENT_CAP_FEN}, demand ${demandFen}); account paid ` +
        `${figures.accountPaidFen} of ${BALANCE_FEN}; versions 1…${figures.capMovementVersions.length}`,
    );
    expect(figures.settlements).toBe(total);
    expect(figures.pooledPaidFen).toBe(expectedPooled);
    expect(figures.capAccumulatorFen).toBe(expectedPooled);
    expect(figures.capMovementVersions).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(figures.accountPaidFen).toBe(Math.min(BALANCE_FEN, total * AMOUNT_YUAN * 100 - expectedPooled));
    expect(figures.balanceFen).toBe(BALANCE_FEN - figures.accountPaidFen);
    const report = await assertInvariants(store.db);
    console.log(`[T6 sqlite] verify ok: ${JSON.stringify(report.counts)}`);
  }, 180_000);
});
