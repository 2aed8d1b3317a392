/** explainTrace — the trace as readable Chinese text, one line per step, grouped by part. */
import { formatYuan } from '../money/index.ts';
import { categoryZh } from './grouping.ts';
import type { SettlementResult } from './types.ts';

export function explainTrace(result: SettlementResult): string {
  const t = result.totals;
  const lines: string[] = [
    `结算 ${result.settlementId}（${result.settledAt}，参保人 ${result.personNo}，参保地 ${result.insuredRegionCode}，政策 ${result.policyId}@${result.policyVersion}）`,
  ];
  for (const step of result.trace.filter((s) => s.partNo === 0)) lines.push(`  ${step.formulaZh}`);
  for (const part of result.parts) {
    lines.push(`第 ${part.partNo} 笔 ${categoryZh(part.category, part.diseaseCode)}：`);
    for (const step of result.trace.filter((s) => s.partNo === part.partNo)) {
      lines.push(`  [${step.ruleId}] ${step.formulaZh}`);
    }
  }
  lines.push(
    `合计：医疗费总额 ${formatYuan(t.totalFen)} 元 = 基金支付 ${formatYuan(t.fundTotalFen)} 元 + 个人账户 ${formatYuan(t.accountFen)} 元 + 个人现金 ${formatYuan(t.cashFen)} 元`,
    `个人账户余额 ${formatYuan(result.accountBalanceBeforeFen)} 元 → ${formatYuan(result.accountBalanceAfterFen)} 元`,
  );
  return lines.join('\n');
}
