/**
 * One settlement part in one pass (R-M5): split totals → rule → deductible → pooled fund →
 * serious illness (residents) / large amount (employees) → civil-servant subsidy → medical
 * assistance → personal account → cash as the remainder. Accumulators move only at the end.
 */
import { sumSplits } from '../catalog/index.ts';
import { err, ok, type Result } from '../errors.ts';
import { type Fen, fen, subFen, sumFen } from '../money/index.ts';
import { type BenefitPolicy, type CrossRegionSituation, resolveBenefitRule } from '../policy/index.ts';
import { FundType, type InstitutionLevel, InsuranceType, MedicalType } from '../reference/codes.ts';
import type { Person } from '../reference/types.ts';
import { AccumulatorKey, type AccumulatorLedger } from './accumulators.ts';
import { type CappedFundOutcome, payCappedRatioFund } from './capped-ratio-fund.ts';
import { computeDeductible } from './deductible.ts';
import { categoryZh, type PartPlan } from './grouping.ts';
import { payFromAccount } from './personal-account.ts';
import { computePooled, type PooledOutcome } from './pooled-fund.ts';
import { computeSeriousIllness } from './serious-illness.ts';
import { pct, type TraceRecorder, TraceStepKind, yuan } from './trace.ts';
import type { FundLine, SettlementPart } from './types.ts';

/** What stays the same for every part of one settlement. */
export interface PartEnvironment {
  readonly person: Person;
  readonly policy: BenefitPolicy;
  readonly institutionLevel: InstitutionLevel;
  readonly situation: CrossRegionSituation;
  readonly ageYears: number;
  readonly useAccount: boolean;
}

interface Supplementary {
  readonly seriousIllnessFen: Fen;
  readonly seriousIllnessShareFen: Fen | null;
  readonly largeAmount: CappedFundOutcome | null;
  readonly civilServant: CappedFundOutcome | null;
  readonly assistance: CappedFundOutcome | null;
  readonly lines: FundLine[];
}

