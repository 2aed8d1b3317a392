/** Cross-region filing (异地就医备案): types, the state machine, review, overlap and the situation (R-F1…R-F8). */
export { type ApprovalDecision, type AutoApprovalInput, decideAutoApproval } from './auto-approval.ts';
export { effectiveWindow, provinceOf, targetCovers, validToFor } from './coverage.ts';
export type { FilingEffect } from './effects.ts';
export { FilingErrorCode } from './errors.ts';
export { checkOverlap, type FilingCandidate } from './overlap.ts';
export {
  CrossRegionSituation,
  deriveCrossRegionSituation,
  type SituationAnswer,
  type SituationInput,
} from './situation.ts';
export { type FilingApplication, type FilingContext, submitFiling } from './submit.ts';
export { applyFilingEvent, type FilingEvent, type FilingTransition } from './transitions.ts';
export {
  type Filing,
  type FilingActor,
  FilingChannel,
  type FilingHistoryEntry,
  type FilingPolicy,
  FilingStatus,
  type FilingTarget,
  FilingType,
  filingTypeNames,
  isLongTerm,
  type ReferralDetails,
  type TemporaryValidity,
} from './types.ts';
