/**
 * T18 — append-only history and tamper evidence, on SQLite and PostgreSQL:
 * - every posted table carries the append-only trigger; UPDATE and DELETE of a posted row fail in the
 *   database (tables with rows after a settlement and a cancellation), TRUNCATE fails on PostgreSQL
 *   for every posted table;
 * - `yibao verify` (the real CLI) passes on the untouched store (exit 0), and after a privileged user
 *   bypasses the triggers and edits one movement it exits 1 and names that row; an edited audit record
 *   is named by its seq.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { appendAudit } from '../../src/service/audit.ts';
import { verifyStore } from '../../src/service/verify.ts';
import { type DialectName, openStore, type Store } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { addPerson, ReliableHis, seedWorld, settleOutpatient } from './support.ts';

const REPO = resolve(import.meta.dirname, '../..');

const POSTED_TABLES = [
  'audit_log',
  'settlements',
  'settlement_funds',
  'accumulator_movements',
  'account_movements',
  'filing_events',
  'clearing_runs',
  'clearing_statements',
  'clearing_statement_lines',
  'clearing_institution_payables',
  'clearing_positions',
  'clearing_advances',
  'clearing_statement_events',
  'clearing_closures',
  'unsettled_uploads',
  'unsettled_fee_lines',
  'reimbursement_claim_events',
  'reimbursement_materials',
  'reimbursement_payments',
  'transfer_events',
];
/** Tables that hold rows after the flow below (a row-level trigger needs a row to fire on). */
const WITH_ROWS = [
  'audit_log',
  'settlements',
  'settlement_funds',
  'accumulator_movements',
  'account_movements',
];

async function triggersOf(store: Store, table: string): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'trigger' and tbl_name = ${table}`.execute(store.db)
      : await sql<{
          name: string;
        }>`select tgname as name from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal`.execute(
          store.db,
        );
  return rows.rows.map((r) => r.name);
}

/** Runs a statement with the append-only triggers out of the way, as a privileged user could. */
async function bypassTriggers(store: Store, table: string, statement: string): Promise<void> {
  if (store.dialect === 'postgres') {
    await store.db.connection().execute(async (c) => {
      await sql.raw(`alter table ${table} disable trigger user`).execute(c);
      await sql.raw(statement).execute(c);
      await sql.raw(`alter table ${table} enable trigger user`).execute(c);
    });
    return;
  }
  const triggers = await sql<{
    name: string;
    sql: string;
  }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = ${table}`.execute(store.db);
  for (const t of triggers.rows) await sql.raw(`drop trigger ${t.name}`).execute(store.db);
  await sql.raw(statement).execute(store.db);
  for (const t of triggers.rows) await sql.raw(t.sql).execute(store.db);
}

function runVerifyCli(dialect: DialectName, location: { databaseUrl?: string; sqliteFile?: string }) {
  const env = {
    ...process.env,
    DATABASE_URL: location.databaseUrl ?? '',
    YIBAO_DATA_DIR: location.sqliteFile ? dirname(location.sqliteFile) : '/nonexistent',
  };
  const out = spawnSync(process.execPath, ['bin/yibao.mjs', 'verify'], {
    cwd: REPO,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  console.log(`[T18 ${dialect}] yibao verify → exit ${out.status}\n${out.stdout}${out.stderr}`);
  return out;
}

describe.each(DIALECTS)('T18 append-only and tamper evidence on %s', (dialect) => {
  let store: Store;
  let location: { databaseUrl?: string; sqliteFile?: string };
  let app: FastifyInstance;

  beforeAll(async () => {
    location = await freshStoreLocation(dialect);
    if (location.sqliteFile) location = { sqliteFile: resolve(dirname(location.sqliteFile), 'yibao.sqlite') };
    store = await openStore(location);
    await seedWorld(store.db);
    const person = await addPerson(store.db, 20_000);
    app = await build({ store, now: () => new Date() }, { logger: false });
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
    const first = await settleOutpatient(his, person, 100);
    await settleOutpatient(his, person, 40);
    const setlId = (first.settle.json.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id;
    const cancel = await his.sendOnce(
      his.envelope('2208', { data: { setl_id: setlId, mdtrt_id: first.visitId, psn_no: person.psnNo } }),
    );
    expect(cancel.json.infcode).toBe(0);
    for (let i = 1; i <= 3; i++) {
      await inTransaction(store.db, (tx) =>
        appendAudit(tx, dialect, {
          at: `2026-11-24T0${i}:00:00Z`,
          actor: `admin${i}`,
          role: 'admin',
          action: 'test.action',
          subject: `S${i}`,
          requestId: `r${i}`,
        }),
      );
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it.each(POSTED_TABLES)('%s carries the append-only trigger', async (table) => {
    const triggers = await triggersOf(store, table);
    expect(triggers.length, `${table}: ${triggers.join(',')}`).toBeGreaterThanOrEqual(
      dialect === 'sqlite' ? 2 : 2,
    );
    if (dialect === 'postgres') {
      await expect(sql.raw(`truncate ${table} cascade`).execute(store.db)).rejects.toThrow(/APPEND_ONLY/);
    }
  });

  it.each(WITH_ROWS)('UPDATE and DELETE of a %s row fail in the database', async (table) => {
    const column =
      table === 'settlement_funds'
        ? 'pay_fen'
        : table === 'settlements'
          ? 'cash_fen'
          : table === 'audit_log'
            ? 'actor'
            : 'version';
    const value = column === 'actor' ? "'mallory'" : `${column} + 0`;
    const before = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    expect(Number(before.rows[0]!.n)).toBeGreaterThan(0);
    await expect(sql.raw(`update ${table} set ${column} = ${value}`).execute(store.db)).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await expect(sql.raw(`delete from ${table}`).execute(store.db)).rejects.toThrow(/APPEND_ONLY/);
    const after = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
  });

  it('`yibao verify` passes untouched, then names the first broken row after a tamper (exit 1)', async () => {
    expect((await verifyStore(store.db)).ok).toBe(true);
    if (dialect === 'sqlite') expect(runVerifyCli(dialect, location).status).toBe(0);

    // A privileged user quietly lowers one accumulator movement (the pooled cap paid).
    const victim = await store.db
      .selectFrom('accumulator_movements')
      .select(['id', 'psn_no', 'version'])
      .where('key', '=', 'cap.outpatient.paidFen')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await bypassTriggers(
      store,
      'accumulator_movements',
      `update accumulator_movements set delta = delta - 100, value_after = value_after - 100 where id = ${victim.id}`,
    );
    const cli = runVerifyCli(dialect, location);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`accumulator_movements id=${victim.id}`);

    // An edited audit record is named by its seq, and is the first break (the chain is checked first).
    const record = await store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('actor', '=', 'admin2')
      .executeTakeFirstOrThrow();
    await bypassTriggers(
      store,
      'audit_log',
      `update audit_log set actor = 'mallory' where seq = ${record.seq}`,
    );
    const report = await verifyStore(store.db);
    expect(report.firstBreak).toMatchObject({
      table: 'audit_log',
      row: `seq=${record.seq}`,
      check: 'audit_chain',
    });
    expect(report.problems.some((p) => p.row.startsWith(`id=${victim.id} `))).toBe(true);
    console.log(`[T18 ${dialect}] tamper named: ${JSON.stringify(report.problems.slice(0, 4))}`);
  }, 120_000);
});
