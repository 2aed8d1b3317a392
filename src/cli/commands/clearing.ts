/**
 * `yibao clearing …`: run, show, close and export inter-region clearing (R-S3) from the command line.
 * Calls services only; prints Chinese text for the agency operator.
 */
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { DomainError, Result } from '../../core/errors.ts';
import { fen, formatYuan } from '../../core/money/index.ts';
import { closeClearingPeriod } from '../../service/clearing/close-period.ts';
import type { ProgressListener } from '../../service/clearing/compute.ts';
import { statementCsv, statementXlsx } from '../../service/clearing/export-statement.ts';
import { statementHtml } from '../../service/clearing/print-statement.ts';
import { getClearingPeriod, listClearingPeriods } from '../../service/clearing/queries.ts';
import { runClearing } from '../../service/clearing/run-clearing.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../service/context.ts';
import { readConfig, storeOptions } from '../config.ts';

const ACTOR = 'cli';
const STATE_NAMES = { pending: '待确认', confirmed: '已确认', disputed: '有争议' } as const;

const yuan = (n: number) => formatYuan(fen(n));

async function withContext(work: (ctx: AppContext) => Promise<void>): Promise<void> {
  const ctx = await openAppContext(storeOptions(readConfig()));
  try {
    await work(ctx);
  } finally {
    await closeAppContext(ctx);
  }
}

function value<T>(result: Result<T, DomainError>): T {
  if (result.ok) return result.value;
  throw new Error(`${result.error.message}（${result.error.code}）`);
}

function progressBar(): { listener: ProgressListener; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: '清算汇总 |{bar}| {percentage}% {phase}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    listener: (p) => {
      if (p.phase === 'aggregate') {
        if (!started) {
          bar.start(p.total, 0, { phase: '' });
          started = true;
        }
        bar.update(p.done, { phase: '' });
      } else if (started) {
        bar.update({ phase: p.done === 0 ? '写入清算结果…' : '完成' });
      }
    },
    stop: () => started && bar.stop(),
  };
}

async function show(ctx: AppContext, period: string | undefined): Promise<void> {
  if (!period) {
    const periods = await listClearingPeriods(ctx);
    if (periods.length === 0) {
      console.log('尚无清算期间。使用 yibao clearing run --period YYYY-MM 运行清算。');
      return;
    }
    console.log('期间      状态    批次            结算笔数      清算总额（元）');
    for (const p of periods) {
      console.log(
        `${p.period}   ${p.status === 'closed' ? '已关账' : '草稿  '}  ${p.runId.padEnd(14)}  ${String(p.settlementCount).padStart(10)}  ${yuan(p.totalFen).padStart(18)}`,
      );
    }
    return;
  }
  const view = value(await getClearingPeriod(ctx, period));
  console.log(
    `清算期间 ${view.period}（${view.status === 'closed' ? `已关账 ${view.closedAt}` : '草稿'}），批次 ${view.run.runId}，结算 ${view.run.settlementCount} 笔，清算总额 ${yuan(view.run.totalFen)} 元`,
  );
  console.log('\n清算单                                  参保地→就医地     笔数      清算金额（元）  状态');
  for (const s of view.statements) {
    console.log(
      `${s.statementId.padEnd(38)}  ${s.insuredRegionCode}→${s.treatmentRegionCode}  ${String(s.settlementCount).padStart(8)}  ${yuan(s.totalFen).padStart(16)}  ${STATE_NAMES[s.state]}`,
    );
  }
  console.log(
    '\n区划      应收（元）          应付（元）          轧差净额（元）      持有预付金（元）    抵扣预付金后（元）',
  );
  for (const p of view.positions) {
    console.log(
      `${p.regionCode}  ${[p.receivableFen, p.payableFen, p.netFen, p.advanceHeldFen, p.netAfterAdvanceFen].map((n) => yuan(n).padStart(18)).join('  ')}`,
    );
  }
}

export function registerClearing(program: Command): void {
  const clearing = program.command('clearing').description('异地就医跨区域清算（运行、查看、关账、导出）');

  clearing
    .command('run')
    .description('运行某期间的清算；重复运行不产生变化，已关账期间不可变')
    .requiredOption('--period <YYYY-MM>', '清算期间，例如 2026-10')
    .action((opts: { period: string }) =>
      withContext(async (ctx) => {
        const bar = progressBar();
        const started = Date.now();
        let summary: Awaited<ReturnType<typeof runClearing>>;
        try {
          summary = await runClearing(ctx, { period: opts.period, actor: ACTOR, onProgress: bar.listener });
        } finally {
          bar.stop();
        }
        const s = value(summary);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const what =
          s.status === 'closed'
            ? '期间已关账，结果未变'
            : s.changed
              ? `已生成批次 ${s.runId}`
              : `数据无变化，沿用批次 ${s.runId}`;
        console.log(
          `清算期间 ${s.period}：${what}；清算单 ${s.statementCount} 张，结算 ${s.settlementCount} 笔，清算总额 ${yuan(s.totalFen)} 元（用时 ${seconds} 秒）。`,
        );
      }),
    );

  clearing
    .command('show')
    .description('查看清算期间列表，或某期间的清算单与各区划头寸')
    .option('--period <YYYY-MM>', '清算期间')
    .action((opts: { period?: string }) => withContext((ctx) => show(ctx, opts.period)));

  clearing
    .command('close')
    .description('关账：期间结束、草稿与数据一致且清算单全部确认后，期间不可再变')
    .requiredOption('--period <YYYY-MM>', '清算期间')
    .action((opts: { period: string }) =>
      withContext(async (ctx) => {
        const closed = value(await closeClearingPeriod(ctx, { period: opts.period, actor: ACTOR }));
        console.log(
          closed.changed
            ? `清算期间 ${closed.period} 已关账（批次 ${closed.runId}）。`
            : `清算期间 ${closed.period} 早已关账（${closed.closedAt}）。`,
        );
      }),
    );

  clearing
    .command('export <statementId>')
    .description('导出清算单（xlsx、csv 或可打印的 html）')
    .option('--format <format>', 'xlsx | csv | html', 'xlsx')
    .option('--out <file>', '输出文件（默认：清算单编号.格式）')
    .action((statementId: string, opts: { format: string; out?: string }) =>
      withContext(async (ctx) => {
        const out = opts.out ?? `${statementId}.${opts.format}`;
        if (opts.format === 'xlsx') writeFileSync(out, value(await statementXlsx(ctx, statementId)));
        else if (opts.format === 'csv') writeFileSync(out, value(await statementCsv(ctx, statementId)));
        else if (opts.format === 'html') writeFileSync(out, value(await statementHtml(ctx, statementId)));
        else throw new Error(`不支持的导出格式 ${opts.format}，请使用 xlsx、csv 或 html。`);
        console.log(`已导出 ${out}`);
      }),
    );
}
