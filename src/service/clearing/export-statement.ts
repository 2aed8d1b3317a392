/**
 * Statement exports: XLSX (exceljs: a summary sheet of lines and a detail sheet of every settlement)
 * and CSV (csv-stringify: one row per settlement, then a total row). Amounts are yuan with two
 * decimals, computed from integer fen; the detail's total row equals the statement total to the fen.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type DrillDownRow, fundTypeName } from '../../core/clearing/index.ts';
import type { Result } from '../../core/errors.ts';
import { ok } from '../../core/errors.ts';
import { type Fen, fen, fenToYuanNumber, formatYuan } from '../../core/money/index.ts';
import type { AppContext } from '../context.ts';
import { allStatementSettlements } from './drill-down.ts';
import { getStatement, type StatementView } from './queries.ts';

const STATE_NAMES = { pending: '待确认', confirmed: '已确认', disputed: '有争议' } as const;

function detailHeader(statement: StatementView): string[] {
  return [
    '结算ID',
    '就诊ID',
    '人员编号',
    '定点医药机构',
    '结算时间',
    '类型',
    '跨期调整',
    '医疗费总额',
    ...statement.lines.map((l) => `${fundTypeName(l.fundType)}(${l.fundType})`),
    '清算金额',
  ];
}

function detailCells(statement: StatementView, row: DrillDownRow): (string | Fen)[] {
  return [
    row.settlementId,
    row.visitId,
    row.psnNo,
    row.institutionCode,
    row.settledAt,
    row.kind === 'reversal' ? '退费' : '结算',
    row.adjustment ? '是' : '否',
    row.medicalTotalFen,
    ...statement.lines.map((l) => row.amountsFen[l.fundType] ?? fen(0)),
    row.clearingFen,
  ];
}

function totalCells(statement: StatementView): (string | Fen)[] {
  return [
    '合计',
    '',
    '',
    '',
    '',
    `${statement.settlementCount}笔`,
    `${statement.adjustmentCount}笔`,
    fen(statement.medicalTotalFen),
    ...statement.lines.map((l) => l.amountFen),
    fen(statement.totalFen),
  ];
}

function title(statement: StatementView): string {
  return `清算单 ${statement.statementId}（${statement.period}，参保地 ${statement.insuredRegionCode} → 就医地 ${statement.treatmentRegionCode}，${STATE_NAMES[statement.state]}）`;
}

export async function statementCsv(ctx: AppContext, statementId: string): Promise<Result<string>> {
  const found = await getStatement(ctx, statementId);
  if (!found.ok) return found;
  const statement = found.value;
  const yuan = (cells: (string | Fen)[]) => cells.map((c) => (typeof c === 'number' ? formatYuan(c) : c));
  const records: string[][] = [detailHeader(statement)];
  for await (const row of allStatementSettlements(ctx, statement))
    records.push(yuan(detailCells(statement, row)));
  records.push(yuan(totalCells(statement)));
  // The BOM lets spreadsheet programs on Chinese Windows read the UTF-8 text correctly.
  return ok(`\ufeff${stringify(records)}`);
}

export async function statementXlsx(ctx: AppContext, statementId: string): Promise<Result<Buffer>> {
  const found = await getStatement(ctx, statementId);
  if (!found.ok) return found;
  const statement = found.value;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yibao';
  const money = '#,##0.00';

  const summary = workbook.addWorksheet('清算单汇总');
  summary.addRow([title(statement)]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['基金类型代码', '基金类型', '清算金额（元）', '其中跨期调整（元）', '笔数']).font = {
    bold: true,
  };
  for (const l of statement.lines) {
    summary.addRow([
      l.fundType,
      fundTypeName(l.fundType),
      fenToYuanNumber(l.amountFen),
      fenToYuanNumber(l.adjustmentFen),
      l.rowCount,
    ]);
  }
  summary.addRow([
    '',
    '合计',
    fenToYuanNumber(fen(statement.totalFen)),
    fenToYuanNumber(fen(statement.adjustmentFen)),
    statement.settlementCount,
  ]).font = { bold: true };
  summary.getColumn(3).numFmt = money;
  summary.getColumn(4).numFmt = money;
  summary.columns.forEach((c, i) => {
    c.width = i === 1 ? 30 : 18;
  });

  const detail = workbook.addWorksheet('结算明细');
  detail.addRow(detailHeader(statement)).font = { bold: true };
  const asNumbers = (cells: (string | Fen)[]) =>
    cells.map((c) => (typeof c === 'number' ? fenToYuanNumber(c) : c));
  for await (const row of allStatementSettlements(ctx, statement))
    detail.addRow(asNumbers(detailCells(statement, row)));
  detail.addRow(asNumbers(totalCells(statement))).font = { bold: true };
  for (let i = 8; i <= 9 + statement.lines.length; i++) detail.getColumn(i).numFmt = money;
  detail.columns.forEach((c) => {
    c.width = 18;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return ok(Buffer.from(buffer));
}
