/** 门慢特申请 (R-C6) with their diagnosis material, and the queue of settlements to recompute after approval. */
import type {
  ApplicationChannel,
  ApplicationStatus,
  ChronicApplication,
  MaterialMeta,
} from '../../core/chronic/types.ts';
import type { Executor } from './executor.ts';

type Row = {
  application_id: string;
  psn_no: string;
  region_code: string;
  disease_code: string;
  applied_on: string;
  channel: string;
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  qualification_id: string | null;
};

function toApplication(row: Row): ChronicApplication {
  return {
    applicationId: row.application_id,
    psnNo: row.psn_no,
    regionCode: row.region_code,
    diseaseCode: row.disease_code,
    appliedOn: row.applied_on,
    channel: row.channel as ApplicationChannel,
    status: row.status as ApplicationStatus,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
    qualificationId: row.qualification_id,
  };
}

export interface MaterialFile extends MaterialMeta {
  readonly contentBase64: string;
}

export async function insertApplication(
  db: Executor,
  a: ChronicApplication,
  meta: { appliedAt: string; submittedBy: string },
  materials: readonly MaterialFile[],
): Promise<void> {
  await db
    .insertInto('chronic_applications')
    .values({
      application_id: a.applicationId,
      psn_no: a.psnNo,
      region_code: a.regionCode,
      disease_code: a.diseaseCode,
      applied_on: a.appliedOn,
      applied_at: meta.appliedAt,
      channel: a.channel,
      submitted_by: meta.submittedBy,
      status: a.status,
      decided_at: null,
      decided_by: null,
      decision_note: null,
      qualification_id: null,
    })
    .execute();
  for (const [seq, m] of materials.entries()) {
    await db
      .insertInto('chronic_application_materials')
      .values({
        application_id: a.applicationId,
        seq: seq + 1,
        file_name: m.fileName,
        mime_type: m.mimeType,
        size_bytes: m.sizeBytes,
        sha256: m.sha256,
        content_base64: m.contentBase64,
      })
      .execute();
  }
}

export async function findApplication(db: Executor, id: string): Promise<ChronicApplication | undefined> {
  const row = await db
    .selectFrom('chronic_applications')
    .selectAll()
    .where('application_id', '=', id)
    .executeTakeFirst();
  return row && toApplication(row);
}

export async function pendingApplicationFor(
  db: Executor,
  psnNo: string,
  diseaseCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('chronic_applications')
    .select('application_id')
    .where('psn_no', '=', psnNo)
    .where('disease_code', '=', diseaseCode)
    .where('status', '=', 'pending_review')
    .executeTakeFirst();
  return row?.application_id;
}

/** Writes a decision only if the application is still pending (a concurrent reviewer loses). */
export async function saveDecision(db: Executor, a: ChronicApplication): Promise<boolean> {
  const result = await db
    .updateTable('chronic_applications')
    .set((eb) => ({
      status: a.status,
      decided_at: a.decidedAt,
      decided_by: a.decidedBy,
      decision_note: a.decisionNote,
      qualification_id: a.qualificationId,
      row_version: eb('row_version', '+', 1),
    }))
    .where('application_id', '=', a.applicationId)
    .where('status', '=', 'pending_review')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listApplications(
  db: Executor,
  filter: { regionCode?: string; status?: string; psnNo?: string; limit?: number },
): Promise<(ChronicApplication & { appliedAt: string; materials: MaterialMeta[] })[]> {
  let query = db.selectFrom('chronic_applications').selectAll();
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.psnNo) query = query.where('psn_no', '=', filter.psnNo);
  const rows = await query
    .orderBy('applied_at', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  const ids = rows.map((r) => r.application_id);
  const files =
    ids.length === 0
      ? []
      : await db
          .selectFrom('chronic_application_materials')
          .select(['application_id', 'seq', 'file_name', 'mime_type', 'size_bytes', 'sha256'])
          .where('application_id', 'in', ids)
          .orderBy('seq')
          .execute();
  return rows.map((r) => ({
    ...toApplication(r),
    appliedAt: r.applied_at,
    materials: files
      .filter((f) => f.application_id === r.application_id)
      .map((f) => ({
        fileName: f.file_name,
        mimeType: f.mime_type,
        sizeBytes: f.size_bytes,
        sha256: f.sha256,
      })),
  }));
}

/** Facts about a person's posted settlements in a time range, for choosing what to recompute. */
export async function settlementFactsOf(db: Executor, psnNo: string, fromText: string, toText: string) {
  const rows = await db
    .selectFrom('settlements as s')
    .innerJoin('visits as v', 'v.visit_id', 's.visit_id')
    .select([
      's.settlement_id',
      's.settled_at',
      's.category',
      's.kind',
      's.visit_id',
      'v.disease_code as visit_disease_code',
      'v.diagnoses',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('settlements as r')
            .select('r.settlement_id')
            .whereRef('r.reverses_id', '=', 's.settlement_id'),
        )
        .as('reversed'),
    )
    .where('s.psn_no', '=', psnNo)
    .where('s.settled_at', '>=', fromText)
    .where('s.settled_at', '<', toText)
    .orderBy('s.settled_at')
    .execute();
  const visitIds = [...new Set(rows.map((r) => r.visit_id))];
  const lines =
    visitIds.length === 0
      ? []
      : await db
          .selectFrom('fee_lines')
          .select(['visit_id', 'settlement_id', 'disease_code'])
          .where('visit_id', 'in', visitIds)
          .where('disease_code', 'is not', null)
          .execute();
  return rows.map((r) => ({
    settlementId: r.settlement_id,
    settledAt: r.settled_at,
    category: r.category,
    kind: r.kind,
    reversed: Boolean(r.reversed),
    visitDiseaseCode: r.visit_disease_code,
    diagnosesJson: r.diagnoses,
    feeLineDiseaseCodes: lines
      .filter(
        (l) => l.visit_id === r.visit_id && (l.settlement_id === null || l.settlement_id === r.settlement_id),
      )
      .map((l) => l.disease_code!),
  }));
}

export async function insertRecomputeRequests(
  db: Executor,
  requests: readonly { applicationId: string; settlementId: string; psnNo: string; diseaseCode: string }[],
  now: string,
): Promise<void> {
  for (const r of requests) {
    await db
      .insertInto('chronic_recompute_requests')
      .values({
        application_id: r.applicationId,
        settlement_id: r.settlementId,
        psn_no: r.psnNo,
        disease_code: r.diseaseCode,
        status: 'pending',
        created_at: now,
        done_at: null,
        result_ref: null,
      })
      .onConflict((oc) => oc.columns(['application_id', 'settlement_id']).doNothing())
      .execute();
  }
}

export async function listRecomputeRequests(db: Executor, filter: { status?: string; psnNo?: string }) {
  let query = db.selectFrom('chronic_recompute_requests').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.psnNo) query = query.where('psn_no', '=', filter.psnNo);
  const rows = await query.orderBy('created_at').orderBy('settlement_id').execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    settlementId: r.settlement_id,
    psnNo: r.psn_no,
    diseaseCode: r.disease_code,
    status: r.status as 'pending' | 'done',
    createdAt: r.created_at,
    doneAt: r.done_at,
    resultRef: r.result_ref,
  }));
}

export async function markRecomputed(
  db: Executor,
  key: { applicationId: string; settlementId: string },
  resultRef: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('chronic_recompute_requests')
    .set({ status: 'done', done_at: now, result_ref: resultRef })
    .where('application_id', '=', key.applicationId)
    .where('settlement_id', '=', key.settlementId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
