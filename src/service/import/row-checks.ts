/**
 * Semantic checks shared by several kinds, run after a row passed its schema: money and ratios through
 * core/money (so files obey the same exact-decimal rules as the wire), date ranges, province codes.
 */
import type { Fen, RatioBp } from '../../core/money/index.ts';
import { parseRatio, parseYuan } from '../../core/money/index.ts';
import type { RowIssue } from './issues.ts';

/** Parses a yuan amount into fen; reports and returns undefined when it is not one. */
export function checkYuan(value: unknown, field: string, label: string, issue: RowIssue): Fen | undefined {
  const parsed = parseYuan(value, label);
  if (!parsed.ok) {
    issue(field, parsed.error.message);
    return undefined;
  }
  return parsed.value;
}

export function checkNonNegativeYuan(
  value: unknown,
  field: string,
  label: string,
  issue: RowIssue,
): Fen | undefined {
  const amount = checkYuan(value, field, label, issue);
  if (amount !== undefined && amount < 0) {
    issue(field, `${label}不能为负数，请填写 0 或正数金额`);
    return undefined;
  }
  return amount;
}

export function checkRatio(
  value: unknown,
  field: string,
  label: string,
  issue: RowIssue,
): RatioBp | undefined {
  const parsed = parseRatio(value, label);
  if (!parsed.ok) {
    issue(field, parsed.error.message);
    return undefined;
  }
  return parsed.value;
}

/** ISO dates compare as text; `to` is inclusive and may be open (null). */
export function checkDateRange(
  from: string,
  to: string | null | undefined,
  fields: { from: string; to: string; fromLabel: string; toLabel: string },
  issue: RowIssue,
): boolean {
  if (to != null && to < from) {
    issue(fields.to, `${fields.toLabel} ${to} 早于${fields.fromLabel} ${from}，请检查日期`);
    return false;
  }
  return true;
}

/** Two inclusive date ranges (open end = null) share at least one day. */
export function periodsOverlap(
  a: { from: string; to: string | null },
  b: { from: string; to: string | null },
): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}

/** Province code of a region code: its first two digits followed by 0000. */
export function provinceOf(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}
