/**
 * `yibao chronic …`: the 免申即享 T-1 screen (R-C5) from the command line or a cron job, its run history,
 * and delivery of queued SMS notices. Calls services only; prints Chinese text for the operator.
 */

import type { Command } from 'commander';
import {
  deliverSmsOutbox,
  listScreeningRuns,
  logFileSmsSender,
  runChronicScreen,
  seedChronicCatalogIfEmpty,
} from '../../service/chronic/index.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../service/context.ts';
import { processPendingChronicRecomputations } from '../../service/settlement/chronic-recompute.ts';
import { readConfig, storeOptions } from '../config.ts';
import { progressBar } from '../progress.ts';

async function withContext(work: (ctx: AppContext) => Promise<void>): Promise<void> {
  const ctx = await openAppContext(storeOptions(readConfig()));
  try {
    await work(ctx);
  } finally {
    await closeAppContext(ctx);
  }
}

export function registerChronic(program: Command): void {
  const chronic = program.command('chronic').description('门诊慢特病：免申即享 T-1 筛查、执行记录、短信投递');

  chronic
    .command('screen')
    .description('筛查某日出院结算人员，生成预享受人员名单（默认昨日；同日重复执行不新增）')
    .option('--date <YYYY-MM-DD>', '出院日期（T-1）')
    .option('--actor <id>', '操作人（记入审计）', 'cli')
    .action(async (options: { date?: string; actor: string }) => {
      await withContext(async (ctx) => {
        // A store started before the chronic module existed has no catalog yet: load the shipped one.
        await seedChronicCatalogIfEmpty(ctx.store);
        const bar = progressBar('T-1 筛查');
        const result = await runChronicScreen(
          ctx,
          {
            ...(options.date ? { dischargeDate: options.date } : {}),
            onProgress: (done, total) => bar.update(done, total),
          },
          { id: `cli:${options.actor}`, role: 'admin' },
        );
        bar.stop();
        if (!result.ok) throw new Error(`${result.error.message}（${result.error.code}）`);
        const r = result.value;
        const seconds = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
        console.log(
          `出院日期 ${r.dischargeDate}：筛查出院记录 ${r.scannedCount} 条，命中 ${r.matchedCount} 人次，新增预享受名单 ${r.addedCount} 人次` +
            `（已有资格 ${r.skippedQualified}，已在名单或已拒绝 ${r.skippedListed}），用时 ${seconds.toFixed(1)} 秒，批次 ${r.runId}。`,
        );
      });
    });

  chronic
    .command('runs')
    .description('查看 T-1 筛查执行记录')
    .option('--limit <n>', '显示条数', '20')
    .action(async (options: { limit: string }) => {
      await withContext(async (ctx) => {
        const runs = await listScreeningRuns(ctx, Math.max(1, Number(options.limit) || 20));
        if (runs.length === 0) {
          console.log('尚无筛查执行记录。');
          return;
        }
        console.log('开始时间                   出院日期    筛查    命中  新增  操作人    批次');
        for (const r of runs) {
          console.log(
            `${r.startedAt.padEnd(26)} ${r.dischargeDate}  ${String(r.scannedCount).padStart(6)}  ${String(r.matchedCount).padStart(4)}  ${String(r.addedCount).padStart(4)}  ${r.actor.padEnd(8)}  ${r.runId}`,
          );
        }
      });
    });

  chronic
    .command('sms')
    .description('投递待发短信到日志文件（data/runtime/sms.log）')
    .action(async () => {
      await withContext(async (ctx) => {
        const { delivered, failed } = await deliverSmsOutbox(
          ctx,
          logFileSmsSender(`${readConfig().dataDir}/runtime/sms.log`),
        );
        console.log(`已投递 ${delivered} 条短信${failed > 0 ? `，${failed} 条失败（稍后重试）` : ''}。`);
      });
    });

  chronic
    .command('recompute')
    .description('执行待重算：即申即享获批后冲销申请日以来的普通门诊结算并按门慢特重新结算（R-C6）')
    .action(async () => {
      await withContext(async (ctx) => {
        const report = await processPendingChronicRecomputations(ctx);
        for (const r of report.recomputed) console.log(`  结算 ${r.settlementId}：已按门慢特重算`);
        for (const f of report.failed)
          console.log(`  结算 ${f.settlementId}：未能重算（${f.code}），保留待处理`);
        console.log(`完成 ${report.done} 笔，失败 ${report.failed.length} 笔。`);
      });
    });
}
