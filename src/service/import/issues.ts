/** Collects the problems of one file, keeping the first MAX_REPORTED_ISSUES and counting the rest. */
import { type ImportIssue, MAX_REPORTED_ISSUES } from './types.ts';

export class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;

  add(row: number, field: string, reason: string, line?: number): void {
    this.count++;
    if (this.items.length >= MAX_REPORTED_ISSUES) return;
    this.items.push(line === undefined ? { row, field, reason } : { row, field, reason, line });
  }

  get empty(): boolean {
    return this.count === 0;
  }
}

/** Report sink for one row: the row number is bound, checks name only the field. */
export type RowIssue = (field: string, reason: string) => void;
