/** A printable HTML view of a statement (清算单): header, lines, state, decisions and signature block. */
import { fundTypeName } from '../../core/clearing/index.ts';
import { ok, type Result } from '../../core/errors.ts';
import { fen, formatYuan } from '../../core/money/index.ts';
import type { AppContext } from '../context.ts';
import { getStatement } from './queries.ts';

const STATE_NAMES = { pending: '待确认', confirmed: '已确认', disputed: '有争议' } as const;
const ACTION_NAMES: Record<string, string> = { confirm: '确认', dispute: '提出争议' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#000}
h1{font-size:20px;text-align:center}table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #444;padding:4px 8px}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta td{border:none}.sign{margin-top:3em;display:flex;justify-content:space-between}
@media print{body{margin:0}}`;

export async function statementHtml(ctx: AppContext, statementId: string): Promise<Result<string>> {
  const found = await getStatement(ctx, statementId);
  if (!found.ok) return found;
  const s = found.value;
  const yuan = (n: number) => formatYuan(fen(n));
  const lines = s.lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.fundType)}</td><td>${escapeHtml(fundTypeName(l.fundType))}</td><td class="n">${l.rowCount}</td><td class="n">${yuan(l.adjustmentFen)}</td><td class="n">${yuan(l.amountFen)}</td></tr>`,
    )
    .join('\n');
  const events = s.events
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(ACTION_NAMES[e.action] ?? e.action)}</td><td>${escapeHtml(e.actor)}</td><td>${escapeHtml(e.reason)}</td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>清算单 ${escapeHtml(s.statementId)}</title><style>${STYLE}</style></head>
<body>
<h1>异地就医费用清算单</h1>
<table class="meta">
<tr><td>清算单编号：${escapeHtml(s.statementId)}</td><td>清算期间：${escapeHtml(s.period)}</td></tr>
<tr><td>参保地医保区划：${escapeHtml(s.insuredRegionCode)}</td><td>就医地医保区划：${escapeHtml(s.treatmentRegionCode)}</td></tr>
<tr><td>状态：${STATE_NAMES[s.state]}${s.periodStatus === 'closed' ? '（期间已关账）' : ''}${s.current ? '' : '（已被重新清算替代）'}</td><td>结算笔数：${s.settlementCount}（其中跨期调整 ${s.adjustmentCount} 笔）</td></tr>
<tr><td>医疗费总额：${yuan(s.medicalTotalFen)} 元</td><td>基金支付：${yuan(s.fundTotalFen)} 元；个人账户：${yuan(s.accountTotalFen)} 元</td></tr>
</table>
<table>
<thead><tr><th>基金类型代码</th><th>基金类型</th><th>笔数</th><th>其中跨期调整（元）</th><th>清算金额（元）</th></tr></thead>
<tbody>
${lines}
<tr><th colspan="3">合计</th><td class="n">${yuan(s.adjustmentFen)}</td><td class="n"><b>${yuan(s.totalFen)}</b></td></tr>
</tbody></table>
${events ? `<h2>确认与争议记录</h2><table><thead><tr><th>时间</th><th>操作</th><th>经办人</th><th>说明</th></tr></thead><tbody>${events}</tbody></table>` : ''}
<p>逐笔结算明细请导出 XLSX 或 CSV 查看。</p>
<div class="sign"><span>就医地经办机构（盖章）：</span><span>参保地经办机构（盖章）：</span><span>日期：</span></div>
</body></html>
`;
  return ok(html);
}
