/** The T-1 screen's reads (one day of inpatient discharges, paged) and its runs and candidates (R-C5). */
import { sql } from 'kysely';
import type { DischargeRecord } from '../../core/chronic/screening.ts';
import type { CandidateStatus, ScreeningCandidate } from '../../core/chronic/types.ts';
import type { DialectName } from '../database.ts';
import type { Executor } from './executor.ts';

export interface DischargeWindow {
  /** end_time text bounds, wide enough for any offset notation; the service filters by China date. */
  readonly fromText: string;
  readonly toText: string;
}

/** A discharge's physical key (SQLite rowid, PostgreSQL visit_id) and its end time, from the index alone. */
export interface DischargeKey {
  readonly key: number | string;
  readonly endTime: string;
}

/**
 * Step 1 of the screen: the day's inpatient discharges as keys, read from the (kind, end_time, visit_id)
 * index without touching the rows. On SQLite the key is the rowid, so step 2 can read rows in file order:
 * following the index instead costs one random page read per row (about 20 s per million).
 */
export async function dischargeKeys(
  db: Executor,
  dialect: DialectName,
  w: DischargeWindow,
): Promise<DischargeKey[]> {
  const base = db
    .selectFrom('visits')
    .where('kind', '=', 'inpatient')
    .where('end_time', '>=', w.fromText)
    .where('end_time', '<', w.toText);
  if (dialect === 'sqlite') {
    const rows = await base.select([sql<number>`rowid`.as('k'), 'end_time']).execute();
    return rows.map((r) => ({ key: r.k, endTime: r.end_time! }));
  }
  const rows = await base.select(['visit_id as k', 'end_time']).execute();
  return rows.map((r) => ({ key: r.k, endTime: r.end_time! }));
}

/**
 * Step 2: the rows of the given keys whose diagnoses text contains one of `categories` (case-insensitive),
 * so only the few rows that can match cross into JavaScript. Pass keys sorted (file order on SQLite).
 */
export async function dischargeRows(
  db: Executor,
  dialect: DialectName,
  keys: readonly (number | string)[],
  categories: readonly string[],
): Promise<(DischargeRecord & { endTime: string; status: string })[]> {
  if (keys.length === 0 || categories.length === 0) return [];
  const keyColumn = dialect === 'sqlite' ? sql.ref('rowid') : sql.ref('visit_id');
  const rows = await db
    .selectFrom('visits')
    .select(['visit_id', 'psn_no', 'insured_region_code', 'diagnoses', 'end_time', 'status'])
    .where(sql<boolean>`${keyColumn} in (${sql.join(keys.map((k) => sql`${k}`))})`)
    .where((eb) => eb.or(categories.map((c) => sql<boolean>`upper(diagnoses) like ${`%${c}%`}`)))
    .execute();
  return rows.map((r) => ({
    visitId: r.visit_id,
    psnNo: r.psn_no,
    regionCode: r.insured_region_code,
    diagnosesJson: r.diagnoses,
    endTime: r.end_time!,
    status: r.status,
  }));
}

/** `psn_no|disease_code` pairs that already have a candidate still open or refused (no second call). */
export async function candidatePairs(db: Executor, psnNos: readonly string[]): Promise<Set<string>> {
  const pairs = new Set<string>();
  for (let i = 0; i < psnNos.length; i += 500) {
    const rows = await db
      .selectFrom('chronic_candidates')
      .select(['psn_no', 'disease_code'])
      .where('psn_no', 'in', psnNos.slice(i, i + 500))
      .where('status', 'in', ['pending_contact', 'contacted', 'refused'])
      .execute();
    for (const r of rows) pairs.add(`${r.psn_no}|${r.disease_code}`);
  }
  return pairs;
}

export interface CandidateRow {
  readonly candidateId: string;
  readonly runId: string;
  readonly dischargeDate: string;
  readonly psnNo: string;
  readonly regionCode: string;
  readonly diseaseCode: string;
  readonly visitId: string;
  readonly icdCode: string;
}

