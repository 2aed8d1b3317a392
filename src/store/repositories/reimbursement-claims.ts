/**
 * 手工报销申请 (R-R1, R-R2): the claim row (whole aggregate as JSON plus the columns queues use), its
 * append-only events and materials, and each region's published material list.
 */
import type { Claim, ClaimHistoryEntry, MaterialList } from '../../core/reimbursement/index.ts';
import type { Executor } from './executor.ts';

export interface StoredClaim {
  readonly claim: Claim;
  readonly rowVersion: number;
  /** JSON of the settlement core's result the decision used, when decided. */
  readonly computation: unknown;
}

function columns(claim: Claim) {
  return {
    status: claim.status,
    return_count: claim.returnCount,
    deadline_date: claim.deadline.date,
    deadline_basis: claim.deadline.basis,
    accepted_at: claim.acceptedAt,
    decided_at: claim.decidedAt,
    approved_fen: claim.approvedFen,
    paid_at: claim.paidAt,
    document: JSON.stringify(claim),
  };
}

export async function insertClaim(db: Executor, claim: Claim): Promise<void> {
  await db
    .insertInto('reimbursement_claims')
    .values({
      claim_id: claim.claimId,
      psn_no: claim.psnNo,
      insured_region_code: claim.insuredRegionCode,
      upload_id: claim.uploadId,
      channel: claim.channel,
      bill_total_fen: claim.billTotalFen,
      accident: claim.accident ? 1 : 0,
      submitted_at: claim.submittedAt,
      computation: null,
      ...columns(claim),
    })
    .execute();
}

/** Optimistic update: true when the row still had `rowVersion` (else someone else moved the claim). */
export async function updateClaim(
  db: Executor,
  claim: Claim,
  rowVersion: number,
  computation?: unknown,
): Promise<boolean> {
  const result = await db
    .updateTable('reimbursement_claims')
    .set({
      ...columns(claim),
      ...(computation === undefined ? {} : { computation: JSON.stringify(computation) }),
      row_version: rowVersion + 1,
    })
    .where('claim_id', '=', claim.claimId)
    .where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type ClaimRow = { document: string; row_version: number; computation: string | null };

function toStored(row: ClaimRow): StoredClaim {
  return {
    claim: JSON.parse(row.document) as Claim,
    rowVersion: Number(row.row_version),
    computation: row.computation === null ? null : (JSON.parse(row.computation) as unknown),
  };
}

export async function findClaim(db: Executor, claimId: string): Promise<StoredClaim | undefined> {
  const row = await db
    .selectFrom('reimbursement_claims')
    .select(['document', 'row_version', 'computation'])
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

export async function claimsOfPerson(db: Executor, psnNo: string): Promise<StoredClaim[]> {
  const rows = await db
    .selectFrom('reimbursement_claims')
    .select(['document', 'row_version', 'computation'])
    .where('psn_no', '=', psnNo)
    .orderBy('submitted_at', 'desc')
    .execute();
  return rows.map(toStored);
}

export async function claimsOfRegion(
  db: Executor,
  regionCode: string,
  statuses: readonly string[],
): Promise<StoredClaim[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('reimbursement_claims')
    .select(['document', 'row_version', 'computation'])
    .where('insured_region_code', '=', regionCode)
    .where('status', 'in', [...statuses])
    .orderBy('deadline_date')
    .orderBy('submitted_at')
    .execute();
  return rows.map(toStored);
}

export async function liveClaimForUpload(db: Executor, uploadId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reimbursement_claims')
    .select('claim_id')
    .where('upload_id', '=', uploadId)
    .where('status', 'not in', ['rejected', 'withdrawn'])
    .executeTakeFirst();
  return row?.claim_id;
}

export async function appendClaimEvents(
  db: Executor,
  claim: Claim,
  entries: readonly ClaimHistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('reimbursement_claim_events')
    .values(
      entries.map((e) => ({
        claim_id: claim.claimId,
        psn_no: claim.psnNo,
        insured_region_code: claim.insuredRegionCode,
        at: e.at,
        event: e.event,
        from_status: e.from,
        to_status: e.to,
        actor: e.actorId,
        note: e.note,
      })),
    )
    .execute();
}

export interface StoredMaterial {
  readonly materialId: string;
  readonly claimId: string;
  readonly psnNo: string;
  readonly itemCode: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

export async function insertMaterials(
  db: Executor,
  materials: readonly (StoredMaterial & { readonly contentBase64: string })[],
): Promise<void> {
  if (materials.length === 0) return;
  await db
    .insertInto('reimbursement_materials')
    .values(
      materials.map((m) => ({
        material_id: m.materialId,
        claim_id: m.claimId,
        psn_no: m.psnNo,
        item_code: m.itemCode,
        file_name: m.fileName,
        mime_type: m.mimeType,
        size_bytes: m.sizeBytes,
        sha256: m.sha256,
        content_base64: m.contentBase64,
        uploaded_at: m.uploadedAt,
        uploaded_by: m.uploadedBy,
      })),
    )
    .execute();
}

export async function materialsOfClaim(db: Executor, claimId: string): Promise<StoredMaterial[]> {
  const rows = await db
    .selectFrom('reimbursement_materials')
    .select([
      'material_id',
      'claim_id',
      'psn_no',
      'item_code',
      'file_name',
      'mime_type',
      'size_bytes',
      'sha256',
      'uploaded_at',
      'uploaded_by',
    ])
    .where('claim_id', '=', claimId)
    .orderBy('uploaded_at')
    .orderBy('material_id')
    .execute();
  return rows.map((r) => ({
    materialId: r.material_id,
    claimId: r.claim_id,
    psnNo: r.psn_no,
    itemCode: r.item_code,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
  }));
}

export async function materialContent(
  db: Executor,
  claimId: string,
  materialId: string,
): Promise<{ fileName: string; mimeType: string; contentBase64: string } | undefined> {
  const row = await db
    .selectFrom('reimbursement_materials')
    .select(['file_name', 'mime_type', 'content_base64'])
    .where('claim_id', '=', claimId)
    .where('material_id', '=', materialId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { fileName: row.file_name, mimeType: row.mime_type, contentBase64: row.content_base64 };
}

export async function readMaterialList(db: Executor, regionCode: string): Promise<MaterialList | undefined> {
  const row = await db
    .selectFrom('reimbursement_material_lists')
    .select('document')
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.document) as MaterialList);
}

export async function countMaterialLists(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('reimbursement_material_lists')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Replaces a region's list whole (an import is all or nothing; the caller holds the transaction). */
export async function replaceMaterialList(
  db: Executor,
  list: MaterialList,
  importedAt: string,
  importedBy: string,
): Promise<void> {
  await db.deleteFrom('reimbursement_material_lists').where('region_code', '=', list.regionCode).execute();
  await db
    .insertInto('reimbursement_material_lists')
    .values({
      region_code: list.regionCode,
      document: JSON.stringify(list),
      imported_at: importedAt,
      imported_by: importedBy,
    })
    .execute();
}
