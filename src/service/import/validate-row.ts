/**
 * Structural validation of one row against its kind's JSON Schema (ajv, allErrors), with every error
 * turned into a Chinese reason that names the field by its label. ajv-i18n's `zh` messages are the
 * fallback; the common cases get a message that also says what a valid value looks like.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { RowIssue } from './issues.ts';
import { fieldLabel, ROW_SCHEMAS } from './schemas.ts';
import type { ImportKind } from './types.ts';

// Both are CommonJS modules whose default export is the function itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const localizeZh = localizeZhModule as unknown as (errors?: ErrorObject[] | null) => void;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
addFormats(ajv, ['date']);

const compiled = new Map<ImportKind, ValidateFunction>();

function validatorFor(kind: ImportKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(ROW_SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: 'true 或 false',
  array: '数组',
  object: '对象',
  null: '空值',
};

function typeNames(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join('或');
}

function reasonFor(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return '缺少必填字段，请填写';
    case 'additionalProperties':
      return '不属于本类数据，请删除或检查拼写';
    case 'type':
      return `类型不对，应为 ${typeNames(p.type)}`;
    case 'enum':
      return `取值不在允许范围内，只能是 ${(p.allowedValues as unknown[]).join('、')} 之一`;
    case 'pattern': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return `格式不对${description ? `：${description}` : `，应匹配 ${String(p.pattern)}`}`;
    }
    case 'format':
      return p.format === 'date'
        ? '不是有效日期，应为 YYYY-MM-DD 格式的真实日期，如 2024-01-31'
        : `格式不对（${String(p.format)}）`;
    case 'minLength':
      return '不能为空';
    case 'maxLength':
      return `过长，最多 ${String(p.limit)} 个字符`;
    case 'uniqueItems':
      return '有重复的值，请去掉重复项';
    default:
      return e.message ?? '不符合格式要求';
  }
}

/** The row's top-level field an error is about (nested errors count against their top field). */
function fieldOf(e: ErrorObject): string {
  if (e.keyword === 'required') return String((e.params as { missingProperty: string }).missingProperty);
  if (e.keyword === 'additionalProperties' && e.instancePath === '') {
    return String((e.params as { additionalProperty: string }).additionalProperty);
  }
  return e.instancePath.split('/')[1] ?? '';
}

/** 「第 2 项」 for an error inside an array field (1-based, as people count). */
function nestedPlace(instancePath: string): string {
  const index = instancePath.split('/')[2];
  return index !== undefined && /^\d+$/.test(index) ? `第 ${Number(index) + 1} 项` : '';
}

/** Validates the row's shape; reports each problem and returns whether the row is well-formed. */
export function validateRowShape(kind: ImportKind, value: unknown, issue: RowIssue): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issue('', '这一行不是对象，请写成 { "字段": 值, … } 的形式');
    return false;
  }
  const validate = validatorFor(kind);
  if (validate(value)) return true;
  const errors = validate.errors ?? [];
  localizeZh(errors);
  for (const e of errors) {
    const field = fieldOf(e);
    issue(field, `${fieldLabel(kind, field)}${nestedPlace(e.instancePath)}${reasonFor(e)}`);
  }
  return false;
}
