/** 5201 就诊信息查询, 5202 诊断信息查询, 5204 费用明细查询. */
import { queryDiagnoses, querySettledLines, queryVisits } from '../../service/his/queries.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';
import { personTypeCode } from '../mapping.ts';
import { yuan } from './common.ts';

export const queryVisitsContract = defineContract({
  infno: '5201',
  nameZh: '就诊信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      from: data.optionalDateTime('begntime', '开始时间') ?? '0000-01-01 00:00:00',
      to: data.optionalDateTime('endtime', '结束时间') ?? '9999-12-31 23:59:59',
      medTypeCode: data.optionalText('med_type', '医疗类别', 6),
      visitId: data.optionalText('mdtrt_id', '就诊ID', 30),
    };
  },
  useCase: queryVisits,
  write: ({ person, visits }) => ({
    mdtrtinfo: visits.map((v) => ({
      mdtrt_id: v.visitId,
      psn_no: v.psnNo,
      psn_cert_type: person.certificateType,
      certno: person.certificateNo,
      psn_name: person.name,
      gend: person.gender,
      brdy: person.birthDate,
      insutype: v.insuranceType,
      psn_type: personTypeCode(person.insuranceType, person.employment),
      cvlserv_flag: person.civilServant ? '1' : '0',
      insu_optins: v.insuredRegionCode,
      begntime: v.beginTime,
      endtime: v.endTime,
      mdtrt_cert_type: v.certificateType,
      med_type: v.medType,
      ipt_otp_no: v.hospitalVisitNo,
      dise_codg: v.diseaseCode,
      inhosp_stas: v.kind === 'inpatient' ? (v.status === 'admitted' ? '1' : '0') : null,
      vali_flag: v.status === 'cancelled' ? '0' : '1',
    })),
  }),
});

export const queryDiagnosesContract = defineContract({
  infno: '5202',
  nameZh: '诊断信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return { visitId: data.text('mdtrt_id', '就诊ID', 30), psnNo: data.text('psn_no', '人员编号', 30) };
  },
  useCase: queryDiagnoses,
  write: (visit) => ({
    diseinfo: visit.diagnoses.map((d, i) => ({
      diag_info_id: `${visit.visitId}-${i + 1}`,
      mdtrt_id: visit.visitId,
      psn_no: visit.psnNo,
      inout_diag_type: visit.kind === 'inpatient' ? '1' : null,
      diag_type: d.diag_type ?? null,
      maindiag_flag: d.maindiag_flag ?? (i === 0 ? '1' : '0'),
      diag_srt_no: d.diag_srt_no ?? i + 1,
      diag_code: d.diag_code ?? null,
      diag_name: d.diag_name ?? null,
      diag_dept: d.diag_dept ?? null,
      dise_dor_no: d.dise_dor_no ?? null,
      dise_dor_name: d.dise_dor_name ?? null,
      diag_time: d.diag_time ?? null,
    })),
  }),
});

export const querySettledLinesContract = defineContract({
  infno: '5204',
  nameZh: '费用明细查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      groupId: data.text('setl_id', '结算ID', 30),
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
    };
  },
  useCase: querySettledLines,
  // The spec names no output node for 5204: the rows are the output array itself.
  write: ({ groupId, visit, lines }) =>
    lines.map((l) => ({
      mdtrt_id: visit.visitId,
      setl_id: groupId,
      feedetl_sn: l.lineNo,
      rx_drord_no: l.prescriptionNo,
      med_type: visit.medType,
      fee_ocur_time: l.feeTime,
      cnt: l.quantity / 10_000,
      pric: yuan(l.unitPriceFen),
      det_item_fee_sumamt: yuan(l.amountFen),
      pric_uplmt_amt: l.split.priceLimitFen === null ? 999999 : yuan(l.split.priceLimitFen),
      selfpay_prop:
        l.split.catalogClass === '03' || l.split.catalogClass === null ? 1 : l.split.copayRatioBp / 10_000,
      fulamt_ownpay_amt: yuan(l.split.fullOwnPayFen),
      overlmt_amt: yuan(l.split.overLimitFen),
      preselfpay_amt: yuan(l.split.classBCopayFen),
      inscp_scp_amt: yuan(l.split.inScopeFen),
      chrgitm_lv: l.split.catalogClass ?? '03',
      hilist_code: l.itemCode,
      hilist_name: l.itemName,
      med_list_codg: l.itemCode,
      medins_list_codg: l.institutionItemCode,
      medins_list_name: l.itemName,
    })),
});
