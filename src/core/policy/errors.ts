/**
 * Error codes of the policy module. Codes are stable; messages are Chinese and name the field.
 */
import { type DomainError, domainError } from '../errors.ts';

export const PolicyErrorCode = {
  /** A field is missing or has the wrong JSON type. */
  FieldInvalid: 'POLICY_FIELD_INVALID',
  /** An amount is not a non-negative integer number of fen. */
  AmountInvalid: 'POLICY_AMOUNT_INVALID',
  /** A ratio is not an integer 0..10000 basis points (or a delta −10000..10000). */
  RatioInvalid: 'POLICY_RATIO_INVALID',
  /** A date is not an ISO YYYY-MM-DD date, or the effective range is reversed. */
  DateInvalid: 'POLICY_DATE_INVALID',
  /** A code is not one of the national code values. */
  CodeUnknown: 'POLICY_CODE_UNKNOWN',
  /** Bands are not strictly ascending or the last band is not open. */
  BandsInvalid: 'POLICY_BANDS_INVALID',
  /** A rule names a cap that the policy does not define. */
  CapUnknown: 'POLICY_CAP_UNKNOWN',
  /** Two rules, caps or adjustments share an id. */
  IdDuplicate: 'POLICY_ID_DUPLICATE',
  /** No policy version is in force on the date. */
  NotEffective: 'POLICY_NOT_EFFECTIVE',
  /** Two versions are in force on the same date. */
  VersionsOverlap: 'POLICY_VERSIONS_OVERLAP',
  /** No rule of the policy matches the settlement. */
  NoMatchingRule: 'POLICY_NO_MATCHING_RULE',
  /** The policy declares the situation not payable (e.g. unfiled cross-province visit). */
  NotPayable: 'POLICY_SITUATION_NOT_PAYABLE',
} as const;

export function policyFieldError(code: string, field: string, problem: string, fix: string): DomainError {
  return domainError(code, `待遇政策字段 ${field} ${problem}；${fix}（规则 R-M4）`, {
    ruleId: 'R-M4',
    field,
  });
}
