/**
 * The national interface under load (issue 4): 2204 fee upload + 2207 settlement over loopback HTTP
 * against the real server, on SQLite (and PostgreSQL when YIBAO_BENCH_DATABASE_URL is set), with
 * settlements/s and p50/p99 latency per pair; beside it, in the same run, the raw rate of the same
 * database writes without HTTP or logic (the storage ceiling), and the ratio of the two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { build } from '../src/http/server.ts';
import { closeAppContext, openAppContext } from '../src/service/context.ts';
import type { Store } from '../src/store/database.ts';
import { inTransaction } from '../src/store/transaction.ts';
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
import { percentile, report } from './harness.ts';

const SETTLEMENTS = Number(process.env.YIBAO_BENCH_SETTLEMENTS ?? 2000);
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

/** Drives the pairs from the load-client thread (bench/load-client.mjs). */
function runLoadClient(
  url: string,
  pairs: string[][],
): Promise<{ seconds: number; latencies: number[]; failure: string | null }> {
  const worker = new Worker(new URL('./load-client.mjs', import.meta.url), {
    workerData: { url, pairs, concurrency: CONCURRENCY },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function httpRun(location: {
  sqliteFile?: string;
  databaseUrl?: string;
}): Promise<{ perSecond: number; p50: number; p99: number; cpuMsPerSettlement: number }> {
  const ctx = { ...(await openAppContext({ ...location, poolSize: 16 })), now: () => FIXED_NOW };
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
  for (let i = 0; i < SETTLEMENTS; i++) {
    const p = { psnNo: personNo(i % PERSONS), certNo: '', card: '', region: LOCAL_REGION };
    const reg = await his.call('2201', registration(p as never, '310', `B${i}`));
    visits.push({
      psnNo: p.psnNo,
      visitId: (reg.json.output as { data: { mdtrt_id: string } }).data.mdtrt_id,
    });
  }
  const pairs = visits.map(({ psnNo, visitId }) => {
    const p = { psnNo, certNo: '', card: '', region: LOCAL_REGION } as never;
    const upload = his.envelope('2204', {
      feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classB, pric: 25, cnt: 2 })],
    });
    return [
      JSON.stringify(upload),
      JSON.stringify(his.envelope('2207', settleData(p, visitId, '310', '11', 50))),
    ];
  });
  const cpuBefore = process.cpuUsage();
  const load = await runLoadClient(`http://127.0.0.1:${port}/fsi/api/rsfComIfsService/callService`, pairs);
  const serverCpu = process.cpuUsage(cpuBefore);
  if (load.failure) throw new Error(load.failure);
  const latencies = load.latencies.sort((a, b) => a - b);
  await app.close();
  await closeAppContext(ctx);
  return {
    perSecond: SETTLEMENTS / load.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    // Process CPU (server thread, libuv pool and the client thread together) per settlement.
    cpuMsPerSettlement: (serverCpu.user + serverCpu.system) / 1000 / SETTLEMENTS,
  };
}

/** The same rows a 2204 + 2207 pair writes, straight into the store: the storage ceiling. */
async function rawRun(location: { sqliteFile?: string; databaseUrl?: string }): Promise<number> {
  const ctx = await openAppContext({ ...location, poolSize: 16 });
  await seedReference(ctx.store.db);
  await seedPersons(ctx.store);
  const ids = Array.from({ length: SETTLEMENTS }, (_, i) => i);
  const started = performance.now();
  await pool(ids, CONCURRENCY, async (i) => {
    const visitId = `RAW${i}`;
    const psnNo = personNo(i % PERSONS);
    await inTransaction(ctx.store.db, async (tx) => {
      await tx
        .insertInto('message_log')
        .values({
          party: 'H',
          msgid: `U${i}`,
          operation: '2204',
          request_hash: 'h',
          response: 'r',
          created_at: 't',
        })
        .execute();
      await tx
        .insertInto('visits')
        .values({
          visit_id: visitId,
          institution_code: 'H42010000001',
          psn_no: psnNo,
          insured_region_code: LOCAL_REGION,
          treatment_region_code: LOCAL_REGION,
          insurance_type: '310',
          kind: 'outpatient',
          med_type: '11',
          hospital_visit_no: 'x',
          certificate_type: '02',
          begin_time: 't',
          status: 'registered',
          created_at: 't',
        })
        .execute();
      await tx
        .insertInto('fee_lines')
        .values({
          visit_id: visitId,
          line_no: '1',
          batch_no: 'CB',
          item_code: ITEMS.classB,
          institution_item_code: 'x',
          item_name: 'x',
          unit_price_fen: 2500,
          quantity: 20000,
          amount_fen: 5000,
          disease_code: null,
          prescription_no: null,
          fee_time: 't',
          split: '{}',
          status: 'uploaded',
          settlement_id: null,
          uploaded_at: 't',
        })
        .execute();
    });
    await inTransaction(ctx.store.db, async (tx) => {
      await tx
        .insertInto('message_log')
        .values({
          party: 'H',
          msgid: `S${i}`,
          operation: '2207',
          request_hash: 'h',
          response: 'r',
          created_at: 't',
        })
        .execute();
      const id = `RAWS${i}`;
      await tx
        .insertInto('settlements')
        .values({
          settlement_id: id,
          group_id: id,
          visit_id: visitId,
          institution_code: 'H42010000001',
          psn_no: psnNo,
          insured_region_code: LOCAL_REGION,
          treatment_region_code: LOCAL_REGION,
          insurance_type: '310',
          med_type: '11',
          category: 'general_outpatient',
          disease_code: null,
          situation: 'local',
          clearing_type: '11',
          year: 2026,
          settled_at: 't',
          kind: 'settlement',
          reverses_id: null,
          msgid: `S${i}`,
          total_fen: 5000,
          full_own_pay_fen: 0,
          over_limit_fen: 0,
          class_b_copay_fen: 500,
          in_scope_fen: 4500,
          deductible_fen: 0,
          fund_pay_fen: 0,
          account_pay_fen: 5000,
          cash_fen: 0,
          hospital_part_fen: 0,
          account_balance_after_fen: 0,
          result: '{}',
        })
        .execute();
      await tx
        .updateTable('fee_lines')
        .set({ status: 'settled', settlement_id: id })
        .where('visit_id', '=', visitId)
        .execute();
      await tx
        .insertInto('accumulator_movements')
        .values({
          psn_no: psnNo,
          year: 2026,
          key: 'total.medfeeFen',
          settlement_id: id,
          delta: 5000,
          value_before: 0,
          value_after: 5000,
          version: i + 1,
        })
        .execute();
    });
  });
  const seconds = (performance.now() - started) / 1000;
  await closeAppContext(ctx);
  return SETTLEMENTS / seconds;
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
) {
  const http = await httpRun(await location());
  const raw = await rawRun(await location());
  report(`national 2204+2207 http (${name})`, {
    settlements_per_s: http.perSecond,
    p50_ms: http.p50,
    p99_ms: http.p99,
    cpu_ms_per_settlement: http.cpuMsPerSettlement,
    storage_ceiling_per_s: raw,
    ratio: http.perSecond / raw,
    concurrency: CONCURRENCY,
    n: SETTLEMENTS,
  });
}

export async function benchNationalSettle(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'yibao-bench-'));
  let n = 0;
  try {
    await runTarget('sqlite', async () => ({ sqliteFile: join(scratch, `bench-${n++}.sqlite`) }));
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
