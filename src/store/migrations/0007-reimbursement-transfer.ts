/**
 * 手工报销 and 关系转移 (R-R1…R-R3, R-T1): each region's published material list, the institutions'
 * uploads of self-paid bills (split by the treatment catalog at upload), claims with their events,
 * materials and posted payments (补支 / 追回 / 冲销 as linked rows), and relation transfers with their
 * events. A case row keeps its whole aggregate as JSON beside the columns queues filter and sort on.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await sql`create table reimbursement_material_lists (
    region_code text primary key,
    document text not null,
    imported_at text not null,
    imported_by text not null
  )`.execute(db);

  await sql`create table unsettled_uploads (
    upload_id text primary key,
    institution_code text not null references institutions(code),
    treatment_region_code text not null,
    psn_no text not null references persons(psn_no),
    insured_region_code text not null,
    insurance_type text not null,
    kind text not null check (kind in ('outpatient', 'inpatient')),
    med_type text not null,
    hospital_visit_no text not null,
    begin_time text not null,
    end_time text not null,
    emergency integer not null check (emergency in (0, 1)),
    referral integer not null check (referral in (0, 1)),
    accident integer not null check (accident in (0, 1)),
    diagnoses text not null,
    total_fen bigint not null check (total_fen >= 0),
    due_date text not null,
    uploaded_at text not null,
    late integer not null check (late in (0, 1)),
    working_days_late integer not null check (working_days_late >= 0),
    uploaded_by text not null,
    unique (institution_code, hospital_visit_no)
  )`.execute(db);
  await db.schema
    .createIndex('unsettled_uploads_person')
    .on('unsettled_uploads')
    .columns(['psn_no', 'end_time'])
    .execute();
  await db.schema
    .createIndex('unsettled_uploads_treatment_late')
    .on('unsettled_uploads')
    .columns(['treatment_region_code', 'late', 'uploaded_at'])
    .execute();
  await makeAppendOnly(db, dialect, 'unsettled_uploads');

  await sql`create table unsettled_fee_lines (
    upload_id text not null references unsettled_uploads(upload_id),
    line_no text not null,
    item_code text not null,
    item_name text not null,
    unit_price_fen bigint not null check (unit_price_fen >= 0),
    quantity bigint not null check (quantity > 0),
    amount_fen bigint not null check (amount_fen >= 0),
    disease_code text,
    fee_time text not null,
    split text not null,
    primary key (upload_id, line_no)
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'unsettled_fee_lines');

  await sql`create table reimbursement_claims (
    claim_id text primary key,
    psn_no text not null references persons(psn_no),
    insured_region_code text not null,
    upload_id text not null references unsettled_uploads(upload_id),
    channel text not null check (channel in ('online', 'window')),
    status text not null check (status in
      ('submitted', 'returned', 'resubmitted', 'accepted', 'approved', 'rejected', 'paid', 'withdrawn')),
    bill_total_fen bigint not null check (bill_total_fen >= 0),
    accident integer not null check (accident in (0, 1)),
    return_count integer not null check (return_count in (0, 1)),
    deadline_date text not null,
    deadline_basis text not null check (deadline_basis in ('provisional', 'accepted')),
    submitted_at text not null,
    accepted_at text,
    decided_at text,
    approved_fen bigint check (approved_fen is null or approved_fen >= 0),
    paid_at text,
    document text not null,
    computation text,
    row_version integer not null default 1
  )`.execute(db);
  // One live claim per bill: a second claim for the same bill waits until the first is closed.
  await sql`create unique index reimbursement_claims_one_live on reimbursement_claims (upload_id)
    where status not in ('rejected', 'withdrawn')`.execute(db);
  await db.schema
    .createIndex('reimbursement_claims_region')
    .on('reimbursement_claims')
    .columns(['insured_region_code', 'status', 'deadline_date'])
    .execute();
  await db.schema
    .createIndex('reimbursement_claims_person')
    .on('reimbursement_claims')
    .columns(['psn_no'])
    .execute();

  await sql`create table reimbursement_claim_events (
    ${identityColumn(dialect, 'id')},
    claim_id text not null references reimbursement_claims(claim_id),
    psn_no text not null,
    insured_region_code text not null,
    at text not null,
    event text not null,
    from_status text,
    to_status text not null,
    actor text not null,
    note text not null
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'reimbursement_claim_events');

  await sql`create table reimbursement_materials (
    material_id text primary key,
    claim_id text not null references reimbursement_claims(claim_id),
    psn_no text not null,
    item_code text not null,
    file_name text not null,
    mime_type text not null,
    size_bytes integer not null check (size_bytes >= 0),
    sha256 text not null,
    content_base64 text not null,
    uploaded_at text not null,
    uploaded_by text not null
  )`.execute(db);
  await db.schema
    .createIndex('reimbursement_materials_claim')
    .on('reimbursement_materials')
    .columns(['claim_id'])
    .execute();
  await makeAppendOnly(db, dialect, 'reimbursement_materials');

  // Posted money of a claim, signed (to the person positive). Reversals negate one supplement or recovery.
  await sql`create table reimbursement_payments (
    payment_id text primary key,
    claim_id text not null references reimbursement_claims(claim_id),
    seq integer not null check (seq >= 1),
    psn_no text not null,
    insured_region_code text not null,
    kind text not null check (kind in ('payment', 'supplement', 'recovery', 'reversal')),
    amount_fen bigint not null,
    reverses_id text unique references reimbursement_payments(payment_id),
    reason text not null,
    at text not null,
    actor text not null,
    unique (claim_id, seq),
    check (
      (kind = 'payment' and amount_fen >= 0 and reverses_id is null)
      or (kind = 'supplement' and amount_fen > 0 and reverses_id is null)
      or (kind = 'recovery' and amount_fen < 0 and reverses_id is null)
      or (kind = 'reversal' and reverses_id is not null)
    )
  )`.execute(db);
  await sql`create unique index reimbursement_payments_one_payment on reimbursement_payments (claim_id)
    where kind = 'payment'`.execute(db);
  await makeAppendOnly(db, dialect, 'reimbursement_payments');

  await sql`create table transfers (
    transfer_id text primary key,
    psn_no text not null references persons(psn_no),
    from_region_code text not null,
    to_region_code text not null,
    from_insurance_type text not null,
    to_insurance_type text not null,
    channel text not null check (channel in ('online', 'outgoing_window', 'incoming_window')),
    status text not null check (status in ('applied', 'out_confirmed', 'completed', 'rejected', 'withdrawn')),
    applied_at text not null,
    deadline_date text not null,
    out_confirmed_at text,
    completed_at text,
    document text not null,
    row_version integer not null default 1,
    check (from_region_code <> to_region_code)
  )`.execute(db);
  // One open transfer per person: two racing applications cannot both be in flight.
  await sql`create unique index transfers_one_open on transfers (psn_no)
    where status in ('applied', 'out_confirmed')`.execute(db);
  await db.schema
    .createIndex('transfers_from')
    .on('transfers')
    .columns(['from_region_code', 'status'])
    .execute();
  await db.schema.createIndex('transfers_to').on('transfers').columns(['to_region_code', 'status']).execute();

  await sql`create table transfer_events (
    ${identityColumn(dialect, 'id')},
    transfer_id text not null references transfers(transfer_id),
    psn_no text not null,
    at text not null,
    event text not null,
    from_status text,
    to_status text not null,
    side text not null,
    actor text not null,
    note text not null
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'transfer_events');
}
