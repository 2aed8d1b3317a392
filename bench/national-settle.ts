/**
 * The national interface under load (issue 4): 2204 fee upload + 2207 settlement over loopback HTTP
 * against the real server, on SQLite (and PostgreSQL when YIBAO_BENCH_DATABASE_URL is set, else on the
 * bench's own throw-away cluster), with settlements/s and p50/p99 latency per pair; beside it, in the
 * same run, the raw rate of the same database writes without HTTP or logic (the storage ceiling) and
 * the ratio of the two. The ceiling replays the very rows the HTTP run wrote (read back from its
 * database, payloads included). On SQLite it also replays the server's recorded SQL on prepared
 * statements (sql-replay.ts), and it measures the HTTP floor of a server that does nothing
 * (http-floor.ts): together they bound what this server's SQL and this machine's HTTP allow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Selectable, sql } from 'kysely';
import pg from 'pg';
import { build } from '../src/http/server.ts';
import { closeAppContext, openAppContext } from '../src/service/context.ts';
import type { Store } from '../src/store/database.ts';
import { moveAccount } from '../src/store/repositories/accounts.ts';
import { applyAccumulatorDeltas } from '../src/store/repositories/accumulators.ts';
import { markFeeLinesSettled } from '../src/store/repositories/fee-lines.ts';
import { claimMessage, storeResponse } from '../src/store/repositories/message-log.ts';
import type { DB } from '../src/store/schema.ts';
import { inTransaction, type Tx } from '../src/store/transaction.ts';
import { feeLine, registration, settleData } from '../test/national/flows.ts';
import {
  FIXED_NOW,
  HisClient,
  ITEMS,
  LOCAL_REGION,
  seedPolicies,
  seedReference,
} from '../test/national/support.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { countRows } from '../test/support/stores.ts';
import { percentile, report } from './harness.ts';
import { runHttpFloor } from './http-floor.ts';
import { runLoadClient } from './load-client.ts';
import { type RecordedStatement, replayStatements } from './sql-replay.ts';

const SETTLEMENTS = Number(process.env.YIBAO_BENCH_SETTLEMENTS ?? 2000);
/** Pairs run first and not measured, in both runs: the figures are for a warmed-up (JIT-compiled) server. */
const WARMUP = Number(process.env.YIBAO_BENCH_WARMUP ?? 500);
const CONCURRENCY = Number(process.env.YIBAO_BENCH_CONCURRENCY ?? 8);
const PERSONS = 200;

function personNo(i: number): string {
  return `4201009${String(i).padStart(13, '0')}`;
}

