/** Error codes of the chronic-disease rules; messages are built where the facts are known. */
export const ChronicErrorCode = {
  CatalogInvalid: 'CHRONIC_CATALOG_INVALID',
  DiseaseUnknown: 'CHRONIC_DISEASE_UNKNOWN',
  IcdPatternInvalid: 'CHRONIC_ICD_PATTERN_INVALID',
  AlreadyQualified: 'CHRONIC_ALREADY_QUALIFIED',
  ApplicationPending: 'CHRONIC_APPLICATION_PENDING',
  ApplicationNotFound: 'CHRONIC_APPLICATION_NOT_FOUND',
  MaterialRequired: 'CHRONIC_MATERIAL_REQUIRED',
  MaterialInvalid: 'CHRONIC_MATERIAL_INVALID',
  InvalidTransition: 'CHRONIC_INVALID_TRANSITION',
  ReasonRequired: 'CHRONIC_REASON_REQUIRED',
  CandidateNotFound: 'CHRONIC_CANDIDATE_NOT_FOUND',
  PersonNotFound: 'CHRONIC_PERSON_NOT_FOUND',
  RegionMismatch: 'CHRONIC_REGION_MISMATCH',
  InvalidDate: 'CHRONIC_INVALID_DATE',
  FilingNotFound: 'CHRONIC_FILING_NOT_FOUND',
  FilingInUse: 'CHRONIC_FILING_IN_USE',
  PrescriptionRequired: 'CHRONIC_PRESCRIPTION_REQUIRED',
  PrescriptionIssuerInvalid: 'CHRONIC_PRESCRIPTION_ISSUER_INVALID',
  PrescriptionExpired: 'CHRONIC_PRESCRIPTION_EXPIRED',
  CertificateUnsupported: 'CHRONIC_CERTIFICATE_UNSUPPORTED',
} as const;
export type ChronicErrorCode = (typeof ChronicErrorCode)[keyof typeof ChronicErrorCode];
