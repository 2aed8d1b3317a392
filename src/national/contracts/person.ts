/** 1101 人员信息获取. */
import { type PersonLookup, queryPersonInfo, resolvePersonLookup } from '../../service/his/person-info.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';
import {
  ASSISTANCE_IDENTITY_CODE,
  CERTIFICATE_TYPES,
  INSURED_STATUS_CODE,
  personTypeCode,
} from '../mapping.ts';
import { yuan } from './common.ts';

export const personInfoContract = defineContract({
  infno: '1101',
  nameZh: '人员信息获取',
  read: (input): PersonLookup => {
    const data = objectNode(input, 'data');
    const type = data.code('mdtrt_cert_type', '就诊凭证类型', CERTIFICATE_TYPES);
    const no = data.text('mdtrt_cert_no', '就诊凭证编号', 1000);
    if (type === '01') return { by: 'e_credential', token: no };
    if (type === '02') return { by: 'id_card', certificateNo: no };
    return { by: 'social_security_card', cardNo: no };
  },
  prepare: resolvePersonLookup,
  useCase: queryPersonInfo,
  write: ({ person, ageYears }) => ({
    baseinfo: {
      psn_no: person.personNo,
      psn_cert_type: person.certificateType,
      certno: person.certificateNo,
      psn_name: person.name,
      gend: person.gender,
      naty: '',
      brdy: person.birthDate,
      age: ageYears,
      exp_content: null,
    },
    insuinfo: [
      {
        balc: yuan(person.accountBalanceFen),
        insutype: person.insuranceType,
        psn_type: personTypeCode(person.insuranceType, person.employment),
        psn_insu_stas: INSURED_STATUS_CODE[person.status] ?? '',
        psn_insu_date: null,
        paus_insu_date: null,
        cvlserv_flag: person.civilServant ? '1' : '0',
        insuplc_admdvs: person.insuredRegionCode,
        emp_name: null,
      },
    ],
    idetinfo:
      person.assistanceCategory === 'none'
        ? []
        : [
            {
              psn_idet_type: ASSISTANCE_IDENTITY_CODE[person.assistanceCategory] ?? '23',
              psn_type_lv: null,
              memo: null,
              begntime: null,
              endtime: null,
            },
          ],
  }),
});
