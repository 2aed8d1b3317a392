/**
 * Phase 2 of an import, inside the caller's transaction: check the prepared rows against the store
 * (referenced regions exist, secondary keys and validity periods do not clash), then write them all
 * with upsert semantics and record the batch. On any problem nothing is written.
 */
import { err, ok, type Result } from '../../core/errors.ts';
import { recordImportBatch, regionCodes } from '../../store/repositories/reference-writer.ts';
import type { Tx } from '../../store/transaction.ts';
import { IssueList } from './issues.ts';
import { KIND_SPECS } from './kinds/index.ts';
import { type PreparedImport, rejection } from './prepare.ts';
import { fieldLabel } from './schemas.ts';
import { ImportErrorCode, type ImportRejection, type ImportSummary } from './types.ts';

export interface ApplyContext {
  readonly batchId: string;
  readonly now: Date;
  /** Called after each written slice: (rows written so far, rows in all). */
  readonly onProgress?: ((written: number, total: number) => void) | undefined;
}

/** Rows per write call: small enough for a smooth progress bar, large enough to stay fast. */
const WRITE_SLICE = 5_000;

async function checkRegionRefs(tx: Tx, prepared: PreparedImport, issues: IssueList): Promise<void> {
  const spec = KIND_SPECS[prepared.kind];
  const known = await regionCodes(tx);
  // A regions file declares regions; every other kind references them.
  if (prepared.kind === 'regions') return;
  prepared.records.forEach((record, i) => {
    for (const ref of spec.regionRefs(record)) {
      if (!known.has(ref.code)) {
        issues.add(
          prepared.rows[i]!,
          ref.field,
          `${fieldLabel(prepared.kind, ref.field)}：统筹区 ${ref.code} 不存在，请先导入该统筹区（regions），或检查代码是否录错`,
        );
      }
    }
  });
}

/** Phase 2: store checks and writes, in the caller's transaction. */
export async function applyImport(
  tx: Tx,
  prepared: PreparedImport,
  context: ApplyContext,
): Promise<Result<ImportSummary, ImportRejection>> {
  const spec = KIND_SPECS[prepared.kind];
  const issues = new IssueList();
  await checkRegionRefs(tx, prepared, issues);
  await spec.storeChecks?.(tx, prepared.records, prepared.rows, issues);
  if (!issues.empty) return err(rejection(ImportErrorCode.Rejected, prepared.source, issues));

  const total = prepared.records.length;
  for (let start = 0; start < total; start += WRITE_SLICE) {
    await spec.write(tx, prepared.records.slice(start, start + WRITE_SLICE), {
      batchId: context.batchId,
      now: context.now,
    });
    context.onProgress?.(Math.min(total, start + WRITE_SLICE), total);
  }
  await recordImportBatch(tx, {
    id: context.batchId,
    kind: prepared.kind,
    source: prepared.source,
    row_count: total,
    imported_at: context.now.toISOString(),
  });
  return ok({ kind: prepared.kind, rows: total, batchId: context.batchId });
}
