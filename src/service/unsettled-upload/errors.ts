/** Error codes of the unsettled-fee upload (R-R3). */
import { type DomainError, domainError } from '../../core/errors.ts';

export const UnsettledErrorCode = {
  InstitutionNotFound: 'UNSETTLED_INSTITUTION_NOT_FOUND',
  PersonNotFound: 'UNSETTLED_PERSON_NOT_FOUND',
  AlreadyUploaded: 'UNSETTLED_ALREADY_UPLOADED',
  LinesRequired: 'UNSETTLED_LINES_REQUIRED',
  LineDuplicate: 'UNSETTLED_LINE_DUPLICATE',
  DiagnosesRequired: 'UNSETTLED_DIAGNOSES_REQUIRED',
  TimeInvalid: 'UNSETTLED_TIME_INVALID',
  KindInvalid: 'UNSETTLED_KIND_INVALID',
} as const;

const r = (code: string, message: string, field?: string): DomainError =>
  domainError(code, message, { ruleId: 'R-R3', ...(field ? { field } : {}) });

export const unsettledErrors = {
  institutionNotFound: (code: string) =>
    r(
      UnsettledErrorCode.InstitutionNotFound,
      `定点医药机构 ${code} 不存在，请核对机构编码。`,
      'institutionCode',
    ),
  personNotFound: (psnNo: string) =>
    r(UnsettledErrorCode.PersonNotFound, `没有人员编号为 ${psnNo} 的参保人，请核对人员编号。`, 'psnNo'),
  alreadyUploaded: (visitNo: string, uploadId: string) =>
    r(
      UnsettledErrorCode.AlreadyUploaded,
      `就诊流水号 ${visitNo} 的费用明细已上传（上传编号 ${uploadId}），同一次就诊只能上传一次。`,
      'hospitalVisitNo',
    ),
  linesRequired: () => r(UnsettledErrorCode.LinesRequired, '请上传至少一条费用明细（字段 lines）。', 'lines'),
  lineDuplicate: (lineNo: string, i: number) =>
    r(
      UnsettledErrorCode.LineDuplicate,
      `费用明细流水号 ${lineNo} 重复，每条明细的流水号须唯一。`,
      `lines[${i}].lineNo`,
    ),
  diagnosesRequired: () =>
    r(UnsettledErrorCode.DiagnosesRequired, '请上传疾病诊断信息（字段 diagnoses，至少一条）。', 'diagnoses'),
  timeInvalid: (field: string, value: string) =>
    r(
      UnsettledErrorCode.TimeInvalid,
      `字段 ${field} 的时间 ${value} 无效，须为带时区的 ISO 时间（如 2026-04-20T10:00:00+08:00），且出院（就诊结束）不早于入院（就诊开始）。`,
      field,
    ),
  kindInvalid: (medType: string, kind: string) =>
    r(
      UnsettledErrorCode.KindInvalid,
      `医疗类别 ${medType} 与就诊类型 ${kind} 不符（住院类别须为住院就诊）。`,
      'medType',
    ),
};
