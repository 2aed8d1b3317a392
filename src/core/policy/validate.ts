/**
 * validatePolicy — checks an untrusted JSON policy document (an import file, a stored row) and
 * returns the typed policy, or the first problem as a coded Chinese error naming the field path.
 * docs/policy.schema.json describes the same shape for editors; this function is the authority.
 */
import type { Result } from '../errors.ts';
import type { Fen, RatioBp } from '../money/index.ts';
import {
  AssistanceCategory,
  EmploymentStatus,
  InstitutionLevel,
  InsuranceType,
  MedicalType,
} from '../reference/codes.ts';
import { PolicyErrorCode, policyFieldError } from './errors.ts';
import { type JsonReader, jsonReader, readDocument } from './json-reader.ts';
import {
  type AssistanceCategoryRule,
  type BenefitPolicy,
  type BenefitRule,
  type CapDefinition,
  type CivilServantSpec,
  CrossRegionSituation,
  type DeductibleSpec,
  type LargeAmountSpec,
  type MedicalAssistanceSpec,
  type PersonalAccountSpec,
  type PolicyAdjustment,
  type RatioBand,
  type RuleSelector,
  type SeriousIllnessSpec,
} from './types.ts';

const MEDICAL_TYPES = Object.values(MedicalType);
const LEVELS = Object.values(InstitutionLevel);
const EMPLOYMENT = Object.values(EmploymentStatus);
const SITUATIONS = Object.values(CrossRegionSituation);
const ASSISTANCE = Object.values(AssistanceCategory).filter((c) => c !== 'none') as Exclude<
  AssistanceCategory,
  'none'
>[];

/** 待遇政策校验 (R-M4). */
export function validatePolicy(json: unknown): Result<BenefitPolicy> {
  return readDocument(() => readPolicy(jsonReader('POLICY', policyFieldError), json));
}

function readPolicy(r: JsonReader, json: unknown): BenefitPolicy {
  const o = r.object(json, 'policy', [
    'policyId',
    'version',
    'regionCode',
    'insuranceType',
    'nameZh',
    'demo',
    'effectiveFrom',
    'effectiveTo',
    'caps',
    'rules',
    'adjustments',
    'seriousIllness',
    'largeAmount',
    'civilServant',
    'medicalAssistance',
    'personalAccount',
  ]);
  const effectiveFrom = r.date(o.effectiveFrom, 'effectiveFrom');
  const effectiveTo = o.effectiveTo === null ? null : r.date(o.effectiveTo, 'effectiveTo');
  if (effectiveTo !== null && effectiveTo < effectiveFrom) {
    r.fail(
      'DATE_INVALID',
      'effectiveTo',
      `早于 effectiveFrom ${effectiveFrom}`,
      '请把失效日期改为不早于生效日期',
    );
  }
  const caps = r.array(o.caps, 'caps').map((c, i) => readCap(r, c, `caps[${i}]`));
  uniqueIds(
    r,
    caps.map((c) => c.capId),
    'caps',
    'capId',
  );
  const capIds = new Set(caps.map((c) => c.capId));
  const rules = r.array(o.rules, 'rules').map((x, i) => readRule(r, x, `rules[${i}]`, capIds));
  if (rules.length === 0) {
    r.fail('FIELD_INVALID', 'rules', '为空', '请至少定义一条待遇规则');
  }
  uniqueIds(
    r,
    rules.map((x) => x.ruleId),
    'rules',
    'ruleId',
  );
  const adjustments = r
    .array(o.adjustments, 'adjustments')
    .map((x, i) => readAdjustment(r, x, `adjustments[${i}]`));
  uniqueIds(
    r,
    adjustments.map((a) => a.adjustmentId),
    'adjustments',
    'adjustmentId',
  );
  return {
    policyId: r.string(o.policyId, 'policyId'),
    version: r.string(o.version, 'version'),
    regionCode: readRegionCode(r, o.regionCode),
    insuranceType: r.oneOf(o.insuranceType, 'insuranceType', Object.values(InsuranceType)),
    nameZh: r.string(o.nameZh, 'nameZh'),
    demo: r.boolean(o.demo, 'demo'),
    effectiveFrom,
    effectiveTo,
    caps,
    rules,
    adjustments,
    seriousIllness: nullable(o.seriousIllness, (v) => readSeriousIllness(r, v, 'seriousIllness')),
    largeAmount: nullable(o.largeAmount, (v) => readLargeAmount(r, v, 'largeAmount', capIds)),
    civilServant: nullable(o.civilServant, (v) => readCivilServant(r, v, 'civilServant')),
    medicalAssistance: nullable(o.medicalAssistance, (v) => readAssistance(r, v, 'medicalAssistance')),
    personalAccount: nullable(o.personalAccount, (v) => readAccount(r, v, 'personalAccount')),
  };
}