async function seedPersons(store: Store): Promise<void> {
  const rows = Array.from({ length: PERSONS }, (_, i) => ({
    psn_no: personNo(i),
    name: `压测${i}`,
    certificate_type: '01',
    certificate_no: `42010020000101${String(i).padStart(4, '0')}`,
    social_security_card_no: null,
    phone: null,
    gender: '1',
    birth_date: '1990-01-01',
    insured_region_code: LOCAL_REGION,
    insurance_type: '310',
    employment: 'employed',
    civil_servant: 0,
    assistance_category: 'none',
    status: 'active',
    account_balance_fen: 100_000_000,
  }));
  for (let i = 0; i < rows.length; i += 100)
    await store.db
      .insertInto('persons')
      .values(rows.slice(i, i + 100))
      .execute();
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface HttpRun {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerSettlement: number;
  readonly visits: Selectable<DB['visits']>[];
  readonly written: PairWrites[];
  /** The request bodies (warm-up pairs first), for the HTTP floor. */
  readonly pairs: string[][];
  /** SQLite: the statements of the measured run, and a copy of the database from just before it. */
  readonly recorded: { readonly before: string; readonly statements: RecordedStatement[] } | null;
}

async function httpRun(location: { sqliteFile?: string; databaseUrl?: string }): Promise<HttpRun> {
  const statements: RecordedStatement[] = [];
  let recording = false;
  const ctx = {
    ...(await openAppContext({
      ...location,
      poolSize: 16,
      observeStatements: (text, parameters) => {
        if (recording) statements.push([text, parameters]);
      },
    })),
    now: () => FIXED_NOW,
  };
  await seedReference(ctx.store.db);
  await seedPolicies(ctx.store.db);
  await seedPersons(ctx.store);
  const app = await build(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const his = new HisClient(async (body, path) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    return { status: res.status, text: await res.text(), headers: {} };
  });
  await his.signIn();
  const visits: { psnNo: string; visitId: string }[] = [];
  for (let i = 0; i < WARMUP + SETTLEMENTS; i++) {
    const p = { psnNo: personNo(i % PERSONS), certNo: '', card: '', region: LOCAL_REGION };
    const reg = await his.call('2201', registration(p as never, '310', `B${i}`));
    visits.push({
      psnNo: p.psnNo,
      visitId: (reg.json.output as { data: { mdtrt_id: string } }).data.mdtrt_id,
    });
  }
  const envelopes = visits.map(({ psnNo, visitId }) => {
    const p = { psnNo, certNo: '', card: '', region: LOCAL_REGION } as never;
    const upload = his.envelope('2204', {
      feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classB, pric: 25, cnt: 2 })],
    });
    return { visitId, upload, settle: his.envelope('2207', settleData(p, visitId, '310', '11', 50)) };
  });
  const pairs = envelopes.map((e) => [JSON.stringify(e.upload), JSON.stringify(e.settle)]);
  const url = `http://127.0.0.1:${port}/fsi/api/rsfComIfsService/callService`;
  // The first WARMUP pairs go unmeasured; the database copy and the statement record start after them.
  const before = location.sqliteFile ? `${location.sqliteFile}.before` : null;
  let cpuBefore = process.cpuUsage();
  const load = await runLoadClient(url, pairs, {
    concurrency: CONCURRENCY,
    warmup: WARMUP,
    afterWarmup: async () => {
      if (before) await sql`vacuum into ${sql.lit(before)}`.execute(ctx.store.db);
      recording = before !== null;
      cpuBefore = process.cpuUsage();
    },
  });
  const serverCpu = process.cpuUsage(cpuBefore);
  recording = false;
  if (load.failure) throw new Error(load.failure);
  const latencies = load.latencies.sort((a, b) => a - b);
  await app.close();
  const written = await readPairWrites(
    ctx.store,
    envelopes.map((e) => ({
      visitId: e.visitId,
      uploadMsgid: e.upload.msgid as string,
      settleMsgid: e.settle.msgid as string,
    })),
  );
  const registered = await ctx.store.db.selectFrom('visits').selectAll().orderBy('visit_id').execute();
  await closeAppContext(ctx);
  return {
    visits: registered,
    written,
    perSecond: SETTLEMENTS / load.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    // Process CPU (server thread, libuv pool and the client thread together) per settlement.
    cpuMsPerSettlement: (serverCpu.user + serverCpu.system) / 1000 / SETTLEMENTS,
    pairs,
    recorded: before ? { before, statements } : null,
  };
}

/**
 * What one 2204 + 2207 pair wrote, read back from the HTTP run's database: the rows themselves, with
 * their real payloads (the stored responses, the settlement's formula trace), so the ceiling writes
 * exactly what the server wrote.
 */
interface PairWrites {
  readonly uploadMessage: Selectable<DB['message_log']>;
  readonly settleMessage: Selectable<DB['message_log']>;
  readonly feeLines: Selectable<DB['fee_lines']>[];
  readonly settlements: Selectable<DB['settlements']>[];
  readonly funds: Selectable<DB['settlement_funds']>[];
  readonly accumulatorMovements: Omit<Selectable<DB['accumulator_movements']>, 'id'>[];
  readonly accountMovements: Omit<Selectable<DB['account_movements']>, 'id'>[];
}

const withoutId = <T extends { id: unknown }>({ id: _id, ...rest }: T): Omit<T, 'id'> => rest;

