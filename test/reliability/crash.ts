/**
 * T10 — crash consistency: the real `yibao serve` process is SIGKILLed at random (seeded) moments while
 * several HIS lanes stream settlements at it; it is restarted on the same store; the lanes resend every
 * unanswered message with its original msgid. Afterwards: every 2207 answered success, each settlement
 * msgid posted exactly once, the answer each HIS holds is the stored answer byte for byte, no message was
 * left claimed without its answer, and verify (conservation, Σ movements, versions, links) holds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type DialectName, openStore } from '../../src/store/database.ts';
import { seededRandom } from '../../src/store/fault-injection.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { freshStoreLocation } from '../support/stores.ts';
import {
  addPerson,
  assertInvariants,
  httpPoster,
  ReliableHis,
  runSeed,
  type SettlementOutcome,
  seedWorld,
  settleOutpatient,
  type TestPerson,
} from './support.ts';

export interface CrashRunOptions {
  readonly dialect: DialectName;
  readonly kills: number;
  readonly lanes: number;
  /** Random pause between "server ready" and the kill. */
  readonly killAfterMs: readonly [number, number];
}

export async function crashRun(options: CrashRunOptions): Promise<void> {
  const seed = runSeed(`T10 crash ${options.dialect}`);
  const random = seededRandom(seed);
  const location = await freshStoreLocation(options.dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'yibao-t10-'));
  const sqliteFile = join(dataDir, 'yibao.sqlite');
  const store = await openStore(location.databaseUrl ? location : { sqliteFile });
  const env = location.databaseUrl
    ? { YIBAO_DATA_DIR: dataDir, DATABASE_URL: location.databaseUrl }
    : { YIBAO_DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    await seedWorld(store.db);
    const persons: TestPerson[] = [];
    for (let i = 0; i < 3; i++) persons.push(await addPerson(store.db, 80_000));

    let server: ServerProcess = await startServerProcess({ env, readyTimeoutMs: 90_000 });
    const baseUrl = () => server.baseUrl;
    const signer = new ReliableHis(httpPoster(baseUrl));
    await signer.signIn();

    let streaming = true;
    let transportFailures = 0;
    const outcomes: SettlementOutcome[] = [];
    const lanes = Array.from({ length: options.lanes }, async (_, lane) => {
      const his = new ReliableHis(httpPoster(baseUrl), undefined, lane);
      his.signNo = signer.signNo;
      let i = 0;
      while (streaming) {
        const person = persons[(lane + i) % persons.length]!;
        i += 1;
        outcomes.push(
          await settleOutpatient(his, person, 50 + ((lane * 7 + i * 13) % 90), {
            onTransportFailure: () => {
              transportFailures += 1;
            },
          }),
        );
      }
    });

    const killedAt: number[] = [];
    const started = Date.now();
    for (let kill = 1; kill <= options.kills; kill++) {
      const [lo, hi] = options.killAfterMs;
      const pause = Math.floor(lo + random() * (hi - lo));
      await new Promise((r) => setTimeout(r, pause));
      killedAt.push(outcomes.length);
      await server.stop('SIGKILL');
      server = await startServerProcess({ env, readyTimeoutMs: 90_000 });
    }
    // One more quiet stretch so every lane completes a flow on the last server, then stop streaming.
    await new Promise((r) => setTimeout(r, 500));
    streaming = false;
    await Promise.all(lanes);
    await server.stop('SIGTERM');
    const elapsedMs = Date.now() - started;

    // Every flow finished with a success answer held by the HIS.
    const refused = outcomes.filter((o) => o.settle.status !== 200 || o.settle.json.infcode !== 0);
    expect(refused.map((o) => o.settle.json.err_msg)).toEqual([]);

    // Each settlement msgid posted exactly once; no settlement without a msgid the HIS sent.
    const rows = await store.db
      .selectFrom('settlements')
      .select(['msgid', 'settlement_id', 'group_id', 'kind'])
      .where('kind', '=', 'settlement')
      .execute();
    const perMsgid = new Map<string, number>();
    for (const r of rows) perMsgid.set(r.msgid, (perMsgid.get(r.msgid) ?? 0) + 1);
    const sent = new Set(outcomes.map((o) => o.settleMsgid));
    expect([...perMsgid.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...perMsgid.keys()].filter((m) => !sent.has(m))).toEqual([]);
    expect(rows.length).toBe(sent.size);
    expect(sent.size).toBe(outcomes.length);

    // The answer each HIS holds is the stored answer, byte for byte, and names the posted settlement.
    const logged = new Map(
      (
        await store.db
          .selectFrom('message_log')
          .select(['msgid', 'response'])
          .where('operation', '=', '2207')
          .execute()
      ).map((r) => [r.msgid, r.response]),
    );
    const groups = new Map(rows.map((r) => [r.msgid, r.group_id]));
    for (const o of outcomes) {
      expect(o.settle.text).toBe(logged.get(o.settleMsgid));
      const setlId = (o.settle.json.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id;
      expect(setlId).toBe(groups.get(o.settleMsgid));
    }
    // Every message of every flow was answered and stored (none left claimed and unanswered).
    const allMsgids = outcomes.flatMap((o) => o.msgids);
    const answered = await store.db
      .selectFrom('message_log')
      .select(['msgid'])
      .where('response', 'is not', null)
      .execute();
    const answeredSet = new Set(answered.map((r) => r.msgid));
    expect(allMsgids.filter((m) => !answeredSet.has(m))).toEqual([]);

    const report = await assertInvariants(store.db);
    console.log(
      `[T10 crash ${options.dialect}] seed=${seed}: ${options.kills} SIGKILLs survived in ${elapsedMs} ms ` +
        `(settlements completed before each kill: ${killedAt.join(',')}); ${outcomes.length} settlements ` +
        `(${allMsgids.length} messages), ${transportFailures} transport failures retried with the same msgid; ` +
        `0 partial, each msgid settled exactly once; verify ok ${JSON.stringify(report.counts)}`,
    );
  } finally {
    await store.close();
  }
}