function nullable<T>(value: unknown, read: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : read(value);
}

function readRegionCode(r: JsonReader, value: unknown): string {
  const s = r.string(value, 'regionCode');
  if (!/^\d{6}$/.test(s)) r.fail('FIELD_INVALID', 'regionCode', '应为 6 位行政区划代码', '例如 341700');
  return s;
}

function uniqueIds(r: JsonReader, ids: readonly string[], field: string, idName: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      r.fail('ID_DUPLICATE', `${field}.${idName}`, `重复：${id}`, '每个编号只能出现一次');
    }
    seen.add(id);
  }
}

function readCap(r: JsonReader, value: unknown, path: string): CapDefinition {
  const o = r.object(value, path, ['capId', 'nameZh', 'amountFen', 'perDisease']);
  return {
    capId: r.string(o.capId, `${path}.capId`),
    nameZh: r.string(o.nameZh, `${path}.nameZh`),
    amountFen: r.fen(o.amountFen, `${path}.amountFen`) as Fen,
    perDisease: o.perDisease === undefined ? false : r.boolean(o.perDisease, `${path}.perDisease`),
  };
}

function readRule(r: JsonReader, value: unknown, path: string, capIds: ReadonlySet<string>): BenefitRule {
  const o = r.object(value, path, ['ruleId', 'nameZh', 'when', 'deductible', 'bands', 'capIds']);
  const ruleCaps = r.array(o.capIds, `${path}.capIds`).map((c, i) => r.string(c, `${path}.capIds[${i}]`));
  for (const [i, c] of ruleCaps.entries()) {
    if (!capIds.has(c))
      r.fail('CAP_UNKNOWN', `${path}.capIds[${i}]`, `引用了未定义的限额 ${c}`, '请在 caps 中定义它');
  }
  return {
    ruleId: r.string(o.ruleId, `${path}.ruleId`),
    nameZh: r.string(o.nameZh, `${path}.nameZh`),
    when: readSelector(r, o.when ?? {}, `${path}.when`),
    deductible: readDeductible(r, o.deductible, `${path}.deductible`),
    bands: readBands(r, o.bands, `${path}.bands`, 0),
    capIds: ruleCaps,
  };
}

function readSelector(r: JsonReader, value: unknown, path: string): RuleSelector {
  const o = r.object(value, path, [
    'medicalTypes',
    'institutionLevels',
    'employment',
    'situations',
    'diseaseCodes',
    'ageMin',
    'ageMax',
  ]);
  const list = <T extends string>(key: string, allowed: readonly T[] | null): T[] | undefined => {
    if (o[key] === undefined) return undefined;
    const items = r.array(o[key], `${path}.${key}`);
    if (items.length === 0)
      r.fail('FIELD_INVALID', `${path}.${key}`, '为空数组', '删除该字段表示不限，或至少填一个值');
    return items.map((x, i) =>
      allowed === null
        ? (r.string(x, `${path}.${key}[${i}]`) as T)
        : r.oneOf(x, `${path}.${key}[${i}]`, allowed),
    );
  };
  const age = (key: 'ageMin' | 'ageMax') =>
    o[key] === undefined ? undefined : r.integer(o[key], `${path}.${key}`, 0, 150, 'FIELD_INVALID');
  const selector: RuleSelector = {
    medicalTypes: list('medicalTypes', MEDICAL_TYPES),
    institutionLevels: list('institutionLevels', LEVELS),
    employment: list('employment', EMPLOYMENT),
    situations: list('situations', SITUATIONS),
    diseaseCodes: list('diseaseCodes', null),
    ageMin: age('ageMin'),
    ageMax: age('ageMax'),
  };
  // Absent keys stay absent, so a stored policy round-trips through JSON unchanged.
  return Object.fromEntries(Object.entries(selector).filter(([, v]) => v !== undefined)) as RuleSelector;
}

