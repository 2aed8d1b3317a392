/**
 * 定点医药机构视图 — what a designated institution sees of itself on the web: its reconciliation (the 3201
 * totals per insurance type and clearing category, the 3202 detail reconciliation by settlement group of a
 * list it uploads), the status of its uploads (recent national transactions from the message log, open
 * visits with fee lines uploaded but not settled, its 2210 unsettled uploads) and its settlements of the
 * last days. Every use
 * case takes the institution code from the caller's session (the edge never lets the browser name it), and
 * never says anything about another institution's settlements. Read-only.
 */
import {
  type DetailDifference,
  type DetailReconciliation,
  type DetailRecord,
  reconcileDetails,
  type TotalsReconciliation,
} from '../core/clearing/index.ts';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, fen } from '../core/money/index.ts';
import { readSettlementGroupPlaces } from '../store/repositories/clearing-detail-groups.ts';
import {
  codeNames,
  dailySettlementsOfInstitution,
  type InstitutionUploadRow,
  type LoggedTransaction,
  type OpenVisitRow,
  openVisitsWithUnsettledLines,
  recentMessages,
  settlementGroupsOfInstitution,
  unsettledUploadsOfInstitution,
} from '../store/repositories/institution-view.ts';
import type { AppContext } from './context.ts';
import { chinaTime } from './his/clock.ts';
import { reconcileInstitutionSettlementGroups } from './reconciliation/reconcile-details.ts';
import { reconcileInstitutionTotals } from './reconciliation/reconcile-totals.ts';
import { toScope } from './reconciliation/scope.ts';

/** 清算类别 clr_type names of the codes the platform posts (service/settlement/clearing-type.ts). */
export const CLEARING_TYPE_NAMES: Readonly<Record<string, string>> = {
  '11': '普通门诊',
  '13': '急诊',
  '14': '门诊慢特病',
  '21': '住院',
  '41': '定点药店购药',
  '9909': '省内异地就医',
  '9975': '省内异地门诊慢特病',
  '9987': '跨省异地门诊慢特病',
  '9974': '跨省异地购药',
  '99963': '跨省异地门诊',
  '99968': '跨省异地住院',
};

/** 险种 insutype names used when the store's code table has none. */
const INSURANCE_TYPE_NAMES: Readonly<Record<string, string>> = {
  '310': '职工基本医疗保险',
  '320': '公务员医疗补助',
  '330': '大额医疗费用补助',
  '340': '离休人员医疗保障',
  '390': '城乡居民基本医疗保险',
  '392': '城乡居民大病医疗保险',
  '510': '生育保险',
};

export interface PeriodInput {
  /** yyyy-MM-dd, inclusive (Beijing time). */
  readonly beginDate: string;
  /** yyyy-MM-dd, inclusive (Beijing time). */
  readonly endDate: string;
  /** Whether refunds (reversal rows, negative amounts) count in; default true: net figures. */
  readonly includesRefunds?: boolean | undefined;
}

export interface TotalsFigures {
  readonly settlementCount: number;
  readonly medicalTotalFen: Fen;
  readonly fundPayFen: Fen;
  readonly accountPayFen: Fen;
}

export interface TotalsGroup extends TotalsFigures {
  readonly insuranceType: string;
  readonly insuranceTypeName: string;
  readonly clearingType: string;
  readonly clearingTypeName: string;
}

export interface InstitutionTotals {
  readonly beginDate: string;
  readonly endDate: string;
  readonly includesRefunds: boolean;
  readonly groups: readonly TotalsGroup[];
  readonly total: TotalsFigures;
}

const ZERO: TotalsFigures = {
  settlementCount: 0,
  medicalTotalFen: fen(0),
  fundPayFen: fen(0),
  accountPayFen: fen(0),
};

function add(a: TotalsFigures, b: TotalsFigures): TotalsFigures {
  return {
    settlementCount: a.settlementCount + b.settlementCount,
    medicalTotalFen: fen(a.medicalTotalFen + b.medicalTotalFen),
    fundPayFen: fen(a.fundPayFen + b.fundPayFen),
    accountPayFen: fen(a.accountPayFen + b.accountPayFen),
  };
}

/**
 * 对总账 figures: the platform's totals per (insurance type, clearing category) with settlements in the
 * period, each exactly what the 3201 service answers for that pair, and their sum.
 */
export async function institutionTotals(
  ctx: AppContext,
  institutionCode: string,
  input: PeriodInput,
): Promise<Result<InstitutionTotals>> {
  const includesRefunds = input.includesRefunds ?? true;
  const scope = toScope({ institutionCode, ...input, includesRefunds });
  if (!scope.ok) return scope;
  const pairs = await settlementGroupsOfInstitution(ctx.store.db, scope.value);
  const insuranceNames = await codeNames(ctx.store.db, 'insutype');
  const groups: TotalsGroup[] = [];
  let total = ZERO;
  for (const pair of pairs) {
    const answer = await reconcileInstitutionTotals(ctx, {
      institutionCode,
      beginDate: input.beginDate,
      endDate: input.endDate,
      includesRefunds,
      ...pair,
      institution: ZERO,
    });
    if (!answer.ok) return answer;
    const figures = answer.value.platform;
    // A pair whose only rows are refunds left out of the count has nothing to show.
    if (figures.settlementCount === 0) continue;
    groups.push({
      ...pair,
      insuranceTypeName:
        insuranceNames.get(pair.insuranceType) ??
        INSURANCE_TYPE_NAMES[pair.insuranceType] ??
        pair.insuranceType,
      clearingTypeName: CLEARING_TYPE_NAMES[pair.clearingType] ?? pair.clearingType,
      ...figures,
    });
    total = add(total, figures);
  }
  return ok({ beginDate: input.beginDate, endDate: input.endDate, includesRefunds, groups, total });
}

