/**
 * The importable chronic-disease catalog: diseases with their ICD-10 patterns and cross-province flag,
 * each region's local codes mapped one-to-one to national codes (R-C1), and region overrides of the
 * T-1 screening list (R-C5). Validation is all-or-nothing: one bad row rejects the whole document,
 * and every problem is listed so the file can be fixed in one go.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';
import { parseIcdPattern } from './icd.ts';
import {
  type ChronicCatalog,
  type ChronicDisease,
  type DiseaseMapping,
  GrantMode,
  type ScreeningRule,
} from './types.ts';

export interface CatalogIssue {
  readonly path: string;
  readonly message: string;
}

export interface CatalogRejection extends DomainError {
  readonly issues: readonly CatalogIssue[];
}

const NATIONAL_CODE = /^M\d{5}$/;
const REGION_CODE = /^\d{6}$/;
const LOCAL_CODE = /^[0-9A-Za-z_-]{1,30}$/;
const GRANT_MODES: readonly string[] = Object.values(GrantMode);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function icdList(value: unknown, path: string, issues: CatalogIssue[]): string[] {
  if (!Array.isArray(value)) {
    issues.push({ path, message: '应为 ICD-10 编码规则的数组，如 ["G20-G22"]' });
    return [];
  }
  const out: string[] = [];
  value.forEach((p, i) => {
    const parsed = typeof p === 'string' ? parseIcdPattern(p) : undefined;
    if (!parsed?.ok)
      issues.push({ path: `${path}[${i}]`, message: `ICD-10 编码规则“${String(p)}”格式不正确` });
    else out.push(p as string);
  });
  return out;
}

function readDisease(raw: unknown, path: string, issues: CatalogIssue[]): ChronicDisease | undefined {
  if (!isObj(raw)) {
    issues.push({ path, message: '应为对象' });
    return undefined;
  }
  const code = text(raw.code);
  const name = text(raw.name);
  const before = issues.length;
  if (!code || !NATIONAL_CODE.test(code))
    issues.push({ path: `${path}.code`, message: '国家病种编码应为 M 加 5 位数字，如 M03900' });
  if (!name) issues.push({ path: `${path}.name`, message: '病种名称不能为空' });
  if (typeof raw.grantMode !== 'string' || !GRANT_MODES.includes(raw.grantMode)) {
    issues.push({ path: `${path}.grantMode`, message: `认定方式应为 ${GRANT_MODES.join(' / ')} 之一` });
  }
  if (typeof raw.crossProvince !== 'boolean')
    issues.push({ path: `${path}.crossProvince`, message: '应为 true 或 false' });
  const icd10 = icdList(raw.icd10 ?? [], `${path}.icd10`, issues);
  if (raw.grantMode === GrantMode.NoApplication && icd10.length === 0) {
    issues.push({ path: `${path}.icd10`, message: '免申即享病种必须列出用于 T-1 筛查的 ICD-10 编码' });
  }
  if (issues.length > before) return undefined;
  return {
    code: code!,
    name: name!,
    categoryName: text(raw.categoryName) ?? name!,
    grantMode: raw.grantMode as GrantMode,
    crossProvince: raw.crossProvince as boolean,
    icd10,
  };
}

function readMapping(raw: unknown, path: string, issues: CatalogIssue[]): DiseaseMapping | undefined {
  if (!isObj(raw)) {
    issues.push({ path, message: '应为对象' });
    return undefined;
  }
  const regionCode = text(raw.regionCode);
  const localCode = text(raw.localCode);
  const diseaseCode = text(raw.diseaseCode);
  const before = issues.length;
  if (!regionCode || !REGION_CODE.test(regionCode))
    issues.push({ path: `${path}.regionCode`, message: '统筹区编码应为 6 位数字' });
  if (!localCode || !LOCAL_CODE.test(localCode))
    issues.push({ path: `${path}.localCode`, message: '本地病种编码应为 1–30 位字母、数字、下划线或连字符' });
  if (!diseaseCode) issues.push({ path: `${path}.diseaseCode`, message: '国家病种编码不能为空' });
  if (issues.length > before) return undefined;
  return {
    regionCode: regionCode!,
    localCode: localCode!,
    localName: text(raw.localName) ?? localCode!,
    diseaseCode: diseaseCode!,
  };
}

function readRule(raw: unknown, path: string, issues: CatalogIssue[]): ScreeningRule | undefined {
  if (!isObj(raw)) {
    issues.push({ path, message: '应为对象' });
    return undefined;
  }
  const regionCode = text(raw.regionCode);
  const diseaseCode = text(raw.diseaseCode);
  const before = issues.length;
  if (!regionCode || !REGION_CODE.test(regionCode))
    issues.push({ path: `${path}.regionCode`, message: '统筹区编码应为 6 位数字' });
  if (!diseaseCode) issues.push({ path: `${path}.diseaseCode`, message: '国家病种编码不能为空' });
  const icd10 = icdList(raw.icd10, `${path}.icd10`, issues);
  if (issues.length > before) return undefined;
  return { regionCode: regionCode!, diseaseCode: diseaseCode!, icd10 };
}

/** Checks one-to-one mapping and references to known diseases across the whole document. */
function crossCheck(catalog: ChronicCatalog, issues: CatalogIssue[]): void {
  const codes = new Set<string>();
  catalog.diseases.forEach((d, i) => {
    if (codes.has(d.code))
      issues.push({ path: `diseases[${i}].code`, message: `国家病种编码 ${d.code} 重复` });
    codes.add(d.code);
  });
  const locals = new Set<string>();
  const nationals = new Set<string>();
  catalog.mappings.forEach((m, i) => {
    const path = `mappings[${i}]`;
    if (!codes.has(m.diseaseCode))
      issues.push({ path: `${path}.diseaseCode`, message: `国家病种编码 ${m.diseaseCode} 不在病种目录中` });
    const localKey = `${m.regionCode}|${m.localCode}`;
    if (locals.has(localKey))
      issues.push({
        path: `${path}.localCode`,
        message: `统筹区 ${m.regionCode} 的本地编码 ${m.localCode} 对照了多个国家病种（须一对一）`,
      });
    const nationalKey = `${m.regionCode}|${m.diseaseCode}`;
    if (nationals.has(nationalKey))
      issues.push({
        path: `${path}.diseaseCode`,
        message: `统筹区 ${m.regionCode} 的国家病种 ${m.diseaseCode} 对照了多个本地编码（须一对一）`,
      });
    locals.add(localKey);
    nationals.add(nationalKey);
  });
  const rules = new Set<string>();
  catalog.screeningRules.forEach((r, i) => {
    if (!codes.has(r.diseaseCode))
      issues.push({
        path: `screeningRules[${i}].diseaseCode`,
        message: `国家病种编码 ${r.diseaseCode} 不在病种目录中`,
      });
    const key = `${r.regionCode}|${r.diseaseCode}`;
    if (rules.has(key))
      issues.push({
        path: `screeningRules[${i}]`,
        message: `统筹区 ${r.regionCode} 病种 ${r.diseaseCode} 的筛查规则重复`,
      });
    rules.add(key);
  });
}