export function settlePart(
  plan: PartPlan,
  env: PartEnvironment,
  ledger: AccumulatorLedger,
  balanceFen: Fen,
  trace: TraceRecorder,
): Result<SettlementPart> {
  const { partNo } = plan;
  const t = sumSplits(plan.lines);
  trace.add({
    step: TraceStepKind.Split,
    ruleId: 'R-M3',
    partNo,
    params: {
      category: plan.category,
      medicalType: plan.medicalType,
      diseaseCode: plan.diseaseCode,
      lineCount: plan.lines.length,
    },
    formulaZh:
      `【${categoryZh(plan.category, plan.diseaseCode)}】费用分割：总额 ${yuan(t.amountFen)} = 符合范围 ${yuan(t.inScopeFen)} + 全自费 ${yuan(t.fullOwnPayFen)}` +
      ` + 超限价 ${yuan(t.overLimitFen)} + 乙类先行自付 ${yuan(t.classBCopayFen)}`,
    amounts: {
      totalFen: t.amountFen,
      inScopeFen: t.inScopeFen,
      fullOwnPayFen: t.fullOwnPayFen,
      overLimitFen: t.overLimitFen,
      classBCopayFen: t.classBCopayFen,
    },
  });
  const resolved = resolveBenefitRule(env.policy, {
    medicalType: plan.medicalType,
    institutionLevel: env.institutionLevel,
    employment: env.person.employment,
    situation: env.situation,
    ageYears: env.ageYears,
    diseaseCode: plan.diseaseCode,
  });
  if (!resolved.ok) return err(resolved.error);
  const { rule, ratioDeltaBp, adjustmentIds } = resolved.value;
  trace.add({
    step: TraceStepKind.Rule,
    ruleId: ratioDeltaBp === 0 ? 'R-M4' : 'R-F8',
    partNo,
    params: {
      policyId: env.policy.policyId,
      policyVersion: env.policy.version,
      policyRuleId: rule.ruleId,
      adjustmentIds: adjustmentIds.join(','),
      ratioDeltaBp,
      situation: env.situation,
    },
    formulaZh:
      `参保地政策 ${env.policy.nameZh}（${env.policy.version}）规则「${rule.nameZh}」` +
      (ratioDeltaBp === 0
        ? ''
        : `，比例调整 ${ratioDeltaBp > 0 ? '+' : ''}${pct(ratioDeltaBp)}（${adjustmentIds.join('、')}）`),
    amounts: {},
  });

  const isInpatient = plan.medicalType === MedicalType.Inpatient;
  const deductible = computeDeductible(
    rule.deductible,
    ledger,
    plan.diseaseCode,
    isInpatient,
    t.inScopeFen,
    partNo,
  );
  trace.add(deductible.step);
  const pooledType =
    env.person.insuranceType === InsuranceType.EmployeeBasic
      ? FundType.EmployeePooled
      : FundType.ResidentPooled;
  const pooled = computePooled(
    rule,
    env.policy.caps,
    ledger,
    plan.diseaseCode,
    deductible.paidFen,
    t.inScopeFen,
    ratioDeltaBp,
    pooledType,
    partNo,
  );
  for (const s of pooled.steps) trace.add(s);
  const sup = supplementaryFunds(plan, env, ledger, t.inScopeFen, pooled, trace);

  const fundTotalFen = sumFen([pooled.payFen, ...sup.lines.map((l) => l.payFen)]);
  const account = payFromAccount(
    {
      spec: env.policy.personalAccount,
      useAccount: env.useAccount,
      medicalType: plan.medicalType,
      balanceFen,
      totalFen: t.amountFen,
      inScopeFen: t.inScopeFen,
      classBCopayFen: t.classBCopayFen,
      fundTotalFen,
    },
    partNo,
  );
  trace.add(account.step);
  // Cash is the remainder, so conservation holds by construction (R-M1); it is still asserted in tests.
  const cashFen = subFen(subFen(t.amountFen, fundTotalFen), account.payFen);
  trace.add({
    step: TraceStepKind.Cash,
    ruleId: 'R-M1',
    partNo,
    params: {},
    formulaZh: `个人现金 = 总额 ${yuan(t.amountFen)} − 基金合计 ${yuan(fundTotalFen)} − 个人账户 ${yuan(account.payFen)} = ${yuan(cashFen)}`,
    amounts: { totalFen: t.amountFen, fundTotalFen, accountFen: account.payFen, cashFen },
  });

  moveAccumulators(ledger, plan, t.amountFen, t.inScopeFen, deductible, pooled, sup, account.payFen);
  const pooledLine: FundLine = {
    fundType: pooledType,
    payFen: pooled.payFen,
    inScopeFen: t.inScopeFen,
    payableLimitFen: pooled.remainingCapFen ?? pooled.computedFen,
  };
  return ok({
    partNo,
    category: plan.category,
    medicalType: plan.medicalType,
    diseaseCode: plan.diseaseCode,
    policyRuleId: rule.ruleId,
    adjustmentIds,
    pooledRatioBp: pooled.ratioBp,
    totalFen: t.amountFen,
    fullOwnPayFen: t.fullOwnPayFen,
    overLimitFen: t.overLimitFen,
    classBCopayFen: t.classBCopayFen,
    inScopeFen: t.inScopeFen,
    deductiblePaidFen: deductible.paidFen,
    pooledFen: pooled.payFen,
    civilServantFen: sup.civilServant?.payFen ?? fen(0),
    enterpriseSupplementFen: fen(0),
    seriousIllnessFen: sup.seriousIllnessFen,
    largeAmountFen: sup.largeAmount?.payFen ?? fen(0),
    assistanceFen: sup.assistance?.payFen ?? fen(0),
    otherFundFen: fen(0),
    fundTotalFen,
    personalFen: fen(account.payFen + cashFen),
    accountFen: account.payFen,
    cashFen,
    hospitalBorneFen: fen(0),
    accountBalanceAfterFen: account.balanceAfterFen,
    fundLines: [pooledLine, ...sup.lines.filter((l) => l.payFen !== 0)],
    lines: plan.lines,
  });
}

