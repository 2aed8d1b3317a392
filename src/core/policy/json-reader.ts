/**
 * A small reader for untrusted JSON documents (policy files, what-if cases). Each reader names the
 * field path in its Chinese error. A failed read throws `JsonInvalid`, which `readDocument` turns
 * back into a Result at the boundary: validating a deep document with early returns at every level
 * would bury the rules in plumbing, and the throw never escapes this module's callers.
 */
import { type DomainError, err, ok, type Result } from '../errors.ts';

export class JsonInvalid {
  constructor(readonly error: DomainError) {}
}

/** Error factory of one document kind: code, path, problem, fix → DomainError. */
export type ErrorFactory = (code: string, field: string, problem: string, fix: string) => DomainError;

export interface JsonReader {
  fail(code: string, field: string, problem: string, fix: string): never;
  /** An object; with `allowed`, any other key (except `$comment`-style `$` keys) is an error, so typos surface. */
  object(value: unknown, field: string, allowed?: readonly string[]): Record<string, unknown>;
  string(value: unknown, field: string): string;
  optionalString(value: unknown, field: string): string | undefined;
  boolean(value: unknown, field: string): boolean;
  integer(value: unknown, field: string, min: number, max: number, code: string): number;
  fen(value: unknown, field: string): number;
  ratioBp(value: unknown, field: string): number;
  date(value: unknown, field: string): string;
  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T;
  array(value: unknown, field: string): readonly unknown[];
}

export const JsonCode = {
  FieldInvalid: 'FIELD_INVALID',
  AmountInvalid: 'AMOUNT_INVALID',
  RatioInvalid: 'RATIO_INVALID',
  DateInvalid: 'DATE_INVALID',
  CodeUnknown: 'CODE_UNKNOWN',
} as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Builds a reader whose errors carry the document kind's codes (prefix + generic suffix). */
export function jsonReader(prefix: string, make: ErrorFactory): JsonReader {
  const fail = (code: string, field: string, problem: string, fix: string): never => {
    throw new JsonInvalid(make(`${prefix}_${code}`, field, problem, fix));
  };
  const r: JsonReader = {
    fail,
    object(value, field, allowed) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return fail(JsonCode.FieldInvalid, field, '应为 JSON 对象', '请按文档填写该对象');
      }
      const o = value as Record<string, unknown>;
      const unknown = allowed
        ? Object.keys(o).find((k) => !k.startsWith('$') && !allowed.includes(k))
        : undefined;
      if (unknown !== undefined) {
        return fail(
          JsonCode.FieldInvalid,
          `${field}.${unknown}`,
          '不是可识别的字段',
          `可用字段：${allowed?.join('、')}`,
        );
      }
      return o;
    },
    string(value, field) {
      if (typeof value !== 'string' || value.trim() === '') {
        return fail(JsonCode.FieldInvalid, field, '缺失或不是非空字符串', '请填写该字段');
      }
      return value;
    },
    optionalString(value, field) {
      return value === undefined || value === null ? undefined : r.string(value, field);
    },
    boolean(value, field) {
      if (typeof value !== 'boolean') {
        return fail(JsonCode.FieldInvalid, field, '应为 true 或 false', '请填写布尔值');
      }
      return value;
    },
    integer(value, field, min, max, code) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
        return fail(
          code,
          field,
          `应为 ${min} 到 ${max} 之间的整数，实际为 ${JSON.stringify(value)}`,
          '请改为整数',
        );
      }
      return value;
    },
    fen(value, field) {
      // 15 digits keep every amount exact in JSON and leave room below 2^53 for sums.
      return r.integer(value, field, 0, 999_999_999_999_999, JsonCode.AmountInvalid);
    },
    ratioBp(value, field) {
      return r.integer(value, field, 0, 10_000, JsonCode.RatioInvalid);
    },
    date(value, field) {
      if (typeof value !== 'string' || !isIsoDate(value)) {
        return fail(
          JsonCode.DateInvalid,
          field,
          `应为 YYYY-MM-DD 日期，实际为 ${JSON.stringify(value)}`,
          '请填写有效日期',
        );
      }
      return value;
    },
    oneOf(value, field, allowed) {
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        return fail(
          JsonCode.CodeUnknown,
          field,
          `取值 ${JSON.stringify(value)} 不在代码表中`,
          `可选值：${allowed.join('、')}`,
        );
      }
      return value as (typeof allowed)[number];
    },
    array(value, field) {
      if (!Array.isArray(value)) {
        return fail(JsonCode.FieldInvalid, field, '应为 JSON 数组', '请填写数组');
      }
      return value;
    },
  };
  return r;
}

/** Runs a document reader and converts a thrown JsonInvalid into an error value. */
export function readDocument<T>(read: () => T): Result<T> {
  try {
    return ok(read());
  } catch (e) {
    if (e instanceof JsonInvalid) return err(e.error);
    throw e;
  }
}
