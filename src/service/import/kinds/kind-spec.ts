/**
 * What the import pipeline needs to know about one kind of row. The pipeline (prepare.ts, apply.ts)
 * is the same for every kind; each kind contributes its semantic checks, its natural key and its writer.
 */
import type { Tx } from '../../../store/transaction.ts';
import type { IssueList, RowIssue } from '../issues.ts';
import type { ImportKind } from '../types.ts';

/** A row reference to a pooling region that must exist (in the store, or in the same regions file). */
export interface RegionRef {
  readonly field: string;
  readonly code: string;
}

export interface KindSpec<R> {
  readonly kind: ImportKind;
  /** Chinese name of the kind, for messages (「参保人」). */
  readonly title: string;
  /** Whether the kind may come as CSV (flat rows only: policies carry a nested document). */
  readonly csv: boolean;
  /** Turns a schema-valid row into the store record; reports semantic problems, returns undefined on any. */
  toRecord(row: unknown, issue: RowIssue): R | undefined;
  /** The natural key: equal keys in one file are duplicates, and a stored row with it is replaced. */
  naturalKey(record: R): string;
  /** The field reported on a duplicate row, and how the key reads in the message. */
  readonly keyField: string;
  describeKey(record: R): string;
  regionRefs(record: R): readonly RegionRef[];
  /** Checks across the rows of the file (uniqueness of secondary keys, overlapping periods …). */
  fileChecks?(records: readonly R[], rows: readonly number[], issues: IssueList): void;
  /** Checks against what is already stored; run inside the import's transaction. */
  storeChecks?(tx: Tx, records: readonly R[], rows: readonly number[], issues: IssueList): Promise<void>;
  write(tx: Tx, records: readonly R[], batch: WriteBatch): Promise<void>;
}

/** The import a write belongs to, for kinds that record it on their rows (append-only kinds). */
export interface WriteBatch {
  readonly batchId: string;
  readonly now: Date;
}
