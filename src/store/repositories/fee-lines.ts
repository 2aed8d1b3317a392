/**
 * 费用明细 — fee lines uploaded for a visit, each with its split by the treatment region's catalog.
 * A line is uploaded, then settled (linked to its settlement) or revoked; a cancelled settlement
 * puts its lines back to uploaded.
 */
import type { Executor } from './executor.ts';

export type FeeLineStatus = 'uploaded' | 'revoked' | 'settled';

export interface StoredFeeLine {
  readonly visitId: string;
  readonly lineNo: string;
  readonly batchNo: string;
  readonly itemCode: string;
  readonly institutionItemCode: string;
  readonly itemName: string;
  readonly unitPriceFen: number;
  /** Ten-thousandths of a unit. */
  readonly quantity: number;
  readonly amountFen: number;
  readonly diseaseCode: string | null;
  readonly prescriptionNo: string | null;
  readonly feeTime: string;
  /** The core's LineSplit as JSON-able data. */
  readonly split: unknown;
  readonly status: FeeLineStatus;
  readonly settlementId: string | null;
  readonly uploadedAt: string;
}

type Row = {
  visit_id: string;
  line_no: string;
  batch_no: string;
  item_code: string;
  institution_item_code: string;
  item_name: string;
  unit_price_fen: number;
  quantity: number;
  amount_fen: number;
  disease_code: string | null;
  prescription_no: string | null;
  fee_time: string;
  split: string;
  status: FeeLineStatus;
  settlement_id: string | null;
  uploaded_at: string;
};

function toLine(row: Row): StoredFeeLine {
  return {
    visitId: row.visit_id,
    lineNo: row.line_no,
    batchNo: row.batch_no,
    itemCode: row.item_code,
    institutionItemCode: row.institution_item_code,
    itemName: row.item_name,
    unitPriceFen: Number(row.unit_price_fen),
    quantity: Number(row.quantity),
    amountFen: Number(row.amount_fen),
    diseaseCode: row.disease_code,
    prescriptionNo: row.prescription_no,
    feeTime: row.fee_time,
    split: JSON.parse(row.split) as unknown,
    status: row.status,
    settlementId: row.settlement_id,
    uploadedAt: row.uploaded_at,
  };
}

function toRow(line: StoredFeeLine) {
  return {
    visit_id: line.visitId,
    line_no: line.lineNo,
    batch_no: line.batchNo,
    item_code: line.itemCode,
    institution_item_code: line.institutionItemCode,
    item_name: line.itemName,
    unit_price_fen: line.unitPriceFen,
    quantity: line.quantity,
    amount_fen: line.amountFen,
    disease_code: line.diseaseCode,
    prescription_no: line.prescriptionNo,
    fee_time: line.feeTime,
    split: JSON.stringify(line.split),
    status: line.status,
    settlement_id: line.settlementId,
    uploaded_at: line.uploadedAt,
  };
}

/** All lines of a visit (any status), in line-number order of upload. */
export async function findFeeLines(db: Executor, visitId: string): Promise<StoredFeeLine[]> {
  const rows = await db
    .selectFrom('fee_lines')
    .selectAll()
    .where('visit_id', '=', visitId)
    .orderBy('uploaded_at')
    .orderBy('line_no')
    .execute();
  return rows.map((r) => toLine(r as Row));
}

/** Lines linked to any of the given settlements. */
export async function findFeeLinesOfSettlements(
  db: Executor,
  settlementIds: readonly string[],
): Promise<StoredFeeLine[]> {
  if (settlementIds.length === 0) return [];
  const rows = await db
    .selectFrom('fee_lines')
    .selectAll()
    .where('settlement_id', 'in', settlementIds)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => toLine(r as Row));
}

/**
 * Stores new lines. `replacesRevoked` names the lines' numbers that belong to revoked lines of the
 * same visit (the HIS re-uploads a corrected line under the same feedetl_sn): those rows are replaced.
 * The caller has checked that no live line has the same number.
 */
export async function insertFeeLines(
  db: Executor,
  lines: readonly StoredFeeLine[],
  replacesRevoked: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  if (replacesRevoked.length > 0) {
    await db
      .deleteFrom('fee_lines')
      .where('visit_id', '=', lines[0]!.visitId)
      .where('status', '=', 'revoked')
      .where('line_no', 'in', replacesRevoked)
      .execute();
  }
  await db.insertInto('fee_lines').values(lines.map(toRow)).execute();
}

/** Revokes unsettled lines of a visit: all of them, or those of one batch, or one line. Returns the count. */
export async function revokeFeeLines(
  db: Executor,
  visitId: string,
  which: { all: true } | { batchNo: string } | { lineNo: string },
): Promise<number> {
  let query = db
    .updateTable('fee_lines')
    .set({ status: 'revoked' })
    .where('visit_id', '=', visitId)
    .where('status', '=', 'uploaded');
  if ('batchNo' in which) query = query.where('batch_no', '=', which.batchNo);
  if ('lineNo' in which) query = query.where('line_no', '=', which.lineNo);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markFeeLinesSettled(
  db: Executor,
  visitId: string,
  lineNos: readonly string[],
  settlementId: string,
): Promise<number> {
  if (lineNos.length === 0) return 0;
  const result = await db
    .updateTable('fee_lines')
    .set({ status: 'settled', settlement_id: settlementId })
    .where('visit_id', '=', visitId)
    .where('status', '=', 'uploaded')
    .where('line_no', 'in', lineNos)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A cancelled settlement's lines become unsettled again (they may be re-settled or revoked). */
export async function releaseFeeLines(db: Executor, settlementIds: readonly string[]): Promise<void> {
  if (settlementIds.length === 0) return;
  await db
    .updateTable('fee_lines')
    .set({ status: 'uploaded', settlement_id: null })
    .where('settlement_id', 'in', settlementIds)
    .execute();
}
