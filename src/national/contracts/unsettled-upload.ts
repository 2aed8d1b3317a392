/**
 * 2210 未直接结算费用明细上传 — a YIBAO EXTENSION, not a transaction of the national digest (which has no
 * standard infno for R-R3). The institution uploads the fee details and diagnoses of a patient who paid
 * themselves, within 3 working days of discharge (inpatient) / the visit (outpatient); a late upload is
 * still taken and flagged. Node and field names are the national ones: `mdtrtinfo` (as 2203/2401),
 * `diseinfo` (as 2203), `feedetail` (the 2204 fields without mdtrt_id / chrg_bchno, since the visit was
 * never registered here); each line of the answer is a 2204 `result` row. Documented in STATUS.md and
 * docs/reimbursement.md.
 *
 * Input:
 * - `mdtrtinfo`: psn_no, insutype, ipt_otp_no (住院/门诊号: the institution's visit number, one upload
 *   per visit), med_type (any known 医疗类别; 21… = inpatient), begntime, endtime (discharge / end of the
 *   visit: the 3 working days run from its date), insuplc_admdvs (optional, must be the person's insured
 *   region, as must the envelope's), exp_content (optional: IPT_TYPE / OTP_ER_REFL_FLAG → emergency /
 *   referral as in 2201–2401; TRUM_FLAG 1, med_type 22 or 9903 → accident injury, which matters for R-R2).
 * - `diseinfo` rows (≥ 1): diag_code, diag_name, maindiag_flag (1 = main diagnosis; listed first).
 * - `feedetail` rows (≥ 1, ≤ 1000): feedetl_sn, med_list_codg, medins_list_codg (optional),
 *   medins_list_name (optional), det_item_fee_sumamt, cnt, pric, fee_ocur_time, dise_codg (optional).
 *
 * Output `result`: upld_id (上传编号; the person claims on it), psn_no, ipt_otp_no, insuplc_admdvs,
 * medfee_sumamt, inscp_scp_amt, upld_ddln (due date, yyyy-MM-dd), late_flag (0/1), late_days (working
 * days late, 0 when on time), feedetail (one 2204 `result` row per line, with its split).
 */
import { MEDICAL_TYPE_CATEGORY } from '../../service/his/medical-type.ts';
import {
  type UnsettledDiagnosis,
  type UnsettledUploadAnswer,
  type UnsettledUploadLine,
  uploadUnsettled,
} from '../../service/his/unsettled-upload.ts';
import { defineContract } from '../contract.ts';
import { type NodeReader, objectNode, rowsNode } from '../input-reader.ts';
import { flagsOf, yuan } from './common.ts';
import { splitResultRow } from './fee-lines.ts';

const MEDICAL_TYPES = Object.keys(MEDICAL_TYPE_CATEGORY);
/** 外伤住院 and 意外伤害门诊 are accident injuries by their medical type. */
const ACCIDENT_MEDICAL_TYPES: readonly string[] = ['22', '9903'];

function readDiagnoses(input: Readonly<Record<string, unknown>>): UnsettledDiagnosis[] {
  const rows = rowsNode(input, 'diseinfo', { required: true, maxRows: 100 }).map((row) => {
    const main = row.has('maindiag_flag') ? row.code('maindiag_flag', '主诊断标志', ['0', '1']) : '0';
    return {
      main: main === '1',
      code: row.text('diag_code', '诊断代码', 20),
      name: row.text('diag_name', '诊断名称', 100),
    };
  });
  // The main diagnosis first; otherwise as sent.
  return [...rows.filter((d) => d.main), ...rows.filter((d) => !d.main)].map(({ code, name }) => ({
    code,
    name,
  }));
}

function readLine(row: NodeReader): UnsettledUploadLine {
  const itemName = row.optionalText('medins_list_name', '医药机构目录名称', 200);
  const diseaseCode = row.optionalText('dise_codg', '病种编码', 30);
  return {
    lineNo: row.text('feedetl_sn', '费用明细流水号', 30),
    itemCode: row.text('med_list_codg', '医疗目录编码', 50),
    institutionItemCode: row.optionalText('medins_list_codg', '医药机构目录编码', 150) ?? '',
    ...(itemName === null ? {} : { itemName }),
    unitPriceFen: row.price('pric', '单价'),
    quantity: row.quantity('cnt', '数量'),
    amountFen: row.yuan('det_item_fee_sumamt', '明细项目费用总额'),
    ...(diseaseCode === null ? {} : { diseaseCode }),
    feeTime: row.dateTime('fee_ocur_time', '费用发生时间'),
  };
}

function writeResult(answer: UnsettledUploadAnswer) {
  const r = answer.receipt;
  return {
    result: {
      upld_id: r.uploadId,
      psn_no: answer.psnNo,
      ipt_otp_no: answer.hospitalVisitNo,
      insuplc_admdvs: r.insuredRegionCode,
      medfee_sumamt: yuan(r.totalFen),
      inscp_scp_amt: yuan(r.inScopeFen),
      upld_ddln: r.dueDate,
      late_flag: r.late ? '1' : '0',
      late_days: r.workingDaysLate,
      feedetail: r.lines.map((l) => splitResultRow(l, l.split, answer.kinds.get(l.itemCode))),
    },
  };
}

export const uploadUnsettledFeesContract = defineContract({
  infno: '2210',
  nameZh: '未直接结算费用明细上传（yibao 扩展交易）',
  read: (input) => {
    const info = objectNode(input, 'mdtrtinfo');
    const medTypeCode = info.code('med_type', '医疗类别', MEDICAL_TYPES);
    const flags = flagsOf(info, medTypeCode);
    return {
      psnNo: info.text('psn_no', '人员编号', 30),
      insuranceType: info.text('insutype', '险种类型', 6),
      insuredRegionCode: info.optionalText('insuplc_admdvs', '参保地医保区划', 6),
      hospitalVisitNo: info.text('ipt_otp_no', '住院/门诊号', 30),
      medTypeCode,
      beginTime: info.dateTime('begntime', '开始时间'),
      endTime: info.dateTime('endtime', '结束时间（出院或就诊结束时间）'),
      emergency: flags.emergency,
      referral: flags.referral,
      accident: flags.trauma || ACCIDENT_MEDICAL_TYPES.includes(medTypeCode),
      diagnoses: readDiagnoses(input),
      lines: rowsNode(input, 'feedetail', { required: true, maxRows: 1000 }).map(readLine),
    };
  },
  useCase: uploadUnsettled,
  write: writeResult,
});
