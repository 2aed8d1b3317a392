/**
 * "为什么我付这么多？" — a settlement (posted or estimated) as plain Chinese for the person: a few
 * sentences built from the amounts, the core's formula trace step by step, the fee lines as split by
 * the catalog, and the payment of each fund. Amounts go out as fen integers and yuan strings, so the
 * page never does money arithmetic.
 */
import { type Fen, formatYuan } from '../core/money/index.ts';
import { FundType } from '../core/reference/codes.ts';
import { CHRONIC_DISEASE_NAMES } from '../core/settlement/index.ts';

export const FUND_NAMES_ZH: Readonly<Record<string, string>> = {
  [FundType.EmployeePooled]: '职工基本医疗保险统筹基金',
  [FundType.ResidentPooled]: '城乡居民基本医疗保险统筹基金',
  [FundType.PersonalAccount]: '个人账户',
  [FundType.EmployeeLargeAmount]: '职工大额医疗费用补助',
  [FundType.CivilServantSubsidy]: '公务员医疗补助',
  [FundType.ResidentSeriousIllness]: '城乡居民大病保险',
  [FundType.MedicalAssistance]: '医疗救助',
};

export const CATEGORY_ZH: Readonly<Record<string, string>> = {
  inpatient: '住院',
  general_outpatient: '普通门诊',
  chronic_outpatient: '门诊慢特病',
  emergency: '急诊',
  pharmacy_purchase: '药店购药',
};

export const STEP_TITLE_ZH: Readonly<Record<string, string>> = {
  grouping: '分类结算',
  split: '费用分割（按就医地目录）',
  rule: '适用的待遇政策',
  deductible: '起付线',
  band: '分段支付比例',
  pooled: '统筹基金支付',
  serious_illness_band: '大病保险分段',
  serious_illness: '大病保险支付',
  large_amount: '职工大额补助',
  civil_servant: '公务员医疗补助',
  assistance: '医疗救助',
  account: '个人账户支付',
  cash: '现金支付',
};

export function categoryText(category: string, diseaseCode: string | null): string {
  const base = CATEGORY_ZH[category] ?? category;
  if (diseaseCode === null) return base;
  return `${base}（${CHRONIC_DISEASE_NAMES[diseaseCode] ?? diseaseCode}）`;
}

/** The money of one settlement, as columns of the settlements row or the core's totals. */
export interface ExplainedAmounts {
  readonly totalFen: number;
  readonly fullOwnPayFen: number;
  readonly overLimitFen: number;
  readonly classBCopayFen: number;
  readonly inScopeFen: number;
  readonly deductibleFen: number;
  readonly fundPayFen: number;
  readonly accountPayFen: number;
  readonly cashFen: number;
}

/** totalFen → totalYuan: each amount again as a display string. */
export type AmountsInYuan = {
  readonly [K in keyof ExplainedAmounts as K extends `${infer Base}Fen` ? `${Base}Yuan` : never]: string;
};

export interface ExplainedStep {
  readonly ruleId: string;
  readonly step: string;
  readonly titleZh: string;
  readonly formulaZh: string;
}

export interface ExplainedLine {
  readonly lineNo: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly classZh: string;
  readonly amountYuan: string;
  readonly fullOwnPayYuan: string;
  readonly overLimitYuan: string;
  readonly classBCopayYuan: string;
  readonly inScopeYuan: string;
}

export interface ExplainedFund {
  readonly fundType: string;
  readonly nameZh: string;
  readonly payFen: number;
  readonly payYuan: string;
}

export interface SettlementExplanation {
  readonly amounts: ExplainedAmounts & AmountsInYuan;
  /** Plain sentences, in the order a person would ask. */
  readonly summaryZh: readonly string[];
  readonly steps: readonly ExplainedStep[];
  readonly lines: readonly ExplainedLine[];
  readonly funds: readonly ExplainedFund[];
}

const y = (n: number) => formatYuan(n as Fen);

