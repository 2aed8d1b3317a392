/**
 * 数据导入 — loads reference data (code tables, regions, institutions, catalogs, policies, persons)
 * from documented JSON and CSV files (docs/import.md). Every row is validated; a file with any bad row
 * is rejected whole with (row, field, reason) for each problem, and nothing is written. A valid file is
 * written in one transaction, upserting on each kind's natural key, with an import_batches row.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, type Result } from '../../core/errors.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { applyImport } from './apply.ts';
import { formatFromFileName, kindFromFileName } from './file-names.ts';
import { IssueList } from './issues.ts';
import { type ImportInput, prepareImport, rejection } from './prepare.ts';
import {
  ImportErrorCode,
  type ImportFormat,
  type ImportKind,
  type ImportRejection,
  type ImportSummary,
} from './types.ts';

export { formatFromFileName, kindFromFileName } from './file-names.ts';
export type { ImportInput } from './prepare.ts';
export { fileSchema, ROW_SCHEMAS } from './schemas.ts';
export {
  IMPORT_KINDS,
  ImportErrorCode,
  type ImportFormat,
  type ImportIssue,
  type ImportKind,
  type ImportRejection,
  type ImportSummary,
  isImportKind,
  MAX_REPORTED_ISSUES,
} from './types.ts';

export interface ImportOptions {
  /** The kind of data; for files, by default from the file name (CSV) or the document (JSON). */
  readonly kind?: ImportKind | undefined;
  /** For files: by default from the extension (.json / .csv). */
  readonly format?: ImportFormat | undefined;
  /** The clock for import_batches.imported_at (tests pass a fixed one). */
  readonly now?: (() => Date) | undefined;
  /** Progress of the write phase, for a progress bar: (rows written, rows in all). */
  readonly onProgress?: ((written: number, total: number) => void) | undefined;
}

/** A database constraint failing at write time: another writer changed the data since the checks. */
function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === '23505' || code === '23503')
  );
}

/** Validates and, when every row is valid, writes one document in one transaction. */
export async function importDocument(
  store: Store,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, ImportRejection>> {
  const prepared = await prepareImport(input);
  if (!prepared.ok) return prepared;
  const context = {
    batchId: randomUUID(),
    now: (options.now ?? (() => new Date()))(),
    onProgress: options.onProgress,
  };
  try {
    return await inTransaction(store.db, (tx) => applyImport(tx, prepared.value, context));
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    const issues = new IssueList();
    issues.add(0, '', '写入时与库中数据冲突（可能有其他导入同时进行），未写入任何数据，请稍后重新导入');
    return err(rejection(ImportErrorCode.Rejected, input.source, issues));
  }
}

function unreadableFile(path: string, reason: string): Result<never, ImportRejection> {
  const issues = new IssueList();
  issues.add(0, '', reason);
  return err(rejection(ImportErrorCode.Unreadable, basename(path), issues));
}

/**
 * Imports one file. CSV files are streamed; JSON files are read whole (they hold the small kinds).
 * The source recorded is the file's name.
 */
export async function importFile(
  store: Store,
  path: string,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, ImportRejection>> {
  const format = options.format ?? formatFromFileName(path);
  if (format === undefined)
    return unreadableFile(path, '无法判断文件格式：文件名应以 .json 或 .csv 结尾，或指定格式');
  try {
    const info = await stat(path);
    if (!info.isFile()) return unreadableFile(path, `${path} 不是文件`);
  } catch {
    return unreadableFile(path, `找不到文件 ${path}`);
  }
  // A JSON document names its own kind; only CSV needs the file name's.
  const kind = options.kind ?? (format === 'csv' ? kindFromFileName(path) : undefined);
  const content = format === 'csv' ? createReadStream(path) : await readFile(path, 'utf8');
  return importDocument(store, { kind, format, content, source: basename(path) }, options);
}
