/**
 * 投诉台账与好差评 (R-P4): complaints with their append-only history of replies and status changes, and
 * one rating per person per finished service. Every row carries `psn_no` and the insured region, so the
 * ledger is scoped by region and the tables shard by person like the rest.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await sql`create table complaints (
    complaint_id text primary key,
    psn_no text not null references persons(psn_no),
    insured_region_code text not null,
    topic text not null,
    subject_type text check (subject_type in ('settlement', 'filing', 'claim', 'transfer', 'chronic')),
    subject_id text,
    text text not null,
    status text not null check (status in ('open', 'answered', 'closed')),
    created_at text not null,
    updated_at text not null,
    closed_at text,
    row_version integer not null default 1,
    check ((subject_type is null) = (subject_id is null))
  )`.execute(db);
  await db.schema
    .createIndex('complaints_region_status')
    .on('complaints')
    .columns(['insured_region_code', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('complaints_person')
    .on('complaints')
    .columns(['psn_no', 'created_at'])
    .execute();

  await sql`create table complaint_events (
    ${identityColumn(dialect, 'id')},
    complaint_id text not null references complaints(complaint_id),
    psn_no text not null,
    insured_region_code text not null,
    at text not null,
    event text not null check (event in ('filed', 'replied', 'closed')),
    from_status text,
    to_status text not null,
    actor text not null,
    actor_role text not null check (actor_role in ('person', 'staff')),
    text text not null
  )`.execute(db);
  await db.schema
    .createIndex('complaint_events_complaint')
    .on('complaint_events')
    .columns(['complaint_id', 'id'])
    .execute();
  await makeAppendOnly(db, dialect, 'complaint_events');

  await sql`create table ratings (
    rating_id text primary key,
    psn_no text not null references persons(psn_no),
    insured_region_code text not null,
    service_type text not null check (service_type in ('settlement', 'filing', 'claim', 'transfer', 'chronic')),
    service_id text not null,
    score integer not null check (score between 1 and 5),
    grade text not null check (grade in ('good', 'neutral', 'poor')),
    comment text not null,
    created_at text not null,
    unique (psn_no, service_type, service_id)
  )`.execute(db);
  await db.schema
    .createIndex('ratings_region')
    .on('ratings')
    .columns(['insured_region_code', 'created_at'])
    .execute();
  await makeAppendOnly(db, dialect, 'ratings');
}
