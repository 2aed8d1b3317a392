/** Error codes of the transfer service (the core's are in core/transfer/errors.ts). */
import { type DomainError, domainError } from '../../core/errors.ts';

export const TransferServiceErrorCode = {
  NotFound: 'TRANSFER_NOT_FOUND',
  PersonNotFound: 'TRANSFER_PERSON_NOT_FOUND',
  PersonNotActive: 'TRANSFER_PERSON_NOT_ACTIVE',
  RegionUnknown: 'TRANSFER_REGION_UNKNOWN',
  AlreadyOpen: 'TRANSFER_ALREADY_OPEN',
  RelationChanged: 'TRANSFER_RELATION_CHANGED',
  OtherRegion: 'TRANSFER_OTHER_REGION',
  ConcurrentUpdate: 'TRANSFER_CONCURRENT_UPDATE',
} as const;

export const transferNotFound = (id: string): DomainError =>
  domainError(TransferServiceErrorCode.NotFound, `没有编号为 ${id} 的关系转移申请，或您无权查看。`, {
    field: 'transferId',
  });

export const otherRegion = (): DomainError =>
  domainError(TransferServiceErrorCode.OtherRegion, '关系转移只能由转出地或转入地的经办机构办理。', {
    ruleId: 'R-T1',
  });
