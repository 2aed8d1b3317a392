/**
 * Reading a transaction's input nodes: required and optional texts, codes, yuan amounts (→ fen),
 * quantities, flags and date-times, each failure a coded Chinese message naming the national field.
 * Readers throw an InputProblem internally; `readInput` turns the first one into a Result value.
 */
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, parseQuantity, parseYuan, type Quantity } from '../core/money/index.ts';
import { absent } from './envelope.ts';

class InputProblem {
  constructor(readonly error: DomainError) {}
}

function problem(code: string, message: string, field: string): never {
  throw new InputProblem(domainError(code, message, { field }));
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const COMPACT_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validCalendar(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export class NodeReader {
  constructor(
    readonly node: Readonly<Record<string, unknown>>,
    /** Where the node sits, for messages: 'input.data', 'input.feedetail[2]'. */
    readonly where: string,
  ) {}

  private label(field: string): string {
    return `${this.where}.${field}`;
  }

  has(field: string): boolean {
    return !absent(this.node[field]);
  }

  /** A required text (numbers are accepted and turned into text). */
  text(field: string, nameZh: string, maxLength = 200): string {
    const value = this.optionalText(field, nameZh, maxLength);
    if (value === null) {
      problem(
        'FIELD_REQUIRED',
        `缺少必填字段 ${nameZh} ${field}（${this.label(field)}），请补充后重试。`,
        field,
      );
    }
    return value;
  }

  optionalText(field: string, nameZh: string, maxLength = 4000): string | null {
    const value = this.node[field];
    if (absent(value)) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      problem(
        'FIELD_INVALID',
        `字段 ${nameZh} ${field}（${this.label(field)}）应为文本，请按接口规范填写。`,
        field,
      );
    }
    if (value.length > maxLength) {
      problem('FIELD_TOO_LONG', `字段 ${nameZh} ${field} 超过 ${maxLength} 个字符，请缩短后重试。`, field);
    }
    return value;
  }

  /** A required code from a closed list (e.g. mdtrt_cert_type 01/02/03). */
  code<T extends string>(field: string, nameZh: string, allowed: readonly T[]): T {
    const value = this.text(field, nameZh, 10);
    if (!(allowed as readonly string[]).includes(value)) {
      problem(
        'CODE_INVALID',
        `字段 ${nameZh} ${field} 的值 “${value}” 不在代码表中，可用值：${allowed.join('、')}。`,
        field,
      );
    }
    return value as T;
  }

  /** A 0/1 flag; absent means `fallback`. */
  flag(field: string, nameZh: string, fallback: boolean): boolean {
    const value = this.optionalText(field, nameZh, 2);
    if (value === null) return fallback;
    if (value !== '0' && value !== '1' && value !== '2') {
      problem('CODE_INVALID', `字段 ${nameZh} ${field} 只能填 0 或 1，当前为 “${value}”。`, field);
    }
    return value !== '0';
  }

  /** A yuan amount (N16,2) as a JSON number or text → fen. */
  yuan(field: string, nameZh: string): Fen {
    const value = this.node[field];
    if (absent(value)) {
      problem(
        'FIELD_REQUIRED',
        `缺少必填金额 ${nameZh} ${field}（${this.label(field)}），请以元为单位填写，如 12.30。`,
        field,
      );
    }
    return this.parseAmount(field, nameZh, value);
  }

  optionalYuan(field: string, nameZh: string): Fen | null {
    const value = this.node[field];
    return absent(value) ? null : this.parseAmount(field, nameZh, value);
  }

  /**
   * A unit price (pric, N16,6). Amounts are kept in fen, so a price must be whole fen; trailing zeros
   * after the second decimal (4.520000) are accepted.
   */
  price(field: string, nameZh: string): Fen {
    const value = this.node[field];
    if (absent(value))
      problem('FIELD_REQUIRED', `缺少必填字段 ${nameZh} ${field}（${this.label(field)}）。`, field);
    const asText = typeof value === 'number' ? String(value) : value;
    const trimmed = typeof asText === 'string' ? asText.replace(/^(-?\d+\.\d{2})0+$/, '$1') : asText;
    return this.parseAmount(field, nameZh, trimmed);
  }

  private parseAmount(field: string, nameZh: string, value: unknown): Fen {
    const parsed = parseYuan(value, field);
    if (!parsed.ok) problem(parsed.error.code, `${nameZh}：${parsed.error.message}`, field);
    return parsed.value;
  }

  quantity(field: string, nameZh: string): Quantity {
    const value = this.node[field];
    if (absent(value))
      problem('FIELD_REQUIRED', `缺少必填字段 ${nameZh} ${field}（${this.label(field)}）。`, field);
    const parsed = parseQuantity(value, field);
    if (!parsed.ok) problem(parsed.error.code, `${nameZh}：${parsed.error.message}`, field);
    return parsed.value;
  }

  /** 'yyyy-MM-dd HH:mm:ss' (also the 14-digit compact form one client sends) → 'yyyy-MM-dd HH:mm:ss'. */
  dateTime(field: string, nameZh: string): string {
    const value = this.optionalDateTime(field, nameZh);
    if (value === null) {
      problem(
        'FIELD_REQUIRED',
        `缺少必填时间 ${nameZh} ${field}（${this.label(field)}），格式 yyyy-MM-dd HH:mm:ss。`,
        field,
      );
    }
    return value;
  }

  optionalDateTime(field: string, nameZh: string): string | null {
    const value = this.optionalText(field, nameZh, 19);
    if (value === null) return null;
    const m = DATE_TIME.exec(value) ?? COMPACT_DATE_TIME.exec(value);
    if (
      m === null ||
      !validCalendar(Number(m[1]), Number(m[2]), Number(m[3])) ||
      Number(m[4]) > 23 ||
      Number(m[5]) > 59 ||
      Number(m[6]) > 59
    ) {
      problem(
        'DATETIME_INVALID',
        `字段 ${nameZh} ${field} 的值 “${value}” 不是有效的日期时间，格式应为 yyyy-MM-dd HH:mm:ss。`,
        field,
      );
    }
    return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
  }

  optionalDate(field: string, nameZh: string): string | null {
    const value = this.optionalText(field, nameZh, 19);
    if (value === null) return null;
    const day = value.slice(0, 10);
    if (
      !DATE.test(day) ||
      !validCalendar(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
    ) {
      problem(
        'DATE_INVALID',
        `字段 ${nameZh} ${field} 的值 “${value}” 不是有效日期，格式应为 yyyy-MM-dd。`,
        field,
      );
    }
    return day;
  }

  /**
   * exp_content: a JSON string (sometimes an object) of province extension keys. Unparseable text is
   * an error, since the flags in it change the benefit (TRUM_FLAG, IPT_TYPE, OTP_ER_REFL_FLAG).
   */
  extensions(field = 'exp_content'): Readonly<Record<string, unknown>> {
    const value = this.node[field];
    if (absent(value)) return {};
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    if (typeof value === 'string') {
      try {
        const parsed = JSON.parse(value) as unknown;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          return parsed as Record<string, unknown>;
        }
      } catch {
        // fall through to the coded error below
      }
    }
    problem(
      'FIELD_INVALID',
      `字段扩展 ${field} 须为 JSON 对象文本，如 "{\\"TRUM_FLAG\\":\\"1\\",\\"REL_TTP_FLAG\\":\\"0\\"}"，请检查引号与转义。`,
      field,
    );
  }
}

/** The node object under `name`; a one-element array is accepted for an object node. */
export function objectNode(input: Readonly<Record<string, unknown>>, name: string): NodeReader {
  let value = input[name];
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problem(
      'NODE_REQUIRED',
      `缺少输入节点 input.${name}（应为 JSON 对象），请按接口规范组织交易输入。`,
      name,
    );
  }
  return new NodeReader(value as Record<string, unknown>, `input.${name}`);
}