async function readPairWrites(
  store: Store,
  pairs: readonly { uploadMsgid: string; settleMsgid: string; visitId: string }[],
): Promise<PairWrites[]> {
  const db = store.db;
  const message = (msgid: string) =>
    db.selectFrom('message_log').selectAll().where('msgid', '=', msgid).executeTakeFirstOrThrow();
  const out: PairWrites[] = [];
  for (const pair of pairs) {
    const settlements = await db
      .selectFrom('settlements')
      .selectAll()
      .where('visit_id', '=', pair.visitId)
      .orderBy('settlement_id')
      .execute();
    const ids = settlements.map((r) => r.settlement_id);
    out.push({
      uploadMessage: await message(pair.uploadMsgid),
      settleMessage: await message(pair.settleMsgid),
      feeLines: await db.selectFrom('fee_lines').selectAll().where('visit_id', '=', pair.visitId).execute(),
      settlements,
      funds: await db.selectFrom('settlement_funds').selectAll().where('settlement_id', 'in', ids).execute(),
      accumulatorMovements: (
        await db
          .selectFrom('accumulator_movements')
          .selectAll()
          .where('settlement_id', 'in', ids)
          .orderBy('key')
          .execute()
      ).map(withoutId),
      accountMovements: (
        await db.selectFrom('account_movements').selectAll().where('settlement_id', 'in', ids).execute()
      ).map(withoutId),
    });
  }
  return out;
}

/**
 * The storage ceiling: the same writes as the HTTP run, statement for statement as the server issues
 * them (claim, rows, response; the version-checked accumulator upsert; the account movement and
 * balance), in the same units of work at the same concurrency — but no HTTP, no reads, no logic.
 */
async function rawRun(
  location: { sqliteFile?: string; databaseUrl?: string },
  visits: readonly Selectable<DB['visits']>[],
  writes: readonly PairWrites[],
): Promise<number> {
  const ctx = await openAppContext({ ...location, poolSize: 16 });
  await seedReference(ctx.store.db);
  await seedPersons(ctx.store);
  for (let i = 0; i < visits.length; i += 100)
    await ctx.store.db
      .insertInto('visits')
      .values(visits.slice(i, i + 100))
      .execute();
  // The message log, the settled lines, the accumulators and the account go through the server's own
  // repository functions, so the ceiling issues exactly the server's statements for them.
  const message = async (tx: Tx, row: Selectable<DB['message_log']>, work: () => Promise<void>) => {
    await claimMessage(tx, {
      party: row.party,
      msgid: row.msgid,
      operation: row.operation,
      requestHash: row.request_hash,
      createdAt: row.created_at,
    });
    await work();
    await storeResponse(tx, row.party, row.msgid, row.response ?? '');
  };
  const replay = (some: readonly PairWrites[]) =>
    pool(some, CONCURRENCY, async (w) => {
      await inTransaction(ctx.store.db, (tx) =>
        message(tx, w.uploadMessage, async () => {
          await tx
            .insertInto('fee_lines')
            .values(w.feeLines.map((l) => ({ ...l, status: 'uploaded', settlement_id: null })))
            .execute();
        }),
      );
      await inTransaction(ctx.store.db, (tx) =>
        message(tx, w.settleMessage, async () => {
          await tx.insertInto('settlements').values(w.settlements).execute();
          if (w.funds.length > 0) await tx.insertInto('settlement_funds').values(w.funds).execute();
          for (const s of w.settlements) {
            const lineNos = w.feeLines
              .filter((l) => l.settlement_id === s.settlement_id)
              .map((l) => l.line_no);
            await markFeeLinesSettled(tx, s.visit_id, lineNos, s.settlement_id);
          }
          const moved = w.accumulatorMovements;
          if (moved.length > 0) {
            // What the server had read (the values before, one version back) and the deltas it posted;
            // applyAccumulatorDeltas refuses the replay if the versions do not line up.
            const current = moved
              .filter((m) => m.version > 1)
              .map((m) => ({ key: m.key, value: Number(m.value_before), version: m.version - 1 }));
            await applyAccumulatorDeltas(
              tx,
              {
                psnNo: moved[0]!.psn_no,
                year: moved[0]!.year,
                insuredRegionCode: LOCAL_REGION,
                settlementId: moved[0]!.settlement_id!,
              },
              current,
              Object.fromEntries(moved.map((m) => [m.key, Number(m.delta)])),
            );
          }
          for (const a of w.accountMovements) {
            await moveAccount(tx, {
              psnNo: a.psn_no,
              settlementId: a.settlement_id,
              reason: a.reason,
              deltaFen: Number(a.delta_fen),
              balanceBeforeFen: Number(a.balance_before_fen),
              at: a.created_at,
            });
          }
        }),
      );
    });
  await replay(writes.slice(0, WARMUP));
  const started = performance.now();
  await replay(writes.slice(WARMUP));
  const seconds = (performance.now() - started) / 1000;
  // The ceiling must have written every row the server did.
  const expected = {
    settlements: writes.reduce((n, w) => n + w.settlements.length, 0),
    accumulator_movements: writes.reduce((n, w) => n + w.accumulatorMovements.length, 0),
    accumulators: new Set(writes.flatMap((w) => w.accumulatorMovements.map((m) => `${m.psn_no}/${m.key}`)))
      .size,
  };
  for (const [table, n] of Object.entries(expected)) {
    const actual = await countRows(ctx.store.db, table as keyof typeof expected);
    if (actual !== n) throw new Error(`storage ceiling wrote ${actual} ${table} rows, the server ${n}`);
  }
  await closeAppContext(ctx);
  return (writes.length - WARMUP) / seconds;
}

