/**
 * Inter-region clearing (R-S3). Every clearing table is posted (append-only): a run of an open period
 * adds a new numbered run whose rows supersede the previous draft's, statement confirmations and
 * disputes are events, and closing a period is one more row. So a closed period cannot change, not even
 * by a hand-typed statement, and every superseded draft stays readable as history.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  // Drill-down of one region pair within a month reads settlements by pair, then time.
  await db.schema
    .createIndex('settlements_pair_time')
    .on('settlements')
    .columns(['insured_region_code', 'treatment_region_code', 'settled_at'])
    .execute();

  await sql`create table clearing_runs (
    run_id text primary key,
    period text not null,
    run_no integer not null check (run_no >= 1),
    range_start text not null,
    range_end text not null,
    settlement_count bigint not null,
    total_fen bigint not null,
    digest text not null,
    actor text not null,
    created_at text not null,
    unique (period, run_no)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_runs');

  await sql`create table clearing_statements (
    statement_id text primary key,
    run_id text not null references clearing_runs(run_id),
    period text not null,
    insured_region_code text not null,
    treatment_region_code text not null,
    settlement_count bigint not null,
    adjustment_count bigint not null,
    medical_total_fen bigint not null,
    fund_total_fen bigint not null,
    account_total_fen bigint not null,
    adjustment_fen bigint not null,
    total_fen bigint not null,
    check (total_fen = fund_total_fen + account_total_fen),
    unique (run_id, insured_region_code, treatment_region_code)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_statements');

  await sql`create table clearing_statement_lines (
    statement_id text not null references clearing_statements(statement_id),
    fund_type text not null,
    amount_fen bigint not null,
    adjustment_fen bigint not null,
    row_count bigint not null,
    primary key (statement_id, fund_type)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_statement_lines');

  await sql`create table clearing_institution_payables (
    run_id text not null references clearing_runs(run_id),
    institution_code text not null,
    treatment_region_code text not null,
    amount_fen bigint not null,
    settlement_count bigint not null,
    primary key (run_id, institution_code)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_institution_payables');

  await sql`create table clearing_positions (
    run_id text not null references clearing_runs(run_id),
    region_code text not null,
    receivable_fen bigint not null,
    payable_fen bigint not null,
    net_fen bigint not null,
    advance_held_fen bigint not null,
    advance_paid_fen bigint not null,
    net_after_advance_fen bigint not null,
    check (net_fen = receivable_fen - payable_fen),
    check (net_after_advance_fen = net_fen - advance_held_fen + advance_paid_fen),
    primary key (run_id, region_code)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_positions');

  // 预付金 movements: + an insured region advances money to a treatment region, − it is returned.
  await sql`create table clearing_advances (
    ${identityColumn(dialect, 'id')},
    insured_region_code text not null,
    treatment_region_code text not null,
    amount_fen bigint not null check (amount_fen <> 0),
    effective_date text not null,
    memo text not null,
    actor text not null,
    recorded_at text not null,
    check (insured_region_code <> treatment_region_code)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_advances');

  await sql`create table clearing_statement_events (
    ${identityColumn(dialect, 'id')},
    statement_id text not null references clearing_statements(statement_id),
    action text not null check (action in ('confirm', 'dispute')),
    reason text not null,
    actor text not null,
    at text not null
  )`.execute(db);
  await db.schema
    .createIndex('clearing_statement_events_statement')
    .on('clearing_statement_events')
    .columns(['statement_id', 'id'])
    .execute();
  await makeAppendOnly(db, dialect, 'clearing_statement_events');

  await sql`create table clearing_closures (
    period text primary key,
    run_id text not null unique references clearing_runs(run_id),
    actor text not null,
    closed_at text not null
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'clearing_closures');
}
