import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar/index.ts';
import { calendarYear, importCalendarOverrides, loadCalendar } from '../../src/service/calendar/index.ts';
import { agencyQueue, submitFilingOnline } from '../../src/service/filing/index.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  chizhouStaff,
  type FilingFixture,
  openFilingFixture,
  WUHAN,
  wuhanStaff,
  ZHENGZHOU,
} from './fixture.ts';

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A long-term filing without the written commitment always waits for review (R-F2). */
const queuedKind = { type: 'long_term_resident', target: { scope: 'city', regionCode: WUHAN } } as const;

describe.each(DIALECTS)('agency queue and review deadlines on %s (R-F2, R-R2)', (dialect) => {
  let fx: FilingFixture;
  beforeAll(async () => {
    fx = await openFilingFixture(dialect);
  });
  afterAll(async () => {
    await fx.close();
  });

  it('a deadline across the National Day holiday skips all seven days off', async () => {
    fx.setNow('2026-09-30T16:00:00+08:00'); // Wednesday; 1–7 October are off
    const out = value(await submitFilingOnline(fx.ctx, { role: 'person', psnNo: 'P1' }, queuedKind));
    expect(out).toMatchObject({ decision: 'queued', warnings: [] });
    expect(out.filing.reviewDeadlineDate).toBe('2026-10-09');
  });

  it('a swapped working Saturday (调休 2026-10-10) counts as a working day', async () => {
    fx.setNow('2026-10-09T11:00:00+08:00'); // Friday
    const out = value(await submitFilingOnline(fx.ctx, { role: 'person', psnNo: 'P2' }, queuedKind));
    expect(out.filing.reviewDeadlineDate).toBe('2026-10-12'); // Sat 10th worked, Sun 11th off, Mon 12th
  });

  it('the queue is sorted by deadline with working days left', async () => {
    fx.setNow('2026-10-08T09:00:00+08:00');
    const q = await agencyQueue(fx.ctx, chizhouStaff);
    expect(q.today).toBe('2026-10-08');
    expect(q.items.map((i) => [i.personName, i.deadlineDate, i.workingDaysLeft, i.overdue])).toEqual([
      ['张三', '2026-10-09', 1, false],
      ['李四', '2026-10-12', 3, false], // 9th, Saturday 10th (调休), 12th
    ]);
    expect(q.overdueCount).toBe(0);
  });

  it('overdue cases are flagged; the deadline day itself is not overdue', async () => {
    fx.setNow('2026-10-12T09:00:00+08:00');
    const q = await agencyQueue(fx.ctx, chizhouStaff);
    expect(q.items.map((i) => [i.deadlineDate, i.workingDaysLeft, i.overdue])).toEqual([
      ['2026-10-09', -2, true],
      ['2026-10-12', 0, false],
    ]);
    expect(q.overdueCount).toBe(1);
  });

  it('staff see only their own region’s queue', async () => {
    expect((await agencyQueue(fx.ctx, wuhanStaff)).items).toEqual([]);
  });

  it('a deadline beyond the known calendar carries a warning until the administrator imports 2027', async () => {
    fx.setNow('2026-12-30T10:00:00+08:00'); // Wednesday; 2027 is not published in the data package
    const out = value(
      await submitFilingOnline(
        fx.ctx,
        { role: 'person', psnNo: 'W1' },
        {
          type: 'long_term_resident',
          target: { scope: 'city', regionCode: ZHENGZHOU },
        },
      ),
    );
    expect(out.filing.reviewDeadlineDate).toBe('2027-01-01'); // guessed Monday–Friday
    expect(out.warnings.map((w) => w.code)).toEqual(['CALENDAR_BEYOND_KNOWN_RANGE']);
    expect(out.warnings[0]!.message).toContain('请管理员导入');
    const before = await agencyQueue(fx.ctx, wuhanStaff);
    expect(before.items[0]!.warnings).toHaveLength(1);

    const oldCalendar = await loadCalendar(fx.ctx);
    expect(await loadCalendar(fx.ctx)).toBe(oldCalendar); // cached
    const imported = value(
      await importCalendarOverrides(fx.ctx, {
        knownFrom: '2027-01-01',
        knownTo: '2027-12-31',
        rows: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-02-06', kind: 'workday', name: '春节' },
        ],
      }),
    );
    expect(imported).toMatchObject({ imported: 2, knownTo: '2027-12-31' });
    expect(imported.rescheduled).toEqual([{ filingId: out.filing.id, from: '2027-01-01', to: '2027-01-04' }]);
    const calendar = await loadCalendar(fx.ctx);
    expect(calendar).not.toBe(oldCalendar); // the import invalidated the cache
    expect(calendar.isWorkingDay('2027-01-01')).toEqual({ working: false, warnings: [] });
    expect(calendar.isWorkingDay('2027-02-06')).toEqual({ working: true, warnings: [] });
    const after = await agencyQueue(fx.ctx, wuhanStaff);
    expect(after.items.map((i) => [i.deadlineDate, i.workingDaysLeft, i.warnings])).toEqual([
      ['2027-01-04', 2, []],
    ]);
    const audit = await fx.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'calendar.import')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('shows a year with the administrator’s names and whether it is known', async () => {
    const y = await calendarYear(fx.ctx, 2027);
    expect(y).toMatchObject({ known: true, knownTo: '2027-12-31' });
    expect(y.holidays).toContainEqual({ date: '2027-01-01', name: '元旦', override: true });
    const y2028 = await calendarYear(fx.ctx, 2028);
    expect(y2028.known).toBe(false);
    expect((await calendarYear(fx.ctx, 2026)).workdays).toContainEqual({
      date: '2026-10-10',
      name: null,
      override: false,
    });
  });

  it('an import is all or nothing: one bad row refuses the whole file', async () => {
    const count = async () =>
      Number(
        (
          await fx.ctx.store.db
            .selectFrom('calendar_overrides')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await importCalendarOverrides(fx.ctx, {
      rows: [
        { date: '2027-10-01', kind: 'holiday' },
        { date: '2027-02-30', kind: 'holiday' },
      ],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'CALENDAR_IMPORT_INVALID', field: 'rows[1].date' },
    });
    const kind = await importCalendarOverrides(fx.ctx, { rows: [{ date: '2027-10-01', kind: 'day-off' }] });
    expect(kind).toMatchObject({ ok: false, error: { field: 'rows[0].kind' } });
    const twice = await importCalendarOverrides(fx.ctx, {
      rows: [
        { date: '2027-10-01', kind: 'holiday' },
        { date: '2027-10-01', kind: 'workday' },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { field: 'rows[1].date' } });
    const gap = await importCalendarOverrides(fx.ctx, {
      knownFrom: '2029-01-01',
      knownTo: '2029-12-31',
      rows: [{ date: '2029-01-01', kind: 'holiday' }],
    });
    expect(gap).toMatchObject({ ok: false, error: { code: 'CALENDAR_IMPORT_INVALID' } });
    expect(gap.ok || gap.error.message).toContain('不相连');
    const half = await importCalendarOverrides(fx.ctx, { knownFrom: '2028-01-01', rows: [] });
    expect(half).toMatchObject({ ok: false, error: { field: 'knownFrom' } });
    expect(await count()).toBe(before);
  });

  it('a later import replaces what an earlier one said about a date', async () => {
    value(
      await importCalendarOverrides(fx.ctx, {
        rows: [{ date: '2027-02-06', kind: 'holiday', name: '更正' }],
      }),
    );
    expect((await loadCalendar(fx.ctx)).isWorkingDay('2027-02-06').working).toBe(false);
  });

  it('property: on the merged calendar, adding n working days and counting back gives n', async () => {
    const calendar = await loadCalendar(fx.ctx);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const start = addDays('2025-01-01', offset);
        const due = calendar.addWorkingDays(start, n);
        expect(calendar.countWorkingDays(start, due.date).days).toBe(n);
        expect(calendar.isWorkingDay(due.date).working || n === 0).toBe(true);
      }),
      { seed: 20260930, numRuns: 300 },
    );
  });
});
