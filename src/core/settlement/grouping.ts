/**
 * 分病种结算 — R-C2: in an outpatient visit, lines treating a disease the person is qualified for
 * settle per disease as chronic outpatient; every other line settles together as general outpatient
 * (or as a pharmacy purchase at a pharmacy). Inpatient and emergency bills stay whole.
 */
import type { LineSplit } from '../catalog/index.ts';
import { MedicalType } from '../reference/codes.ts';
import { type TraceStep, TraceStepKind } from './trace.ts';
import { SettlementCategory } from './types.ts';

/** Display names of the five cross-province chronic diseases (R-C1); other codes print as codes. */
export const CHRONIC_DISEASE_NAMES: Readonly<Record<string, string>> = {
  M03900: '高血压',
  M01600: '糖尿病',
  M00500: '恶性肿瘤门诊治疗',
  M07801: '透析',
  M08301: '肾移植抗排异治疗',
  M08302: '骨髓移植抗排异治疗',
  M08303: '心移植抗排异治疗',
  M08304: '肝移植抗排异治疗',
  M08305: '肺移植抗排异治疗',
  M08306: '肝肾移植抗排异治疗',
};

export interface PartPlan {
  readonly partNo: number;
  readonly category: SettlementCategory;
  readonly medicalType: MedicalType;
  readonly diseaseCode: string | null;
  readonly lines: readonly LineSplit[];
}

const OUTPATIENT: readonly MedicalType[] = [
  MedicalType.GeneralOutpatient,
  MedicalType.ChronicOutpatient,
  MedicalType.PharmacyPurchase,
];

export function categoryOf(medicalType: MedicalType): SettlementCategory {
  switch (medicalType) {
    case MedicalType.Inpatient:
      return SettlementCategory.Inpatient;
    case MedicalType.Emergency:
      return SettlementCategory.Emergency;
    case MedicalType.ChronicOutpatient:
      return SettlementCategory.ChronicOutpatient;
    case MedicalType.PharmacyPurchase:
      return SettlementCategory.PharmacyPurchase;
    case MedicalType.GeneralOutpatient:
      return SettlementCategory.GeneralOutpatient;
  }
}

/** Parts in a fixed order: chronic diseases in order of first appearance, then the remainder. */
export function planParts(
  medicalType: MedicalType,
  lines: readonly LineSplit[],
  qualified: readonly string[],
): { plans: PartPlan[]; step: TraceStep } {
  if (!OUTPATIENT.includes(medicalType)) {
    const plans = [{ partNo: 1, category: categoryOf(medicalType), medicalType, diseaseCode: null, lines }];
    return { plans, step: groupingStep(medicalType, plans, []) };
  }
  const byDisease = new Map<string, LineSplit[]>();
  const remainder: LineSplit[] = [];
  const unqualified = new Set<string>();
  for (const line of lines) {
    const d = line.diseaseCode;
    if (d !== undefined && d !== '' && qualified.includes(d)) {
      const group = byDisease.get(d) ?? [];
      group.push(line);
      byDisease.set(d, group);
    } else {
      if (d !== undefined && d !== '') unqualified.add(d);
      remainder.push(line);
    }
  }
  const plans: PartPlan[] = [];
  for (const [diseaseCode, group] of byDisease) {
    plans.push({
      partNo: plans.length + 1,
      category: SettlementCategory.ChronicOutpatient,
      medicalType: MedicalType.ChronicOutpatient,
      diseaseCode,
      lines: group,
    });
  }
  if (remainder.length > 0) {
    const restType =
      medicalType === MedicalType.PharmacyPurchase ? medicalType : MedicalType.GeneralOutpatient;
    plans.push({
      partNo: plans.length + 1,
      category: categoryOf(restType),
      medicalType: restType,
      diseaseCode: null,
      lines: remainder,
    });
  }
  return { plans, step: groupingStep(medicalType, plans, [...unqualified]) };
}

const CATEGORY_ZH: Readonly<Record<SettlementCategory, string>> = {
  inpatient: '住院',
  general_outpatient: '普通门诊',
  chronic_outpatient: '门诊慢特病',
  emergency: '急诊',
  pharmacy_purchase: '药店购药',
};

export function categoryZh(category: SettlementCategory, diseaseCode: string | null): string {
  if (diseaseCode === null) return CATEGORY_ZH[category];
  return `${CATEGORY_ZH[category]}·${CHRONIC_DISEASE_NAMES[diseaseCode] ?? ''}${diseaseCode}`;
}

function groupingStep(
  medicalType: MedicalType,
  plans: readonly PartPlan[],
  unqualified: readonly string[],
): TraceStep {
  const described = plans
    .map((p) => `${categoryZh(p.category, p.diseaseCode)} ${p.lines.length} 条`)
    .join('；');
  const note = unqualified.length > 0 ? `（病种 ${unqualified.join('、')} 无待遇资格，按普通费用结算）` : '';
  return {
    step: TraceStepKind.Grouping,
    ruleId: 'R-C2',
    partNo: 0,
    params: {
      medicalType,
      parts: plans.map((p) => `${p.category}:${p.diseaseCode ?? ''}`).join(','),
      unqualifiedDiseaseCodes: unqualified.join(','),
    },
    formulaZh: `分类结算：${described}${note}`,
    amounts: Object.fromEntries(plans.map((p) => [`part${p.partNo}Lines`, p.lines.length])),
  };
}
