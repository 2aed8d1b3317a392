/**
 * 门诊慢特病 (R-C1…R-C6): the disease catalog with each region's one-to-one local codes and screening
 * overrides, qualifications per person and disease, applications with their diagnosis material, the T-1
 * screening runs and their candidates, and the queue of settlements to recompute after a backdated grant.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import type { AnyDb } from './helpers.ts';

export async function up(db: AnyDb, _dialect: DialectName): Promise<void> {
  await sql`create table chronic_diseases (
    code text primary key,
    name text not null,
    category_name text not null,
    grant_mode text not null check (grant_mode in ('standard', 'no_application', 'instant_on_application')),
    cross_province integer not null check (cross_province in (0, 1)),
    icd10 text not null,
    catalog_version text not null,
    updated_at text not null
  )`.execute(db);

  // One-to-one both ways within a region (R-C1): the primary key and the unique constraint say so.
  await sql`create table chronic_disease_mappings (
    region_code text not null,
    local_code text not null,
    local_name text not null,
    disease_code text not null references chronic_diseases(code),
    primary key (region_code, local_code),
    unique (region_code, disease_code)
  )`.execute(db);

  await sql`create table chronic_screening_rules (
    region_code text not null,
    disease_code text not null references chronic_diseases(code),
    icd10 text not null,
    updated_at text not null,
    updated_by text not null,
    primary key (region_code, disease_code)
  )`.execute(db);

  await sql`create table chronic_qualifications (
    qualification_id text primary key,
    psn_no text not null references persons(psn_no),
    region_code text not null,
    insurance_type text not null,
    disease_code text not null references chronic_diseases(code),
    local_code text,
    start_date text not null,
    end_date text,
    original_start_date text not null,
    source text not null check (source in ('application', 'automatic_grant', 'recognised', 'institution_filing')),
    source_ref text not null,
    filing_serial text unique,
    filing_institution_code text,
    status text not null check (status in ('active', 'ended', 'revoked')),
    end_reason text,
    created_at text not null,
    updated_at text not null,
    row_version integer not null default 1
  )`.execute(db);
  // At most one active qualification per person and disease: concurrent grants cannot both win.
  await sql`create unique index chronic_qualifications_one_active on chronic_qualifications (psn_no, disease_code) where status = 'active'`.execute(
    db,
  );
  await db.schema
    .createIndex('chronic_qualifications_person')
    .on('chronic_qualifications')
    .columns(['psn_no', 'start_date'])
    .execute();

  await sql`create table chronic_applications (
    application_id text primary key,
    psn_no text not null references persons(psn_no),
    region_code text not null,
    disease_code text not null references chronic_diseases(code),
    applied_on text not null,
    applied_at text not null,
    channel text not null check (channel in ('online', 'window')),
    submitted_by text not null,
    status text not null check (status in ('pending_review', 'approved', 'rejected')),
    decided_at text,
    decided_by text,
    decision_note text,
    qualification_id text,
    row_version integer not null default 1
  )`.execute(db);
  await sql`create unique index chronic_applications_one_pending on chronic_applications (psn_no, disease_code) where status = 'pending_review'`.execute(
    db,
  );
  await db.schema
    .createIndex('chronic_applications_region')
    .on('chronic_applications')
    .columns(['region_code', 'status', 'applied_at'])
    .execute();

  await sql`create table chronic_application_materials (
    application_id text not null references chronic_applications(application_id),
    seq integer not null,
    file_name text not null,
    mime_type text not null,
    size_bytes integer not null,
    sha256 text not null,
    content_base64 text not null,
    primary key (application_id, seq)
  )`.execute(db);

  await sql`create table chronic_screening_runs (
    run_id text primary key,
    discharge_date text not null,
    started_at text not null,
    finished_at text not null,
    scanned_count integer not null,
    matched_count integer not null,
    added_count integer not null,
    actor text not null
  )`.execute(db);
  await db.schema
    .createIndex('chronic_screening_runs_date')
    .on('chronic_screening_runs')
    .columns(['discharge_date', 'started_at'])
    .execute();

  // Unique per (visit, disease): re-running a day adds nothing.
  await sql`create table chronic_candidates (
    candidate_id text primary key,
    run_id text not null references chronic_screening_runs(run_id),
    discharge_date text not null,
    psn_no text not null references persons(psn_no),
    region_code text not null,
    disease_code text not null references chronic_diseases(code),
    visit_id text not null,
    icd_code text not null,
    status text not null check (status in ('pending_contact', 'contacted', 'granted', 'refused')),
    contact_note text,
    contacted_at text,
    contacted_by text,
    decided_at text,
    decided_by text,
    decision_note text,
    qualification_id text,
    created_at text not null,
    row_version integer not null default 1,
    unique (visit_id, disease_code)
  )`.execute(db);
  await db.schema
    .createIndex('chronic_candidates_region')
    .on('chronic_candidates')
    .columns(['region_code', 'status', 'discharge_date'])
    .execute();
  await db.schema
    .createIndex('chronic_candidates_person')
    .on('chronic_candidates')
    .columns(['psn_no', 'disease_code'])
    .execute();

  await sql`create table chronic_recompute_requests (
    application_id text not null references chronic_applications(application_id),
    settlement_id text not null,
    psn_no text not null,
    disease_code text not null,
    status text not null check (status in ('pending', 'done')),
    created_at text not null,
    done_at text,
    result_ref text,
    primary key (application_id, settlement_id)
  )`.execute(db);

  // The T-1 screen reads one day of inpatient discharges; without this index it scans every visit.
  await db.schema
    .createIndex('visits_discharge')
    .on('visits')
    .columns(['kind', 'end_time', 'visit_id'])
    .execute();
}
