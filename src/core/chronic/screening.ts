/**
 * The T-1 screen (R-C5, seed 000 §4 "T-1 模式筛选预享受人员名单"): discharges of day T-1 whose diagnoses
 * carry an ICD-10 code of a no-application disease become pre-qualified candidates. Pure and streaming:
 * the service feeds pages of discharge records; each region may use its own ICD-10 list.
 */
import { domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';
import { compileIcdMatcher, type IcdMatcher } from './icd.ts';
import { type ChronicDisease, GrantMode, type ScreeningRule } from './types.ts';

export interface DischargeRecord {
  readonly visitId: string;
  readonly psnNo: string;
  /** The insured region: its agency contacts the person, and its ICD-10 list applies. */
  readonly regionCode: string;
  /** The diagnoses as uploaded (JSON text); parsed only when the cheap pre-check says it may match. */
  readonly diagnosesJson: string;
}

export interface ScreenHit {
  readonly visitId: string;
  readonly psnNo: string;
  readonly regionCode: string;
  readonly diseaseCode: string;
  readonly icdCode: string;
}

/** Region → matcher, falling back to the catalog's lists for regions without their own. */
export interface ScreeningRuleBook {
  matcherFor(regionCode: string): IcdMatcher;
  /** Categories of every region's list: a diagnosis text with none of them cannot match anywhere. */
  readonly categories: readonly string[];
}

export function buildRuleBook(
  diseases: readonly ChronicDisease[],
  regionRules: readonly ScreeningRule[],
): Result<ScreeningRuleBook> {
  const screened = diseases.filter((d) => d.grantMode === GrantMode.NoApplication);
  const defaults = new Map(screened.map((d) => [d.code, d.icd10]));
  const base = compileIcdMatcher([...defaults].map(([diseaseCode, patterns]) => ({ diseaseCode, patterns })));
  if (!base.ok) return base;
  const overrides = new Map<string, Map<string, readonly string[]>>();
  for (const rule of regionRules) {
    if (!diseases.some((d) => d.code === rule.diseaseCode)) {
      return err(
        domainError(
          ChronicErrorCode.DiseaseUnknown,
          `筛查规则中的病种 ${rule.diseaseCode} 不在病种目录中。`,
          { ruleId: 'R-C5' },
        ),
      );
    }
    const region = overrides.get(rule.regionCode) ?? new Map(defaults);
    region.set(rule.diseaseCode, rule.icd10);
    overrides.set(rule.regionCode, region);
  }
  const byRegion = new Map<string, IcdMatcher>();
  for (const [regionCode, lists] of overrides) {
    const compiled = compileIcdMatcher(
      [...lists].map(([diseaseCode, patterns]) => ({ diseaseCode, patterns })),
    );
    if (!compiled.ok) return compiled;
    byRegion.set(regionCode, compiled.value);
  }
  const categories = new Set([
    ...base.value.categories,
    ...[...byRegion.values()].flatMap((m) => m.categories),
  ]);
  return ok({
    matcherFor: (regionCode) => byRegion.get(regionCode) ?? base.value,
    categories: [...categories].sort(),
  });
}

/** Diagnosis codes of an uploaded diagnoses array, whatever field names the uploader used. */
export function diagnosisCodesOf(diagnosesJson: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(diagnosesJson);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const codes: string[] = [];
  for (const d of parsed) {
    if (typeof d === 'string') codes.push(d);
    else if (typeof d === 'object' && d !== null) {
      const o = d as Record<string, unknown>;
      const code = o.code ?? o.diagCode ?? o.diag_code ?? o.icd10 ?? o.icdCode;
      if (typeof code === 'string') codes.push(code);
    }
  }
  return codes;
}

export function screenDischarge(record: DischargeRecord, book: ScreeningRuleBook): ScreenHit[] {
  const matcher = book.matcherFor(record.regionCode);
  if (matcher.isEmpty) return [];
  if (!matcher.mayMatchText(record.diagnosesJson)) return [];
  return matcher.match(diagnosisCodesOf(record.diagnosesJson)).map((m) => ({
    visitId: record.visitId,
    psnNo: record.psnNo,
    regionCode: record.regionCode,
    diseaseCode: m.diseaseCode,
    icdCode: m.icdCode,
  }));
}
