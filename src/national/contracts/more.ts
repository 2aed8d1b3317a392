/** 2001 人员待遇享受检查, 2403 入院信息变更, 3201 医药机构费用结算对总账. */
import { checkBenefits } from '../../service/his/benefit-check.ts';
import { answerReconciliation, prepareTotalsReconciliation } from '../../service/his/reconciliation.ts';
import { changeAdmission } from '../../service/his/visits.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';
import { diagnosesOf, flagsOf, inpatientMedType } from './common.ts';

export const benefitCheckContract = defineContract({
  infno: '2001',
  nameZh: '人员待遇享受检查',
  read: (input) => {
    const data = objectNode(input, 'data');
    const medTypeCode = data.text('med_type', '医疗类别', 6);
    const flags = flagsOf(data, medTypeCode);
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      insuranceType: data.text('insutype', '险种类型', 6),
      medTypeCode,
      beginTime: data.dateTime('begntime', '开始时间'),
      endTime: data.optionalDateTime('endtime', '结束时间'),
      diseaseCode: data.optionalText('dise_codg', '病种编码', 30),
      emergency: flags.emergency,
      referral: flags.referral,
    };
  },
  useCase: checkBenefits,
  write: (r) => ({
    trtinfo: r.rows.map((row) => ({
      psn_no: r.psnNo,
      trt_chk_type: '1',
      fund_pay_type: row.fundType,
      trt_enjymnt_flag: row.enjoys ? '1' : '0',
      begndate: row.beginDate,
      enddate: row.endDate,
      trt_chk_rslt: row.resultZh,
    })),
  }),
});

export const changeAdmissionContract = defineContract({
  infno: '2403',
  nameZh: '入院信息变更',
  read: (input) => {
    const info = objectNode(input, 'adminfo');
    const medTypeCode = inpatientMedType(info);
    return {
      visitId: info.text('mdtrt_id', '就诊ID', 30),
      psnNo: info.text('psn_no', '人员编号', 30),
      beginTime: info.dateTime('begntime', '开始时间'),
      endTime: info.optionalDateTime('endtime', '结束时间'),
      medTypeCode,
      diseaseCode: info.optionalText('dise_codg', '病种编码', 30),
      diagnoses: diagnosesOf(input, false),
      flags: flagsOf(info, medTypeCode),
      details: Object.fromEntries(
        [
          'adm_diag_dscr',
          'adm_dept_codg',
          'adm_dept_name',
          'adm_bed',
          'dscg_maindiag_code',
          'dscg_maindiag_name',
          'atddr_no',
          'chfpdr_name',
        ]
          .filter((f) => info.has(f))
          .map((f) => [f, info.node[f]]),
      ),
    };
  },
  useCase: changeAdmission,
  write: () => ({}),
});

export const totalsReconciliationContract = defineContract({
  infno: '3201',
  nameZh: '医药机构费用结算对总账',
  read: (input, envelope) => {
    const data = objectNode(input, 'data');
    const beginDate = data.optionalDate('stmt_begndate', '对账开始日期');
    const endDate = data.optionalDate('stmt_enddate', '对账结束日期');
    return {
      institutionCode: envelope.institutionCode,
      beginDate: beginDate ?? '',
      endDate: endDate ?? '',
      insuranceType: data.text('insutype', '险种', 6),
      clearingType: data.text('clr_type', '清算类别', 6),
      insuredRegionCode: data.optionalText('setl_optins', '结算经办机构', 6) ?? undefined,
      includesRefunds: data.flag('fixmedins_refd_setl_flag', '定点医药机构退费结算标志', false),
      institution: {
        settlementCount: Number(data.text('fixmedins_setl_cnt', '定点医药机构结算笔数', 10)),
        medicalTotalFen: data.yuan('medfee_sumamt', '医疗费总额'),
        fundPayFen: data.yuan('fund_pay_sumamt', '基金支付总额'),
        accountPayFen: data.yuan('acct_pay', '个人账户支付金额'),
      },
    };
  },
  prepare: prepareTotalsReconciliation,
  useCase: answerReconciliation,
  write: (r, envelope) => ({
    stmtinfo: {
      setl_optins: (envelope.input.data as Record<string, unknown> | undefined)?.setl_optins ?? null,
      stmt_rslt: r.balanced ? '0' : '1',
      stmt_rslt_dscr: r.explanation,
    },
  }),
});
