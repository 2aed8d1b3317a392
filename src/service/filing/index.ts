/** The filing use cases (异地就医备案, R-F1…R-F8): every channel, review, change, queries, settlement lookup. */
// Loading the filing service puts queued filings into the agency's one-window queue.
import './case-source.ts';

export {
  actorKind,
  callerId,
  channelOf,
  type FilingCaller,
  type InstitutionCaller,
  type PersonCaller,
  type StaffCaller,
} from './caller.ts';
export { FilingServiceErrorCode } from './errors.ts';
export {
  cancelReferralByInstitution,
  cancelReferralByInstitutionInTx,
  fileReferralByInstitution,
  fileReferralByInstitutionInTx,
  type InstitutionReferral,
  type InstitutionReferralCancellation,
  type InstitutionReferralFiled,
} from './institution.ts';
export {
  DEFAULT_LISTS_DIR,
  FILING_LIST_KINDS,
  type FilingListEntry,
  type FilingListFile,
  type FilingListImportSummary,
  type FilingListKind,
  filingList,
  filingListNames,
  importFilingLists,
  seedFilingListsIfEmpty,
  validateFilingListFile,
} from './lists.ts';
export { FILING_NOTICE_TOPIC, type FilingNotice } from './persist.ts';
export {
  DEFAULT_FILING_POLICY,
  type FilingPolicyDocument,
  loadFilingPolicy,
  setFilingPolicy,
  validateFilingPolicy,
} from './policy.ts';
export { type AgencyQueue, agencyQueue, listMyFilings, type QueueItem } from './queries.ts';
export {
  approveFiling,
  changeFiling,
  type FilingChange,
  type FilingMove,
  rejectFiling,
  revokeFiling,
} from './review.ts';
export { type FilingRules, filingRules } from './rules.ts';
export { situationForVisit, type VisitSituation, type VisitSituationQuery } from './situation.ts';
export {
  type FilingOutcome,
  type FilingRequest,
  submitFilingAtWindow,
  submitFilingOnline,
} from './submit.ts';
export { type FilingView, filingChannelNames, filingStatusNames, viewOf } from './view.ts';
