/**
 * Rule resolution: the most specific matching rule wins (most selector fields present); among equally
 * specific rules the earlier one in the policy wins, so authors order exceptions before defaults.
 * Every matching adjustment applies; one "not payable" adjustment makes the settlement not payable.
 */
import { domainError, err, ok, type Result } from '../errors.ts';
import { PolicyErrorCode } from './errors.ts';
import type { BenefitPolicy, BenefitRule, ResolvedRule, RuleContext, RuleSelector } from './types.ts';

export function selectorMatches(when: RuleSelector, ctx: RuleContext): boolean {
  if (when.medicalTypes && !when.medicalTypes.includes(ctx.medicalType)) return false;
  if (when.institutionLevels && !when.institutionLevels.includes(ctx.institutionLevel)) return false;
  if (when.employment && !when.employment.includes(ctx.employment)) return false;
  if (when.situations && !when.situations.includes(ctx.situation)) return false;
  if (when.diseaseCodes && (ctx.diseaseCode === null || !when.diseaseCodes.includes(ctx.diseaseCode))) {
    return false;
  }
  if (when.ageMin !== undefined && ctx.ageYears < when.ageMin) return false;
  if (when.ageMax !== undefined && ctx.ageYears > when.ageMax) return false;
  return true;
}

/** How many selector fields are present; an age range counts once. */
export function selectorSpecificity(when: RuleSelector): number {
  const lists = [
    when.medicalTypes,
    when.institutionLevels,
    when.employment,
    when.situations,
    when.diseaseCodes,
  ];
  const age = when.ageMin !== undefined || when.ageMax !== undefined ? 1 : 0;
  return lists.filter((l) => l !== undefined).length + age;
}

/** 待遇规则匹配 — the rule and adjustments for one settlement (R-M4, R-F8). */
export function resolveBenefitRule(policy: BenefitPolicy, ctx: RuleContext): Result<ResolvedRule> {
  let best: BenefitRule | undefined;
  let bestScore = -1;
  for (const rule of policy.rules) {
    const score = selectorSpecificity(rule.when);
    if (score > bestScore && selectorMatches(rule.when, ctx)) {
      best = rule;
      bestScore = score;
    }
  }
  if (best === undefined) {
    return err(
      domainError(
        PolicyErrorCode.NoMatchingRule,
        `待遇政策 ${policy.policyId}@${policy.version} 没有适用于 医疗类别 ${ctx.medicalType}、医院等级 ${ctx.institutionLevel}、` +
          `人员类别 ${ctx.employment}、就医情形 ${ctx.situation}${ctx.diseaseCode ? `、病种 ${ctx.diseaseCode}` : ''} 的待遇规则；` +
          '请在 rules 中补充对应规则（规则 R-M4）',
        { ruleId: 'R-M4', field: 'rules' },
      ),
    );
  }
  const matched = policy.adjustments.filter((a) => selectorMatches(a.when, ctx));
  const blocking = matched.find((a) => a.notPayable);
  if (blocking !== undefined) {
    return err(
      domainError(
        PolicyErrorCode.NotPayable,
        `按参保地政策「${blocking.nameZh}」（${blocking.adjustmentId}），就医情形 ${ctx.situation} 不能由基金直接结算；` +
          '请先办理异地就医备案，或出院前补办备案后结算（规则 R-F1、R-F5）',
        { ruleId: 'R-F1', field: 'situation' },
      ),
    );
  }
  return ok({
    policyId: policy.policyId,
    version: policy.version,
    rule: best,
    adjustmentIds: matched.map((a) => a.adjustmentId),
    ratioDeltaBp: matched.reduce((s, a) => s + a.ratioDeltaBp, 0),
  });
}
