/** `yibao import <file>`: validate a data file and load it all-or-nothing (docs/import.md). */
import type { Command } from 'commander';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { type ImportKind, importFile, isImportKind } from '../../service/import/index.ts';
import { importKindNames, importKindTitles } from '../../service/import/kinds/index.ts';
import { readConfig, storeOptions } from '../config.ts';
import { progressBar } from '../progress.ts';

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description(`导入参考数据文件（${importKindTitles()}；JSON 或 CSV）`)
    .option('--kind <kind>', `数据种类：${importKindNames(' | ')}`)
    .action(async (file: string, opts: { kind?: string }) => {
      if (opts.kind !== undefined && !isImportKind(opts.kind)) {
        console.error(`--kind 的取值 “${opts.kind}” 无效，可选：${importKindNames()}。`);
        process.exitCode = 2;
        return;
      }
      const ctx = await openAppContext(storeOptions(readConfig()));
      const bar = progressBar('写入');
      try {
        const result = await importFile(ctx.store, file, {
          kind: opts.kind as ImportKind | undefined,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        if (result.ok) {
          console.log(
            `导入成功：${result.value.kind} 共 ${result.value.rows} 行（批次 ${result.value.batchId}）。`,
          );
          return;
        }
        const { message, issues, issueCount } = result.error;
        console.error(message);
        for (const issue of issues)
          console.error(`  第 ${issue.row} 行  字段 ${issue.field || '-'}：${issue.reason}`);
        if (issueCount > issues.length) console.error(`  …… 另有 ${issueCount - issues.length} 处问题未列出`);
        process.exitCode = 1;
      } finally {
        await closeAppContext(ctx);
      }
    });
}
