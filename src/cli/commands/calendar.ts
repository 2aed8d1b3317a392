/**
 * `yibao calendar import <file>` and `yibao calendar show --year <y>`: the administrator's holiday
 * overrides (R-R2). The file is JSON ({knownFrom?, knownTo?, rows: [{date, kind, name?}]}) or CSV with a
 * header `date,kind,name`; for CSV the known range comes from --known-from/--known-to.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { type CalendarImport, calendarYear, importCalendarOverrides } from '../../service/calendar/index.ts';
import { closeAppContext, openAppContext } from '../../service/context.ts';
import { readConfig, storeOptions } from '../config.ts';

interface ImportOptions {
  knownFrom?: string;
  knownTo?: string;
}

async function readImport(file: string, opts: ImportOptions): Promise<CalendarImport> {
  const text = await readFile(file, 'utf8');
  const range = {
    ...(opts.knownFrom === undefined ? {} : { knownFrom: opts.knownFrom }),
    ...(opts.knownTo === undefined ? {} : { knownTo: opts.knownTo }),
  };
  if (file.toLowerCase().endsWith('.csv')) {
    const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as {
      date: string;
      kind: string;
      name?: string;
    }[];
    return { rows, ...range };
  }
  const json = JSON.parse(text) as CalendarImport;
  return { ...json, rows: json.rows ?? [], ...range };
}

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('工作日历：法定节假日与调休安排');

  calendar
    .command('import <file>')
    .description('导入节假日与调休安排（JSON 或 CSV），全部成功或全部不导入')
    .option('--known-from <date>', '本次导入覆盖的完整范围起点（如 2027-01-01）')
    .option('--known-to <date>', '本次导入覆盖的完整范围终点（如 2027-12-31）')
    .action(async (file: string, opts: ImportOptions) => {
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        const result = await importCalendarOverrides(ctx, await readImport(file, opts), { id: 'cli' });
        if (!result.ok) {
          console.error(
            `导入失败（${result.error.code}${result.error.field ? `，${result.error.field}` : ''}）：${result.error.message}`,
          );
          process.exitCode = 1;
          return;
        }
        const s = result.value;
        console.log(`已导入 ${s.imported} 个日期；工作日历已知范围 ${s.knownFrom} 至 ${s.knownTo}。`);
        for (const r of s.rescheduled)
          console.log(`  备案 ${r.filingId} 的审核期限由 ${r.from} 调整为 ${r.to}`);
      } finally {
        await closeAppContext(ctx);
      }
    });

  calendar
    .command('show')
    .description('显示某年的放假日期与调休上班日期')
    .requiredOption('--year <year>', '年份，如 2026')
    .action(async (opts: { year: string }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 1900 || year > 2100) {
        console.error('--year 须为四位年份，如 2026。');
        process.exitCode = 1;
        return;
      }
      const ctx = await openAppContext(storeOptions(readConfig()));
      try {
        const view = await calendarYear(ctx, year);
        const mark = (d: { date: string; name: string | null; override: boolean }) =>
          `${d.date}${d.name ? ` ${d.name}` : ''}${d.override ? '（管理员补充）' : ''}`;
        console.log(`${year} 年工作日历（已知范围 ${view.knownFrom} 至 ${view.knownTo}）`);
        if (!view.known)
          console.log(`注意：${year} 年不在已知范围内，期限按周一至周五推算，请导入该年度安排。`);
        console.log(`放假（${view.holidays.length} 天）：`);
        for (const d of view.holidays) console.log(`  ${mark(d)}`);
        console.log(`调休上班（${view.workdays.length} 天）：`);
        for (const d of view.workdays) console.log(`  ${mark(d)}`);
      } finally {
        await closeAppContext(ctx);
      }
    });
}
