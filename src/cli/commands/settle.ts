/**
 * `yibao settle --input case.json [--explain]`: a what-if settlement of one self-contained case
 * (docs/settlement-case.md) through the same core every channel uses; nothing is stored.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { whatIfSettlement } from '../../service/what-if-settlement.ts';

export function registerSettle(program: Command): void {
  program
    .command('settle')
    .description('试算一次结算（不写库）：输入自包含的结算案例 JSON，输出结果与公式过程')
    .requiredOption('--input <file>', '结算案例文件（格式见 docs/settlement-case.md）')
    .option('--explain', '以中文文字输出计算过程，而不是 JSON')
    .action(async (opts: { input: string; explain?: boolean }) => {
      let document: unknown;
      try {
        document = JSON.parse(await readFile(opts.input, 'utf8'));
      } catch (error) {
        console.error(
          `无法读取结算案例 ${opts.input}：${error instanceof Error ? error.message : String(error)}`,
        );
        process.exitCode = 2;
        return;
      }
      const outcome = whatIfSettlement(document);
      if (!outcome.ok) {
        const { code, message, field } = outcome.error;
        console.error(`[${code}] ${message}${field ? `（字段 ${field}）` : ''}`);
        process.exitCode = 1;
        return;
      }
      console.log(opts.explain ? outcome.value.explanation : JSON.stringify(outcome.value.result, null, 2));
    });
}
