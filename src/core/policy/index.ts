/** Benefit policies of insured regions: model, validation, versions, rule resolution (R-M4, R-F8). */
export { PolicyErrorCode } from './errors.ts';
export { isIsoDate } from './json-reader.ts';
export { resolveBenefitRule, selectorMatches, selectorSpecificity } from './resolve.ts';
export * from './types.ts';
export { POLICY_VALIDATION_CODES, validatePolicy } from './validate.ts';
export { isPolicyEffective, selectPolicyVersion } from './versions.ts';
