/**
 * The import service's vocabulary: which kinds of reference data a file can carry, and how a rejected
 * file is reported back — every problem as (row, field, reason), with the reason in Chinese.
 */
import type { DomainError } from '../../core/errors.ts';

/** Kinds in dependency order: a later kind may reference rows of an earlier one. */
export const IMPORT_KINDS = [
  'code_tables',
  'regions',
  'institutions',
  'catalog',
  'policies',
  'persons',
  'contributions',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportFormat = 'json' | 'csv';

/** One problem in a file. */
export interface ImportIssue {
  /**
   * 1-based row as the user sees it: the data row of a CSV (header excluded), the position in the
   * JSON `rows` array (index + 1). 0 means the file as a whole (unreadable, missing column …).
   */
  readonly row: number;
  /** The field (JSON property / CSV column) at fault; '' when the problem is not one field's. */
  readonly field: string;
  /** What is wrong and how to fix it, in Chinese, starting with the field's Chinese label. */
  readonly reason: string;
  /** CSV only: the physical line in the file (differs from `row` when cells span lines). */
  readonly line?: number;
}

export const ImportErrorCode = {
  /** The file was read but at least one row is invalid: nothing was written. */
  Rejected: 'IMPORT_REJECTED',
  /** The file could not be read as the declared format (or its kind could not be told). */
  Unreadable: 'IMPORT_UNREADABLE',
} as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

/** A rejected file: nothing of it was written. */
export interface ImportRejection extends DomainError {
  readonly code: ImportErrorCode;
  /** The first problems found, in row order within each check (at most MAX_REPORTED_ISSUES). */
  readonly issues: readonly ImportIssue[];
  /** How many problems were found in all; larger than issues.length when the list was cut. */
  readonly issueCount: number;
}

/** A file that was written whole. */
export interface ImportSummary {
  readonly kind: ImportKind;
  /** Rows inserted or updated. */
  readonly rows: number;
  /** The import_batches row recording this import. */
  readonly batchId: string;
}

/** Reporting every bad row of a 100k-row file helps nobody; the count still says how many. */
export const MAX_REPORTED_ISSUES = 1000;

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}
