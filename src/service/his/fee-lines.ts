/**
 * 费用明细上传 / 撤销 (2204/2205 outpatient, 2301/2302 inpatient): each line is split at upload by the
 * TREATMENT region's catalog on the fee date (R-M2, R-M3) and the split is returned and kept; the
 * settlement later uses exactly the split the HIS was shown.
 */
import type { FeeLine, LineSplit } from '../../core/catalog/index.ts';
import { splitLine } from '../../core/catalog/index.ts';
import { err, ok } from '../../core/errors.ts';
import type { CatalogItem } from '../../core/reference/types.ts';
import {
  findFeeLines,
  insertFeeLines,
  revokeFeeLines,
  type StoredFeeLine,
} from '../../store/repositories/fee-lines.ts';
import { findCatalogItems } from '../../store/repositories/reference-reads.ts';
import { hisErrors, visitStatusZh } from './errors.ts';
import type { HisUseCase } from './message.ts';
import { loadOwnVisit } from './visit-access.ts';

/**
 * 处方 as a line carried it (R-C2): kept on file with the line. A pharmacy's chronic line needs one
 * from a designated medical institution (checked at settlement, service/settlement/pharmacy-prescription.ts).
 */
export interface LinePrescription {
  /** rxno 处方号 */
  readonly no: string;
  /** rx_circ_flag 外购处方标志: true = issued by another institution; null = not sent. */
  readonly circulated: boolean | null;
  /** The issuing institution (exp_content.rx_fixmedins_code), when sent. */
  readonly issuerInstitutionCode: string | null;
  /** The issue date (exp_content.rx_prsc_date), when sent. */
  readonly issuedOn: string | null;
}

export interface UploadedLine extends FeeLine {
  readonly visitId: string;
  readonly psnNo: string;
  readonly batchNo: string;
  readonly institutionItemCode: string;
  /** rxno, else drord_no (医嘱号): what 5204 answers as rx_drord_no. */
  readonly prescriptionNo: string | null;
  readonly prescription?: LinePrescription | null;
  /** 'YYYY-MM-DD HH:mm:ss' */
  readonly feeTime: string;
}

export interface UploadFeeLinesCommand {
  readonly kind: 'outpatient' | 'inpatient';
  readonly lines: readonly UploadedLine[];
}

export interface SplitLineResult {
  readonly line: UploadedLine;
  readonly split: LineSplit;
  readonly item: CatalogItem | undefined;
}

/**
 * The stored `split` JSON is the core's LineSplit; a line that came with a prescription also keeps it
 * there under `prescription` (no column of its own yet). These two read it apart again.
 */
export function lineSplitOf(line: StoredFeeLine): LineSplit {
  const { prescription: _p, ...split } = line.split as LineSplit & { prescription?: unknown };
  return split;
}

export function linePrescriptionOf(line: StoredFeeLine): LinePrescription | null {
  // Only rxno counts: a drord_no (医嘱号) in prescription_no is not a prescription.
  return (line.split as { prescription?: LinePrescription }).prescription ?? null;
}

/** The catalog entry valid on a date, among the item's versions. */
function itemOn(versions: readonly CatalogItem[], onDate: string): CatalogItem | undefined {
  const valid = versions.find((v) => v.validFrom <= onDate && (v.validTo === null || onDate <= v.validTo));
  return valid ?? versions[0];
}

export const uploadFeeLines: HisUseCase<UploadFeeLinesCommand, SplitLineResult[]> = async (env, command) => {
  const first = command.lines[0];
  if (first === undefined) return err(hisErrors.feeLinesNone());
  for (const line of command.lines) {
    if (line.visitId !== first.visitId || line.psnNo !== first.psnNo)
      return err(hisErrors.feeLineVisitMismatch(line.lineNo));
  }
  const visit = await loadOwnVisit(env, first.visitId, first.psnNo, command.kind);
  if (!visit.ok) return visit;
  const v = visit.value;
  if (v.status === 'cancelled' || v.status === 'settled') {
    return err(hisErrors.visitState(v.visitId, visitStatusZh[v.status] ?? v.status, '上传费用明细'));
  }
  const existing = new Map((await findFeeLines(env.tx, v.visitId)).map((l) => [l.lineNo, l]));
  const seen = new Set<string>();
  const replacesRevoked: string[] = [];
  for (const line of command.lines) {
    const prior = existing.get(line.lineNo);
    if (seen.has(line.lineNo) || (prior !== undefined && prior.status !== 'revoked')) {
      return err(hisErrors.feeLineDuplicate(line.lineNo));
    }
    seen.add(line.lineNo);
    if (prior !== undefined) replacesRevoked.push(line.lineNo);
  }
  const catalog = await findCatalogItems(
    env.tx,
    v.treatmentRegionCode,
    command.lines.map((l) => l.itemCode),
  );
  const byCode = new Map<string, CatalogItem[]>();
  for (const item of catalog) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  const results: SplitLineResult[] = [];
  const stored: StoredFeeLine[] = [];
  for (const line of command.lines) {
    const onDate = line.feeTime.slice(0, 10);
    const item = itemOn(byCode.get(line.itemCode) ?? [], onDate);
    const split = splitLine(line, item, onDate);
    if (!split.ok) return err(split.error);
    results.push({ line, split: split.value, item });
    stored.push({
      visitId: v.visitId,
      lineNo: line.lineNo,
      batchNo: line.batchNo,
      itemCode: line.itemCode,
      institutionItemCode: line.institutionItemCode,
      itemName: line.itemName ?? item?.name ?? '',
      unitPriceFen: line.unitPriceFen,
      quantity: line.quantity,
      amountFen: line.amountFen,
      diseaseCode: line.diseaseCode ?? null,
      prescriptionNo: line.prescriptionNo,
      feeTime: line.feeTime,
      split: line.prescription ? { ...split.value, prescription: line.prescription } : split.value,
      status: 'uploaded',
      settlementId: null,
      uploadedAt: env.now.dateTime,
    });
  }
  await insertFeeLines(env.tx, stored, replacesRevoked);
  return ok(results);
};

export interface RevokeFeeLinesCommand {
  readonly kind: 'outpatient' | 'inpatient';
  readonly visitId: string;
  readonly psnNo: string;
  /** Which unsettled lines: all, one charge batch (2205), or one line (2302). */
  readonly which: { all: true } | { batchNo: string } | { lineNo: string };
}

export const revokeUploadedFeeLines: HisUseCase<RevokeFeeLinesCommand, { revoked: number }> = async (
  env,
  command,
) => {
  const visit = await loadOwnVisit(env, command.visitId, command.psnNo, command.kind);
  if (!visit.ok) return visit;
  const revoked = await revokeFeeLines(env.tx, command.visitId, command.which);
  if (revoked === 0 && !('all' in command.which)) {
    const which = 'batchNo' in command.which ? command.which.batchNo : command.which.lineNo;
    return err(hisErrors.feeLineNotFound(which));
  }
  return ok({ revoked });
};
