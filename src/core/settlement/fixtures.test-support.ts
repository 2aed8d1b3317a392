/**
 * Shared test fixtures: the demo policy of examples/settlement (E-2…E-4), a person, an institution
 * and a catalog. Demo parameters, not official ones.
 */
import type { CatalogLookup } from '../catalog/index.ts';
import { type Fen, fen } from '../money/index.ts';
import { type BenefitPolicy, validatePolicy } from '../policy/index.ts';
import type { CatalogItem, Institution, Person } from '../reference/types.ts';

/** examples/settlement E-2…E-4: employee inpatient 800/400, 85 %; chronic 70 %; general outpatient 60 %. */
export function examplePolicyJson(
  insuranceType: '310' | '390',
  accountScope: 'in_scope_personal' | 'all_personal',
) {
  return {
    policyId: `341700-${insuranceType}-examples`,
    version: '2026.1',
    regionCode: '341700',
    insuranceType,
    nameZh: '示例政策（examples/settlement，演示）',
    demo: true,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    caps: [{ capId: 'pooled', nameZh: '统筹基金年度最高支付限额', amountFen: 30_000_000, perDisease: false }],
    rules: [
      {
        ruleId: 'inpatient-l3',
        nameZh: '三级医院住院',
        when: { medicalTypes: ['21'], institutionLevels: ['3'] },
        deductible: { kind: 'per_admission', amountsFen: [80_000, 40_000] },
        bands: [{ uptoFen: null, ratioBp: 8500 }],
        capIds: ['pooled'],
      },
      {
        ruleId: 'chronic',
        nameZh: '门诊慢特病',
        when: { medicalTypes: ['14'] },
        deductible: { kind: 'none' },
        bands: [{ uptoFen: null, ratioBp: 7000 }],
        capIds: ['pooled'],
      },
      {
        ruleId: 'general-outpatient',
        nameZh: '普通门诊',
        when: { medicalTypes: ['11'] },
        deductible: { kind: 'none' },
        bands: [{ uptoFen: null, ratioBp: 6000 }],
        capIds: [],
      },
    ],
    adjustments: [],
    seriousIllness: null,
    largeAmount: null,
    civilServant: null,
    medicalAssistance: null,
    personalAccount:
      insuranceType === '310' ? { medicalTypes: ['11', '14', '21', '41', '13'], scope: accountScope } : null,
  };
}

export function examplePolicy(
  insuranceType: '310' | '390',
  accountScope: 'in_scope_personal' | 'all_personal',
): BenefitPolicy {
  const r = validatePolicy(examplePolicyJson(insuranceType, accountScope));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function demoPerson(overrides: Partial<Person> = {}): Person {
  return {
    personNo: '34170000000000000001',
    name: '测试甲',
    certificateType: '01',
    certificateNo: '341702198001010011',
    gender: '1',
    birthDate: '1980-01-01',
    insuredRegionCode: '341700',
    insuranceType: '310',
    employment: 'employed',
    civilServant: false,
    assistanceCategory: 'none',
    status: 'active',
    accountBalanceFen: fen(0),
    ...overrides,
  };
}

export const demoInstitution: Institution = {
  code: 'H42010000001',
  name: '武汉市某三级医院（演示）',
  regionCode: '420100',
  kind: 'hospital',
  level: '3',
  crossRegionNetworked: true,
  chronicDiseases: ['M03900', 'M01600'],
  employeeOutpatientPooling: true,
};

export function catalogItem(
  code: string,
  cls: '01' | '02' | '03',
  copayRatioBp = 0,
  priceLimitFen: number | null = null,
): CatalogItem {
  return {
    regionCode: '420100',
    code,
    name: code,
    kind: 'drug',
    catalogClass: cls,
    copayRatioBp: copayRatioBp as CatalogItem['copayRatioBp'],
    priceLimitFen: priceLimitFen === null ? null : (priceLimitFen as Fen),
    validFrom: '2020-01-01',
    validTo: null,
  };
}

export function lookupOf(items: readonly CatalogItem[]): CatalogLookup {
  const byCode = new Map(items.map((i) => [i.code, i]));
  return (code) => byCode.get(code);
}
