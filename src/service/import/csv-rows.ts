/**
 * CSV → row objects, streamed: csv-parse reads the input record by record, so a 100k-row file is never
 * held as text and as parsed arrays at once. Cells are text; each is turned into the JSON type its
 * schema property expects (booleans, `|`-separated lists), and an empty cell means "not given".
 */
import { Readable } from 'node:stream';
import type { TObject } from '@sinclair/typebox';
import { type CsvError, parse } from 'csv-parse';
import type { IssueList } from './issues.ts';

export interface CsvRow {
  /** 1-based data row (header excluded). */
  readonly row: number;
  /** Physical line where the record ends. */
  readonly line: number;
  readonly value: Record<string, unknown>;
}

const TRUE_TEXTS = new Set(['true', 'TRUE', 'True', '1', '是', 'Y', 'y']);
const FALSE_TEXTS = new Set(['false', 'FALSE', 'False', '0', '否', 'N', 'n']);

type CellType = 'boolean' | 'array' | 'text';

function cellTypes(schema: TObject): Map<string, CellType> {
  const types = new Map<string, CellType>();
  for (const [name, property] of Object.entries(schema.properties)) {
    const type = (property as { type?: unknown }).type;
    types.set(name, type === 'boolean' ? 'boolean' : type === 'array' ? 'array' : 'text');
  }
  return types;
}

function cellValue(cell: string, type: CellType): unknown {
  if (type === 'boolean') {
    if (TRUE_TEXTS.has(cell)) return true;
    if (FALSE_TEXTS.has(cell)) return false;
    return cell; // left as text: the schema reports it as "应为 true 或 false"
  }
  if (type === 'array') return cell.split('|').map((part) => part.trim());
  return cell;
}

const CSV_FAULTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
  CSV_INVALID_CLOSING_QUOTE: '引号闭合后紧跟了其他字符',
  INVALID_OPENING_QUOTE: '字段中间出现了引号，请用两个双引号 "" 表示引号',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号闭合后紧跟了其他字符',
};

function checkHeader(header: readonly string[], schema: TObject, issues: IssueList): void {
  const known = new Set(Object.keys(schema.properties));
  const seen = new Set<string>();
  for (const column of header) {
    if (column === '') issues.add(0, '', '表头中有空的列名，请删除空列或补上列名');
    else if (!known.has(column))
      issues.add(0, column, `表头中的列 ${column} 不是本类数据的字段，请删除或检查拼写`);
    else if (seen.has(column)) issues.add(0, column, `表头中的列 ${column} 出现了两次`);
    seen.add(column);
  }
  for (const required of schema.required ?? []) {
    if (!seen.has(required)) issues.add(0, required, `表头缺少必填列 ${required}`);
  }
}

/**
 * Yields the data rows of a CSV input. Header problems and malformed CSV are reported on row 0 (the
 * file as a whole) and end the iteration: nothing after them can be read reliably.
 */
export async function* readCsvRows(
  input: string | Readable,
  schema: TObject,
  issues: IssueList,
): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const source = typeof input === 'string' ? Readable.from([input]) : input;
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  const types = cellTypes(schema);
  let header: string[] | undefined;
  let row = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = record.map((c) => c.trim());
        checkHeader(header, schema, issues);
        if (!issues.empty) return;
        continue;
      }
      row++;
      if (record.length !== header.length) {
        issues.add(
          row,
          '',
          `这一行有 ${record.length} 列，与表头的 ${header.length} 列不一致（逗号或引号可能有误）`,
          info.lines,
        );
        continue;
      }
      const value: Record<string, unknown> = {};
      header.forEach((column, i) => {
        const cell = record[i] ?? '';
        const type = types.get(column) ?? 'text';
        // An empty list cell is an empty list; any other empty cell means "not given".
        if (cell !== '') value[column] = cellValue(cell, type);
        else if (type === 'array') value[column] = [];
      });
      yield { row, line: info.lines, value };
    }
  } catch (e) {
    const csvError = e as Partial<CsvError> & { lines?: number };
    if (
      typeof csvError.code !== 'string' ||
      (!csvError.code.startsWith('CSV') && !(csvError.code in CSV_FAULTS))
    ) {
      throw e;
    }
    const fault = CSV_FAULTS[csvError.code] ?? `无法按 CSV 读取（${csvError.code}）`;
    issues.add(
      0,
      '',
      `CSV 格式错误，第 ${csvError.lines ?? '?'} 行${fault}；之后的内容无法读取`,
      csvError.lines,
    );
    return;
  } finally {
    source.unpipe(parser);
    if (typeof input !== 'string') source.destroy();
  }
  if (header === undefined) issues.add(0, '', '文件是空的：CSV 的第一行应为表头（字段名），其后每行一条数据');
}
