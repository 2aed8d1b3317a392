/**
 * Phase 1 of an import, before any database access: read the file (JSON whole, CSV streamed), validate
 * every row — shape by JSON Schema, meaning by the kind's checks — and find duplicates in the file.
 * The result is either every row as a store record, or the list of problems.
 */
import type { Readable } from 'node:stream';
import { err, ok, type Result } from '../../core/errors.ts';
import { readCsvRows } from './csv-rows.ts';
import { IssueList, type RowIssue } from './issues.ts';
import { KIND_SPECS } from './kinds/index.ts';
import { ROW_SCHEMAS } from './schemas.ts';
import {
  IMPORT_KINDS,
  ImportErrorCode,
  type ImportFormat,
  type ImportKind,
  type ImportRejection,
  isImportKind,
} from './types.ts';
import { validateRowShape } from './validate-row.ts';

export interface ImportInput {
  /** Required for CSV; for JSON it may come from the document's own `kind`. */
  readonly kind?: ImportKind | undefined;
  readonly format: ImportFormat;
  /** JSON text or CSV text; a stream for big CSV files. */
  readonly content: string | Readable;
  /** Where the data came from (file name, upload id): kept in import_batches and named in messages. */
  readonly source: string;
}

/** A file whose every row is valid, as store records in file order, ready to be applied. */
export interface PreparedImport {
  readonly kind: ImportKind;
  readonly source: string;
  readonly records: readonly unknown[];
  /** The user-facing row number of each record. */
  readonly rows: readonly number[];
}

export function rejection(code: ImportErrorCode, source: string, issues: IssueList): ImportRejection {
  const message =
    code === ImportErrorCode.Rejected
      ? `文件 ${source} 有 ${issues.count} 处错误，整个文件未导入（未写入任何数据）；请按行号和字段改正后重新导入`
      : `文件 ${source} 无法导入：${issues.items[0]?.reason ?? '无法读取'}`;
  return { code, message, issues: issues.items, issueCount: issues.count };
}

function unreadable(source: string, field: string, reason: string): ImportRejection {
  const issues = new IssueList();
  issues.add(0, field, reason);
  return rejection(ImportErrorCode.Unreadable, source, issues);
}

/** Validates rows one at a time and keeps what passed; duplicates are found by natural key. */
class RowCollector {
  readonly records: unknown[] = [];
  readonly rows: number[] = [];
  private readonly firstRowByKey = new Map<string, number>();

  constructor(
    private readonly kind: ImportKind,
    readonly issues: IssueList,
  ) {}

  add(row: number, value: unknown, line?: number): void {
    const spec = KIND_SPECS[this.kind];
    const issue: RowIssue = (field, reason) => this.issues.add(row, field, reason, line);
    if (!validateRowShape(this.kind, value, issue)) return;
    const record = spec.toRecord(value, issue);
    if (record === undefined) return;
    const key = spec.naturalKey(record);
    const seen = this.firstRowByKey.get(key);
    if (seen !== undefined) {
      issue(spec.keyField, `${spec.describeKey(record)}与本文件第 ${seen} 行重复，同一条数据只能出现一次`);
      return;
    }
    this.firstRowByKey.set(key, row);
    this.records.push(record);
    this.rows.push(row);
  }

  finish(source: string): Result<PreparedImport, ImportRejection> {
    if (this.issues.empty) KIND_SPECS[this.kind].fileChecks?.(this.records, this.rows, this.issues);
    if (!this.issues.empty) return err(rejection(ImportErrorCode.Rejected, source, this.issues));
    return ok({ kind: this.kind, source, records: this.records, rows: this.rows });
  }
}

async function readText(content: string | Readable): Promise<string> {
  if (typeof content === 'string') return content;
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function prepareJson(input: ImportInput): Promise<Result<PreparedImport, ImportRejection>> {
  let document: unknown;
  try {
    document = JSON.parse((await readText(input.content)).replace(/^\uFEFF/, ''));
  } catch (e) {
    return err(unreadable(input.source, '', `不是有效的 JSON：${(e as Error).message}`));
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return err(unreadable(input.source, '', 'JSON 文件应为对象：{ "kind": "数据类别", "rows": [ … ] }'));
  }
  const { kind: declared, rows, ...rest } = document as Record<string, unknown>;
  const extra = Object.keys(rest).filter((k) => k !== '$schema');
  if (extra.length > 0) {
    return err(
      unreadable(input.source, extra[0] ?? '', `文件顶层只能有 kind 和 rows，不能有 ${extra.join('、')}`),
    );
  }
  if (declared !== undefined && !isImportKind(declared)) {
    return err(unreadable(input.source, 'kind', `数据类别 kind 只能是 ${IMPORT_KINDS.join('、')} 之一`));
  }
  if (input.kind !== undefined && declared !== undefined && declared !== input.kind) {
    return err(
      unreadable(input.source, 'kind', `文件声明的数据类别 ${declared} 与指定的 ${input.kind} 不一致`),
    );
  }
  const kind = input.kind ?? declared;
  if (kind === undefined) {
    return err(
      unreadable(input.source, 'kind', `缺少数据类别：请在文件中写 "kind"（${IMPORT_KINDS.join('、')}）`),
    );
  }
  if (!Array.isArray(rows)) {
    return err(unreadable(input.source, 'rows', 'rows 应为数组，每个元素是一行数据'));
  }
  const collector = new RowCollector(kind, new IssueList());
  rows.forEach((value, index) => {
    collector.add(index + 1, value);
  });
  return collector.finish(input.source);
}

async function prepareCsv(input: ImportInput): Promise<Result<PreparedImport, ImportRejection>> {
  const kind = input.kind;
  if (kind === undefined) {
    return err(
      unreadable(
        input.source,
        '',
        `CSV 文件需要指定数据类别（${IMPORT_KINDS.join('、')}），或用类别作文件名开头，如 catalog-340100.csv`,
      ),
    );
  }
  if (!KIND_SPECS[kind].csv) {
    return err(
      unreadable(input.source, '', `${KIND_SPECS[kind].title}（${kind}）含嵌套结构，只能用 JSON 格式导入`),
    );
  }
  const collector = new RowCollector(kind, new IssueList());
  for await (const { row, line, value } of readCsvRows(input.content, ROW_SCHEMAS[kind], collector.issues)) {
    collector.add(row, value, line);
  }
  return collector.finish(input.source);
}

/** Phase 1: read and validate the whole input; no database access. */
export function prepareImport(input: ImportInput): Promise<Result<PreparedImport, ImportRejection>> {
  return input.format === 'json' ? prepareJson(input) : prepareCsv(input);
}
