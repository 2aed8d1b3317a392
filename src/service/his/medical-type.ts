/**
 * 医疗类别 — the national med_type codes an HIS may send (a configurable set, §3) and the benefit
 * category each settles under. Provinces extend the list; unknown codes are refused with the list.
 */
import { MedicalType } from '../../core/reference/codes.ts';

export const MEDICAL_TYPE_CATEGORY: Readonly<Record<string, MedicalType>> = {
  '11': MedicalType.GeneralOutpatient, // 普通门诊
  '12': MedicalType.GeneralOutpatient, // 门诊挂号
  '1103': MedicalType.GeneralOutpatient, // 癌症筛查
  '13': MedicalType.Emergency, // 急诊
  '1301': MedicalType.Emergency, // 急诊抢救
  '14': MedicalType.ChronicOutpatient, // 门诊慢特病
  '9901': MedicalType.ChronicOutpatient, // 门诊两病
  '51': MedicalType.GeneralOutpatient, // 生育门诊
  '9903': MedicalType.GeneralOutpatient, // 意外伤害门诊
  '41': MedicalType.PharmacyPurchase, // 定点药店购药
  '21': MedicalType.Inpatient, // 普通住院
  '2101': MedicalType.Inpatient,
  '2102': MedicalType.Inpatient, // 单病种住院
  '22': MedicalType.Inpatient, // 外伤住院
  '23': MedicalType.Inpatient, // 转外诊治住院
  '24': MedicalType.Inpatient, // 急诊转住院
  '28': MedicalType.Inpatient, // 日间手术
  '52': MedicalType.Inpatient, // 生育住院
};

export const OUTPATIENT_MEDICAL_TYPES = Object.keys(MEDICAL_TYPE_CATEGORY).filter(
  (c) => MEDICAL_TYPE_CATEGORY[c] !== MedicalType.Inpatient,
);
export const INPATIENT_MEDICAL_TYPES = Object.keys(MEDICAL_TYPE_CATEGORY).filter(
  (c) => MEDICAL_TYPE_CATEGORY[c] === MedicalType.Inpatient,
);

export function medicalTypeCategory(code: string): MedicalType {
  return MEDICAL_TYPE_CATEGORY[code] ?? MedicalType.GeneralOutpatient;
}
