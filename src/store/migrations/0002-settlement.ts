/**
 * The settlement side: institution credentials and sign-ins, the idempotency log of every message,
 * visits and their fee lines, posted settlements with their fund lines, and the person-year
 * accumulators with their append-only movements (R-M6).
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('institution_credentials')
    .addColumn('access_key', 'text', (c) => c.primaryKey())
    .addColumn('institution_code', 'text', (c) => c.notNull().references('institutions.code'))
    // The HMAC secret is needed in clear to verify signatures; it is never logged or returned again.
    .addColumn('secret_key', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('institution_credentials_institution')
    .on('institution_credentials')
    .column('institution_code')
    .execute();

  await db.schema
    .createTable('sign_ins')
    .addColumn('sign_no', 'text', (c) => c.primaryKey())
    .addColumn('institution_code', 'text', (c) => c.notNull().references('institutions.code'))
    .addColumn('operator_no', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('signed_in_at', 'text', (c) => c.notNull())
    .addColumn('signed_out_at', 'text')
    .execute();

  // One row per (channel party, message id): the request's hash and the exact response body sent.
  await db.schema
    .createTable('message_log')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('msgid', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_log_pk', ['party', 'msgid'])
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('visit_id', 'text', (c) => c.primaryKey())
    .addColumn('institution_code', 'text', (c) => c.notNull().references('institutions.code'))
    .addColumn('psn_no', 'text', (c) => c.notNull().references('persons.psn_no'))
    .addColumn('insured_region_code', 'text', (c) => c.notNull())
    .addColumn('treatment_region_code', 'text', (c) => c.notNull())
    .addColumn('insurance_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('outpatient', 'inpatient', 'pharmacy')`))
    .addColumn('med_type', 'text', (c) => c.notNull())
    .addColumn('hospital_visit_no', 'text', (c) => c.notNull())
    .addColumn('certificate_type', 'text', (c) => c.notNull())
    .addColumn('begin_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referral', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trauma', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disease_code', 'text')
    .addColumn('diagnoses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('visits_person').on('visits').columns(['psn_no', 'begin_time']).execute();
  await db.schema
    .createIndex('visits_institution')
    .on('visits')
    .columns(['institution_code', 'begin_time'])
    .execute();

  await db.schema
    .createTable('fee_lines')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.visit_id'))
    .addColumn('line_no', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('institution_item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('disease_code', 'text')
    .addColumn('prescription_no', 'text')
    .addColumn('fee_time', 'text', (c) => c.notNull())
    .addColumn('split', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('uploaded', 'revoked', 'settled')`))
    .addColumn('settlement_id', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fee_lines_pk', ['visit_id', 'line_no'])
    .execute();

  // Posted: a settlement, or its reversal (negative amounts, linking the original), never changed.
  await sql`create table settlements (
    settlement_id text primary key,
    group_id text not null,
    visit_id text not null references visits(visit_id),
    institution_code text not null,
    psn_no text not null,
    insured_region_code text not null,
    treatment_region_code text not null,
    insurance_type text not null,
    med_type text not null,
    category text not null,
    disease_code text,
    situation text not null,
    clearing_type text not null,
    year integer not null,
    settled_at text not null,
    kind text not null check (kind in ('settlement', 'reversal')),
    reverses_id text unique references settlements(settlement_id),
    msgid text not null,
    total_fen bigint not null,
    full_own_pay_fen bigint not null,
    over_limit_fen bigint not null,
    class_b_copay_fen bigint not null,
    in_scope_fen bigint not null,
    deductible_fen bigint not null,
    fund_pay_fen bigint not null,
    account_pay_fen bigint not null,
    cash_fen bigint not null,
    hospital_part_fen bigint not null,
    account_balance_after_fen bigint not null,
    result text not null,
    check (total_fen = fund_pay_fen + account_pay_fen + cash_fen + hospital_part_fen),
    check (total_fen = in_scope_fen + full_own_pay_fen + over_limit_fen + class_b_copay_fen),
    check (
      (kind = 'settlement' and reverses_id is null and total_fen >= 0 and fund_pay_fen >= 0
        and account_pay_fen >= 0 and cash_fen >= 0 and in_scope_fen >= 0 and full_own_pay_fen >= 0
        and over_limit_fen >= 0 and class_b_copay_fen >= 0 and deductible_fen >= 0)
      or
      (kind = 'reversal' and reverses_id is not null and total_fen <= 0 and fund_pay_fen <= 0
        and account_pay_fen <= 0 and cash_fen <= 0 and in_scope_fen <= 0 and full_own_pay_fen <= 0
        and over_limit_fen <= 0 and class_b_copay_fen <= 0 and deductible_fen <= 0)
    )
  )`.execute(db);
  await db.schema.createIndex('settlements_group').on('settlements').column('group_id').execute();
  await db.schema
    .createIndex('settlements_person_year')
    .on('settlements')
    .columns(['psn_no', 'year'])
    .execute();
  await db.schema
    .createIndex('settlements_institution_time')
    .on('settlements')
    .columns(['institution_code', 'settled_at'])
    .execute();
  await db.schema
    .createIndex('settlements_clearing')
    .on('settlements')
    .columns(['settled_at', 'insured_region_code', 'treatment_region_code'])
    .execute();
  await makeAppendOnly(db, dialect, 'settlements');

  await db.schema
    .createTable('settlement_funds')
    .addColumn('settlement_id', 'text', (c) => c.notNull().references('settlements.settlement_id'))
    .addColumn('fund_type', 'text', (c) => c.notNull())
    .addColumn('pay_fen', 'bigint', (c) => c.notNull())
    .addColumn('in_scope_fen', 'bigint', (c) => c.notNull())
    .addColumn('payable_limit_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_funds_pk', ['settlement_id', 'fund_type'])
    .execute();
  await makeAppendOnly(db, dialect, 'settlement_funds');

  // The current value of each person-year accumulator; every change is a movement below.
  await db.schema
    .createTable('accumulators')
    .addColumn('psn_no', 'text', (c) => c.notNull().references('persons.psn_no'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('insured_region_code', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('accumulators_pk', ['psn_no', 'year', 'key'])
    .execute();

  await sql`create table accumulator_movements (
    ${identityColumn(dialect, 'id')},
    psn_no text not null,
    year integer not null,
    key text not null,
    settlement_id text not null references settlements(settlement_id),
    delta bigint not null,
    value_before bigint not null,
    value_after bigint not null,
    version integer not null,
    check (value_after = value_before + delta),
    unique (psn_no, year, key, version)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'accumulator_movements');

  await sql`create table account_movements (
    ${identityColumn(dialect, 'id')},
    psn_no text not null,
    settlement_id text references settlements(settlement_id),
    reason text not null,
    delta_fen bigint not null,
    balance_before_fen bigint not null,
    balance_after_fen bigint not null,
    version integer not null,
    created_at text not null,
    check (balance_after_fen = balance_before_fen + delta_fen and balance_after_fen >= 0),
    unique (psn_no, version)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'account_movements');

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