function readDeductible(r: JsonReader, value: unknown, path: string): DeductibleSpec {
  const o = r.object(value, path, ['kind', 'amountFen', 'amountsFen', 'groupId', 'perDisease']);
  const kind = r.oneOf(o.kind, `${path}.kind`, ['none', 'per_visit', 'per_admission', 'annual'] as const);
  switch (kind) {
    case 'none':
      return { kind };
    case 'per_visit':
      return { kind, amountFen: r.fen(o.amountFen, `${path}.amountFen`) as Fen };
    case 'per_admission': {
      const amounts = r.array(o.amountsFen, `${path}.amountsFen`);
      if (amounts.length === 0)
        r.fail('FIELD_INVALID', `${path}.amountsFen`, '为空', '至少填写第 1 次住院的起付标准');
      return { kind, amountsFen: amounts.map((a, i) => r.fen(a, `${path}.amountsFen[${i}]`) as Fen) };
    }
    case 'annual':
      return {
        kind,
        groupId: r.string(o.groupId, `${path}.groupId`),
        amountFen: r.fen(o.amountFen, `${path}.amountFen`) as Fen,
        perDisease: o.perDisease === undefined ? false : r.boolean(o.perDisease, `${path}.perDisease`),
      };
  }
}

/** Bands must ascend strictly above `floorFen` and end with one open band. */
function readBands(r: JsonReader, value: unknown, path: string, floorFen: number): RatioBand[] {
  const items = r.array(value, path);
  if (items.length === 0) r.fail('BANDS_INVALID', path, '为空', '至少填写一个 uptoFen 为 null 的分段');
  let previous = floorFen;
  return items.map((x, i) => {
    const o = r.object(x, `${path}[${i}]`, ['uptoFen', 'ratioBp']);
    const last = i === items.length - 1;
    const upto = o.uptoFen === null ? null : r.fen(o.uptoFen, `${path}[${i}].uptoFen`);
    if (last !== (upto === null)) {
      r.fail(
        'BANDS_INVALID',
        `${path}[${i}].uptoFen`,
        '只有最后一段的上限为 null',
        '请把最后一段上限设为 null，其余填金额',
      );
    }
    if (upto !== null && upto <= previous) {
      r.fail(
        'BANDS_INVALID',
        `${path}[${i}].uptoFen`,
        `${upto} 不大于上一段的上限 ${previous}`,
        '分段上限须严格递增',
      );
    }
    previous = upto ?? previous;
    return { uptoFen: upto as Fen | null, ratioBp: r.ratioBp(o.ratioBp, `${path}[${i}].ratioBp`) as RatioBp };
  });
}

function readAdjustment(r: JsonReader, value: unknown, path: string): PolicyAdjustment {
  const o = r.object(value, path, ['adjustmentId', 'nameZh', 'when', 'ratioDeltaBp', 'notPayable']);
  return {
    adjustmentId: r.string(o.adjustmentId, `${path}.adjustmentId`),
    nameZh: r.string(o.nameZh, `${path}.nameZh`),
    when: readSelector(r, o.when ?? {}, `${path}.when`),
    ratioDeltaBp:
      o.ratioDeltaBp === undefined
        ? 0
        : r.integer(o.ratioDeltaBp, `${path}.ratioDeltaBp`, -10_000, 10_000, 'RATIO_INVALID'),
    notPayable: o.notPayable === undefined ? false : r.boolean(o.notPayable, `${path}.notPayable`),
  };
}

