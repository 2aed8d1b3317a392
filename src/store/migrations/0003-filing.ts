/**
 * Cross-region filing (异地就医备案, R-F1…R-F8) and the working-day calendar's overrides: the filings
 * with their append-only event history, each region's filing policy, the administrator's holiday
 * overrides and known-range extensions, and the per-region disease lists (unconditional referral,
 * critical illness).
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn, makeAppendOnly } from './helpers.ts';

const FILING_TYPES =
  "('retiree_settled_elsewhere', 'long_term_resident', 'posted_worker', 'referral', 'emergency', 'other_temporary')";
const FILING_STATUSES = "('pending_review', 'approved', 'rejected', 'revoked', 'superseded')";

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('psn_no', 'text', (c) => c.notNull().references('persons.psn_no'))
    .addColumn('insured_region_code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql.raw(`type in ${FILING_TYPES}`)))
    .addColumn('target_scope', 'text', (c) => c.notNull().check(sql`target_scope in ('city', 'province')`))
    .addColumn('target_code', 'text', (c) => c.notNull().check(sql`length(target_code) = 6`))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('online', 'institution', 'window')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in ${FILING_STATUSES}`)))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    // Null for long-term filings: valid until changed (R-F1).
    .addColumn('valid_to', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('review_deadline_date', 'text')
    // Kept so the deadline can be recomputed when the administrator corrects the calendar.
    .addColumn('review_working_days', 'integer', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('supersedes', 'text')
    .addColumn('superseded_by', 'text')
    .addColumn('referral_disease_code', 'text')
    .addColumn('referral_institution_code', 'text')
    .addColumn('certificate_uploaded', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`certificate_uploaded in (0, 1)`),
    )
    .addColumn('commitment_signed', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`commitment_signed in (0, 1)`),
    )
    .addColumn('rejection_reason', 'text')
    // Who filed: a psn_no, a staff username or an institution code, per channel.
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    // The person's n-th filing: a stable order for "my filings" even within one second.
    .addColumn('person_seq', 'integer', (c) => c.notNull())
    .addUniqueConstraint('filings_person_seq', ['psn_no', 'person_seq'])
    .addCheckConstraint('filings_valid_range', sql`valid_to is null or valid_from <= valid_to`)
    .execute();
  await db.schema
    .createIndex('filings_queue')
    .on('filings')
    .columns(['insured_region_code', 'status', 'review_deadline_date'])
    .execute();

  // The history is append-only: statuses on `filings` move, the events that moved them never change.
  await sql`create table filing_events (
    ${identityColumn(dialect, 'id')},
    filing_id text not null references filings(id),
    psn_no text not null,
    insured_region_code text not null,
    at text not null,
    event text not null,
    from_status text,
    to_status text not null,
    actor text not null check (actor in ('person', 'institution', 'agency', 'system')),
    actor_id text not null,
    note text not null
  )`.execute(db);
  await db.schema
    .createIndex('filing_events_filing')
    .on('filing_events')
    .columns(['filing_id', 'id'])
    .execute();
  await makeAppendOnly(db, dialect, 'filing_events');

  await db.schema
    .createTable('filing_policies')
    .addColumn('region_code', 'text', (c) => c.primaryKey().check(sql`length(region_code) = 6`))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  // Each row extends the calendar's known range by a published schedule (e.g. all of 2027).
  await db.schema
    .createTable('calendar_override_ranges')
    .addColumn('known_from', 'text', (c) => c.notNull())
    .addColumn('known_to', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_override_ranges_pk', ['known_from', 'known_to'])
    .addCheckConstraint('calendar_override_ranges_order', sql`known_from <= known_to`)
    .execute();

  // No foreign key to regions: lists may be loaded before the region itself is imported.
  await db.schema
    .createTable('filing_list_entries')
    .addColumn('region_code', 'text', (c) => c.notNull().check(sql`length(region_code) = 6`))
    .addColumn('list', 'text', (c) =>
      c.notNull().check(sql`list in ('unconditional_referral', 'critical_illness')`),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('filing_list_entries_pk', ['region_code', 'list', 'code'])
    .execute();
}
