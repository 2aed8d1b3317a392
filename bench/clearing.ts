/**
 * Clearing throughput (issue 8: clear a national month of 24,000,000 cross-province settlements; goal
 * ≤ 60 s on SQLite). A month of settlements is generated in bulk directly in the store, set-based inside
 * the database on both dialects (INSERT … SELECT over a series: no row crosses from JS), then the real
 * clearing run (the service: per-day GROUP BY on SQLite read workers, core, posting) is timed, twice (the
 * second must change nothing).
 *
 * The default is a scaled month (YIBAO_BENCH_CLEARING_ROWS, default 2,000,000; PostgreSQL
 * YIBAO_BENCH_CLEARING_PG_ROWS, default 1,000,000) with the 24 M figure extrapolated from the measured
 * rate and printed as such: generating 24 M settlements with their 48 M fund lines and every index takes
 * about 4–5 minutes on a 2-core machine, more than the whole bench budget. The full month is
 * `YIBAO_BENCH_CLEARING_ROWS=24000000 YIBAO_BENCH_SKIP_PG=1 node bin/run-ts.mjs bench/clearing.ts`
 * (about 12 GB of disk under the temp directory, removed afterwards); see docs/clearing.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runClearing } from '../src/service/clearing/run-clearing.ts';
import type { AppContext } from '../src/service/context.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { report } from './harness.ts';

const TARGET_ROWS = 24_000_000;
/** 31 provincial capitals' pooling regions: the cross-province pairs of a national month. */
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
];
const REGIONS = PROVINCES.map((p) => `${p}0100`);
const INSTITUTIONS_PER_REGION = 20;
const MONTH_START_MS = Date.parse('2026-09-30T16:00:00.000Z');
const MONTH_MS = 31 * 86_400_000;
/** One settlement in a hundred is refunded (a reversal posted a minute later). */
const REFUND_EVERY = 100;