/** The rows of a multi-row node; a single object is accepted as one row. */
export function rowsNode(
  input: Readonly<Record<string, unknown>>,
  name: string,
  options: { required: boolean; maxRows?: number },
): NodeReader[] {
  const value = input[name];
  if (absent(value)) {
    if (options.required) {
      problem('NODE_REQUIRED', `缺少输入节点 input.${name}（应为数组），请至少提供一行。`, name);
    }
    return [];
  }
  const rows = Array.isArray(value) ? value : [value];
  if (options.required && rows.length === 0) {
    problem('NODE_REQUIRED', `输入节点 input.${name} 为空，请至少提供一行。`, name);
  }
  if (options.maxRows !== undefined && rows.length > options.maxRows) {
    problem('TOO_MANY_ROWS', `输入节点 input.${name} 超过 ${options.maxRows} 行，请分批上传。`, name);
  }
  return rows.map((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      problem('FIELD_INVALID', `输入节点 input.${name} 第 ${i + 1} 行不是 JSON 对象。`, name);
    }
    return new NodeReader(row as Record<string, unknown>, `input.${name}[${i}]`);
  });
}

/** Refuses the input from a contract's own check (a value the reader accepts but the contract cannot serve). */
export function refuseInput(code: string, message: string, field: string): never {
  problem(code, message, field);
}

/** Runs a reader function; the first problem becomes the error value. Other exceptions propagate. */
export function readInput<T>(read: () => T): Result<T> {
  try {
    return ok(read());
  } catch (e) {
    if (e instanceof InputProblem) return err(e.error);
    throw e;
  }
}
