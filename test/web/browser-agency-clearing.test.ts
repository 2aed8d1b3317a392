/**
 * 清算对账单 in real headless Chromium against the real server (R-S3): cross-region settlements of one
 * month are cleared by the administrator's service; a staff member of the insured region logs in, sees
 * the statement's total equal to the service's figure, opens the detail (fund lines, the paged
 * drill-down), disputes it with a reason, then confirms it and sees the state change. The phone viewport
 * is the other region's staff, who confirms its own statement and only reads the one it is paid for.
 * Screenshots at 1366×768 and 390×844.
 */
import { describe, expect, it } from 'vitest';
import { fen, formatYuan } from '../../src/core/money/index.ts';
import { getStatement } from '../../src/service/clearing/queries.ts';
import { runClearing } from '../../src/service/clearing/run-clearing.ts';
import { openAppContext } from '../../src/service/context.ts';
import { demoStaffCredentials, seedDemoStaffAccounts } from '../../src/service/staff-login.ts';
import {
  insertReference,
  institutionOf,
  postReversal,
  postSettlements,
  type SettlementSpec,
} from '../clearing/fixtures.ts';
import { must } from '../support/results.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { logInStaffAt, openViewportPage, setUpBrowserWorld } from './browser-harness.ts';

const PERIOD = '2026-10';
const A = '341700';
const B = '420100';

const VIEWPORTS = [
  { name: '1366x768', width: 1366, height: 768, mobile: false, region: A, other: B },
  { name: '390x844', width: 390, height: 844, mobile: true, region: B, other: A },
] as const;

let runId = '';

/** `count` settlements of the pair in October (Beijing time), with varied fund lines. */
function pair(insured: string, treatment: string, count: number, prefix: string): SettlementSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i).padStart(3, '0')}`,
    insured,
    treatment,
    institution: institutionOf(treatment, 1 + (i % 2)),
    settledAt: new Date(Date.UTC(2026, 9, 2 + (i % 25), 2, i)).toISOString(),
    funds: (i % 3 === 0
      ? { '310100': 10_000 + i * 137, '330100': 2_500 }
      : { '390100': 4_321 + i }) as Record<string, number>,
    accountFen: i % 4 === 0 ? 800 + i : 0,
    cashFen: 1_000,
  }));
}

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile() });
    await insertReference(ctx.store.db);
    await seedDemoStaffAccounts(ctx);
    const posted = await postSettlements(ctx.store.db, [
      ...pair(A, B, 25, 'AB'),
      ...pair(B, A, 3, 'BA'),
      ...pair('210300', '410100', 2, 'CD'),
    ]);
    await postReversal(ctx.store.db, posted[1]!, 'AB-R', '2026-10-28T03:00:00.000Z');
    runId = must(await runClearing(ctx, { period: PERIOD, actor: 'admin' })).runId;
    return ctx;
  },
});

describe.each(VIEWPORTS)('agency clearing page at $name', (viewport) => {
  const view = openViewportPage(world, viewport);
  const own = () => `${runId}-${viewport.region}-${viewport.other}`;
  const receivable = () => `${runId}-${viewport.other}-${viewport.region}`;

  async function statementTotal(id: string): Promise<string> {
    return `${formatYuan(fen(must(await getStatement(world.ctx, id)).totalFen))} 元`;
  }

  it('logs staff in and shows the region’s statements with the service’s totals', async () => {
    const { page } = view;
    await logInStaffAt(view, '/agency/clearing', viewport.region);
    await page.getByRole('heading', { name: '清算对账单' }).waitFor();
    const total = page.getByTestId(`statement-row-total-${own()}`);
    await total.waitFor();
    expect((await total.textContent())?.trim()).toBe(await statementTotal(own()));
    const other = page.getByTestId(`statement-row-total-${receivable()}`);
    expect((await other.textContent())?.trim()).toBe(await statementTotal(receivable()));
    // The third pair is not this region's: it is not on the page.
    expect(await page.getByText('区划210300').count()).toBe(0);
    await page.getByTestId('clearing-period').getByText(`${PERIOD} · 草稿（第 1 次清算）`).waitFor();
    expect(await page.getByTestId(`clearing-open-${receivable()}`).textContent()).toMatch(/详\s?情/);
    await view.shot('agency-clearing');
  });

  it('opens the detail: fund lines, drill-down pages and download links', async () => {
    const { page } = view;
    await page.getByTestId(`clearing-open-${own()}`).click();
    const drawer = page.locator('.ant-drawer-section');
    const total = drawer.getByTestId('statement-total');
    await total.waitFor();
    expect((await total.textContent())?.trim()).toBe(await statementTotal(own()));
    await drawer.getByText('职工基本医疗保险统筹基金').first().waitFor();
    await drawer.getByText('城乡居民基本医疗保险基金').first().waitFor();
    await drawer.getByTestId('statement-state').getByText('待确认').waitFor();
    const drill = drawer.getByTestId('clearing-drill-down');
    await drill.locator('.ant-table-row').first().waitFor();
    const rowsOnPage = await drill.locator('.ant-table-row').count();
    const settlements = must(await getStatement(world.ctx, own())).settlementCount;
    expect(rowsOnPage).toBe(Math.min(20, settlements));
    expect(await drawer.getByTestId('clearing-csv').getAttribute('href')).toBe(
      `/api/agency/clearing/statements/${own()}/export.csv`,
    );
    const csv = await page.request.get(`${world.baseUrl}/api/agency/clearing/statements/${own()}/export.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`,${(await statementTotal(own())).replace(' 元', '')}`);
    if (settlements > 20) {
      await drawer.getByTestId('drill-down-next').click();
      await drawer.getByText('第 2 页').waitFor();
      await expect.poll(() => drill.locator('.ant-table-row').count()).toBe(settlements - 20);
    }
    await view.shot('agency-clearing-detail');
  });

  it('disputes with a reason (desktop), then confirms, and the state changes', async () => {
    const { page } = view;
    const drawer = page.locator('.ant-drawer-section');
    const modal = page.locator('.ant-modal');
    if (!viewport.mobile) {
      await drawer.getByTestId('clearing-dispute').click();
      // The reason is required: the OK button stays disabled until something is written.
      const ok = modal.getByRole('button', { name: '提出争议' });
      expect(await ok.isDisabled()).toBe(true);
      // The modal clears its text when its opening motion ends: write after that.
      await page.waitForTimeout(500);
      await page.getByTestId('prompt-text').fill('第 2 笔退费待核实');
      await ok.click();
      await page.getByText('已提出争议').waitFor();
      await drawer.getByTestId('statement-state').getByText('有争议').waitFor();
      await drawer.getByText(/第 2 笔退费待核实/).waitFor();
    }
    await drawer.getByTestId('clearing-confirm').click();
    await modal.getByRole('button', { name: /确\s?认/ }).click();
    await page.getByText('已确认清算单').waitFor();
    await drawer.getByTestId('statement-state').getByText('已确认').waitFor();
    expect(await drawer.getByTestId('clearing-confirm').count()).toBe(0);
    const stored = must(await getStatement(world.ctx, own()));
    expect(stored.state).toBe('confirmed');
    expect(stored.events.at(-1)).toMatchObject({
      action: 'confirm',
      actor: demoStaffCredentials(viewport.region).username,
    });
    await drawer.locator('.ant-drawer-close').click();
    await page.locator('.ant-table-row', { hasText: '已确认' }).first().waitFor();
    await view.shot('agency-clearing-confirmed');
  });
});
