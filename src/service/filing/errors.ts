/** Refusals the filing service adds to the core's rules: who may act, and what must exist. */
import { type DomainError, domainError } from '../../core/errors.ts';

export const FilingServiceErrorCode = {
  NotFound: 'FILING_NOT_FOUND',
  PersonNotFound: 'FILING_PERSON_NOT_FOUND',
  PersonNotInsured: 'FILING_PERSON_NOT_INSURED',
  OtherRegion: 'FILING_OTHER_REGION',
  RegionMismatch: 'FILING_INSURED_REGION_MISMATCH',
  ConcurrentUpdate: 'FILING_CONCURRENT_UPDATE',
  PolicyInvalid: 'FILING_POLICY_INVALID',
  ListInvalid: 'FILING_LIST_INVALID',
  InvalidRequest: 'FILING_INVALID_REQUEST',
} as const;

export function filingNotFound(id: string): DomainError {
  return domainError(
    FilingServiceErrorCode.NotFound,
    `未找到编号为 ${id} 的备案，请核对备案编号；只能查看和办理本人（或本统筹区）的备案。`,
    { field: 'filingId' },
  );
}

export function personNotFound(psnNo: string): DomainError {
  return domainError(
    FilingServiceErrorCode.PersonNotFound,
    `未找到人员编号为 ${psnNo} 的参保人，请核对人员编号（psnNo）。`,
    { ruleId: 'R-F1', field: 'psnNo' },
  );
}

export function personNotInsured(psnNo: string, status: string): DomainError {
  const state = status === 'suspended' ? '暂停参保' : '终止参保';
  return domainError(
    FilingServiceErrorCode.PersonNotInsured,
    `参保人 ${psnNo} 当前为${state}状态，不能办理异地就医备案；请先到参保地医保经办机构恢复参保。`,
    { ruleId: 'R-F1', field: 'psnNo' },
  );
}

export function otherRegion(staffRegion: string, insuredRegion: string): DomainError {
  return domainError(
    FilingServiceErrorCode.OtherRegion,
    `经办人员只能办理本统筹区（${staffRegion}）参保人员的备案，此备案属于参保地 ${insuredRegion}。`,
    { ruleId: 'R-F2', field: 'filingId' },
  );
}

export function concurrentUpdate(id: string): DomainError {
  return domainError(
    FilingServiceErrorCode.ConcurrentUpdate,
    `备案 ${id} 刚被他人处理，本次操作未生效；请刷新后查看最新状态再办理。`,
    { field: 'filingId' },
  );
}

export function invalidRequest(field: string, message: string): DomainError {
  return domainError(FilingServiceErrorCode.InvalidRequest, message, { ruleId: 'R-F1', field });
}

export function regionMismatch(given: string, actual: string): DomainError {
  return domainError(
    FilingServiceErrorCode.RegionMismatch,
    `参保地区划 ${given} 与该参保人登记的参保地 ${actual} 不一致，请核对参保地医保区划（insuplc_admdvs）。`,
    { ruleId: 'R-F1', field: 'insuredRegionCode' },
  );
}