function supplementaryFunds(
  plan: PartPlan,
  env: PartEnvironment,
  ledger: AccumulatorLedger,
  inScopeFen: Fen,
  pooled: PooledOutcome,
  trace: TraceRecorder,
): Supplementary {
  const { policy, person } = env;
  const lines: FundLine[] = [];
  const line = (fundType: FundType, payFen: Fen, limit: Fen | null, computed: Fen) =>
    lines.push({ fundType, payFen, inScopeFen, payableLimitFen: limit ?? computed });
  let remaining = subFen(inScopeFen, pooled.payFen);

  let seriousIllnessFen = fen(0);
  let seriousIllnessShareFen: Fen | null = null;
  const si = policy.seriousIllness;
  if (
    si !== null &&
    person.insuranceType === InsuranceType.ResidentBasic &&
    si.medicalTypes.includes(plan.medicalType)
  ) {
    seriousIllnessShareFen = remaining;
    const outcome = computeSeriousIllness(si, ledger, remaining, plan.partNo);
    for (const s of outcome.steps) trace.add(s);
    seriousIllnessFen = outcome.payFen;
    line(FundType.ResidentSeriousIllness, outcome.payFen, outcome.remainingCapFen, outcome.payFen);
    remaining = subFen(remaining, outcome.payFen);
  }

  let largeAmount: CappedFundOutcome | null = null;
  const la = policy.largeAmount;
  if (
    la !== null &&
    person.insuranceType === InsuranceType.EmployeeBasic &&
    pooled.overCapBaseFen > 0 &&
    pooled.bindingCapId !== null &&
    la.capIds.includes(pooled.bindingCapId)
  ) {
    largeAmount = payCappedRatioFund(
      {
        kind: TraceStepKind.LargeAmount,
        fundType: FundType.EmployeeLargeAmount,
        nameZh: '职工大额医疗费用补助',
        baseNameZh: '超统筹限额的符合范围费用',
        baseFen: pooled.overCapBaseFen,
        ratioBp: la.ratioBp,
        capFen: la.capFen,
        extraParams: { bindingCapId: pooled.bindingCapId },
      },
      ledger,
      plan.partNo,
    );
    remaining = paid(largeAmount, remaining, trace, line);
  }

  let civilServant: CappedFundOutcome | null = null;
  const cs = policy.civilServant;
  if (cs !== null && person.civilServant && cs.medicalTypes.includes(plan.medicalType)) {
    civilServant = payCappedRatioFund(
      {
        kind: TraceStepKind.CivilServant,
        fundType: FundType.CivilServantSubsidy,
        nameZh: '公务员医疗补助',
        baseNameZh: '符合范围个人负担',
        baseFen: remaining,
        ratioBp: cs.ratioBp,
        capFen: cs.capFen,
      },
      ledger,
      plan.partNo,
    );
    remaining = paid(civilServant, remaining, trace, line);
  }

  let assistance: CappedFundOutcome | null = null;
  const ma = policy.medicalAssistance;
  const category = ma?.categories.find((c) => c.category === person.assistanceCategory);
  if (ma !== null && category !== undefined && ma.medicalTypes.includes(plan.medicalType)) {
    assistance = payCappedRatioFund(
      {
        kind: TraceStepKind.Assistance,
        fundType: FundType.MedicalAssistance,
        nameZh: '医疗救助',
        baseNameZh: '符合范围个人负担',
        baseFen: remaining,
        ratioBp: category.ratioBp,
        capFen: category.capFen,
        extraParams: { category: category.category },
      },
      ledger,
      plan.partNo,
    );
    remaining = paid(assistance, remaining, trace, line);
  }
  return { seriousIllnessFen, seriousIllnessShareFen, largeAmount, civilServant, assistance, lines };
}

function paid(
  outcome: CappedFundOutcome,
  remaining: Fen,
  trace: TraceRecorder,
  line: (fundType: FundType, payFen: Fen, limit: Fen | null, computed: Fen) => void,
): Fen {
  trace.add(outcome.step);
  line(outcome.fundType, outcome.payFen, outcome.remainingCapFen, outcome.payFen);
  return subFen(remaining, outcome.payFen);
}

function moveAccumulators(
  ledger: AccumulatorLedger,
  plan: PartPlan,
  totalFen: Fen,
  inScopeFen: Fen,
  deductible: { paidFen: Fen; annualKey: string | null },
  pooled: PooledOutcome,
  sup: Supplementary,
  accountFen: Fen,
): void {
  if (plan.medicalType === MedicalType.Inpatient) ledger.add(AccumulatorKey.admissions, 1);
  ledger.add(AccumulatorKey.deductiblePaid, deductible.paidFen);
  if (deductible.annualKey !== null) ledger.add(deductible.annualKey, deductible.paidFen);
  for (const key of pooled.capKeys) ledger.add(key, pooled.payFen);
  ledger.add(AccumulatorKey.fund(pooled.fundType), pooled.payFen);
  if (plan.diseaseCode !== null) {
    ledger.add(AccumulatorKey.chronicPaid(plan.diseaseCode), pooled.payFen);
    ledger.add(AccumulatorKey.chronicCount(plan.diseaseCode), 1);
  }
  if (sup.seriousIllnessShareFen !== null)
    ledger.add(AccumulatorKey.seriousIllnessShare, sup.seriousIllnessShareFen);
  for (const l of sup.lines) ledger.add(AccumulatorKey.fund(l.fundType), l.payFen);
  ledger.add(AccumulatorKey.account, accountFen);
  ledger.add(AccumulatorKey.totalMedfee, totalFen);
  ledger.add(AccumulatorKey.totalInScope, inScopeFen);
}
