/**
 * 我的缴费记录 (R-P2) — the logged-in person's contribution records for one year, the year's totals and
 * whether the contributions were continuous (连续缴费), which matters for benefits and for transfers.
 * Keyed by the session's psn_no only: a person never sees anyone else's rows.
 */
import {
  type ContributionFact,
  type MonthRange,
  monthIndex,
  monthOf,
  summarizeYear,
} from '../core/contributions/index.ts';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, formatYuan } from '../core/money/index.ts';
import { contributionsOfPerson, type StoredContribution } from '../store/repositories/contributions.ts';
import type { AppContext } from './context.ts';
import { INSURANCE_TYPE_ZH } from './person-self-service.ts';

export const ContributionErrorCode = {
  YearInvalid: 'CONTRIBUTION_YEAR_INVALID',
} as const;

const STATUS_ZH: Readonly<Record<StoredContribution['status'], string>> = {
  paid: '已到账',
  unpaid: '欠费未到账',
  refunded: '已退费',
};

const y = (n: number) => formatYuan(n as Fen);

export interface ContributionLine {
  readonly contributionId: string;
  readonly period: string;
  readonly insuranceType: string;
  readonly insuranceTypeZh: string;
  readonly insuredRegionCode: string;
  readonly insuredRegionName: string;
  readonly baseYuan: string | null;
  readonly employerYuan: string;
  readonly personalYuan: string;
  readonly accountCreditYuan: string;
  readonly status: StoredContribution['status'];
  readonly statusZh: string;
  readonly paidDate: string | null;
  readonly payerName: string | null;
  /** The row this one corrects, if it is a correction (更正). */
  readonly correctsId: string | null;
  /** The row that corrects this one: it no longer counts. */
  readonly supersededBy: string | null;
}

export interface ContributionTotals {
  readonly monthsPaid: number;
  readonly employerFen: number;
  readonly employerYuan: string;
  readonly personalFen: number;
  readonly personalYuan: string;
  readonly accountCreditFen: number;
  readonly accountCreditYuan: string;
  readonly totalYuan: string;
}

export interface MyContributions {
  readonly year: number;
  /** Years that have records, and the current year, newest first (for the year picker). */
  readonly years: readonly number[];
  /** The current month `YYYY-MM` (China time): it and later months are not yet due. */
  readonly currentMonth: string;
  readonly rows: readonly ContributionLine[];
  readonly totals: ContributionTotals;
  /** The months checked for gaps, null when none of the year's months is due or on record. */
  readonly checked: MonthRange | null;
  readonly gaps: readonly MonthRange[];
  readonly gapMonths: number;
  readonly continuousMonthsToDate: number;
  /** One plain sentence (or two) about continuity, for people. */
  readonly summaryZh: string;
}

/** `YYYY-MM` of `at` in China time (UTC+8). */
function chinaMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

function monthZh(month: string): string {
  return `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`;
}

function rangeZh(r: MonthRange): string {
  return r.from === r.to ? monthZh(r.from) : `${monthZh(r.from)}至 ${Number(r.to.slice(5, 7))} 月`;
}

function sentence(
  year: number,
  hasRecords: boolean,
  summary: ReturnType<typeof summarizeYear>,
  currentMonth: string,
): string {
  if (!hasRecords) return '系统中暂无您的缴费记录。';
  const lastDue = monthOf(monthIndex(currentMonth) - 1);
  const streak =
    summary.continuousMonthsToDate > 0 && Number(lastDue.slice(0, 4)) === year
      ? `按现有记录，截至 ${monthZh(lastDue)}已连续缴费 ${summary.continuousMonthsToDate} 个月。`
      : '';
  const checked = summary.checked;
  if (checked === null) return `${year} 年没有已到缴费期的月份需要核对。`;
  if (summary.gaps.length === 0) {
    return `${rangeZh(checked)}共 ${checked.months} 个月缴费连续，没有断缴。${streak}`;
  }
  return (
    `${year} 年有 ${summary.gapMonths} 个月没有到账的缴费：${summary.gaps.map(rangeZh).join('、')}。` +
    '断缴可能影响医保待遇享受和关系转移接续，请联系参保单位或参保地医保经办机构核实、补缴。'
  );
}

