/**
 * 试算案例 — a self-contained settlement case (policy, catalog entries, person, institution,
 * accumulators, fee lines, settlement time) as one JSON document, read into a SettlementInput.
 * Format: docs/settlement-case.schema.json and docs/settlement-case.md. Defaults keep hand-written
 * cases short; every present field is checked and every error names its path.
 */
import type { FeeLine } from '../catalog/index.ts';
import { type DomainError, domainError, type Result } from '../errors.ts';
import { type Fen, multiplyQuantity, parseQuantity, type Quantity, type RatioBp } from '../money/index.ts';
import {
  type BenefitPolicy,
  CrossRegionSituation,
  selectPolicyVersion,
  validatePolicy,
} from '../policy/index.ts';
import { type JsonReader, jsonReader, readDocument } from '../policy/json-reader.ts';
import {
  AssistanceCategory,
  CatalogClass,
  CatalogKind,
  EmploymentStatus,
  InstitutionKind,
  InstitutionLevel,
  InsuranceType,
  InsuredStatus,
  MedicalType,
} from '../reference/codes.ts';
import type { CatalogItem, Institution, Person } from '../reference/types.ts';
import type { SettlementInput } from './types.ts';

function caseError(code: string, field: string, problem: string, fix: string): DomainError {
  return domainError(code, `结算案例字段 ${field} ${problem}；${fix}（规则 R-S1）`, {
    ruleId: 'R-S1',
    field,
  });
}

const TOP_KEYS = [
  'settlementId',
  'settledAt',
  'medicalType',
  'situation',
  'useAccount',
  'chronicDiseases',
  'person',
  'institution',
  'policy',
  'policies',
  'catalog',
  'accumulators',
  'feeLines',
];

/** Reads a case document; the policy is checked by validatePolicy (a `policies` list picks the version in force). */
export function readSettlementCase(json: unknown): Result<SettlementInput> {
  return readDocument(() => {
    const r = jsonReader('CASE', caseError);
    const o = r.object(json, 'case', TOP_KEYS);
    const settledAt = r.string(o.settledAt, 'settledAt');
    const institution = readInstitution(r, o.institution);
    const items = r
      .array(o.catalog ?? [], 'catalog')
      .map((x, i) => readItem(r, x, `catalog[${i}]`, institution.regionCode));
    const byCode = new Map(items.map((item) => [item.code, item]));
    return {
      settlementId: r.string(o.settlementId, 'settlementId'),
      settledAt,
      medicalType: r.oneOf(o.medicalType, 'medicalType', Object.values(MedicalType)),
      situation: r.oneOf(o.situation ?? 'local', 'situation', Object.values(CrossRegionSituation)),
      useAccount: o.useAccount === undefined ? true : r.boolean(o.useAccount, 'useAccount'),
      chronicDiseases: r
        .array(o.chronicDiseases ?? [], 'chronicDiseases')
        .map((d, i) => r.string(d, `chronicDiseases[${i}]`)),
      person: readPerson(r, o.person),
      institution,
      policy: readPolicy(r, o, settledAt),
      catalog: (code: string) => byCode.get(code),
      accumulators: readAccumulators(r, o.accumulators ?? {}),
      feeLines: r.array(o.feeLines, 'feeLines').map((x, i) => readFeeLine(r, x, `feeLines[${i}]`)),
    };
  });
}

function readPolicy(r: JsonReader, o: Record<string, unknown>, settledAt: string): BenefitPolicy {
  const unwrap = <T>(res: Result<T>, field: string): T => {
    if (res.ok) return res.value;
    return r.fail(
      'POLICY_INVALID',
      `${field}${res.error.field ? `.${res.error.field}` : ''}`,
      `无效：${res.error.message}`,
      '请修正待遇政策',
    );
  };
  if (o.policies !== undefined) {
    const versions = r
      .array(o.policies, 'policies')
      .map((p, i) => unwrap(validatePolicy(p), `policies[${i}]`));
    return unwrap(selectPolicyVersion(versions, settledAt), 'policies');
  }
  return unwrap(validatePolicy(o.policy), 'policy');
}

function readPerson(r: JsonReader, value: unknown): Person {
  const o = r.object(value, 'person', [
    'personNo',
    'name',
    'certificateType',
    'certificateNo',
    'gender',
    'birthDate',
    'insuredRegionCode',
    'insuranceType',
    'employment',
    'civilServant',
    'assistanceCategory',
    'status',
    'accountBalanceFen',
  ]);
  return {
    personNo: r.string(o.personNo, 'person.personNo'),
    name: r.optionalString(o.name, 'person.name') ?? '',
    certificateType: r.optionalString(o.certificateType, 'person.certificateType') ?? '01',
    certificateNo: r.optionalString(o.certificateNo, 'person.certificateNo') ?? '',
    gender: r.optionalString(o.gender, 'person.gender') ?? '0',
    birthDate: r.date(o.birthDate, 'person.birthDate'),
    insuredRegionCode: r.string(o.insuredRegionCode, 'person.insuredRegionCode'),
    insuranceType: r.oneOf(o.insuranceType, 'person.insuranceType', Object.values(InsuranceType)),
    employment: r.oneOf(o.employment ?? 'employed', 'person.employment', Object.values(EmploymentStatus)),
    civilServant: o.civilServant === undefined ? false : r.boolean(o.civilServant, 'person.civilServant'),
    assistanceCategory: r.oneOf(
      o.assistanceCategory ?? 'none',
      'person.assistanceCategory',
      Object.values(AssistanceCategory),
    ),
    status: r.oneOf(o.status ?? 'active', 'person.status', Object.values(InsuredStatus)),
    accountBalanceFen: r.fen(o.accountBalanceFen ?? 0, 'person.accountBalanceFen') as Fen,
  };
}

