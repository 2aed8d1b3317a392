/** 2501 转院备案, 2502 转院备案撤销 — the filing service's institution channel (R-F6). */
import { cancelReferral, fileReferral } from '../../service/his/referral-filing.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';

export const fileReferralContract = defineContract({
  infno: '2501',
  nameZh: '转院备案',
  read: (input) => {
    const node = objectNode(input, 'refmedin');
    const psnNo = node.text('psn_no', '人员编号', 30);
    const diagnosisCode = node.text('diag_code', '诊断代码', 20);
    const treatmentRegionCode = node.text('mdtrtarea_admdvs', '就医地行政区划（转往医院所属区划）', 6);
    const referralDate = node.optionalDate('refl_date', '转院日期');
    const beginDate = node.optionalDate('begndate', '开始日期');
    const validFrom = beginDate ?? referralDate;
    if (validFrom === null) node.text('refl_date', '转院日期', 10); // answers FIELD_REQUIRED
    node.optionalDate('enddate', '结束日期'); // checked; the validity end is the insured region's policy
    // Required by the standard but not part of the filing decision: length-checked, not required.
    for (const [field, nameZh, max] of [
      ['diag_name', '诊断名称', 100],
      ['reflin_medins_no', '转往定点医药机构编号', 30],
      ['reflin_medins_name', '转往医院名称', 200],
      ['refl_type', '转院类型', 30],
      ['refl_rea', '转院原因', 100],
      ['refl_opnn', '转院意见', 200],
      ['dise_cond_dscr', '疾病病情描述', 2000],
      ['tel', '联系电话', 50],
      ['addr', '联系地址', 200],
    ] as const) {
      node.optionalText(field, nameZh, max);
    }
    const agreed = node.has('hosp_agre_refl_flag')
      ? node.code('hosp_agre_refl_flag', '医院同意转院标志', ['0', '1'])
      : '0';
    return {
      psnNo,
      insuranceType: node.optionalText('insutype', '险种类型', 6),
      insuranceAgencyRegionCode: node.optionalText('insu_optins', '参保机构医保区划', 6),
      diagnosisCode,
      treatmentRegionCode,
      validFrom: validFrom ?? '',
      certificateIssued: agreed === '1',
    };
  },
  useCase: fileReferral,
  write: (r) => ({ result: { trt_dcla_detl_sn: r.filingId } }),
});

export const cancelReferralContract = defineContract({
  infno: '2502',
  nameZh: '转院备案撤销',
  read: (input) => {
    const data = objectNode(input, 'data');
    const memo = data.optionalText('memo', '备注（撤销原因）', 500);
    return {
      filingId: data.text('trt_dcla_detl_sn', '待遇申报明细流水号', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
      ...(memo === null ? {} : { reason: memo }),
    };
  },
  useCase: cancelReferral,
  write: () => ({}),
});
