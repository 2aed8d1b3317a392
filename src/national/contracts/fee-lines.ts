/** Fee details: 2204/2205 outpatient, 2301/2302 inpatient upload and revocation. */
import type { LineSplit } from '../../core/catalog/index.ts';
import type { Fen } from '../../core/money/index.ts';
import type { CatalogKind } from '../../core/reference/codes.ts';
import {
  type LinePrescription,
  revokeUploadedFeeLines,
  type SplitLineResult,
  type UploadedLine,
  uploadFeeLines,
} from '../../service/his/fee-lines.ts';
import { defineContract } from '../contract.ts';
import { NodeReader, objectNode, rowsNode } from '../input-reader.ts';
import { yuan } from './common.ts';

/**
 * 处方 (R-C2): rxno 处方号 and rx_circ_flag 外购处方标志 (1 = the prescription came from another
 * institution, 0 = issued here). The feedetail has no field for the issuing institution or the issue
 * date, so they ride in the line's exp_content, by this platform's documented convention (docs/chronic.md):
 * `{"rx_fixmedins_code": "H42010000001", "rx_prsc_date": "2026-05-01"}`. Both optional.
 */
function readPrescription(row: NodeReader): LinePrescription | null {
  const circulated = row.has('rx_circ_flag') ? row.flag('rx_circ_flag', '外购处方标志', false) : null;
  const no = row.optionalText('rxno', '处方号', 30);
  if (no === null) return null;
  // Read only with a prescription: lines without one keep whatever exp_content they carried, unread.
  const ext = new NodeReader(row.extensions(), `${row.where}.exp_content`);
  const issuerInstitutionCode = ext.optionalText('rx_fixmedins_code', '开方定点医疗机构编号', 30);
  const issuedOn = ext.optionalDate('rx_prsc_date', '处方开具日期');
  return { no, circulated, issuerInstitutionCode, issuedOn };
}

function readLine(row: NodeReader, batchFallback: string): UploadedLine {
  const diseaseCode = row.optionalText('dise_codg', '病种编码', 30);
  const itemName = row.optionalText('medins_list_name', '医药机构目录名称', 200);
  const prescription = readPrescription(row);
  return {
    lineNo: row.text('feedetl_sn', '费用明细流水号', 30),
    visitId: row.text('mdtrt_id', '就诊ID', 30),
    psnNo: row.text('psn_no', '人员编号', 30),
    batchNo: row.optionalText('chrg_bchno', '收费批次号', 30) ?? batchFallback,
    itemCode: row.text('med_list_codg', '医疗目录编码', 50),
    institutionItemCode: row.optionalText('medins_list_codg', '医药机构目录编码', 150) ?? '',
    ...(itemName === null ? {} : { itemName }),
    unitPriceFen: row.price('pric', '单价'),
    quantity: row.quantity('cnt', '数量'),
    amountFen: row.yuan('det_item_fee_sumamt', '明细项目费用总额'),
    ...(diseaseCode === null ? {} : { diseaseCode }),
    prescriptionNo: prescription?.no ?? row.optionalText('drord_no', '医嘱号', 30),
    prescription,
    feeTime: row.dateTime('fee_ocur_time', '费用发生时间'),
  };
}

/**
 * One output row of §2.1 2204 `result`: a line with its split by the treatment region's catalog. Also
 * the line rows of the yibao extension 2210 (contracts/unsettled-upload.ts).
 */
export function splitResultRow(
  line: { readonly lineNo: string; readonly quantity: number; readonly unitPriceFen: Fen },
  split: LineSplit,
  itemKind: CatalogKind | undefined,
) {
  return {
    feedetl_sn: line.lineNo,
    det_item_fee_sumamt: yuan(split.amountFen),
    cnt: line.quantity / 10_000,
    pric: yuan(line.unitPriceFen),
    pric_uplmt_amt: split.priceLimitFen === null ? 999999 : yuan(split.priceLimitFen),
    selfpay_prop:
      split.catalogClass === '03' || split.catalogClass === null ? 1 : split.copayRatioBp / 10_000,
    fulamt_ownpay_amt: yuan(split.fullOwnPayFen),
    overlmt_amt: yuan(split.overLimitFen),
    preselfpay_amt: yuan(split.classBCopayFen),
    inscp_scp_amt: yuan(split.inScopeFen),
    chrgitm_lv: split.catalogClass ?? '03',
    med_chrgitm_type: itemKind === 'drug' ? '09' : itemKind === 'consumable' ? '08' : '14',
    bas_medn_flag: '0',
    hi_nego_drug_flag: '0',
    chld_medc_flag: null,
    list_sp_item_flag: null,
    lmt_used_flag: '0',
    drt_reim_flag: '0',
    memo: split.outOfScopeReason === null ? null : outOfScopeMemo[split.outOfScopeReason],
    exp_content: null,
  };
}

/** Output rows of §2.1 2204 `result`, one per line, with the split by the treatment region's catalog. */
function resultRows(results: readonly SplitLineResult[]) {
  return { result: results.map(({ line, split, item }) => splitResultRow(line, split, item?.kind)) };
}

const outOfScopeMemo: Record<string, string> = {
  CLASS_C: '丙类项目，全自费',
  NOT_IN_CATALOG: '不在就医地医保目录内，全自费',
  EXPIRED: '目录项目已失效，全自费',
  NOT_YET_VALID: '目录项目尚未生效，全自费',
};

export const uploadOutpatientFeesContract = defineContract({
  infno: '2204',
  nameZh: '门诊费用明细信息上传',
  read: (input) => ({
    kind: 'outpatient' as const,
    lines: rowsNode(input, 'feedetail', { required: true, maxRows: 1000 }).map((row) => readLine(row, '')),
  }),
  useCase: uploadFeeLines,
  write: resultRows,
});

export const uploadInpatientFeesContract = defineContract({
  infno: '2301',
  nameZh: '住院费用明细上传',
  read: (input) => ({
    kind: 'inpatient' as const,
    lines: rowsNode(input, 'feedetail', { required: true, maxRows: 1000 }).map((row) => readLine(row, 'IPT')),
  }),
  useCase: uploadFeeLines,
  write: resultRows,
});

export const revokeOutpatientFeesContract = defineContract({
  infno: '2205',
  nameZh: '门诊费用明细信息撤销',
  read: (input) => {
    const data = objectNode(input, 'data');
    const batchNo = data.text('chrg_bchno', '收费批次号', 30);
    return {
      kind: 'outpatient' as const,
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
      which: batchNo === '0000' ? ({ all: true } as const) : { batchNo },
    };
  },
  useCase: revokeUploadedFeeLines,
  write: () => ({}),
});

export const revokeInpatientFeesContract = defineContract({
  infno: '2302',
  nameZh: '住院费用明细撤销',
  read: (input) => {
    // Hunan lists `data` as multi-row; clients send one object. One row is read either way.
    const data = objectNode(input, 'data');
    const lineNo = data.text('feedetl_sn', '费用明细流水号', 30);
    return {
      kind: 'inpatient' as const,
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
      which: lineNo === '0000' ? ({ all: true } as const) : { lineNo },
    };
  },
  useCase: revokeUploadedFeeLines,
  write: () => ({}),
});
