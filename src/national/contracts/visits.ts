/** Visits: 2201/2202 outpatient registration, 2203 visit upload, 2401/2402/2404/2405 inpatient stays. */
import {
  admit,
  cancelAdmission,
  cancelDischarge,
  cancelRegistration,
  discharge,
  registerOutpatient,
  uploadVisit,
  type VisitRef,
} from '../../service/his/visits.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';
import { CERTIFICATE_TYPES } from '../mapping.ts';
import { detailsOf, diagnosesOf, flagsOf, inpatientMedType, outpatientMedType } from './common.ts';

const visitOut = (r: VisitRef) => ({
  data: { mdtrt_id: r.visitId, psn_no: r.psnNo, ipt_otp_no: r.hospitalVisitNo, exp_content: null },
});

export const registerOutpatientContract = defineContract({
  infno: '2201',
  nameZh: '门诊挂号',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      insuranceType: data.text('insutype', '险种类型', 6),
      beginTime: data.dateTime('begntime', '开始时间'),
      certificateType: data.code('mdtrt_cert_type', '就诊凭证类型', CERTIFICATE_TYPES),
      hospitalVisitNo: data.text('ipt_otp_no', '住院/门诊号', 30),
      medTypeCode: '11',
      flags: flagsOf(data, null),
      details: detailsOf(data, ['atddr_no', 'dr_name', 'dept_code', 'dept_name', 'caty', 'psn_type']),
    };
  },
  useCase: registerOutpatient,
  write: visitOut,
});

export const cancelRegistrationContract = defineContract({
  infno: '2202',
  nameZh: '门诊挂号撤销',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      visitId: data.text('mdtrt_id', '就诊ID', 30),
      hospitalVisitNo: data.optionalText('ipt_otp_no', '住院/门诊号', 30),
    };
  },
  useCase: cancelRegistration,
  write: () => ({}),
});

export const uploadVisitContract = defineContract({
  infno: '2203',
  nameZh: '门诊就诊信息上传',
  read: (input) => {
    const info = objectNode(input, 'mdtrtinfo');
    const medTypeCode = outpatientMedType(info);
    const flags = flagsOf(info, medTypeCode);
    return {
      visitId: info.text('mdtrt_id', '就诊ID', 30),
      psnNo: info.text('psn_no', '人员编号', 30),
      medTypeCode,
      beginTime: info.dateTime('begntime', '开始时间'),
      diseaseCode: info.optionalText('dise_codg', '病种编码', 30),
      diagnoses: diagnosesOf(input, false),
      flags,
      details: detailsOf(info, [
        'main_cond_dscr',
        'dise_type_code',
        'dise_name',
        'birctrl_type',
        'birctrl_matn_date',
      ]),
    };
  },
  useCase: uploadVisit,
  write: () => ({}),
});

export const admitContract = defineContract({
  infno: '2401',
  nameZh: '入院办理',
  read: (input) => {
    const info = objectNode(input, 'mdtrtinfo');
    const medTypeCode = inpatientMedType(info);
    return {
      psnNo: info.text('psn_no', '人员编号', 30),
      insuranceType: info.text('insutype', '险种类型', 6),
      beginTime: info.dateTime('begntime', '开始时间'),
      certificateType: info.code('mdtrt_cert_type', '就诊凭证类型', CERTIFICATE_TYPES),
      hospitalVisitNo: info.text('ipt_no', '住院号', 30),
      medTypeCode,
      flags: flagsOf(info, medTypeCode),
      diseaseCode: info.optionalText('dise_codg', '病种编码', 30),
      diagnoses: diagnosesOf(input, false),
      details: detailsOf(info, [
        'atddr_no',
        'chfpdr_name',
        'adm_diag_dscr',
        'adm_dept_codg',
        'adm_dept_name',
        'adm_bed',
        'dscg_maindiag_code',
        'dscg_maindiag_name',
        'main_cond_dscr',
        'dise_name',
      ]),
    };
  },
  useCase: admit,
  write: (r) => ({ result: { mdtrt_id: r.visitId, exp_content: null } }),
});

export const dischargeContract = defineContract({
  infno: '2402',
  nameZh: '出院办理',
  read: (input) => {
    const info = objectNode(input, 'dscginfo');
    return {
      visitId: info.text('mdtrt_id', '就诊ID', 30),
      psnNo: info.text('psn_no', '人员编号', 30),
      endTime: info.dateTime('endtime', '结束时间'),
      diseaseCode: info.optionalText('dise_codg', '病种编码', 30),
      diagnoses: diagnosesOf(input, false),
      details: detailsOf(info, ['dscg_dept_codg', 'dscg_dept_name', 'dscg_bed', 'dscg_way', 'die_date']),
    };
  },
  useCase: discharge,
  write: () => ({}),
});

function visitCommand(input: Readonly<Record<string, unknown>>) {
  const data = objectNode(input, 'data');
  return { visitId: data.text('mdtrt_id', '就诊ID', 30), psnNo: data.text('psn_no', '人员编号', 30) };
}

export const cancelAdmissionContract = defineContract({
  infno: '2404',
  nameZh: '入院撤销',
  read: visitCommand,
  useCase: cancelAdmission,
  write: () => ({}),
});

export const cancelDischargeContract = defineContract({
  infno: '2405',
  nameZh: '出院撤销',
  read: visitCommand,
  useCase: cancelDischarge,
  write: () => ({}),
});
