/** Error codes of the filing rules; messages are built where the facts are known. */
export const FilingErrorCode = {
  InvalidRegionCode: 'FILING_INVALID_REGION_CODE',
  TargetIsHome: 'FILING_TARGET_IS_HOME',
  NotNeededInProvince: 'FILING_NOT_NEEDED_IN_PROVINCE',
  InvalidDate: 'FILING_INVALID_DATE',
  ReferralDetailsMissing: 'FILING_REFERRAL_DETAILS_MISSING',
  ReferralCertificateRequired: 'FILING_REFERRAL_CERTIFICATE_REQUIRED',
  LongTermConflict: 'FILING_LONG_TERM_CONFLICT',
  Overlap: 'FILING_OVERLAP',
  InvalidTransition: 'FILING_INVALID_TRANSITION',
  ReasonRequired: 'FILING_REASON_REQUIRED',
  InUse: 'FILING_IN_USE',
} as const;
export type FilingErrorCode = (typeof FilingErrorCode)[keyof typeof FilingErrorCode];
