/**
 * ICD-10 matching for the T-1 screen (R-C5). A pattern is a code prefix ('G20', 'Z95.1') or an
 * inclusive range of codes of the same length ('G20-G22', 'D69.3-D69.4'). Diagnoses arrive in the
 * forms HIS systems send: 医保版 extensions ('G20.x00', 'Z95.101'), no dot ('Z951'), lower case,
 * dagger/asterisk marks — all normalised before matching.
 */
import { domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';

const BOUND = /^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/;

/** Canonical form: upper case, no spaces or marks, a dot after the three-character category. */
export function normalizeIcd(code: string): string {
  let c = code
    .trim()
    .toUpperCase()
    .replace(/[\s†*+]/g, '');
  if (c.length > 3 && c[3] !== '.') c = `${c.slice(0, 3)}.${c.slice(3)}`;
  return /^[A-Z]\d{2}/.test(c) ? c : '';
}

export interface IcdPattern {
  readonly text: string;
  readonly from: string;
  readonly to: string;
  /** Prefix patterns have from === to and match every code that starts with it. */
  readonly isRange: boolean;
}

function invalid(text: string, field: string) {
  return domainError(
    ChronicErrorCode.IcdPatternInvalid,
    `ICD-10 编码规则“${text}”格式不正确：应为类目（如 G20）、亚目（如 Z95.1）或同长度的区间（如 G20-G22）。`,
    { ruleId: 'R-C5', field },
  );
}

export function parseIcdPattern(text: string, field = 'icd10'): Result<IcdPattern> {
  const parts = text
    .trim()
    .toUpperCase()
    .split(/\s*[-–~]\s*/);
  if (parts.length === 1) {
    const p = parts[0]!;
    return BOUND.test(p) ? ok({ text, from: p, to: p, isRange: false }) : err(invalid(text, field));
  }
  const [from, to] = parts as [string, string];
  if (parts.length !== 2 || !BOUND.test(from) || !BOUND.test(to) || from.length !== to.length || from > to) {
    return err(invalid(text, field));
  }
  return ok({ text, from, to, isRange: true });
}

export function patternMatches(pattern: IcdPattern, normalized: string): boolean {
  if (!pattern.isRange) return normalized.startsWith(pattern.from);
  const head = normalized.slice(0, pattern.from.length);
  return head.length === pattern.from.length && head >= pattern.from && head <= pattern.to;
}

/** Every three-character category a pattern can match, so matching starts with one map lookup. */
function categoriesOf(pattern: IcdPattern): string[] {
  const ordinal = (c: string) => (c.charCodeAt(0) - 65) * 100 + Number(c.slice(1, 3));
  const out: string[] = [];
  for (let n = ordinal(pattern.from); n <= ordinal(pattern.to); n++) {
    out.push(`${String.fromCharCode(65 + Math.floor(n / 100))}${String(n % 100).padStart(2, '0')}`);
  }
  return out;
}

export interface IcdRule {
  readonly diseaseCode: string;
  readonly patterns: readonly string[];
}

export interface IcdMatch {
  readonly diseaseCode: string;
  readonly icdCode: string;
}

/** A compiled set of disease rules: `match(codes)` answers which diseases a set of diagnoses shows. */
export interface IcdMatcher {
  /** Cheap pre-check on raw text (e.g. a diagnoses JSON string): false means no code can match. */
  mayMatchText(text: string): boolean;
  match(codes: readonly string[]): IcdMatch[];
  readonly isEmpty: boolean;
  /** Every three-character category a code must start with to match (for a pre-filter in the store). */
  readonly categories: readonly string[];
}

export function compileIcdMatcher(rules: readonly IcdRule[]): Result<IcdMatcher> {
  const byCategory = new Map<string, { diseaseCode: string; pattern: IcdPattern }[]>();
  for (const rule of rules) {
    for (const text of rule.patterns) {
      const parsed = parseIcdPattern(text, `icd10.${rule.diseaseCode}`);
      if (!parsed.ok) return parsed;
      for (const category of categoriesOf(parsed.value)) {
        const list = byCategory.get(category) ?? [];
        list.push({ diseaseCode: rule.diseaseCode, pattern: parsed.value });
        byCategory.set(category, list);
      }
    }
  }
  const categories = [...byCategory.keys()];
  // Categories are [A-Z]\d\d, so they are safe inside a regular expression as they are.
  const prefilter = categories.length > 0 ? new RegExp(categories.join('|'), 'i') : null;
  return ok({
    isEmpty: categories.length === 0,
    categories,
    mayMatchText: (text) => prefilter?.test(text) === true,
    match(codes) {
      const found: IcdMatch[] = [];
      for (const raw of codes) {
        const code = normalizeIcd(raw);
        if (code === '') continue;
        for (const entry of byCategory.get(code.slice(0, 3)) ?? []) {
          if (found.some((f) => f.diseaseCode === entry.diseaseCode)) continue;
          if (patternMatches(entry.pattern, code))
            found.push({ diseaseCode: entry.diseaseCode, icdCode: code });
        }
      }
      return found;
    },
  });
}
