/**
 * The institution web view's national-format bits: the detail list an institution uploads for 对明细账
 * (3202 field names, CSV with a header row or JSON), read into the domain's DetailRecord; and a logged
 * national answer (message log) summed up as success or failure with its err_msg.
 *
 * Columns (national names, amounts in yuan with at most two decimals, refunds negative):
 * setl_id (required), mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag (0/1,
 * default 0). JSON: an array of such objects, or {"data": [...]}.
 */
import type { DetailRecord } from '../core/clearing/index.ts';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, parseYuan } from '../core/money/index.ts';
import { CONTRACTS } from './contracts/index.ts';

export const DETAIL_LIST_MAX_ROWS = 20_000;
export const DETAIL_LIST_COLUMNS = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'refd_setl_flag',
] as const;

function listError(message: string, field = 'items'): Result<never> {
  return err(domainError('RECONCILIATION_LIST_INVALID', message, { field, ruleId: 'R-S3' }));
}

/** One CSV line into cells: commas, double-quoted cells with "" for a quote. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function csvRows(text: string): Result<Record<string, unknown>[]> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0];
  if (header === undefined)
    return listError('明细文件为空：第一行应为列名，如 setl_id,mdtrt_id,psn_no,medfee_sumamt,…');
  const names = csvCells(header).map((n) => n.toLowerCase());
  if (!names.includes('setl_id')) {
    return listError(
      `明细文件第一行缺少列名 setl_id：请以 ${DETAIL_LIST_COLUMNS.join(',')} 作为第一行（逗号分隔）。`,
    );
  }
  return ok(
    lines.slice(1).map((line) => {
      const cells = csvCells(line);
      return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
    }),
  );
}

function jsonRows(text: string): Result<Record<string, unknown>[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return listError(
      '明细文件不是有效的 JSON：请上传结算明细数组，如 [{"setl_id":"…","medfee_sumamt":"12.30",…}]。',
    );
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    return listError('JSON 明细应为对象数组（或 {"data": [...]}），每个对象一笔结算。');
  }
  return ok(rows as Record<string, unknown>[]);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

function amount(row: Record<string, unknown>, field: string, line: number): Result<Fen> {
  const raw = text(row[field]);
  const parsed = parseYuan(raw === '' ? '0' : raw, field);
  if (parsed.ok) return parsed;
  return err({ ...parsed.error, message: `第 ${line} 行 ${field}：${parsed.error.message}` } as DomainError);
}

/** The uploaded detail list as domain records; the first bad row is refused with its line and field. */
export function readDetailList(format: 'csv' | 'json', content: string): Result<DetailRecord[]> {
  const rows = format === 'csv' ? csvRows(content) : jsonRows(content);
  if (!rows.ok) return rows;
  if (rows.value.length === 0) return listError('明细文件没有数据行：请至少列出一笔结算（setl_id）。');
  if (rows.value.length > DETAIL_LIST_MAX_ROWS) {
    return listError(`明细最多 ${DETAIL_LIST_MAX_ROWS} 行，请按日期分批对账。`);
  }
  const records: DetailRecord[] = [];
  for (const [index, row] of rows.value.entries()) {
    // CSV data starts on line 2 (after the header); JSON counts objects from 1.
    const line = format === 'csv' ? index + 2 : index + 1;
    const settlementId = text(row.setl_id);
    if (!/^\S{1,30}$/.test(settlementId)) {
      return listError(`第 ${line} 行 setl_id 为空或超过 30 位：每行须填写平台返回的结算ID。`, 'setl_id');
    }
    const flag = text(row.refd_setl_flag);
    if (flag !== '' && flag !== '0' && flag !== '1') {
      return listError(`第 ${line} 行 refd_setl_flag 只能为 0（结算）或 1（退费）。`, 'refd_setl_flag');
    }
    const medical = amount(row, 'medfee_sumamt', line);
    if (!medical.ok) return medical;
    const fund = amount(row, 'fund_pay_sumamt', line);
    if (!fund.ok) return fund;
    const account = amount(row, 'acct_pay', line);
    if (!account.ok) return account;
    records.push({
      settlementId,
      visitId: text(row.mdtrt_id),
      psnNo: text(row.psn_no),
      medicalTotalFen: medical.value,
      fundPayFen: fund.value,
      accountPayFen: account.value,
      refund: flag === '1',
    });
  }
  return ok(records);
}

export interface LoggedAnswer {
  /** null while the message had no stored answer. */
  readonly succeeded: boolean | null;
  /** The stable code of a refusal (from err_msg "[CODE] …"). */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** A stored national answer summed up: infcode 0 = success, else the refusal's err_msg. */
export function readLoggedAnswer(response: string | null): LoggedAnswer {
  if (response === null) return { succeeded: null, errorCode: null, errorMessage: null };
  try {
    const body = JSON.parse(response) as { infcode?: unknown; err_msg?: unknown };
    if (body.infcode === 0) return { succeeded: true, errorCode: null, errorMessage: null };
    const message = typeof body.err_msg === 'string' ? body.err_msg : null;
    const code = message === null ? null : (/^\[([A-Z0-9_]+)\]/.exec(message)?.[1] ?? null);
    return { succeeded: false, errorCode: code, errorMessage: message };
  } catch {
    return { succeeded: null, errorCode: null, errorMessage: null };
  }
}

/** 交易名称 of an infno (null for one this platform does not implement). */
export function transactionName(infno: string): string | null {
  return CONTRACTS.get(infno)?.nameZh ?? null;
}
