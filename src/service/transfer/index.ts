/** 医保关系转移接续 use cases (R-T1, R-C4): apply, confirm, accept (completes), refuse, withdraw, progress. */
// Loading the transfer service puts waiting transfers into each side's one-window queue.
import './case-source.ts';

export { applyTransfer, type TransferRequest } from './apply.ts';
export { completeRelation } from './complete.ts';
export { TransferServiceErrorCode } from './errors.ts';
export { acceptTransferIn, confirmTransferOut, rejectTransfer, withdrawTransfer } from './moves.ts';
export { TRANSFER_NOTICE_TOPIC } from './persist.ts';
export {
  myTransfers,
  regionTransferQueue,
  type TransferQueueItem,
  transferProgressOf,
  transferQueueItems,
} from './queries.ts';
