/**
 * 缴费记录 — contribution records (R-P2). Natural key: contributionId (the collecting system's number).
 * The rows are posted history, so the kind is append-only: a row already stored under the same number
 * is skipped when it is identical and rejected when it differs — a correction is a new row whose
 * correctsId names the row it replaces.
 *
 * The personal-account credit (accountCredit) is recorded, not posted: the persons file carries the
 * account balance, which already contains past credits, so importing history must not credit it again.
 */
import {
  type ContributionRecord,
  contributionsById,
  correctionsOf,
  existingPersons,
  insertContributions,
  type StoredContribution,
} from '../../../store/repositories/contributions.ts';
import type { RowIssue } from '../issues.ts';
import { checkNonNegativeYuan } from '../row-checks.ts';
import type { ContributionRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';

type Rec = Omit<ContributionRecord, 'batch_id' | 'recorded_at'>;

const COMPARED = [
  'psn_no',
  'insured_region_code',
  'insurance_type',
  'period',
  'base_fen',
  'employer_fen',
  'personal_fen',
  'account_credit_fen',
  'status',
  'paid_date',
  'payer_name',
  'corrects_id',
] as const;

function sameContent(record: Rec, stored: StoredContribution): boolean {
  return COMPARED.every((c) => {
    const a = record[c] ?? null;
    const b = stored[c] ?? null;
    return typeof a === 'number' || typeof b === 'number' ? a === (b === null ? null : Number(b)) : a === b;
  });
}

function amounts(row: ContributionRow, issue: RowIssue) {
  const employer = checkNonNegativeYuan(row.employerPart, 'employerPart', '单位缴费（employerPart）', issue);
  const personal = checkNonNegativeYuan(row.personalPart, 'personalPart', '个人缴费（personalPart）', issue);
  const credit = checkNonNegativeYuan(
    row.accountCredit,
    'accountCredit',
    '划入个人账户（accountCredit）',
    issue,
  );
  const base = row.base == null ? null : checkNonNegativeYuan(row.base, 'base', '缴费基数（base）', issue);
  if (employer === undefined || personal === undefined || credit === undefined || base === undefined) {
    return undefined;
  }
  return { employer, personal, credit, base };
}

function checkByType(
  row: ContributionRow,
  a: NonNullable<ReturnType<typeof amounts>>,
  issue: RowIssue,
): boolean {
  let ok = true;
  if (row.insuranceType === '310') {
    if (row.period.length !== 7) {
      issue(
        'period',
        `费款所属期（period）：职工医保（310）按月缴费，应写成 YYYY-MM，如 ${row.period.slice(0, 4)}-01`,
      );
      ok = false;
    }
    if (a.base === null || a.base === 0) {
      issue('base', '缴费基数（base）：职工医保（310）必须填写大于 0 的缴费基数（元）');
      ok = false;
    }
  } else {
    if (row.period.length !== 4) {
      issue(
        'period',
        `费款所属期（period）：城乡居民医保（390）按年缴费，应写成 YYYY，如 ${row.period.slice(0, 4)}`,
      );
      ok = false;
    }
    if (a.base !== null) {
      issue('base', '缴费基数（base）：城乡居民医保（390）按定额缴费，没有缴费基数，请留空');
      ok = false;
    }
    if (a.employer !== 0) {
      issue('employerPart', '单位缴费（employerPart）：城乡居民医保（390）没有单位缴费，请填 0');
      ok = false;
    }
    if (a.credit !== 0) {
      issue('accountCredit', '划入个人账户（accountCredit）：城乡居民医保（390）不设个人账户，请填 0');
      ok = false;
    }
  }
  if (ok && a.credit > a.employer + a.personal) {
    issue('accountCredit', '划入个人账户（accountCredit）不能超过单位缴费与个人缴费之和');
    ok = false;
  }
  return ok;
}

function checkStatus(row: ContributionRow, issue: RowIssue): boolean {
  if (row.status === 'unpaid' && row.paidDate != null) {
    issue('paidDate', '到账日期（paidDate）：欠费（unpaid）的记录尚未到账，请留空');
    return false;
  }
  if (row.status !== 'unpaid' && row.paidDate == null) {
    issue(
      'paidDate',
      '到账日期（paidDate）：已到账（paid）或已退费（refunded）的记录必须填写到账日期 YYYY-MM-DD',
    );
    return false;
  }
  if (row.correctsId === row.contributionId) {
    issue('correctsId', '更正的缴费流水号（correctsId）不能是本行自己的编号');
    return false;
  }
  return true;
}

/** A correction must name the same person, insurance type and period as the row it corrects. */
function sameSubject(a: { psn_no: string; insurance_type: string; period: string }, b: typeof a): boolean {
  return a.psn_no === b.psn_no && a.insurance_type === b.insurance_type && a.period === b.period;
}

function subjectMismatch(target: string): string {
  return `更正的缴费流水号（correctsId）${target} 对应的原记录不是同一人员、险种和费款所属期，更正记录只能更正同一期的缴费`;
}

export const contributionsKind: KindSpec<Rec> = {
  kind: 'contributions',
  title: '缴费记录',
  csv: true,
  keyField: 'contributionId',
  toRecord(value, issue) {
    const row = value as ContributionRow;
    const a = amounts(row, issue);
    if (a === undefined) return undefined;
    const typeOk = checkByType(row, a, issue);
    if (!checkStatus(row, issue) || !typeOk) return undefined;
    return {
      contribution_id: row.contributionId,
      psn_no: row.psnNo,
      insured_region_code: row.insuredRegionCode,
      insurance_type: row.insuranceType,
      period: row.period,
      base_fen: a.base,
      employer_fen: a.employer,
      personal_fen: a.personal,
      account_credit_fen: a.credit,
      status: row.status,
      paid_date: row.paidDate ?? null,
      payer_name: row.payerName ?? null,
      corrects_id: row.correctsId ?? null,
    };
  },
  naturalKey: (r) => r.contribution_id,
  describeKey: (r) => `缴费流水号 ${r.contribution_id} `,
  regionRefs: (r) => [{ field: 'insuredRegionCode', code: r.insured_region_code }],
  fileChecks(records, rows, issues) {
    const position = new Map(records.map((r, i) => [r.contribution_id, i]));
    const correctedAt = new Map<string, number>();
    records.forEach((r, i) => {
      const target = r.corrects_id;
      if (target === null || target === undefined) return;
      const j = position.get(target);
      if (j !== undefined) {
        if (j > i) {
          issues.add(rows[i]!, 'correctsId', `更正记录须写在原记录（本文件第 ${rows[j]} 行）之后`);
        } else if (!sameSubject(r, records[j]!)) {
          issues.add(rows[i]!, 'correctsId', subjectMismatch(target));
        }
      }
      const earlier = correctedAt.get(target);
      if (earlier !== undefined) {
        issues.add(
          rows[i]!,
          'correctsId',
          `缴费流水号 ${target} 已由本文件第 ${rows[earlier]} 行更正，一条记录只能更正一次（可再更正那条更正记录）`,
        );
      } else correctedAt.set(target, i);
    });
  },
  async storeChecks(tx, records, rows, issues) {
    const persons = await existingPersons(
      tx,
      records.map((r) => r.psn_no),
    );
    const inFile = new Set(records.map((r) => r.contribution_id));
    const targets = records.map((r) => r.corrects_id).filter((t): t is string => t != null);
    const stored = await contributionsById(tx, [...records.map((r) => r.contribution_id), ...targets]);
    const storedCorrections = await correctionsOf(tx, targets);
    records.forEach((r, i) => {
      const row = rows[i]!;
      if (!persons.has(r.psn_no)) {
        issues.add(row, 'psnNo', `人员编号（psnNo）${r.psn_no} 不存在，请先导入该参保人（persons）`);
      }
      const same = stored.get(r.contribution_id);
      if (same !== undefined && !sameContent(r, same)) {
        issues.add(
          row,
          'contributionId',
          `缴费流水号 ${r.contribution_id} 已导入且内容不同；已入账的缴费记录不能修改，请新增一条更正记录（correctsId 填原流水号）`,
        );
      }
      const target = r.corrects_id;
      if (target == null || inFile.has(target)) return;
      const original = stored.get(target);
      if (original === undefined) {
        issues.add(
          row,
          'correctsId',
          `更正的缴费流水号（correctsId）${target} 不存在，请检查编号或先导入原记录`,
        );
      } else if (!sameSubject(r, original)) {
        issues.add(row, 'correctsId', subjectMismatch(target));
      } else {
        const by = storedCorrections.get(target);
        if (by !== undefined && by !== r.contribution_id) {
          issues.add(
            row,
            'correctsId',
            `缴费流水号 ${target} 已由 ${by} 更正，一条记录只能更正一次（可再更正 ${by}）`,
          );
        }
      }
    });
  },
  write: (tx, records, batch) =>
    insertContributions(
      tx,
      records.map((r) => ({ ...r, batch_id: batch.batchId, recorded_at: batch.now.toISOString() })),
    ),
};