/** 对总账 of figures the institution states for one (insurance type, clearing category): the 3201 answer. */
export async function institutionTotalsCheck(
  ctx: AppContext,
  institutionCode: string,
  input: PeriodInput & { insuranceType: string; clearingType: string; institution: TotalsFigures },
): Promise<Result<TotalsReconciliation>> {
  return reconcileInstitutionTotals(ctx, {
    ...input,
    institutionCode,
    includesRefunds: input.includesRefunds ?? true,
  });
}

export interface DetailListInput extends PeriodInput {
  readonly insuranceType?: string | undefined;
  readonly clearingType?: string | undefined;
  readonly items: readonly DetailRecord[];
}

/**
 * 对明细账 of the institution's own list through the 3202 service, by settlement GROUP like the national
 * 3202: the list names each settlement by the setl_id its HIS got from 2207/2304 (the group's id, a group of
 * several parts — 门慢特 + general — included) with the group's totals. A settlement the list names that
 * the platform holds for another institution is reported like any settlement missing on the platform's
 * side: the answer never names the other institution or when it settled.
 */
export async function institutionDetailReconciliation(
  ctx: AppContext,
  institutionCode: string,
  input: DetailListInput,
): Promise<Result<DetailReconciliation>> {
  if (input.items.length === 0) {
    return err(
      domainError(
        'RECONCILIATION_LIST_EMPTY',
        '上传的明细为空：请上传本机构在对账期间的结算明细（至少一行 setl_id）。',
        { field: 'items', ruleId: 'R-S3' },
      ),
    );
  }
  const answer = await reconcileInstitutionSettlementGroups(ctx, {
    institutionCode,
    beginDate: input.beginDate,
    endDate: input.endDate,
    insuranceType: input.insuranceType,
    clearingType: input.clearingType,
    includesRefunds: input.includesRefunds ?? true,
    items: input.items,
  });
  if (!answer.ok) return answer;
  const missing = answer.value.differences.filter((d) => d.kind === 'missing_on_platform');
  const places = await readSettlementGroupPlaces(
    ctx.store.db,
    missing.map((d) => d.settlementId),
  );
  const foreign = new Set(
    places.filter((p) => p.institutionCode !== institutionCode).map((p) => p.settlementId),
  );
  if (foreign.size === 0) return answer;
  const differences = answer.value.differences.map((d): DetailDifference => {
    if (d.kind !== 'missing_on_platform' || !foreign.has(d.settlementId) || d.institution === null) return d;
    // The core's own wording for a settlement the platform does not have.
    const plain = reconcileDetails([d.institution], []).differences[0];
    return plain === undefined ? d : { ...d, message: plain.message };
  });
  return ok({ ...answer.value, differences });
}

export interface UploadStatus {
  readonly transactions: readonly LoggedTransaction[];
  readonly openVisits: readonly OpenVisitRow[];
  readonly unsettledUploads: readonly InstitutionUploadRow[];
}

/** 上传状态: the latest messages, open visits with unsettled fee lines, and the latest 2210 uploads. */
export async function institutionUploadStatus(
  ctx: AppContext,
  institutionCode: string,
  limit = 50,
): Promise<UploadStatus> {
  const bounded = Math.min(Math.max(limit, 1), 200);
  return {
    transactions: await recentMessages(ctx.store.db, institutionCode, bounded),
    openVisits: await openVisitsWithUnsettledLines(ctx.store.db, institutionCode, bounded),
    unsettledUploads: await unsettledUploadsOfInstitution(ctx.store.db, institutionCode, bounded),
  };
}

export interface SettlementDay {
  /** yyyy-MM-dd, China time. */
  readonly date: string;
  readonly settlementCount: number;
  readonly reversalCount: number;
  /** Net of reversals (a reversal posts negative amounts). */
  readonly medicalTotalFen: Fen;
  readonly fundPayFen: Fen;
  readonly accountPayFen: Fen;
  readonly cashFen: Fen;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 结算日报: today's and the previous days' settlements (count, cancellations, net amounts), newest first. */
export async function institutionSettlementDays(
  ctx: AppContext,
  institutionCode: string,
  days = 7,
): Promise<{ today: string; days: SettlementDay[] }> {
  const count = Math.min(Math.max(days, 1), 31);
  const today = chinaTime(ctx.now()).date;
  const from = shiftDate(today, -(count - 1));
  const rows = await dailySettlementsOfInstitution(ctx.store.db, institutionCode, from, shiftDate(today, 1));
  const out: SettlementDay[] = [];
  for (let i = 0; i < count; i++) {
    const date = shiftDate(today, -i);
    const of = rows.filter((r) => r.date === date);
    const sum = (pick: (r: (typeof rows)[number]) => number) => fen(of.reduce((s, r) => s + pick(r), 0));
    out.push({
      date,
      settlementCount: of.filter((r) => r.kind === 'settlement').reduce((s, r) => s + r.count, 0),
      reversalCount: of.filter((r) => r.kind === 'reversal').reduce((s, r) => s + r.count, 0),
      medicalTotalFen: sum((r) => r.medicalTotalFen),
      fundPayFen: sum((r) => r.fundPayFen),
      accountPayFen: sum((r) => r.accountPayFen),
      cashFen: sum((r) => r.cashFen),
    });
  }
  return { today, days: out };
}