function readInstitution(r: JsonReader, value: unknown): Institution {
  const o = r.object(value, 'institution', [
    'code',
    'name',
    'regionCode',
    'kind',
    'level',
    'crossRegionNetworked',
    'chronicDiseases',
    'employeeOutpatientPooling',
  ]);
  return {
    code: r.string(o.code, 'institution.code'),
    name: r.optionalString(o.name, 'institution.name') ?? '',
    regionCode: r.string(o.regionCode, 'institution.regionCode'),
    kind: r.oneOf(o.kind ?? 'hospital', 'institution.kind', Object.values(InstitutionKind)),
    level: r.oneOf(o.level, 'institution.level', Object.values(InstitutionLevel)),
    crossRegionNetworked:
      o.crossRegionNetworked === undefined
        ? true
        : r.boolean(o.crossRegionNetworked, 'institution.crossRegionNetworked'),
    chronicDiseases: r
      .array(o.chronicDiseases ?? [], 'institution.chronicDiseases')
      .map((d, i) => r.string(d, `institution.chronicDiseases[${i}]`)),
    employeeOutpatientPooling:
      o.employeeOutpatientPooling === undefined
        ? false
        : r.boolean(o.employeeOutpatientPooling, 'institution.employeeOutpatientPooling'),
  };
}

function readItem(r: JsonReader, value: unknown, path: string, regionCode: string): CatalogItem {
  const o = r.object(value, path, [
    'regionCode',
    'code',
    'name',
    'kind',
    'catalogClass',
    'copayRatioBp',
    'priceLimitFen',
    'validFrom',
    'validTo',
  ]);
  return {
    regionCode: r.optionalString(o.regionCode, `${path}.regionCode`) ?? regionCode,
    code: r.string(o.code, `${path}.code`),
    name: r.optionalString(o.name, `${path}.name`) ?? '',
    kind: r.oneOf(o.kind ?? 'drug', `${path}.kind`, Object.values(CatalogKind)),
    catalogClass: r.oneOf(o.catalogClass, `${path}.catalogClass`, Object.values(CatalogClass)),
    copayRatioBp: r.ratioBp(o.copayRatioBp ?? 0, `${path}.copayRatioBp`) as RatioBp,
    priceLimitFen:
      o.priceLimitFen === undefined || o.priceLimitFen === null
        ? null
        : (r.fen(o.priceLimitFen, `${path}.priceLimitFen`) as Fen),
    validFrom: o.validFrom === undefined ? '1900-01-01' : r.date(o.validFrom, `${path}.validFrom`),
    validTo: o.validTo === undefined || o.validTo === null ? null : r.date(o.validTo, `${path}.validTo`),
  };
}

function readFeeLine(r: JsonReader, value: unknown, path: string): FeeLine {
  const o = r.object(value, path, [
    'lineNo',
    'itemCode',
    'itemName',
    'unitPriceFen',
    'quantity',
    'amountFen',
    'diseaseCode',
  ]);
  const unitPriceFen = r.fen(o.unitPriceFen, `${path}.unitPriceFen`) as Fen;
  const q = parseQuantity(
    typeof o.quantity === 'number' ? String(o.quantity) : o.quantity,
    `${path}.quantity`,
  );
  const quantity: Quantity = q.ok
    ? q.value
    : r.fail('QUANTITY_INVALID', `${path}.quantity`, q.error.message, '例如 "2.5" 或 10');
  const diseaseCode = r.optionalString(o.diseaseCode, `${path}.diseaseCode`);
  const itemName = r.optionalString(o.itemName, `${path}.itemName`);
  return {
    lineNo: typeof o.lineNo === 'number' ? String(o.lineNo) : r.string(o.lineNo, `${path}.lineNo`),
    itemCode: r.string(o.itemCode, `${path}.itemCode`),
    unitPriceFen,
    quantity,
    // Omitted amount = price × quantity; a given one is checked against it by the catalog split (R-M3).
    amountFen:
      o.amountFen === undefined
        ? multiplyQuantity(unitPriceFen, quantity)
        : (r.fen(o.amountFen, `${path}.amountFen`) as Fen),
    ...(itemName === undefined ? {} : { itemName }),
    ...(diseaseCode === undefined ? {} : { diseaseCode }),
  };
}

function readAccumulators(r: JsonReader, value: unknown): Record<string, number> {
  const o = r.object(value, 'accumulators');
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k,
      r.integer(v, `accumulators.${k}`, 0, Number.MAX_SAFE_INTEGER, 'AMOUNT_INVALID'),
    ]),
  );
}