export function summarize(a: ExplainedAmounts): string[] {
  const out = [`本次医疗费共 ${y(a.totalFen)} 元。`];
  if (a.fullOwnPayFen > 0)
    out.push(`其中 ${y(a.fullOwnPayFen)} 元是医保目录外或丙类费用，医保不支付，由您全部自付。`);
  if (a.overLimitFen > 0) out.push(`${y(a.overLimitFen)} 元超过了医保限价，超出部分由您自付。`);
  if (a.classBCopayFen > 0) out.push(`${y(a.classBCopayFen)} 元是乙类药品或项目需要个人先行自付的部分。`);
  out.push(`剩下符合医保政策范围的费用是 ${y(a.inScopeFen)} 元。`);
  if (a.deductibleFen > 0) out.push(`其中 ${y(a.deductibleFen)} 元在起付线（起付标准）以内，由个人负担。`);
  out.push(`医保基金共支付 ${y(a.fundPayFen)} 元。`);
  const personal = a.accountPayFen + a.cashFen;
  out.push(
    `您个人共负担 ${y(personal)} 元：个人账户支付 ${y(a.accountPayFen)} 元，现金支付 ${y(a.cashFen)} 元。`,
  );
  return out;
}

function withYuan(a: ExplainedAmounts): SettlementExplanation['amounts'] {
  const entries = Object.entries(a).map(([k, v]) => [k.replace(/Fen$/, 'Yuan'), y(v as number)]);
  return { ...a, ...Object.fromEntries(entries) } as SettlementExplanation['amounts'];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Finds the trace steps in a stored result whatever its exact envelope (the whole SettlementResult, or
 * `{part, trace, …}` per posted row), keeping the visit-level steps and those of `partNo` when given.
 */
export function traceStepsOf(result: unknown, partNo?: number): ExplainedStep[] {
  const candidates: unknown[] = [];
  if (isObject(result)) {
    candidates.push(result.trace);
    for (const v of Object.values(result)) if (isObject(v)) candidates.push(v.trace);
  }
  const trace = candidates.find(Array.isArray) as unknown[] | undefined;
  if (!trace) return [];
  return trace.filter(isObject).flatMap((s) => {
    const stepPart = typeof s.partNo === 'number' ? s.partNo : 0;
    if (partNo !== undefined && stepPart !== 0 && stepPart !== partNo) return [];
    const step = String(s.step ?? '');
    return [
      {
        ruleId: String(s.ruleId ?? ''),
        step,
        titleZh: STEP_TITLE_ZH[step] ?? step,
        formulaZh: String(s.formulaZh ?? ''),
      },
    ];
  });
}

const CLASS_ZH: Readonly<Record<string, string>> = { '01': '甲类', '02': '乙类', '03': '丙类' };

/** The split fee lines in a stored result (`part.lines`, `lines`, or every part's lines). */
export function linesOf(result: unknown): ExplainedLine[] {
  if (!isObject(result)) return [];
  const sources: unknown[] = [result.lines];
  if (isObject(result.part)) sources.push(result.part.lines);
  if (Array.isArray(result.parts))
    sources.push(result.parts.flatMap((p) => (isObject(p) ? (p.lines ?? []) : [])));
  const lines = sources.find(Array.isArray) as unknown[] | undefined;
  if (!lines) return [];
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return lines.filter(isObject).map((l) => ({
    lineNo: String(l.lineNo ?? ''),
    itemCode: String(l.itemCode ?? ''),
    itemName: String(l.itemName ?? ''),
    classZh: l.catalogClass ? (CLASS_ZH[String(l.catalogClass)] ?? '') : '目录外',
    amountYuan: y(n(l.amountFen)),
    fullOwnPayYuan: y(n(l.fullOwnPayFen)),
    overLimitYuan: y(n(l.overLimitFen)),
    classBCopayYuan: y(n(l.classBCopayFen)),
    inScopeYuan: y(n(l.inScopeFen)),
  }));
}

export function fundsOf(rows: readonly { fundType: string; payFen: number }[]): ExplainedFund[] {
  return rows
    .filter((f) => f.payFen !== 0)
    .map((f) => ({
      fundType: f.fundType,
      nameZh: FUND_NAMES_ZH[f.fundType] ?? f.fundType,
      payFen: f.payFen,
      payYuan: y(f.payFen),
    }));
}

export function explainSettlement(
  amounts: ExplainedAmounts,
  result: unknown,
  funds: readonly { fundType: string; payFen: number }[],
  partNo?: number,
): SettlementExplanation {
  return {
    amounts: withYuan(amounts),
    summaryZh: summarize(amounts),
    steps: traceStepsOf(result, partNo),
    lines: linesOf(result),
    funds: fundsOf(funds),
  };
}
