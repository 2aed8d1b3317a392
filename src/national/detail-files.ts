/**
 * The 3202 对明细账 files (digest §2.1 【3202】): the institution's detail file (输入文件, uploaded
 * by 9101) and the platform's result file (输出文件, downloaded by 9102), both TXT in a ZIP.
 *
 * Input columns: setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag
 * (amounts in yuan, refunds negative; a first line naming the columns is skipped).
 * Result columns: psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo, medfee_sumamt,
 * fund_pay_sumamt, acct_pay — one line per difference (stmt_rslt 1 不平), the platform's figures where
 * the platform has the settlement, memo saying what differs and what to do.
 */
import type { DetailDifference, DetailReconciliation, DetailRecord } from '../core/clearing/index.ts';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, formatYuan, parseYuan } from '../core/money/index.ts';
import { DETAIL_LIST_COLUMNS, DETAIL_LIST_MAX_ROWS } from './institution-files.ts';
import { readZipTexts, tabLine, tabRows, writeZipText } from './zip.ts';

export const RESULT_FILE_COLUMNS = [
  'psn_no',
  'mdtrt_id',
  'setl_id',
  'msgid',
  'stmt_rslt',
  'refd_setl_flag',
  'memo',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
] as const;

const fileInvalid = (where: string, message: string, field: string): DomainError =>
  domainError('RECONCILIATION_FILE_INVALID', `明细对账文件 ${where}：${message}`, { field, ruleId: 'R-S3' });

function amount(cells: string[], index: number, field: string, where: string): Result<Fen> {
  const raw = cells[index] ?? '';
  const parsed = parseYuan(raw === '' ? '0' : raw, field);
  if (parsed.ok) return parsed;
  return err(fileInvalid(where, `${field}（第 ${index + 1} 列）${parsed.error.message}`, field));
}

/** The uploaded detail ZIP as domain records; the first bad line is refused with its file, line and column. */
export async function readDetailFile(content: Uint8Array): Promise<Result<DetailRecord[]>> {
  const texts = await readZipTexts(content);
  if (!texts.ok) return texts;
  const records: DetailRecord[] = [];
  for (const file of texts.value) {
    for (const { line, cells } of tabRows(file.text)) {
      if (line === 1 && cells[0]?.toLowerCase() === 'setl_id') continue;
      const where = `${file.name} 第 ${line} 行`;
      if (cells.length < 6) {
        return err(
          fileInvalid(
            where,
            `应有 ${DETAIL_LIST_COLUMNS.length} 列（${DETAIL_LIST_COLUMNS.join('、')}，TAB 分隔），实际 ${cells.length} 列`,
            'setl_id',
          ),
        );
      }
      const settlementId = cells[0] ?? '';
      if (!/^\S{1,30}$/.test(settlementId)) {
        return err(
          fileInvalid(where, '结算ID setl_id 为空或超过 30 位，每行须填写平台返回的结算ID', 'setl_id'),
        );
      }
      const flag = cells[6] ?? '';
      if (flag !== '' && flag !== '0' && flag !== '1') {
        return err(
          fileInvalid(where, `退费结算标志 refd_setl_flag 只能为 0 或 1，当前为 “${flag}”`, 'refd_setl_flag'),
        );
      }
      const medical = amount(cells, 3, 'medfee_sumamt', where);
      if (!medical.ok) return medical;
      const fund = amount(cells, 4, 'fund_pay_sumamt', where);
      if (!fund.ok) return fund;
      const account = amount(cells, 5, 'acct_pay', where);
      if (!account.ok) return account;
      records.push({
        settlementId,
        visitId: cells[1] ?? '',
        psnNo: cells[2] ?? '',
        medicalTotalFen: medical.value,
        fundPayFen: fund.value,
        accountPayFen: account.value,
        refund: flag === '1',
      });
      if (records.length > DETAIL_LIST_MAX_ROWS) {
        return err(
          fileInvalid(where, `明细最多 ${DETAIL_LIST_MAX_ROWS} 行，请按日期分批对账`, 'fixmedins_setl_cnt'),
        );
      }
    }
  }
  if (records.length === 0) {
    return err(fileInvalid('内容', '没有数据行，请至少列出一笔结算（setl_id）', 'setl_id'));
  }
  return ok(records);
}

function resultLine(d: DetailDifference): string {
  const record = d.platform ?? d.institution;
  return tabLine([
    record?.psnNo ?? null,
    record?.visitId ?? null,
    d.settlementId,
    d.platform?.msgid ?? null,
    '1',
    record?.refund ? '1' : '0',
    d.message,
    record ? formatYuan(record.medicalTotalFen) : null,
    record ? formatYuan(record.fundPayFen) : null,
    record ? formatYuan(record.accountPayFen) : null,
  ]);
}

/** The result file: a ZIP holding `<name>.txt`, one line per difference (none when balanced). */
export async function writeResultFile(
  reconciliation: DetailReconciliation,
  baseName: string,
  at: Date,
): Promise<{ fileName: string; content: Uint8Array }> {
  const text = reconciliation.differences.map((d) => `${resultLine(d)}\r\n`).join('');
  return { fileName: `${baseName}.zip`, content: await writeZipText(`${baseName}.txt`, text, at) };
}
