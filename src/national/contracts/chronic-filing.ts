/** 2503 人员慢特病备案, 2504 人员慢特病备案撤销. */
import { cancelChronicDiseaseFiling, fileChronicDisease } from '../../service/his/chronic-filing.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';

export const fileChronicContract = defineContract({
  infno: '2503',
  nameZh: '人员慢特病备案',
  read: (input) => {
    const data = objectNode(input, 'data');
    const endDate = data.optionalDate('enddate', '结束日期');
    const memo = data.optionalText('memo', '备注', 500);
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      insuranceType: data.text('insutype', '险种类型', 6),
      diseaseCode: data.text('opsp_dise_code', '门慢门特病种目录代码', 30),
      insuredRegionCode: data.text('insu_optins', '参保机构医保区划', 6),
      assessingInstitutionCode: data.text('ide_fixmedins_no', '鉴定定点医药机构编号', 30),
      assessedOn: data.optionalDate('hosp_ide_date', '医院鉴定日期') ?? '',
      doctorCode: data.text('diag_dr_codg', '诊断医师编码', 30),
      doctorName: data.text('diag_dr_name', '诊断医师姓名', 50),
      beginDate: data.optionalDate('begndate', '开始日期') ?? '',
      ...(endDate === null ? {} : { endDate }),
      ...(memo === null ? {} : { memo }),
    };
  },
  useCase: fileChronicDisease,
  write: (r) => ({ result: { trt_dcla_detl_sn: r.filingSerial, exp_content: null } }),
});

export const cancelChronicFilingContract = defineContract({
  infno: '2504',
  nameZh: '人员慢特病备案撤销',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      filingSerial: data.text('trt_dcla_detl_sn', '待遇申报明细流水号', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
      reason: data.text('memo', '备注（撤销原因）', 500),
    };
  },
  useCase: cancelChronicDiseaseFiling,
  write: () => ({}),
});
