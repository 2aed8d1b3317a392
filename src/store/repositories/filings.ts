/**
 * 异地就医备案 — filings and their append-only event history. A filing row holds the current state;
 * every move that produced it is a row of filing_events, read back as the filing's history.
 */
import type {
  Filing,
  FilingActor,
  FilingChannel,
  FilingHistoryEntry,
  FilingStatus,
  FilingTarget,
  FilingType,
} from '../../core/filing/index.ts';
import type { DialectName } from '../database.ts';
import type { FilingsTable } from '../schema.ts';
import type { Executor } from './executor.ts';

/** A filing as stored: the core's filing plus what only the store needs. */
export interface StoredFiling {
  readonly filing: Filing;
  readonly rowVersion: number;
  /** The review period the deadline was counted with (R-F2). */
  readonly reviewWorkingDays: number;
  readonly commitmentSigned: boolean;
  /** psn_no, staff username or institution code, per channel. */
  readonly submittedBy: string;
}

type Row = Omit<FilingsTable, 'certificate_uploaded' | 'commitment_signed' | 'row_version' | 'person_seq'> & {
  certificate_uploaded: number;
  commitment_signed: number;
  row_version: number;
};

function targetOf(row: Row): FilingTarget {
  return row.target_scope === 'city'
    ? { scope: 'city', regionCode: row.target_code }
    : { scope: 'province', provinceCode: row.target_code };
}

function toStored(row: Row, history: readonly FilingHistoryEntry[]): StoredFiling {
  const filing: Filing = {
    id: row.id,
    personNo: row.psn_no,
    insuredRegionCode: row.insured_region_code,
    type: row.type as FilingType,
    target: targetOf(row),
    channel: row.channel as FilingChannel,
    status: row.status as FilingStatus,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    submittedAt: row.submitted_at,
    reviewDeadlineDate: row.review_deadline_date,
    approvedAt: row.approved_at,
    endedOn: row.ended_on,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    referral:
      row.referral_disease_code === null
        ? null
        : {
            diseaseCode: row.referral_disease_code,
            certificateUploaded: Number(row.certificate_uploaded) === 1,
            ...(row.referral_institution_code === null
              ? {}
              : { referringInstitutionCode: row.referral_institution_code }),
          },
    rejectionReason: row.rejection_reason,
    history,
  };
  return {
    filing,
    rowVersion: Number(row.row_version),
    reviewWorkingDays: Number(row.review_working_days),
    commitmentSigned: Number(row.commitment_signed) === 1,
    submittedBy: row.submitted_by,
  };
}

/** The columns that follow the filing's state (everything but identity and submission facts). */
function stateColumns(f: Filing) {
  return {
    status: f.status,
    valid_to: f.validTo,
    review_deadline_date: f.reviewDeadlineDate,
    approved_at: f.approvedAt,
    ended_on: f.endedOn,
    superseded_by: f.supersededBy,
    rejection_reason: f.rejectionReason,
  };
}

export async function insertFiling(
  db: Executor,
  stored: Omit<StoredFiling, 'rowVersion'>,
  actorId: string,
): Promise<void> {
  const f = stored.filing;
  // The caller holds the person's lock (lockPersonForFiling), so max + 1 cannot race.
  const last = await db
    .selectFrom('filings')
    .select((eb) => eb.fn.max('person_seq').as('seq'))
    .where('psn_no', '=', f.personNo)
    .executeTakeFirst();
  await db
    .insertInto('filings')
    .values({
      id: f.id,
      person_seq: Number(last?.seq ?? 0) + 1,
      psn_no: f.personNo,
      insured_region_code: f.insuredRegionCode,
      type: f.type,
      target_scope: f.target.scope,
      target_code: f.target.scope === 'city' ? f.target.regionCode : f.target.provinceCode,
      channel: f.channel,
      valid_from: f.validFrom,
      submitted_at: f.submittedAt,
      review_working_days: stored.reviewWorkingDays,
      supersedes: f.supersedes,
      referral_disease_code: f.referral?.diseaseCode ?? null,
      referral_institution_code: f.referral?.referringInstitutionCode ?? null,
      certificate_uploaded: f.referral?.certificateUploaded ? 1 : 0,
      commitment_signed: stored.commitmentSigned ? 1 : 0,
      submitted_by: stored.submittedBy,
      ...stateColumns(f),
    })
    .execute();
  await appendEvents(db, f, f.history, actorId);
}

/**
 * Writes the new state of a filing loaded at `rowVersion`, and the history entries it gained.
 * False when someone else changed the filing meanwhile (the caller reports a conflict).
 */
