/** 手工报销 use cases (R-R1…R-R3): claims, moves, payments and follow-ups, queries, material lists. */
// Loading the reimbursement service puts open claims into the agency's one-window queue.
import './case-source.ts';

export { type AdjustmentOutcome, adjustClaimPayment } from './adjustments.ts';
export { workingCalendar } from './calendar.ts';
export { actorOf, type CaseCaller, maskPersonName } from './caller.ts';
export { billTime, computeReimbursement, type ReimbursementComputation } from './compute.ts';
export { ReimbursementServiceErrorCode } from './errors.ts';
export { MATERIAL_MAX_BYTES, MATERIAL_MIME_TYPES, type MaterialFileInput } from './material-files.ts';
export {
  DEFAULT_MATERIALS_DIR,
  importMaterialLists,
  type MaterialListImportSummary,
  materialListOf,
  readMaterialListFiles,
  seedMaterialListsIfEmpty,
  validateMaterialLists,
} from './material-lists.ts';
export {
  acceptClaim,
  approveClaim,
  payClaim,
  previewClaimComputation,
  provideClaimMaterials,
  rejectClaim,
  resubmitClaim,
  returnClaim,
  withdrawClaim,
} from './moves.ts';
export { CLAIM_NOTICE_TOPIC, type ClaimNotice } from './persist.ts';
export {
  type ClaimDetail,
  type ClaimView,
  claimDetail,
  claimMaterialFile,
  myClaims,
  myUnsettledBills,
  type ReimbursementQueueItem,
  regionClaims,
  reimbursementQueueItems,
} from './queries.ts';
export { type ClaimRequest, submitClaim } from './submit.ts';
