/**
 * 我的缴费记录 (R-P2) in real headless Chromium against the real server seeded with the demo data set:
 * a demo employee logs in, picks 2025 and sees the year's personal contributions summed from the seeded
 * rows; on a phone, a demo employee with a break in 2025 sees the gap sentence and the rows as cards.
 * The personal-account page links here. Screenshots: person-contributions at 1366×768 and 390×844.
 */
import { describe, expect, it } from 'vitest';
import { fen, formatYuan } from '../../src/core/money/index.ts';
import { type AppContext, openAppContext } from '../../src/service/context.ts';
import { myContributions } from '../../src/service/person-contributions.ts';
import { seedDemoIfEmpty } from '../../src/service/seed-demo.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { logInPersonAt, openViewportPage, setUpBrowserWorld } from './browser-harness.ts';

const NOW = () => new Date('2026-11-24T02:00:00.000Z');

const VIEWPORTS = [
  { name: '1366x768', width: 1366, height: 768, mobile: false, withGap: false },
  { name: '390x844', width: 390, height: 844, mobile: true, withGap: true },
] as const;

interface DemoPerson {
  psnNo: string;
  certificateNo: string;
  personal2025Yuan: string;
}

const chosen = new Map<boolean, DemoPerson>();

/** A demo employee in work with a phone and 2025 rows without corrections, with or without a gap in 2025. */
async function pickPerson(ctx: AppContext, withGap: boolean): Promise<DemoPerson> {
  const candidates = await ctx.store.db
    .selectFrom('persons')
    .select(['psn_no', 'certificate_no'])
    .where('insurance_type', '=', '310')
    .where('employment', '=', 'employed')
    .where('status', '=', 'active')
    .where('phone', 'is not', null)
    .orderBy('psn_no')
    .execute();
  for (const c of candidates) {
    const answer = await myContributions(ctx, c.psn_no, '2025');
    if (!answer.ok || answer.value.gapMonths > 0 !== withGap) continue;
    const rows = await ctx.store.db
      .selectFrom('contributions')
      .select(['personal_fen', 'status', 'corrects_id', 'employer_fen'])
      .where('psn_no', '=', c.psn_no)
      .where('period', 'like', '2025-%')
      .execute();
    if (rows.length === 0 || rows.some((r) => r.corrects_id !== null || Number(r.employer_fen) === 0))
      continue;
    // Summed here from the stored rows, not from the service's answer.
    const personal = rows.filter((r) => r.status === 'paid').reduce((s, r) => s + Number(r.personal_fen), 0);
    return { psnNo: c.psn_no, certificateNo: c.certificate_no, personal2025Yuan: formatYuan(fen(personal)) };
  }
  throw new Error(`no demo employee ${withGap ? 'with' : 'without'} a 2025 gap`);
}

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile(), now: NOW });
    const seeded = await seedDemoIfEmpty(ctx.store, undefined, NOW);
    expect(seeded.seeded).toBe(true);
    chosen.set(false, await pickPerson(ctx, false));
    chosen.set(true, await pickPerson(ctx, true));
    return ctx;
  },
});

describe.each(VIEWPORTS)('my contributions at $name', (viewport) => {
  const view = openViewportPage(world, viewport);

  it('logs a demo person in and shows 2025 with the personal total of the seeded rows', async () => {
    const { page } = view;
    const person = chosen.get(viewport.withGap)!;
    await logInPersonAt(view, world.ctx, '/me/contributions', person);
    await page.getByTestId('contribution-summary').waitFor();
    await page.getByTestId('contribution-year').click();
    await page.locator('.ant-select-item-option', { hasText: '2025 年' }).click();
    await page
      .getByTestId('contribution-summary')
      .getByText(/^2025 年/)
      .waitFor();
    // antd's Statistic groups thousands (1,637.76): compare without the separators.
    await expect
      .poll(async () => (await page.getByTestId('contribution-personal').innerText()).replace(/,/g, ''))
      .toContain(person.personal2025Yuan);
    const summary = await page.getByTestId('contribution-summary').innerText();
    if (viewport.withGap) {
      expect(summary).toMatch(/个月没有到账的缴费/);
      expect(summary).toMatch(/断缴可能影响/);
      expect(await page.getByTestId('contribution-row').count()).toBeGreaterThan(0);
    } else {
      expect(summary).toMatch(/^2025 年 1 月至 12 月共 12 个月缴费连续，没有断缴。/);
      await page.getByTestId('contribution-months').getByText('12').waitFor();
      expect(await page.locator('.ant-table-row').count()).toBe(12);
    }
    await view.shot('person-contributions');
  });

  it('is linked from the personal-account page', async () => {
    const { page } = view;
    await view.go('/me/account');
    await page.getByText('查看缴费记录与划入明细').click();
    await page.waitForURL(/\/me\/contributions$/);
    await page.getByTestId('contribution-summary').waitFor();
    expect(view.pageErrors).toEqual([]);
  });
});