function list<T>(
  doc: Obj,
  key: string,
  issues: CatalogIssue[],
  read: (raw: unknown, path: string, issues: CatalogIssue[]) => T | undefined,
): T[] {
  const value = doc[key] ?? [];
  if (!Array.isArray(value)) {
    issues.push({ path: key, message: '应为数组' });
    return [];
  }
  return value.flatMap((raw, i) => {
    const item = read(raw, `${key}[${i}]`, issues);
    return item === undefined ? [] : [item];
  });
}

export function validateChronicCatalog(doc: unknown): Result<ChronicCatalog, CatalogRejection> {
  const issues: CatalogIssue[] = [];
  if (!isObj(doc))
    issues.push({ path: '', message: '目录文件应为 JSON 对象，包含 diseases、mappings 等字段' });
  const obj = isObj(doc) ? doc : {};
  const catalog: ChronicCatalog = {
    version: text(obj.version) ?? 'unversioned',
    diseases: list(obj, 'diseases', issues, readDisease),
    mappings: list(obj, 'mappings', issues, readMapping),
    screeningRules: list(obj, 'screeningRules', issues, readRule),
  };
  if (catalog.diseases.length === 0 && issues.length === 0)
    issues.push({ path: 'diseases', message: '病种目录不能为空' });
  crossCheck(catalog, issues);
  if (issues.length > 0) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path}：${i.message}`)
      .join('；');
    const more = issues.length > 3 ? `等 ${issues.length} 处问题` : '';
    return err({
      ...domainError(
        ChronicErrorCode.CatalogInvalid,
        `门慢特病种目录未导入（整份不生效）：${first}${more}。请修正后重新导入。`,
        { ruleId: 'R-C1' },
      ),
      issues,
    });
  }
  return ok(catalog);
}
