/**
 * 投诉与好差评 (R-P4) in real headless Chromium against the real server: a person files a complaint and
 * rates their finished settlement, the staff of their insured region see the complaint and the rating
 * in the ledger and reply, and the person reads the reply. Photographed at 1366×768 and 390×844 into
 * test-output/screenshots/ (person-feedback, agency-complaints).
 */
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../src/service/context.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { logInPersonAt, logInStaffAt, openViewportPage, setUpBrowserWorld } from './browser-harness.ts';
import { OTHER_PERSON, PERSON, seedWebFixture } from './fixture.ts';

const VIEWPORTS = [
  { name: '1366x768', width: 1366, height: 768, person: PERSON, mobile: false, region: '341700', stars: 4 },
  {
    name: '390x844',
    width: 390,
    height: 844,
    person: OTHER_PERSON,
    mobile: true,
    region: '420100',
    stars: 2,
  },
] as const;

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile() });
    await seedWebFixture(ctx);
    return ctx;
  },
});

describe.each(VIEWPORTS)('complaints and ratings at $name', (viewport) => {
  const view = openViewportPage(world, viewport);
  const topic = `结算疑问-${viewport.name}`;

  it('logs the person in and files a complaint', async () => {
    const { page } = view;
    await logInPersonAt(view, world.ctx, '/me/feedback', viewport.person);
    await page.locator('#complaint-topic').fill(topic);
    await page.locator('#complaint-text').fill('住院结算后自付金额比预想的多，请解释原因。');
    await page.getByTestId('submit-complaint').click();
    await page.getByTestId('my-complaint').filter({ hasText: topic }).getByText('待答复').waitFor();
  });

  it('rates the finished settlement once', async () => {
    const { page } = view;
    const card = page.locator('[data-testid^="ratable-"]').first();
    await card
      .locator('.ant-rate-star')
      .nth(viewport.stars - 1)
      .click();
    await card.getByPlaceholder('说说您的感受（可不填）').fill('窗口服务耐心');
    await card.getByRole('button', { name: /提交评价/ }).click();
    const mine = page.getByTestId('my-rating').first();
    await mine.getByText(viewport.stars >= 4 ? '好评' : '差评').waitFor();
    expect(await page.locator('[data-testid^="ratable-"]').count()).toBe(0);
  });

  it('lets the staff of the insured region reply in the ledger, next to the rating summary', async () => {
    const { page } = view;
    await logInStaffAt(view, '/agency/complaints', viewport.region);
    const summary = page.getByTestId('rating-summary');
    await summary
      .getByText(viewport.stars >= 4 ? '0.00%' : '100.00%')
      .first()
      .waitFor();
    const row = page.locator('.ant-table-row', { hasText: topic });
    await row.getByText(viewport.person.name).waitFor();
    await view.shot('agency-complaints');
    await row.getByRole('button', { name: /答\s*复/ }).click();
    await page.getByTestId('action-text').fill('您本次住院自付包含起付线和乙类先行自付部分，详见结算明细。');
    await page.getByTestId('confirm-action').click();
    await page.getByText(`已答复：${topic}`).waitFor();
    await row.getByText('已答复').waitFor();
  });

  it('shows the person the reply', async () => {
    const { page } = view;
    await view.go('/me/feedback');
    const mine = page.getByTestId('my-complaint').filter({ hasText: topic });
    await mine.getByText('已答复').waitFor();
    await mine
      .getByTestId('complaint-reply')
      .getByText(/起付线和乙类先行自付/)
      .waitFor();
    await view.shot('person-feedback');
  });

  it('lets the staff close the complaint (办结)', async () => {
    const { page } = view;
    await view.go('/agency/complaints');
    const row = page.locator('.ant-table-row', { hasText: topic });
    await row.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByTestId('action-text').fill('已电话回访。');
    await page.getByTestId('confirm-action').click();
    await page.getByText(`已办结：${topic}`).waitFor();
    await row.getByText('已办结').waitFor();
    expect(await row.getByRole('button', { name: /答\s*复/ }).count()).toBe(0);
    expect(view.pageErrors).toEqual([]);
  });
});
