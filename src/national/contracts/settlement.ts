/**
 * Settlement transactions: 2206/2207 outpatient pre-settlement and settlement, 2208 cancellation;
 * 2303/2304 inpatient (mid_setl_flag), 2305 cancellation; 5203 query; 5206 accumulators; 5301 chronic filings.
 */
import type { Fen } from '../../core/money/index.ts';
import {
  cancelSettlement,
  preSettle,
  queryAccumulators,
  queryChronicFilings,
  querySettlement,
  type SettleVisitCommand,
  settle,
} from '../../service/his/settlement.ts';
import { defineContract } from '../contract.ts';
import { type NodeReader, objectNode } from '../input-reader.ts';
import { CERTIFICATE_TYPES } from '../mapping.ts';
import { flagsOf, inpatientMedType, outpatientMedType, yuan } from './common.ts';
import { setldetailOf, setlinfoOf, settlementOutput } from './settlement-output.ts';

/** The amounts 2207 copies from the 2206 answer: read for format only (the platform recomputes them). */
function readCopiedAmounts(data: NodeReader): void {
  data.optionalYuan('fulamt_ownpay_amt', '全自费金额');
  data.optionalYuan('overlmt_selfpay', '超限价金额');
  data.optionalYuan('preselfpay_amt', '先行自付金额');
  data.optionalYuan('inscp_scp_amt', '符合政策范围金额');
}

function readOutpatient(input: Readonly<Record<string, unknown>>): SettleVisitCommand {
  const data = objectNode(input, 'data');
  data.code('mdtrt_cert_type', '就诊凭证类型', CERTIFICATE_TYPES);
  readCopiedAmounts(data);
  const medTypeCode = outpatientMedType(data);
  return {
    kind: 'outpatient',
    visitId: data.text('mdtrt_id', '就诊ID', 30),
    psnNo: data.text('psn_no', '人员编号', 30),
    insuranceType: data.text('insutype', '险种类型', 6),
    medTypeCode,
    totalFen: data.yuan('medfee_sumamt', '医疗费总额'),
    useAccount: data.flag('acct_used_flag', '个人账户使用标志', false),
    batchNo: data.optionalText('chrg_bchno', '收费批次号', 30),
    midStay: false,
    flags: flagsOf(data, medTypeCode),
  };
}

function readInpatient(input: Readonly<Record<string, unknown>>): SettleVisitCommand {
  const data = objectNode(input, 'data');
  data.code('mdtrt_cert_type', '就诊凭证类型', CERTIFICATE_TYPES);
  readCopiedAmounts(data);
  const medTypeCode = data.has('med_type') ? inpatientMedType(data) : null;
  return {
    kind: 'inpatient',
    visitId: data.text('mdtrt_id', '就诊ID', 30),
    psnNo: data.text('psn_no', '人员编号', 30),
    insuranceType: data.text('insutype', '险种类型', 6),
    medTypeCode,
    totalFen: data.yuan('medfee_sumamt', '医疗费总额'),
    useAccount: data.flag('acct_used_flag', '个人账户使用标志', false),
    batchNo: null,
    midStay: data.flag('mid_setl_flag', '中途结算标志', false),
    flags: flagsOf(data, medTypeCode),
  };
}

export const preSettleOutpatientContract = defineContract({
  infno: '2206',
  nameZh: '门诊预结算',
  read: readOutpatient,
  useCase: preSettle,
  write: settlementOutput,
});

export const settleOutpatientContract = defineContract({
  infno: '2207',
  nameZh: '门诊结算',
  read: readOutpatient,
  useCase: settle,
  write: settlementOutput,
});

export const preSettleInpatientContract = defineContract({
  infno: '2303',
  nameZh: '住院预结算',
  read: readInpatient,
  useCase: preSettle,
  write: settlementOutput,
});

export const settleInpatientContract = defineContract({
  infno: '2304',
  nameZh: '住院结算',
  read: readInpatient,
  useCase: settle,
  write: settlementOutput,
});

function readCancel(kind: 'outpatient' | 'inpatient') {
  return (input: Readonly<Record<string, unknown>>) => {
    const data = objectNode(input, 'data');
    return {
      kind,
      groupId: data.text('setl_id', '结算ID', 30),
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
    };
  };
}

export const cancelOutpatientSettlementContract = defineContract({
  infno: '2208',
  nameZh: '门诊结算撤销',
  read: readCancel('outpatient'),
  useCase: cancelSettlement,
  write: settlementOutput,
});

export const cancelInpatientSettlementContract = defineContract({
  infno: '2305',
  nameZh: '住院结算撤销',
  read: readCancel('inpatient'),
  useCase: cancelSettlement,
  write: settlementOutput,
});

export const querySettlementContract = defineContract({
  infno: '5203',
  nameZh: '结算信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      groupId: data.text('setl_id', '结算ID', 30),
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      psnNo: data.text('psn_no', '人员编号', 30),
    };
  },
  useCase: querySettlement,
  write: (view) => {
    const info = setlinfoOf(view);
    return {
      setlinfo: {
        ...info,
        fixmedins_code: view.visit.institutionCode,
        pay_loc:
          view.visit.insuredRegionCode === view.visit.treatmentRegionCode
            ? '2'
            : view.visit.insuredRegionCode.slice(0, 2) === view.visit.treatmentRegionCode.slice(0, 2)
              ? '3'
              : '4',
        begndate: view.visit.beginTime.slice(0, 10),
        enddate: (view.visit.endTime ?? view.settledAt).slice(0, 10),
        psn_pay: yuan(view.totals.personalFen as Fen),
        cash_payamt: yuan(view.totals.cashFen as Fen),
        refd_setl_flag: view.kind === 'reversal' || view.reversed ? '1' : '0',
        year: view.settledAt.slice(0, 4),
        dise_codg: view.visit.diseaseCode,
        insu_optins: view.visit.insuredRegionCode,
      },
      setldetail: setldetailOf(view),
    };
  },
});

export const queryAccumulatorsContract = defineContract({
  infno: '5206',
  nameZh: '人员累计信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    const ym = data.optionalText('cum_ym', '累计年月', 6);
    return { psnNo: data.text('psn_no', '人员编号', 30), year: ym === null ? null : Number(ym.slice(0, 4)) };
  },
  useCase: queryAccumulators,
  write: (rows, envelope) => {
    const ym =
      typeof (envelope.input.data as Record<string, unknown> | undefined)?.cum_ym === 'string'
        ? String((envelope.input.data as Record<string, unknown>).cum_ym)
        : null;
    return {
      cuminfo: rows.map((r) => ({
        insutype: r.insuranceType,
        year: String(r.year),
        cum_ym: ym ?? `${r.year}12`,
        cum_type_code: r.key,
        // Counters ending in Fen are money (yuan at the wire); the others are counts.
        cum: r.key.endsWith('Fen') ? yuan(r.value) : r.value,
      })),
    };
  },
});

export const queryChronicFilingsContract = defineContract({
  infno: '5301',
  nameZh: '人员慢特病备案查询',
  read: (input) => ({ psnNo: objectNode(input, 'data').text('psn_no', '人员编号', 30) }),
  useCase: queryChronicFilings,
  write: (rows) => ({
    feedetail: rows.map((r) => ({
      opsp_dise_code: r.diseaseCode,
      opsp_dise_name: r.diseaseName,
      begndate: r.startDate,
      enddate: r.endDate,
      exp_content: null,
    })),
  }),
});