export async function updateFiling(
  db: Executor,
  before: StoredFiling,
  after: Filing,
  actorId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('filings')
    .set({ ...stateColumns(after), row_version: before.rowVersion + 1 })
    .where('id', '=', after.id)
    .where('row_version', '=', before.rowVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await appendEvents(db, after, after.history.slice(before.filing.history.length), actorId);
  return true;
}

async function appendEvents(
  db: Executor,
  f: Filing,
  entries: readonly FilingHistoryEntry[],
  actorId: string,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('filing_events')
    .values(
      entries.map((e) => ({
        filing_id: f.id,
        psn_no: f.personNo,
        insured_region_code: f.insuredRegionCode,
        at: e.at,
        event: e.event,
        from_status: e.from,
        to_status: e.to,
        actor: e.actor,
        // The system's own moves (a change superseding its predecessor) carry the triggering actor.
        actor_id: actorId,
        note: e.note,
      })),
    )
    .execute();
}

async function historiesOf(db: Executor, ids: readonly string[]): Promise<Map<string, FilingHistoryEntry[]>> {
  const byId = new Map<string, FilingHistoryEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await db
    .selectFrom('filing_events')
    .selectAll()
    .where('filing_id', 'in', ids)
    .orderBy('filing_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    byId.get(r.filing_id)?.push({
      at: r.at,
      event: r.event,
      from: r.from_status as FilingStatus | null,
      to: r.to_status as FilingStatus,
      actor: r.actor as FilingActor,
      note: r.note,
    });
  }
  return byId;
}

async function withHistories(db: Executor, rows: readonly Row[], history: boolean): Promise<StoredFiling[]> {
  const histories = history
    ? await historiesOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  return rows.map((r) => toStored(r, histories.get(r.id) ?? []));
}

/** One filing with its history; on PostgreSQL the row is locked for the rest of the transaction. */
export async function findFiling(
  db: Executor,
  dialect: DialectName,
  id: string,
  options: { readonly forUpdate?: boolean } = {},
): Promise<StoredFiling | undefined> {
  let query = db.selectFrom('filings').selectAll().where('id', '=', id);
  if (options.forUpdate && dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  return (await withHistories(db, [row as Row], true))[0];
}

/** All filings of one person in the order they were made; without history when only coverage matters (settlement). */
export async function filingsOfPerson(
  db: Executor,
  psnNo: string,
  options: { readonly history?: boolean } = {},
): Promise<StoredFiling[]> {
  const rows = await db
    .selectFrom('filings')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('person_seq')
    .execute();
  return withHistories(db, rows as Row[], options.history ?? true);
}

/** Filings waiting for review: of one insured region, or of all regions when none is given. */
export async function pendingFilings(db: Executor, regionCode?: string): Promise<StoredFiling[]> {
  let query = db.selectFrom('filings').selectAll().where('status', '=', 'pending_review');
  if (regionCode !== undefined) query = query.where('insured_region_code', '=', regionCode);
  const rows = await query.orderBy('review_deadline_date').orderBy('submitted_at').orderBy('id').execute();
  return withHistories(db, rows as Row[], false);
}

/** Moves a queued filing's deadline (the calendar was corrected); history is not touched. */
export async function setReviewDeadline(db: Executor, id: string, deadlineDate: string): Promise<void> {
  await db.updateTable('filings').set({ review_deadline_date: deadlineDate }).where('id', '=', id).execute();
}

export interface PersonForFiling {
  readonly psnNo: string;
  readonly name: string;
  readonly insuredRegionCode: string;
  readonly status: string;
}

/**
 * The insured person, locked on PostgreSQL so that two filings of one person are checked against each
 * other one after the other (SQLite's single writer does the same).
 */
export async function lockPersonForFiling(
  db: Executor,
  dialect: DialectName,
  psnNo: string,
): Promise<PersonForFiling | undefined> {
  let query = db
    .selectFrom('persons')
    .select(['psn_no', 'name', 'insured_region_code', 'status'])
    .where('psn_no', '=', psnNo);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return (
    row && {
      psnNo: row.psn_no,
      name: row.name,
      insuredRegionCode: row.insured_region_code,
      status: row.status,
    }
  );
}

/**
 * Whether the person has an inpatient stay not yet settled in the filing's place, begun while the
 * filing applied: such a filing may not be revoked (R-F5).
 */
export async function hasOpenStay(db: Executor, filing: Filing): Promise<boolean> {
  let query = db
    .selectFrom('visits')
    .select('visit_id')
    .where('psn_no', '=', filing.personNo)
    .where('kind', '=', 'inpatient')
    .where('status', 'in', ['admitted', 'discharged'])
    .where('begin_time', '>=', filing.validFrom);
  query =
    filing.target.scope === 'city'
      ? query.where('treatment_region_code', '=', filing.target.regionCode)
      : query.where('treatment_region_code', 'like', `${filing.target.provinceCode.slice(0, 2)}%`);
  if (filing.validTo !== null) query = query.where('begin_time', '<=', `${filing.validTo}T23:59:59.999`);
  const row = await query.limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Names of the given persons, for the agency's queue. */
export async function personNames(db: Executor, psnNos: readonly string[]): Promise<Map<string, string>> {
  if (psnNos.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['psn_no', 'name'])
    .where('psn_no', 'in', psnNos)
    .execute();
  return new Map(rows.map((r) => [r.psn_no, r.name]));
}
