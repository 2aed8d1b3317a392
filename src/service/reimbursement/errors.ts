/** Error codes of the reimbursement service (the core's are in core/reimbursement/errors.ts). */
import { type DomainError, domainError } from '../../core/errors.ts';

export const ReimbursementServiceErrorCode = {
  ClaimNotFound: 'REIMBURSEMENT_CLAIM_NOT_FOUND',
  UploadNotFound: 'REIMBURSEMENT_UPLOAD_NOT_FOUND',
  UploadOfOtherPerson: 'REIMBURSEMENT_UPLOAD_OTHER_PERSON',
  AlreadyClaimed: 'REIMBURSEMENT_ALREADY_CLAIMED',
  MaterialListMissing: 'REIMBURSEMENT_MATERIAL_LIST_MISSING',
  MaterialInvalid: 'REIMBURSEMENT_MATERIAL_INVALID',
  MaterialNotFound: 'REIMBURSEMENT_MATERIAL_NOT_FOUND',
  OtherRegion: 'REIMBURSEMENT_OTHER_REGION',
  PersonNotFound: 'REIMBURSEMENT_PERSON_NOT_FOUND',
  ConcurrentUpdate: 'REIMBURSEMENT_CONCURRENT_UPDATE',
  ComputationFailed: 'REIMBURSEMENT_COMPUTATION_FAILED',
} as const;

export const claimNotFound = (claimId: string): DomainError =>
  domainError(
    ReimbursementServiceErrorCode.ClaimNotFound,
    `没有编号为 ${claimId} 的手工报销申请，或您无权查看。`,
    {
      field: 'claimId',
    },
  );

export const otherRegion = (regionCode: string): DomainError =>
  domainError(
    ReimbursementServiceErrorCode.OtherRegion,
    `该参保人的参保地为 ${regionCode}，手工报销由参保地经办机构办理；您只能办理本统筹区参保人员的申请。`,
    { ruleId: 'R-R1' },
  );

export const concurrentUpdate = (): DomainError =>
  domainError(ReimbursementServiceErrorCode.ConcurrentUpdate, '该申请刚被他人处理过，请刷新后重试。');
