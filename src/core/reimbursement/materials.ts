/**
 * 手工报销材料清单 (R-R1, seed 001 §2.6): each insured region publishes the list of materials a manual
 * claim may require, and nothing beyond it may be demanded. A list item applies to every claim or only
 * under a condition of the bill (inpatient, outpatient, accident injury, emergency). The fee-detail
 * list itself is not on it: the institution uploads the details (R-R3), the person never carries them.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { ReimbursementErrorCode } from './errors.ts';

/** When a list item is required. */
export const MaterialCondition = {
  Always: 'always',
  Inpatient: 'inpatient',
  Outpatient: 'outpatient',
  Accident: 'accident',
  Emergency: 'emergency',
} as const;
export type MaterialCondition = (typeof MaterialCondition)[keyof typeof MaterialCondition];

export interface MaterialItem {
  /** Stable code within the region's list, e.g. 'RECEIPT'. */
  readonly code: string;
  readonly nameZh: string;
  readonly when: MaterialCondition;
  readonly noteZh?: string;
}

/** A region's published list, as imported from data/materials/<region>.json. */
export interface MaterialList {
  readonly regionCode: string;
  readonly nameZh: string;
  /** Where the list is published (the 经办规程 it follows). */
  readonly sourceZh: string;
  readonly effectiveFrom: string;
  readonly items: readonly MaterialItem[];
}

/** The facts of a bill that decide which list items apply. */
export interface ClaimFacts {
  readonly inpatient: boolean;
  readonly accident: boolean;
  readonly emergency: boolean;
}

function applies(item: MaterialItem, facts: ClaimFacts): boolean {
  switch (item.when) {
    case MaterialCondition.Always:
      return true;
    case MaterialCondition.Inpatient:
      return facts.inpatient;
    case MaterialCondition.Outpatient:
      return !facts.inpatient;
    case MaterialCondition.Accident:
      return facts.accident;
    case MaterialCondition.Emergency:
      return facts.emergency;
  }
}

/** The items this claim needs: the list's items whose condition holds, in the list's order. */
export function requiredMaterials(list: MaterialList, facts: ClaimFacts): MaterialItem[] {
  return list.items.filter((item) => applies(item, facts));
}

/** Required codes not yet provided, in the list's order. */
export function missingMaterials(required: readonly string[], provided: readonly string[]): string[] {
  const have = new Set(provided);
  return required.filter((code) => !have.has(code));
}

/** An upload or a return may name only codes of the claim's required list: nothing beyond it (R-R1). */
export function checkWithinList(
  codes: readonly string[],
  required: readonly MaterialItem[],
  field: string,
): DomainError | null {
  const allowed = new Set(required.map((i) => i.code));
  const outside = codes.filter((c) => !allowed.has(c));
  if (outside.length === 0) return null;
  const names = required.map((i) => `${i.code}（${i.nameZh}）`).join('、');
  return domainError(
    ReimbursementErrorCode.MaterialNotInList,
    `材料 ${outside.join('、')} 不在参保地公布的手工报销材料清单内，不得要求或收取；本申请可用的材料为：${names || '无'}。`,
    { ruleId: 'R-R1', field },
  );
}

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONDITIONS = new Set<string>(Object.values(MaterialCondition));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(field: string, message: string): DomainError {
  return domainError(ReimbursementErrorCode.MaterialListInvalid, message, { ruleId: 'R-R1', field });
}

function text(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : null;
}

function validateItem(raw: unknown, at: string): Result<MaterialItem> {
  if (!isObject(raw)) return err(invalid(at, `${at} 须为对象 {code, nameZh, when}。`));
  const code = typeof raw.code === 'string' ? raw.code : '';
  if (!CODE.test(code))
    return err(invalid(`${at}.code`, `${at}.code 须为大写字母开头的英文代码（如 RECEIPT）。`));
  const nameZh = text(raw.nameZh, 200);
  if (nameZh === null) return err(invalid(`${at}.nameZh`, `${at}.nameZh 须为 1 至 200 字的材料名称。`));
  const when = typeof raw.when === 'string' ? raw.when : '';
  if (!CONDITIONS.has(when)) {
    return err(invalid(`${at}.when`, `${at}.when 须为 ${[...CONDITIONS].join('、')} 之一。`));
  }
  const noteZh = raw.noteZh === undefined ? undefined : text(raw.noteZh, 500);
  if (noteZh === null) return err(invalid(`${at}.noteZh`, `${at}.noteZh 须为 1 至 500 字的说明。`));
  return ok({ code, nameZh, when: when as MaterialCondition, ...(noteZh === undefined ? {} : { noteZh }) });
}

/** Checks an imported list document; the first fault names its field. */
export function validateMaterialList(raw: unknown): Result<MaterialList> {
  if (!isObject(raw)) return err(invalid('', '材料清单须为 JSON 对象。'));
  const regionCode = typeof raw.regionCode === 'string' ? raw.regionCode : '';
  if (!/^\d{6}$/.test(regionCode)) return err(invalid('regionCode', 'regionCode 须为 6 位统筹区代码。'));
  const nameZh = text(raw.nameZh, 200);
  if (nameZh === null) return err(invalid('nameZh', 'nameZh 须为清单名称。'));
  const sourceZh = text(raw.sourceZh, 500);
  if (sourceZh === null) return err(invalid('sourceZh', 'sourceZh 须写明清单依据（经办规程文号）。'));
  const effectiveFrom = typeof raw.effectiveFrom === 'string' ? raw.effectiveFrom : '';
  if (!DATE.test(effectiveFrom)) return err(invalid('effectiveFrom', 'effectiveFrom 须为 YYYY-MM-DD 日期。'));
  if (!Array.isArray(raw.items) || raw.items.length === 0 || raw.items.length > 100) {
    return err(invalid('items', 'items 须为 1 至 100 项材料。'));
  }
  const items: MaterialItem[] = [];
  const seen = new Set<string>();
  for (const [i, r] of raw.items.entries()) {
    const item = validateItem(r, `items[${i}]`);
    if (!item.ok) return item;
    if (seen.has(item.value.code)) {
      return err(invalid(`items[${i}].code`, `材料代码 ${item.value.code} 重复，每项材料只能列一次。`));
    }
    seen.add(item.value.code);
    items.push(item.value);
  }
  return ok({ regionCode, nameZh, sourceZh, effectiveFrom, items });
}
