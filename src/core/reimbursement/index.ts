/** core/reimbursement — manual reimbursement claims as a pure state machine (R-R1…R-R3). */
export {
  type AdjustmentRequest,
  type ClaimPayment,
  netPaidFen,
  PaymentKind,
  paymentKindNames,
  planAdjustment,
} from './adjustments.ts';
export {
  type ClaimDeadline,
  claimDeadline,
  type DeadlineFacts,
  deadlineRule,
  FAST_TRACK_THRESHOLD_FEN,
  FAST_TRACK_WORKING_DAYS,
  STANDARD_WORKING_DAYS,
  UPLOAD_WORKING_DAYS,
  type UploadTiming,
  uploadTiming,
} from './deadline.ts';
export { claimStatusNames, ReimbursementErrorCode } from './errors.ts';
export {
  type ClaimFacts,
  checkWithinList,
  MaterialCondition,
  type MaterialItem,
  type MaterialList,
  missingMaterials,
  requiredMaterials,
  validateMaterialList,
} from './materials.ts';
export { claimClock, type OpenClaimInput, openClaim } from './open-claim.ts';
export { applyClaimEvent, type ClaimEvent, type ClaimTransition, isOpenClaim } from './transitions.ts';
export * from './types.ts';