/** Inserts new candidates; an existing (visit, disease) is left alone. Returns how many were added. */
export async function insertCandidates(
  db: Executor,
  rows: readonly CandidateRow[],
  now: string,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const result = await db
      .insertInto('chronic_candidates')
      .values(
        chunk.map((c) => ({
          candidate_id: c.candidateId,
          run_id: c.runId,
          discharge_date: c.dischargeDate,
          psn_no: c.psnNo,
          region_code: c.regionCode,
          disease_code: c.diseaseCode,
          visit_id: c.visitId,
          icd_code: c.icdCode,
          status: 'pending_contact',
          contact_note: null,
          contacted_at: null,
          contacted_by: null,
          decided_at: null,
          decided_by: null,
          decision_note: null,
          qualification_id: null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['visit_id', 'disease_code']).doNothing())
      .returning('candidate_id')
      .execute();
    added += result.length;
  }
  return added;
}

type Row = {
  candidate_id: string;
  psn_no: string;
  region_code: string;
  disease_code: string;
  visit_id: string;
  icd_code: string;
  discharge_date: string;
  status: string;
  contact_note: string | null;
  decision_note: string | null;
  qualification_id: string | null;
};

function toCandidate(r: Row): ScreeningCandidate {
  return {
    candidateId: r.candidate_id,
    psnNo: r.psn_no,
    regionCode: r.region_code,
    diseaseCode: r.disease_code,
    visitId: r.visit_id,
    icdCode: r.icd_code,
    dischargeDate: r.discharge_date,
    status: r.status as CandidateStatus,
    contactNote: r.contact_note,
    decisionNote: r.decision_note,
    qualificationId: r.qualification_id,
  };
}

export async function findCandidate(db: Executor, id: string): Promise<ScreeningCandidate | undefined> {
  const row = await db
    .selectFrom('chronic_candidates')
    .selectAll()
    .where('candidate_id', '=', id)
    .executeTakeFirst();
  return row && toCandidate(row);
}

export async function listCandidates(
  db: Executor,
  filter: { regionCode?: string; status?: string; dischargeDate?: string; limit?: number },
): Promise<ScreeningCandidate[]> {
  let query = db.selectFrom('chronic_candidates').selectAll();
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.dischargeDate) query = query.where('discharge_date', '=', filter.dischargeDate);
  const rows = await query
    .orderBy('discharge_date', 'desc')
    .orderBy('candidate_id')
    .limit(filter.limit ?? 500)
    .execute();
  return rows.map(toCandidate);
}

/** Saves a transition if the row is still in the status it was read in (a concurrent caseworker loses). */
export async function saveCandidate(
  db: Executor,
  c: ScreeningCandidate,
  expectedStatus: string,
  who: { actor: string; at: string; contact: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('chronic_candidates')
    .set((eb) => ({
      status: c.status,
      contact_note: c.contactNote,
      decision_note: c.decisionNote,
      qualification_id: c.qualificationId,
      ...(who.contact
        ? { contacted_at: who.at, contacted_by: who.actor }
        : { decided_at: who.at, decided_by: who.actor }),
      row_version: eb('row_version', '+', 1),
    }))
    .where('candidate_id', '=', c.candidateId)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setRunAdded(db: Executor, runId: string, added: number): Promise<void> {
  await db
    .updateTable('chronic_screening_runs')
    .set({ added_count: added })
    .where('run_id', '=', runId)
    .execute();
}

export interface ScreeningRunRow {
  readonly runId: string;
  readonly dischargeDate: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly scannedCount: number;
  readonly matchedCount: number;
  readonly addedCount: number;
  readonly actor: string;
}

export async function insertRun(db: Executor, run: ScreeningRunRow): Promise<void> {
  await db
    .insertInto('chronic_screening_runs')
    .values({
      run_id: run.runId,
      discharge_date: run.dischargeDate,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      scanned_count: run.scannedCount,
      matched_count: run.matchedCount,
      added_count: run.addedCount,
      actor: run.actor,
    })
    .execute();
}

export async function listRuns(db: Executor, limit = 100): Promise<ScreeningRunRow[]> {
  const rows = await db
    .selectFrom('chronic_screening_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    dischargeDate: r.discharge_date,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    scannedCount: Number(r.scanned_count),
    matchedCount: Number(r.matched_count),
    addedCount: Number(r.added_count),
    actor: r.actor,
  }));
}
