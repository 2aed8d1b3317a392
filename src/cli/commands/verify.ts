/**
 * `yibao verify`: walks the audit chain and the posted tables (service/verify.ts) and names the first
 * broken row. Exit code 0 when everything holds, 1 when anything is broken (so cron and CI can alert).
 * Reads only: the store is opened without migrating.
 */
import type { Command } from 'commander';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { verifyStore } from '../../service/verify.ts';
import { readConfig, storeOptions } from '../config.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      '校验审计哈希链与已过账数据（累计 = 流水合计、版本连续、结算平衡、冲销关联），指出第一处被破坏的记录',
    )
    .option('--json', '以 JSON 输出完整报告')
    .option('--all', '列出全部问题（默认只列前 20 条）')
    .action(async (opts: { json?: boolean; all?: boolean }) => {
      const ctx = await openAppContext({ ...storeOptions(readConfig()), migrate: false });
      try {
        const report = await verifyStore(ctx.store.db);
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
        } else {
          const counts = Object.entries(report.counts)
            .map(([table, n]) => `${table} ${n}`)
            .join('，');
          console.log(`已读取：${counts}。`);
          if (report.firstBreak === null) {
            console.log('校验通过：审计链完整，所有已过账数据平衡一致。');
          } else {
            const first = report.firstBreak;
            console.log(`校验失败：共 ${report.problems.length} 处问题。`);
            console.log(
              `第一处被破坏的记录：${first.table} ${first.row}（${first.check}）：${first.messageZh}`,
            );
            const shown = opts.all ? report.problems : report.problems.slice(0, 20);
            for (const p of shown.slice(1))
              console.log(`- ${p.table} ${p.row}（${p.check}）：${p.messageZh}`);
          }
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await closeAppContext(ctx);
      }
    });
}
