/** Every supported national transaction, by infno. */
import type { Contract } from '../contract.ts';
import { catalogContract, copayRatioContract, priceLimitContract } from './catalog.ts';
import { cancelChronicFilingContract, fileChronicContract } from './chronic-filing.ts';
import {
  revokeInpatientFeesContract,
  revokeOutpatientFeesContract,
  uploadInpatientFeesContract,
  uploadOutpatientFeesContract,
} from './fee-lines.ts';
import { detailReconciliationContract, downloadFileContract, uploadFileContract } from './files.ts';
import { benefitCheckContract, changeAdmissionContract, totalsReconciliationContract } from './more.ts';
import { personInfoContract } from './person.ts';
import {
  queryChronicMedicationContract,
  queryFilingsOfKindsContract,
  queryInHospitalContract,
  queryReferralFilingsContract,
} from './person-records.ts';
import { queryDiagnosesContract, querySettledLinesContract, queryVisitsContract } from './queries.ts';
import { cancelReferralContract, fileReferralContract } from './referral-filing.ts';
import { reverseContract } from './reversal.ts';
import { signInContract, signOutContract } from './session.ts';
import {
  cancelInpatientSettlementContract,
  cancelOutpatientSettlementContract,
  preSettleInpatientContract,
  preSettleOutpatientContract,
  queryAccumulatorsContract,
  queryChronicFilingsContract,
  querySettlementContract,
  settleInpatientContract,
  settleOutpatientContract,
} from './settlement.ts';
import { uploadUnsettledFeesContract } from './unsettled-upload.ts';
import {
  admitContract,
  cancelAdmissionContract,
  cancelDischargeContract,
  cancelRegistrationContract,
  dischargeContract,
  registerOutpatientContract,
  uploadVisitContract,
} from './visits.ts';

const ALL: readonly Contract[] = [
  signInContract,
  signOutContract,
  personInfoContract,
  registerOutpatientContract,
  cancelRegistrationContract,
  uploadVisitContract,
  uploadOutpatientFeesContract,
  revokeOutpatientFeesContract,
  admitContract,
  dischargeContract,
  cancelAdmissionContract,
  cancelDischargeContract,
  uploadInpatientFeesContract,
  revokeInpatientFeesContract,
  preSettleOutpatientContract,
  settleOutpatientContract,
  cancelOutpatientSettlementContract,
  preSettleInpatientContract,
  settleInpatientContract,
  cancelInpatientSettlementContract,
  querySettlementContract,
  queryAccumulatorsContract,
  queryChronicFilingsContract,
  reverseContract,
  queryVisitsContract,
  queryDiagnosesContract,
  querySettledLinesContract,
  fileChronicContract,
  cancelChronicFilingContract,
  fileReferralContract,
  cancelReferralContract,
  // yibao extension (no national infno for R-R3): contracts/unsettled-upload.ts
  uploadUnsettledFeesContract,
  catalogContract,
  priceLimitContract,
  copayRatioContract,
  benefitCheckContract,
  changeAdmissionContract,
  totalsReconciliationContract,
  detailReconciliationContract,
  uploadFileContract,
  downloadFileContract,
  queryChronicMedicationContract,
  queryFilingsOfKindsContract,
  queryInHospitalContract,
  queryReferralFilingsContract,
];

export const CONTRACTS: ReadonlyMap<string, Contract> = new Map(ALL.map((c) => [c.infno, c]));
