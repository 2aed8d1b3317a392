/**
 * 对总账 (national 3201): the institution's counts and amounts for one insurance type and clearing
 * category over a date range, against the platform's posted settlements. The answer is 平 (balanced)
 * or 不平 with every differing figure named, in Chinese, for the institution's cashier.
 */
import { type Fen, fen, formatYuan } from '../money/index.ts';

export interface ReconciliationTotals {
  readonly settlementCount: number;
  readonly medicalTotalFen: Fen;
  readonly fundPayFen: Fen;
  readonly accountPayFen: Fen;
}

export interface TotalsDifference {
  readonly field: keyof ReconciliationTotals;
  readonly institution: number;
  readonly platform: number;
  /** institution − platform (fen, or a count for settlementCount). */
  readonly delta: number;
}

export interface TotalsReconciliation {
  readonly balanced: boolean;
  readonly platform: ReconciliationTotals;
  readonly differences: readonly TotalsDifference[];
  /** 对账结果说明 — one Chinese sentence; fits the national C200 field. */
  readonly explanation: string;
}

const LABELS: Record<keyof ReconciliationTotals, string> = {
  settlementCount: '结算笔数',
  medicalTotalFen: '医疗费总额',
  fundPayFen: '基金支付总额',
  accountPayFen: '个人账户支付金额',
};

const FIELDS = ['settlementCount', 'medicalTotalFen', 'fundPayFen', 'accountPayFen'] as const;

function describe(d: TotalsDifference): string {
  if (d.field === 'settlementCount') {
    return `${LABELS[d.field]}机构${d.institution}笔、平台${d.platform}笔`;
  }
  return `${LABELS[d.field]}机构${formatYuan(fen(d.institution))}元、平台${formatYuan(fen(d.platform))}元，相差${formatYuan(fen(d.delta))}元`;
}

export function reconcileTotals(
  institution: ReconciliationTotals,
  platform: ReconciliationTotals,
): TotalsReconciliation {
  const differences: TotalsDifference[] = [];
  for (const field of FIELDS) {
    const a = institution[field];
    const b = platform[field];
    if (a !== b) differences.push({ field, institution: a, platform: b, delta: a - b });
  }
  const explanation =
    differences.length === 0
      ? `对账平：共${platform.settlementCount}笔，医疗费总额${formatYuan(platform.medicalTotalFen)}元，基金支付${formatYuan(platform.fundPayFen)}元，个人账户支付${formatYuan(platform.accountPayFen)}元。`
      : `对账不平：${differences.map(describe).join('；')}。请上传明细进行对明细账（3202）。`;
  return { balanced: differences.length === 0, platform, differences, explanation };
}