/** A fresh database on the bench's throw-away PostgreSQL cluster (or YIBAO_BENCH_DATABASE_URL's server). */
async function freshPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function runTarget(
  name: string,
  location: () => Promise<{ sqliteFile?: string; databaseUrl?: string }>,
): Promise<HttpRun> {
  const http = await httpRun(await location());
  const raw = await rawRun(await location(), http.visits, http.written);
  report(`national 2204+2207 http (${name})`, {
    settlements_per_s: http.perSecond,
    p50_ms: http.p50,
    p99_ms: http.p99,
    cpu_ms_per_settlement: http.cpuMsPerSettlement,
    storage_ceiling_per_s: raw,
    ratio: http.perSecond / raw,
    concurrency: CONCURRENCY,
    n: SETTLEMENTS,
    warmup: WARMUP,
  });
  if (http.recorded) {
    const { before, statements } = http.recorded;
    const writes = replayStatements(before, statements, { withReads: false });
    const all = replayStatements(before, statements, { withReads: true });
    report(`national server SQL replayed (${name})`, {
      writes_per_s: SETTLEMENTS / writes,
      writes_ms_per_settlement: (writes * 1000) / SETTLEMENTS,
      with_reads_per_s: SETTLEMENTS / all,
      with_reads_ms_per_settlement: (all * 1000) / SETTLEMENTS,
      statements_per_settlement: statements.length / SETTLEMENTS,
    });
  }
  return http;
}

/** The HTTP floor for the run's own request bodies and stored answers (see http-floor.ts). */
async function reportHttpFloor(run: HttpRun): Promise<void> {
  const first = run.written[WARMUP]!;
  const floor = await runHttpFloor(
    run.pairs,
    { upload: first.uploadMessage.response ?? '', settle: first.settleMessage.response ?? '' },
    { concurrency: CONCURRENCY, warmup: WARMUP },
  );
  if (floor.failure) throw new Error(floor.failure);
  const latencies = floor.latencies.sort((a, b) => a - b);
  report('national http floor (no work)', {
    pairs_per_s: SETTLEMENTS / floor.seconds,
    cpu_ms_per_pair: floor.cpuMs / SETTLEMENTS,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
  });
}

export async function benchNationalSettle(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'yibao-bench-'));
  let n = 0;
  try {
    const sqlite = await runTarget('sqlite', async () => ({
      sqliteFile: join(scratch, `bench-${n++}.sqlite`),
    }));
    await reportHttpFloor(sqlite);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (process.env.YIBAO_BENCH_SKIP_PG) {
    console.log('national: PostgreSQL skipped (YIBAO_BENCH_SKIP_PG set)');
    return;
  }
  const external = process.env.YIBAO_BENCH_DATABASE_URL;
  const cluster = external ? null : await startPostgresCluster();
  const adminUrl = external ?? cluster!.adminUrl;
  try {
    await runTarget('postgres', async () => ({
      databaseUrl: await freshPostgresDatabase(adminUrl, `yibao_bench_national_${n++}`),
    }));
  } finally {
    cluster?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchNationalSettle();