export async function insertReference(store: Store): Promise<void> {
  const db = store.db;
  await db
    .insertInto('regions')
    .values(
      REGIONS.map((code) => ({
        code,
        name: `区划${code}`,
        province_code: `${code.slice(0, 2)}0000`,
        province_name: '省',
      })),
    )
    .execute();
  await db
    .insertInto('institutions')
    .values(
      REGIONS.flatMap((region) =>
        Array.from({ length: INSTITUTIONS_PER_REGION }, (_, k) => ({
          code: `H${region}${String(k).padStart(5, '0')}`,
          name: `医院${region}-${k}`,
          region_code: region,
          kind: 'hospital',
          level: '3',
          cross_region_networked: 1,
          chronic_diseases: '[]',
          employee_outpatient_pooling: 0,
          address: null,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('persons')
    .values(
      REGIONS.map((region, k) => ({
        psn_no: `P${region}`,
        name: `参保人${k}`,
        certificate_type: '01',
        certificate_no: `${region}1990010100${String(k).padStart(2, '0')}`,
        social_security_card_no: null,
        phone: null,
        gender: '1',
        birth_date: '1990-01-01',
        insured_region_code: region,
        insurance_type: '310',
        employment: 'employed',
        civil_servant: 0,
        assistance_category: 'none',
        status: 'active',
        account_balance_fen: 0,
      })),
    )
    .execute();
  // A pool of one visit per insured region: clearing never reads visits, the foreign key needs one.
  await db
    .insertInto('visits')
    .values(
      REGIONS.map((region) => ({
        visit_id: `V${region}`,
        institution_code: `H${region}00000`,
        psn_no: `P${region}`,
        insured_region_code: region,
        treatment_region_code: region,
        insurance_type: '310',
        kind: 'outpatient' as const,
        med_type: '11',
        hospital_visit_no: `MZ${region}`,
        certificate_type: '02',
        begin_time: '2026-10-01 08:00:00',
        end_time: null,
        status: 'settled',
        disease_code: null,
        created_at: '2026-10-01T00:00:00.000Z',
      })),
    )
    .execute();
}

const SETTLEMENT_COLUMNS = `settlement_id, group_id, visit_id, institution_code, psn_no, insured_region_code,
  treatment_region_code, insurance_type, med_type, category, disease_code, situation, clearing_type, year,
  settled_at, kind, reverses_id, msgid, total_fen, full_own_pay_fen, over_limit_fen, class_b_copay_fen,
  in_scope_fen, deductible_fen, fund_pay_fen, account_pay_fen, cash_fen, hospital_part_fen,
  account_balance_after_fen, result`;

/** Settlement n's derived values, written once for SQLite (the same formulas as generatePostgres). */
function sqliteBase(count: number): string {
  // The 31 region codes are all 6 characters: region i is one substring of their concatenation.
  const regions = `'${REGIONS.join('')}'`;
  const region = (index: string) => `substr(${regions}, 1 + 6 * (${index}), 6)`;
  return `select n, ${region('n % 31')} as insured, ${region('(n % 31 + 1 + (n / 31) % 30) % 31')} as treatment,
      n % 3 <> 0 as employee, 1000 + (n * 37) % 50000 as fund_a, (n * 11) % 7000 as fund_b,
      case when n % 4 = 0 then n % 3000 else 0 end as account, 500 + n % 9000 as cash,
      ${MONTH_START_MS} + (n * ${MONTH_MS}) / ${count} as at_ms
    from series`;
}

/** An epoch-milliseconds SQL expression as Date.toISOString() text (integer arithmetic, no float rounding). */
function isoOf(ms: string): string {
  return `strftime('%Y-%m-%dT%H:%M:%S', (${ms}) / 1000, 'unixepoch') || printf('.%03dZ', (${ms}) % 1000)`;
}

/**
 * The month generated inside SQLite by set-based INSERT … SELECT over a recursive series, chunk by
 * chunk (no row crosses from JS): the same four statements and formulas as generatePostgres.
 */
export function generateSqlite(file: string, count: number): number {
  const sqlite = new Database(file);
  // Bulk load as a DBA would, for this connection only: the rollback journal in memory instead of WAL
  // (every page written once, not twice; OFF is refused by better-sqlite3's defensive mode and would
  // gain little, as the load appends new pages) and no fsync (a crash means regenerate), a large page
  // cache, and both cores for the index sorts. The generated rows are
  // consistent by construction, so foreign keys are not re-checked row by row, and the secondary indexes
  // are dropped and rebuilt by one sort each afterwards (same definitions, read back from the schema)
  // instead of growing row by row. The timed run then opens the store normally (WAL, synchronous=FULL).
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('threads = 2');
  sqlite.pragma('foreign_keys = OFF');
  const indexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
        and tbl_name in ('settlements', 'settlement_funds')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
  const base = sqliteBase(count);
  const institution = `'H' || treatment || printf('%05d', n % ${INSTITUTIONS_PER_REGION})`;
  const insuranceType = `case when employee then '310' else '390' end`;
  const funds = `(select 0 as k union all select 1) f`;
  const fundType = `case when f.k = 0 then (case when employee then '310100' else '390100' end)
      else (case when employee then '330100' else '390200' end) end`;
  const fundPay = 'case when f.k = 0 then fund_a else fund_b end';
  const total = 'fund_a + fund_b + account + cash';
  const refunded = `n % ${REFUND_EVERY} = ${REFUND_EVERY - 1}`;
  const series = 'with recursive series(n) as (select ? union all select n + 1 from series where n < ?)';
  const statements = [
    `${series} insert into settlements (${SETTLEMENT_COLUMNS})
      select 'B' || printf('%010d', n), 'B' || printf('%010d', n), 'V' || insured, ${institution}, 'P' || insured,
        insured, treatment, ${insuranceType}, '11', 'general_outpatient', null, 'cross_province', '99963', 2026,
        ${isoOf('at_ms')}, 'settlement', null, 'MB' || printf('%010d', n), ${total}, 0, 0, 0, ${total}, 0,
        fund_a + fund_b, account, cash, 0, 0, '{}'
      from (${base})`,
    `${series} insert into settlement_funds (settlement_id, fund_type, pay_fen, in_scope_fen, payable_limit_fen)
      select 'B' || printf('%010d', n), ${fundType}, ${fundPay}, ${total}, 0
      from (${base}) cross join ${funds}`,
    `${series} insert into settlements (${SETTLEMENT_COLUMNS})
      select 'R' || printf('%010d', n), 'R' || printf('%010d', n), 'V' || insured, ${institution}, 'P' || insured,
        insured, treatment, ${insuranceType}, '11', 'general_outpatient', null, 'cross_province', '99963', 2026,
        ${isoOf('at_ms + 60000')}, 'reversal', 'B' || printf('%010d', n), 'MR' || printf('%010d', n),
        -(${total}), 0, 0, 0, -(${total}), 0, -(fund_a + fund_b), -account, -cash, 0, 0, '{}'
      from (${base}) where ${refunded}`,
    `${series} insert into settlement_funds (settlement_id, fund_type, pay_fen, in_scope_fen, payable_limit_fen)
      select 'R' || printf('%010d', n), ${fundType}, -(${fundPay}), -(${total}), 0
      from (${base}) cross join ${funds} where ${refunded}`,
  ].map((text) => sqlite.prepare(text));
  let rows = 0;
  const chunk = 1_000_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    sqlite.exec('begin');
    for (const [i, statement] of statements.entries()) {
      const { changes } = statement.run(from, to);
      if (i % 2 === 0) rows += changes;
    }
    sqlite.exec('commit');
  }
  for (const index of indexes) sqlite.exec(index.sql);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return rows;
}

/** The same month, generated inside PostgreSQL by set-based statements (no rows cross the wire). */
export async function generatePostgres(url: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const regions = `(array[${REGIONS.map((r) => `'${r}'`).join(',')}])`;
  const chunk = 1_000_000;
  try {
    // Bulk load as on SQLite: foreign-key triggers off for this session (the rows are consistent by
    // construction), secondary indexes dropped and rebuilt afterwards from their own definitions.
    await client.query(`set timezone = 'UTC'`);
    await client.query(`set session_replication_role = replica`);
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.tablename in ('settlements', 'settlement_funds')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const index of indexes) await client.query(`drop index ${index.indexname}`);
    for (let from = 0; from < count; from += chunk) {
      const to = Math.min(count, from + chunk) - 1;
      // Same formulas as generated(): region indexes, funds, account, cash, time.
      const base = `select n, ${regions}[1 + n % 31] as insured,
          ${regions}[1 + (n % 31 + 1 + (n / 31) % 30) % 31] as treatment,
          n % 3 <> 0 as employee, 1000 + (n * 37) % 50000 as fund_a, (n * 11) % 7000 as fund_b,
          case when n % 4 = 0 then n % 3000 else 0 end as account, 500 + n % 9000 as cash,
          to_char(timestamptz '2026-09-30 16:00:00+00' + (n * ${MONTH_MS}::bigint / ${count}) * interval '1 millisecond',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as settled_at
        from generate_series(${from}::bigint, ${to}::bigint) n`;
      await client.query(`insert into settlements (${SETTLEMENT_COLUMNS})
        select id, id, 'V' || insured, 'H' || treatment || lpad((n % ${INSTITUTIONS_PER_REGION})::text, 5, '0'), 'P' || insured,
          insured, treatment, case when employee then '310' else '390' end, '11', 'general_outpatient', null,
          'cross_province', '99963', 2026, settled_at, 'settlement', null, 'M' || id,
          fund_a + fund_b + account + cash, 0, 0, 0, fund_a + fund_b + account + cash, 0, fund_a + fund_b,
          account, cash, 0, 0, '{}'
        from (select *, 'B' || lpad(n::text, 10, '0') as id from (${base}) b) g`);
      await client.query(`insert into settlement_funds (settlement_id, fund_type, pay_fen, in_scope_fen, payable_limit_fen)
        select 'B' || lpad(n::text, 10, '0'), f.fund_type, f.pay, fund_a + fund_b + account + cash, 0
        from (${base}) b cross join lateral (values
          (case when employee then '310100' else '390100' end, fund_a),
          (case when employee then '330100' else '390200' end, fund_b)) f(fund_type, pay)`);
      await client.query(`insert into settlements (${SETTLEMENT_COLUMNS})
        select 'R' || lpad(n::text, 10, '0'), 'R' || lpad(n::text, 10, '0'), 'V' || insured,
          'H' || treatment || lpad((n % ${INSTITUTIONS_PER_REGION})::text, 5, '0'), 'P' || insured,
          insured, treatment, case when employee then '310' else '390' end, '11', 'general_outpatient', null,
          'cross_province', '99963', 2026,
          to_char(settled_at::timestamptz + interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'reversal', 'B' || lpad(n::text, 10, '0'), 'MR' || lpad(n::text, 10, '0'),
          -(fund_a + fund_b + account + cash), 0, 0, 0, -(fund_a + fund_b + account + cash), 0, -(fund_a + fund_b),
          -account, -cash, 0, 0, '{}'
        from (${base}) b where n % ${REFUND_EVERY} = ${REFUND_EVERY - 1}`);
      await client.query(`insert into settlement_funds (settlement_id, fund_type, pay_fen, in_scope_fen, payable_limit_fen)
        select 'R' || lpad(n::text, 10, '0'), f.fund_type, -f.pay, -(fund_a + fund_b + account + cash), 0
        from (${base}) b cross join lateral (values
          (case when employee then '310100' else '390100' end, fund_a),
          (case when employee then '330100' else '390200' end, fund_b)) f(fund_type, pay)
        where n % ${REFUND_EVERY} = ${REFUND_EVERY - 1}`);
    }
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`set session_replication_role = origin`);
    await client.query('analyze settlements');
    await client.query('analyze settlement_funds');
    const { rows } = await client.query<{ n: string }>('select count(*) as n from settlements');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function timeRuns(dialect: string, store: Store, rows: number, generateSeconds: number): Promise<void> {
  const ctx: AppContext = { store, now: () => new Date('2026-11-02T00:00:00.000Z') };
  const started = performance.now();
  const first = await runClearing(ctx, { period: '2026-10', actor: 'bench' });
  const firstSeconds = (performance.now() - started) / 1000;
  if (!first.ok) throw new Error(first.error.message);
  const again = performance.now();
  const second = await runClearing(ctx, { period: '2026-10', actor: 'bench' });
  const secondSeconds = (performance.now() - again) / 1000;
  if (!second.ok || second.value.changed) throw new Error('a second clearing run changed the period');
  const perSecond = rows / firstSeconds;
  const measured = rows >= TARGET_ROWS;
  report(`clearing: ${dialect} month${measured ? '' : ' (scaled)'}`, {
    settlementRows: rows,
    generateSeconds,
    generateRowsPerSecond: Math.round(rows / generateSeconds),
    statements: first.value.statementCount,
    runSeconds: firstSeconds,
    rerunSeconds: secondSeconds,
    rowsPerSecond: Math.round(perSecond),
    ...(measured ? {} : { [`extrapolated${TARGET_ROWS / 1_000_000}MSeconds`]: TARGET_ROWS / perSecond }),
  });
}

async function benchSqlite(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-clearing-'));
  const file = join(dir, 'yibao.sqlite');
  try {
    const setup = await openStore({ sqliteFile: file });
    await insertReference(setup);
    await setup.close();
    const started = performance.now();
    const rows = generateSqlite(file, count);
    const generateSeconds = (performance.now() - started) / 1000;
    const store = await openStore({ sqliteFile: file });
    try {
      await timeRuns('sqlite', store, rows, generateSeconds);
    } finally {
      await store.close();
    }
  } finally {
    if (process.env.YIBAO_BENCH_KEEP) console.log(`clearing: kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(count: number): Promise<void> {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database yibao_bench_clearing');
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = '/yibao_bench_clearing';
    const store = await openStore({ databaseUrl: url.toString() });
    try {
      await insertReference(store);
      const started = performance.now();
      const rows = await generatePostgres(url.toString(), count);
      const generateSeconds = (performance.now() - started) / 1000;
      await timeRuns('postgres', store, rows, generateSeconds);
    } finally {
      await store.close();
    }
  } finally {
    cluster.stop();
  }
}

export async function benchClearing(): Promise<void> {
  const count = Number(process.env.YIBAO_BENCH_CLEARING_ROWS ?? 2_000_000);
  const pgCount = Number(process.env.YIBAO_BENCH_CLEARING_PG_ROWS ?? Math.min(count, 1_000_000));
  const scale = (rows: number) =>
    rows >= TARGET_ROWS
      ? `the full month of ${rows.toLocaleString('en')} settlements`
      : `a scaled month of ${rows.toLocaleString('en')} settlements (the issue's ` +
        `${TARGET_ROWS.toLocaleString('en')} is extrapolated from the measured rate)`;
  console.log(`clearing: SQLite clears ${scale(count)}, +1% refunds`);
  await benchSqlite(count);
  if (process.env.YIBAO_BENCH_SKIP_PG) {
    console.log('clearing: PostgreSQL skipped (YIBAO_BENCH_SKIP_PG set)');
    return;
  }
  console.log(`clearing: PostgreSQL clears ${scale(pgCount)}, +1% refunds`);
  await benchPostgres(pgCount);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchClearing();