function medicalTypes(r: JsonReader, value: unknown, path: string): MedicalType[] {
  return r.array(value, path).map((x, i) => r.oneOf(x, `${path}[${i}]`, MEDICAL_TYPES));
}

function readSeriousIllness(r: JsonReader, value: unknown, path: string): SeriousIllnessSpec {
  const o = r.object(value, path, ['medicalTypes', 'thresholdFen', 'bands', 'capFen']);
  const thresholdFen = r.fen(o.thresholdFen, `${path}.thresholdFen`);
  return {
    medicalTypes: medicalTypes(r, o.medicalTypes, `${path}.medicalTypes`),
    thresholdFen: thresholdFen as Fen,
    bands: readBands(r, o.bands, `${path}.bands`, thresholdFen),
    capFen: r.fen(o.capFen, `${path}.capFen`) as Fen,
  };
}

function readLargeAmount(
  r: JsonReader,
  value: unknown,
  path: string,
  capIds: ReadonlySet<string>,
): LargeAmountSpec {
  const o = r.object(value, path, ['capIds', 'ratioBp', 'capFen']);
  const caps = r.array(o.capIds, `${path}.capIds`).map((c, i) => r.string(c, `${path}.capIds[${i}]`));
  for (const [i, c] of caps.entries()) {
    if (!capIds.has(c))
      r.fail('CAP_UNKNOWN', `${path}.capIds[${i}]`, `引用了未定义的限额 ${c}`, '请在 caps 中定义它');
  }
  return {
    capIds: caps,
    ratioBp: r.ratioBp(o.ratioBp, `${path}.ratioBp`) as RatioBp,
    capFen: r.fen(o.capFen, `${path}.capFen`) as Fen,
  };
}

function readCivilServant(r: JsonReader, value: unknown, path: string): CivilServantSpec {
  const o = r.object(value, path, ['medicalTypes', 'ratioBp', 'capFen']);
  return {
    medicalTypes: medicalTypes(r, o.medicalTypes, `${path}.medicalTypes`),
    ratioBp: r.ratioBp(o.ratioBp, `${path}.ratioBp`) as RatioBp,
    capFen: o.capFen === null ? null : (r.fen(o.capFen, `${path}.capFen`) as Fen),
  };
}

function readAssistance(r: JsonReader, value: unknown, path: string): MedicalAssistanceSpec {
  const o = r.object(value, path, ['medicalTypes', 'categories']);
  const categories = r.array(o.categories, `${path}.categories`).map((x, i): AssistanceCategoryRule => {
    const c = r.object(x, `${path}.categories[${i}]`, ['category', 'ratioBp', 'capFen']);
    return {
      category: r.oneOf(c.category, `${path}.categories[${i}].category`, ASSISTANCE),
      ratioBp: r.ratioBp(c.ratioBp, `${path}.categories[${i}].ratioBp`) as RatioBp,
      capFen: r.fen(c.capFen, `${path}.categories[${i}].capFen`) as Fen,
    };
  });
  uniqueIds(
    r,
    categories.map((c) => c.category),
    `${path}.categories`,
    'category',
  );
  return { medicalTypes: medicalTypes(r, o.medicalTypes, `${path}.medicalTypes`), categories };
}

function readAccount(r: JsonReader, value: unknown, path: string): PersonalAccountSpec {
  const o = r.object(value, path, ['medicalTypes', 'scope']);
  return {
    medicalTypes: medicalTypes(r, o.medicalTypes, `${path}.medicalTypes`),
    scope: r.oneOf(o.scope, `${path}.scope`, ['in_scope_personal', 'all_personal'] as const),
  };
}

/** Codes this validator can return, for callers that map them (e.g. import reports). */
export const POLICY_VALIDATION_CODES = [
  PolicyErrorCode.FieldInvalid,
  PolicyErrorCode.AmountInvalid,
  PolicyErrorCode.RatioInvalid,
  PolicyErrorCode.DateInvalid,
  PolicyErrorCode.CodeUnknown,
  PolicyErrorCode.BandsInvalid,
  PolicyErrorCode.CapUnknown,
  PolicyErrorCode.IdDuplicate,
] as const;
