/**
 * 5205 人员慢特病用药记录查询, 5302 人员定点信息查询, 5303 在院信息查询, 5304 转院信息查询 — field and node
 * names as in the digest (§2.1). Fields the platform does not keep are answered null (see STATUS.md).
 */
import type { LineSplit } from '../../core/catalog/index.ts';
import type { FilingType } from '../../core/filing/index.ts';
import {
  queryChronicMedication,
  queryFilingsOfKinds,
  queryInHospital,
  queryReferralFilings,
} from '../../service/his/person-records.ts';
import { defineContract } from '../contract.ts';
import { objectNode, refuseInput } from '../input-reader.ts';
import {
  CHARGE_ITEM_TYPE_OF_KIND,
  DECLARATION_SOURCE_OF_CHANNEL,
  FILING_TYPES_OF_BIZ_APPY_TYPE,
  LIST_TYPE_OF_KIND,
} from '../mapping.ts';
import { yuan } from './common.ts';

const LATEST = '9999-12-31 23:59:59';

/** ISO timestamp (2026-05-06T09:40:00+08:00) or yyyy-MM-dd HH:mm:ss → yyyy-MM-dd HH:mm:ss. */
const dateTimeText = (t: string): string => t.slice(0, 19).replace('T', ' ');

export const queryChronicMedicationContract = defineContract({
  infno: '5205',
  nameZh: '人员慢特病用药记录查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      from: data.dateTime('begntime', '开始时间'),
      to: data.optionalDateTime('endtime', '结束时间') ?? LATEST,
    };
  },
  useCase: queryChronicMedication,
  write: ({ person, lines }) => ({
    feedetail: lines.map((l) => {
      const split = l.split as LineSplit;
      return {
        feedetl_sn: l.lineNo,
        rx_drord_no: l.prescriptionNo,
        fixmedins_code: l.institutionCode,
        fixmedins_name: l.institutionName,
        psn_no: person.personNo,
        med_type: l.medType,
        fee_ocur_time: l.feeTime,
        cnt: l.quantity / 10_000,
        pric: yuan(l.unitPriceFen),
        chrgitm_lv: split.catalogClass ?? '03',
        hilist_code: l.itemCode,
        hilist_name: l.itemName,
        list_type: l.catalogKind === null ? '105' : (LIST_TYPE_OF_KIND[l.catalogKind] ?? '105'),
        med_list_codg: l.itemCode,
        medins_list_codg: l.institutionItemCode,
        medins_list_name: l.itemName,
        med_chrgitm_type: l.catalogKind === null ? '14' : (CHARGE_ITEM_TYPE_OF_KIND[l.catalogKind] ?? '14'),
        prodname: null,
        spec: null,
        dosform_name: null,
        lmt_used_flag: null,
        hosp_prep_flag: null,
        hosp_appr_flag: null,
        tcmdrug_used_way: null,
        prodplac_type: null,
        bas_medn_flag: null,
        hi_nego_drug_flag: null,
        chld_medc_flag: null,
        etip_flag: null,
        etip_hosp_code: null,
        dscg_tkdrug_flag: null,
        list_sp_item_flag: null,
        matn_fee_flag: null,
      };
    }),
  }),
});

export const queryFilingsOfKindsContract = defineContract({
  infno: '5302',
  nameZh: '人员定点信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    const psnNo = data.text('psn_no', '人员编号', 30);
    const kind = data.text('biz_appy_type', '业务申请类型', 3);
    const types = FILING_TYPES_OF_BIZ_APPY_TYPE[kind];
    if (types === undefined) {
      refuseInput(
        'BIZ_APPY_TYPE_UNSUPPORTED',
        `业务申请类型 biz_appy_type “${kind}” 本平台不登记，5302 可查询：06 转诊转院登记、07 异地急诊住院登记、08 异地安置登记（异地就医备案）；门慢门特登记请用 5301 人员慢特病备案查询。`,
        'biz_appy_type',
      );
    }
    return { psnNo, types: types as readonly FilingType[] };
  },
  useCase: queryFilingsOfKinds,
  write: ({ person, records }) => ({
    psnfixmedin: records.map((r, i) => ({
      psn_no: person.personNo,
      insutype: person.insuranceType,
      fix_srt_no: String(i + 1),
      // A filing names a treatment city or province, not one institution: every networked institution there.
      fixmedins_code: null,
      fixmedins_name: `${r.targetName}联网定点医药机构`,
      begndate: r.filing.validFrom,
      enddate: r.filing.validTo,
      memo: `异地就医备案 ${r.filing.id}，备案就医地 ${r.targetName}`,
    })),
  }),
});

export const queryInHospitalContract = defineContract({
  infno: '5303',
  nameZh: '在院信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.optionalText('psn_no', '人员编号', 30),
      from: data.dateTime('begntime', '开始时间'),
      to: data.dateTime('endtime', '结束时间'),
    };
  },
  useCase: queryInHospital,
  write: (stays) => ({
    data: stays.map((s) => ({
      mdtrt_id: s.visitId,
      psn_no: s.psnNo,
      psn_cert_type: s.certificateType,
      certno: s.certificateNo,
      psn_name: s.personName,
      gend: s.gender,
      brdy: s.birthDate,
      age: s.ageYears,
      insutype: s.insuranceType,
      begndate: s.beginTime.slice(0, 10),
      med_type: s.medType,
      ipt_otp_no: s.hospitalVisitNo,
      out_flag: s.crossRegion ? '1' : '0',
    })),
  }),
});

export const queryReferralFilingsContract = defineContract({
  infno: '5304',
  nameZh: '转院信息查询',
  read: (input) => {
    const data = objectNode(input, 'data');
    return {
      psnNo: data.text('psn_no', '人员编号', 30),
      fromDate: data.dateTime('begntime', '开始时间').slice(0, 10),
      toDate: (data.optionalDateTime('endtime', '结束时间') ?? LATEST).slice(0, 10),
    };
  },
  useCase: queryReferralFilings,
  write: ({ person, records }) => ({
    refmedin: records.map(({ filing, targetName, crossRegion }) => ({
      insutype: person.insuranceType,
      dcla_souc: DECLARATION_SOURCE_OF_CHANNEL[filing.channel] ?? '99',
      psn_no: person.personNo,
      psn_cert_type: person.certificateType,
      certno: person.certificateNo,
      psn_name: person.name,
      gend: person.gender,
      brdy: person.birthDate,
      tel: null,
      addr: null,
      insu_optins: filing.insuredRegionCode,
      emp_name: null,
      diag_code: filing.referral?.diseaseCode ?? null,
      diag_name: null,
      dise_cond_dscr: null,
      // The filing covers every networked institution of the referred-to place, not one hospital.
      reflin_medins_no: null,
      reflin_medins_name: `${targetName}联网定点医疗机构`,
      out_flag: crossRegion ? '1' : '0',
      refl_date: filing.validFrom,
      refl_rea: null,
      begndate: filing.validFrom,
      enddate: filing.validTo,
      hosp_agre_refl_flag: filing.referral?.certificateUploaded ? '1' : '0',
      opter_id: null,
      opter_name: null,
      opt_time: dateTimeText(filing.approvedAt ?? filing.submittedAt),
    })),
  }),
});
