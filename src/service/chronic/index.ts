/** 门诊慢特病 use cases (R-C1…R-C6, R-S5): the service API other modules and the edges call. */
import './case-source.ts';

export {
  type ApplyInput,
  applyForChronic,
  listChronicApplications,
  type MaterialUpload,
  type ReviewInput,
  type ReviewOutcome,
  reviewChronicApplication,
} from './applications.ts';
export { actOnCandidate, type CandidateAction, type CandidateOutcome } from './candidates.ts';
export {
  type CatalogImportSummary,
  chronicCatalogView,
  DEFAULT_CHRONIC_CATALOG,
  importChronicCatalog,
  seedChronicCatalogIfEmpty,
  setScreeningRule,
} from './catalog.ts';
export {
  cancelChronicFilingByInstitution,
  cancelChronicFilingByInstitutionInTx,
  fileChronicByInstitution,
  fileChronicByInstitutionInTx,
  type InstitutionChronicFiling,
  type InstitutionFilingCancel,
  type InstitutionFilingReceipt,
} from './institution-filing.ts';
export {
  isQualified,
  type QualificationAnswer,
  type QualificationQuery,
  type QualificationView,
  qualificationsOf,
  queryQualifications,
} from './qualifications.ts';
export {
  recogniseOnTransfer,
  type TransferRecognitionInput,
  type TransferRecognitionResult,
} from './recognition.ts';
export {
  type ChronicRecomputer,
  pendingChronicRecomputations,
  processChronicRecomputations,
  type RecomputeOutcome,
  type RecomputeRefund,
  type RecomputeRequest,
} from './recompute.ts';
export { listRecomputeRequests } from './recompute-list.ts';
export {
  listScreeningCandidates,
  listScreeningRuns,
  runChronicScreen,
  type ScreeningRun,
  type ScreenOptions,
} from './screening.ts';
export {
  DEFAULT_SMS_LOG,
  deliverSmsOutbox,
  logFileSmsSender,
  type SmsMessage,
  type SmsSender,
  startSmsDelivery,
} from './sms.ts';
export { type ChronicCaller, SYSTEM_CALLER } from './support.ts';
