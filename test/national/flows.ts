/** Request builders for whole flows, from the §5 samples, shared by the settlement and acceptance tests. */
import { ITEMS, type PERSONS } from './support.ts';

export type Person = (typeof PERSONS)[keyof typeof PERSONS];
// biome-ignore lint/suspicious/noExplicitAny: tests navigate JSON answers freely
export type Out = Record<string, any>;

export const registration = (p: Person, insutype: string, ipt: string) => ({
  data: {
    psn_no: p.psnNo,
    insutype,
    begntime: '2026-05-06 09:30:00',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certNo,
    ipt_otp_no: ipt,
    atddr_no: 'D440300000001',
    dr_name: '医生甲',
    dept_code: 'A03',
    dept_name: '内科',
    caty: 'A03',
  },
});

export const visitUpload = (
  p: Person,
  visitId: string,
  medType: string,
  dise = '',
  exp: Record<string, string> | null = null,
) => ({
  mdtrtinfo: {
    mdtrt_id: visitId,
    psn_no: p.psnNo,
    med_type: medType,
    begntime: '2026-05-06 09:30:00',
    dise_codg: dise,
    dise_name: dise === '' ? '' : '高血压',
    ...(exp === null ? {} : { exp_content: JSON.stringify(exp) }),
  },
  diseinfo: [
    {
      diag_type: '1',
      diag_srt_no: 1,
      diag_code: 'J06.900',
      diag_name: '急性上呼吸道感染',
      diag_dept: '内科',
      dise_dor_no: 'D1',
      dise_dor_name: '医生甲',
      diag_time: '2026-05-06 09:35:00',
      vali_flag: '1',
    },
  ],
});

export interface LineSpec {
  readonly sn: string;
  readonly code: string;
  readonly pric: number;
  readonly cnt: number;
  readonly dise?: string;
}

export const feeLine = (p: Person, visitId: string, l: LineSpec, batch = 'CB0001') => ({
  feedetl_sn: l.sn,
  mdtrt_id: visitId,
  psn_no: p.psnNo,
  chrg_bchno: batch,
  ...(l.dise === undefined ? {} : { dise_codg: l.dise }),
  rxno: 'RX0001',
  rx_circ_flag: '0',
  fee_ocur_time: '2026-05-06 09:40:00',
  med_list_codg: l.code,
  medins_list_codg: `H-${l.code}`,
  det_item_fee_sumamt: Math.round(l.pric * l.cnt * 100) / 100,
  cnt: l.cnt,
  pric: l.pric,
  bilg_dept_codg: 'A03',
  bilg_dept_name: '内科',
  bilg_dr_codg: 'D1',
  bilg_dr_name: '医生甲',
  hosp_appr_flag: '1',
});

export const settleData = (
  p: Person,
  visitId: string,
  insutype: string,
  medType: string,
  total: number,
  extra: Record<string, unknown> = {},
) => ({
  data: {
    psn_no: p.psnNo,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certNo,
    med_type: medType,
    medfee_sumamt: total,
    psn_setlway: '01',
    mdtrt_id: visitId,
    chrg_bchno: 'CB0001',
    acct_used_flag: '1',
    insutype,
    ...extra,
  },
});

export const admission = (
  p: Person,
  insutype: string,
  ipt: string,
  exp: Record<string, string> | null = null,
) => ({
  mdtrtinfo: {
    psn_no: p.psnNo,
    insutype,
    begntime: '2026-05-01 08:58:35',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certNo,
    med_type: '21',
    ipt_no: ipt,
    atddr_no: 'ys001',
    chfpdr_name: '测试医生',
    adm_diag_dscr: '肺炎',
    adm_dept_codg: 'A03',
    adm_dept_name: '内科',
    adm_bed: '01',
    dscg_maindiag_code: 'J18.900',
    dscg_maindiag_name: '肺炎',
    ...(exp === null ? {} : { exp_content: JSON.stringify(exp) }),
  },
  diseinfo: [
    {
      psn_no: p.psnNo,
      diag_type: '1',
      maindiag_flag: '1',
      diag_srt_no: '1',
      diag_code: 'J18.900',
      diag_name: '肺炎',
      diag_dept: 'A03',
      dise_dor_no: 'ys001',
      dise_dor_name: '测试医生',
      diag_time: '2026-05-01 08:58:35',
    },
  ],
});

export const ipLine = (p: Person, visitId: string, sn: string, code: string, pric: number, cnt: number) => ({
  feedetl_sn: sn,
  mdtrt_id: visitId,
  psn_no: p.psnNo,
  med_type: '21',
  fee_ocur_time: '2026-05-02 10:00:00',
  med_list_codg: code,
  medins_list_codg: code,
  det_item_fee_sumamt: String(Math.round(pric * cnt * 100) / 100),
  cnt: String(cnt),
  pric: String(pric),
  bilg_dept_codg: 'A03',
  bilg_dept_name: '内科',
  bilg_dr_codg: 'ys001',
  bilg_dr_name: '测试医生',
});

export { ITEMS };

/** The setlinfo conservation identities of §2.0, in fen. */
export function assertConserves(setlinfo: Out): void {
  const f = (k: string) => Math.round(Number(setlinfo[k]) * 100);
  const checks = [
    [f('medfee_sumamt'), f('fund_pay_sumamt') + f('psn_part_amt') + f('hosp_part_amt')],
    [f('psn_part_amt'), f('acct_pay') + f('psn_cash_pay')],
    [
      f('medfee_sumamt'),
      f('inscp_scp_amt') + f('fulamt_ownpay_amt') + f('overlmt_selfpay') + f('preselfpay_amt'),
    ],
    [
      f('fund_pay_sumamt'),
      f('hifp_pay') +
        f('cvlserv_pay') +
        f('hifes_pay') +
        f('hifmi_pay') +
        f('hifob_pay') +
        f('maf_pay') +
        f('oth_pay'),
    ],
  ];
  for (const [a, b] of checks) {
    if (a !== b) throw new Error(`setlinfo does not conserve: ${a} ≠ ${b} in ${JSON.stringify(setlinfo)}`);
  }
}
