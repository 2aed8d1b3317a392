import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerCalendar } from '../../src/cli/commands/calendar.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

describe.each(DIALECTS)('yibao calendar import/show on %s (R-R2)', (dialect) => {
  const saved = { dir: process.env.YIBAO_DATA_DIR, url: process.env.DATABASE_URL };
  let files: string;
  beforeAll(async () => {
    const where = await freshStoreLocation(dialect);
    if (where.databaseUrl) process.env.DATABASE_URL = where.databaseUrl;
    else {
      delete process.env.DATABASE_URL;
      process.env.YIBAO_DATA_DIR = dirname(where.sqliteFile!);
    }
    files = mkdtempSync(join(tmpdir(), 'yibao-cal-'));
    writeFileSync(
      join(files, 'y2027.csv'),
      'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n',
    );
    writeFileSync(
      join(files, 'bad.json'),
      JSON.stringify({ rows: [{ date: '2027-13-01', kind: 'holiday' }] }),
    );
  });
  afterAll(() => {
    if (saved.dir === undefined) delete process.env.YIBAO_DATA_DIR;
    else process.env.YIBAO_DATA_DIR = saved.dir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    process.exitCode = 0;
  });

  async function run(...args: string[]): Promise<string> {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
    try {
      const program = new Command();
      registerCalendar(program);
      await program.parseAsync(['node', 'yibao', ...args]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return out.join('\n');
  }

  it('show warns that an unpublished year is reckoned Monday to Friday', async () => {
    expect(await run('calendar', 'show', '--year', '2027')).toContain('不在已知范围内');
  });

  it('import of a bad file changes nothing and says which row', async () => {
    const out = await run('calendar', 'import', join(files, 'bad.json'));
    expect(out).toContain('rows[0].date');
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });

  it('import of the 2027 schedule (CSV) makes 2027 known', async () => {
    const out = await run(
      'calendar',
      'import',
      join(files, 'y2027.csv'),
      '--known-from',
      '2027-01-01',
      '--known-to',
      '2027-12-31',
    );
    expect(out).toContain('已导入 2 个日期');
    const shown = await run('calendar', 'show', '--year', '2027');
    expect(shown).not.toContain('不在已知范围内');
    expect(shown).toContain('2027-01-01 元旦（管理员补充）');
    expect(shown).toContain('2027-02-06 春节（管理员补充）');
  });
});
