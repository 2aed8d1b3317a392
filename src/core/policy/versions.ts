/**
 * Picks the policy version in force on a date. Versions are closed ranges of ISO dates; a date
 * covered by two versions is a data error, never silently resolved by order.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { PolicyErrorCode } from './errors.ts';
import type { BenefitPolicy } from './types.ts';

/** True when the ISO date `onDate` (YYYY-MM-DD) lies within the version's effective range. */
export function isPolicyEffective(policy: BenefitPolicy, onDate: string): boolean {
  return policy.effectiveFrom <= onDate && (policy.effectiveTo === null || onDate <= policy.effectiveTo);
}

/**
 * 待遇政策版本选择. `at` may be a date or a date-time; only its date part (first 10 characters)
 * counts, because policies change at midnight local time.
 */
export function selectPolicyVersion(versions: readonly BenefitPolicy[], at: string): Result<BenefitPolicy> {
  const onDate = at.slice(0, 10);
  const inForce = versions.filter((v) => isPolicyEffective(v, onDate));
  const first = inForce[0];
  if (first === undefined) {
    return err(notEffective(onDate));
  }
  if (inForce.length > 1) {
    const ids = inForce.map((v) => `${v.policyId}@${v.version}`).join('、');
    return err(
      domainError(
        PolicyErrorCode.VersionsOverlap,
        `待遇政策 ${ids} 在 ${onDate} 同时生效；请调整 effectiveFrom/effectiveTo 使版本不重叠（规则 R-M4）`,
        { ruleId: 'R-M4', field: 'effectiveFrom' },
      ),
    );
  }
  return ok(first);
}

function notEffective(onDate: string): DomainError {
  return domainError(
    PolicyErrorCode.NotEffective,
    `${onDate} 没有生效的待遇政策版本；请导入覆盖该日期的政策（effectiveFrom/effectiveTo）（规则 R-M4）`,
    { ruleId: 'R-M4', field: 'effectiveFrom' },
  );
}
