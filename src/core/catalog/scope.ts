/**
 * Whether a catalog item puts a line in policy scope on the treatment date (R-M2): known to the
 * treatment region's catalog, valid that day, and not class C (丙).
 */
import { CatalogClass } from '../reference/codes.ts';
import type { CatalogItem } from '../reference/types.ts';
import type { OutOfScopeReason } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form; ISO dates then compare correctly as strings. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

/**
 * The reason a line is wholly self-paid, or null when it is in scope. An item outside its validity
 * is reported as such even when it is also class C: "not valid that day" is the more basic fact.
 */
export function outOfScopeReason(item: CatalogItem | undefined, onDate: string): OutOfScopeReason | null {
  if (item === undefined) return 'NOT_IN_CATALOG';
  if (onDate < item.validFrom) return 'NOT_YET_VALID';
  if (item.validTo !== null && onDate > item.validTo) return 'EXPIRED';
  if (item.catalogClass === CatalogClass.C) return 'CLASS_C';
  return null;
}