function factOf(r: StoredContribution): ContributionFact {
  return {
    id: r.contribution_id,
    insuranceType: r.insurance_type,
    period: r.period,
    status: r.status,
    employerFen: Number(r.employer_fen),
    personalFen: Number(r.personal_fen),
    accountCreditFen: Number(r.account_credit_fen),
    correctsId: r.corrects_id,
  };
}

function parseYear(text: string | undefined, currentYear: number): Result<number> {
  if (text === undefined || text === '') return ok(currentYear);
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= 1990 && year <= currentYear + 1)) {
    return err(
      domainError(
        ContributionErrorCode.YearInvalid,
        `年度（year）应为 1990 到 ${currentYear + 1} 之间的四位年份，如 ${currentYear}。`,
        { field: 'year', ruleId: 'R-P2' },
      ),
    );
  }
  return ok(year);
}

/** 我的缴费记录 for `yearText` (default: the current year). */
export async function myContributions(
  ctx: AppContext,
  psnNo: string,
  yearText?: string,
): Promise<Result<MyContributions>> {
  const currentMonth = chinaMonth(ctx.now());
  const currentYear = Number(currentMonth.slice(0, 4));
  const parsed = parseYear(yearText, currentYear);
  if (!parsed.ok) return parsed;
  const year = parsed.value;
  const stored = await contributionsOfPerson(ctx.store.db, psnNo);
  const regionCodes = [...new Set(stored.map((r) => r.insured_region_code))];
  const regions =
    regionCodes.length === 0
      ? []
      : await ctx.store.db
          .selectFrom('regions')
          .select(['code', 'name'])
          .where('code', 'in', regionCodes)
          .execute();
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const supersededBy = new Map(
    stored.filter((r) => r.corrects_id !== null).map((r) => [r.corrects_id!, r.contribution_id]),
  );
  const summary = summarizeYear(stored.map(factOf), year, currentMonth);
  const rows = stored
    .filter((r) => r.period.slice(0, 4) === String(year))
    .reverse()
    .map(
      (r): ContributionLine => ({
        contributionId: r.contribution_id,
        period: r.period,
        insuranceType: r.insurance_type,
        insuranceTypeZh: INSURANCE_TYPE_ZH[r.insurance_type] ?? r.insurance_type,
        insuredRegionCode: r.insured_region_code,
        insuredRegionName: regionName.get(r.insured_region_code) ?? r.insured_region_code,
        baseYuan: r.base_fen === null ? null : y(Number(r.base_fen)),
        employerYuan: y(Number(r.employer_fen)),
        personalYuan: y(Number(r.personal_fen)),
        accountCreditYuan: y(Number(r.account_credit_fen)),
        status: r.status,
        statusZh: STATUS_ZH[r.status],
        paidDate: r.paid_date,
        payerName: r.payer_name,
        correctsId: r.corrects_id,
        supersededBy: supersededBy.get(r.contribution_id) ?? null,
      }),
    );
  const years = [...new Set([currentYear, ...stored.map((r) => Number(r.period.slice(0, 4)))])].sort(
    (a, b) => b - a,
  );
  return ok({
    year,
    years,
    currentMonth,
    rows,
    totals: {
      monthsPaid: summary.monthsPaid,
      employerFen: summary.employerFen,
      employerYuan: y(summary.employerFen),
      personalFen: summary.personalFen,
      personalYuan: y(summary.personalFen),
      accountCreditFen: summary.accountCreditFen,
      accountCreditYuan: y(summary.accountCreditFen),
      totalYuan: y(summary.employerFen + summary.personalFen),
    },
    checked: summary.checked,
    gaps: summary.gaps,
    gapMonths: summary.gapMonths,
    continuousMonthsToDate: summary.continuousMonthsToDate,
    summaryZh: sentence(year, stored.length > 0, summary, currentMonth),
  });
}
