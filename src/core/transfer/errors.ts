/** Error codes of relation transfers (R-T1). */
export const TransferErrorCode = {
  SameRegion: 'TRANSFER_SAME_REGION',
  InvalidRegion: 'TRANSFER_INVALID_REGION',
  InvalidTransition: 'TRANSFER_INVALID_TRANSITION',
  WrongSide: 'TRANSFER_WRONG_SIDE',
  ReasonRequired: 'TRANSFER_REASON_REQUIRED',
  InvalidInsuranceType: 'TRANSFER_INVALID_INSURANCE_TYPE',
} as const;
export type TransferErrorCode = (typeof TransferErrorCode)[keyof typeof TransferErrorCode];
