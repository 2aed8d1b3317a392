/**
 * The web in real headless Chromium (Debian's package, driven by playwright-core) against the real
 * server on a real port: public institution search, a person logging in with an SMS code and reading a
 * settlement's explanation and an estimate, the e-credential, staff login and the dashboard's charts.
 * Every page is photographed at 1366×768 and at a 390×844 phone size into test-output/screenshots/.
 * There is no silent skip: without Chromium the suite fails and says how to install it.
 */
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../src/service/context.ts';
import { verifyECredentialToken } from '../../src/service/e-credential.ts';
import { tempSqliteFile } from '../support/stores.ts';
import {
  chooseOption,
  logInPersonAt,
  logInStaffAt,
  openViewportPage,
  setUpBrowserWorld,
} from './browser-harness.ts';
import { OTHER_PERSON, PERSON, seedWebFixture } from './fixture.ts';

const VIEWPORTS = [
  // Each person files for the other's city and is approved by the staff of their own insured region.
  {
    name: '1366x768',
    width: 1366,
    height: 768,
    person: PERSON,
    mobile: false,
    region: '341700',
    fileTo: '武汉市',
    rate: '50.00%',
  },
  {
    name: '390x844',
    width: 390,
    height: 844,
    person: OTHER_PERSON,
    mobile: true,
    region: '420100',
    fileTo: '池州市',
    rate: '100.00%',
  },
] as const;

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile() });
    await seedWebFixture(ctx);
    return ctx;
  },
});

describe.each(VIEWPORTS)('the web at $name', (viewport) => {
  const view = openViewportPage(world, viewport);
  const { go, shot } = view;

  const choose = (selector: string, text: string, option: string) =>
    chooseOption(view.page, selector, text, option);

  it('shows the home page in Chinese', async () => {
    const { page } = view;
    await go('/');
    await expect(page.getByRole('heading', { name: '医保服务平台' })).toBeDefined();
    await page.getByText('定点机构查询 ›').waitFor();
    expect(await page.title()).toBe('医保服务平台');
    await shot('home');
  });

  it('finds networked institutions (R-P1)', async () => {
    const { page } = view;
    await go('/portal/institutions');
    await page.getByText('池州市人民医院').waitFor();
    await page.getByPlaceholder('如：人民医院').fill('协和');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('武汉协和医院').waitFor();
    expect(await page.getByText('池州市人民医院').count()).toBe(0);
    await page.getByText('透析').first().waitFor();
    await shot('portal-institutions');
  });

  it('searches the catalog of a treatment region', async () => {
    const { page } = view;
    await go('/portal/catalog');
    await choose('#regionCode', '武汉', '武汉市');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('冠脉支架').waitFor();
    await page.getByText('先由个人自付 20%').first().waitFor();
    await shot('portal-catalog');
  });

  it('explains the filing rules', async () => {
    const { page } = view;
    await go('/portal/rules');
    await page.getByText('哪些情况需要备案').waitFor();
    await shot('portal-rules');
  });

  it('logs a person in with the SMS code', async () => {
    const { page } = view;
    await logInPersonAt(view, world.ctx, '/me/settlements', viewport.person, () => shot('person-login'));
    await page.getByTestId('person-banner').filter({ hasText: viewport.person.name }).waitFor();
  });

  it('lists the settlements and explains why the person paid what they paid', async () => {
    const { page } = view;
    await page.getByText('为什么付这么多').first().waitFor();
    await shot('person-settlements');
    await page.getByText('为什么付这么多').first().click();
    const why = page.getByTestId('why');
    await why.getByText(/本次医疗费共 3344\.00 元/).waitFor();
    await why.getByText(/起付线/).waitFor();
    expect(await page.getByTestId('trace').locator('li').count()).toBeGreaterThan(3);
    await shot('person-settlement-detail');
  });

  it('files online for cross-region treatment and sees the decision and its deadline (R-F2)', async () => {
    const { page } = view;
    await go('/me/filings');
    await choose('#filing-region', viewport.fileTo.slice(0, 2), viewport.fileTo);
    await page.getByText('本人承诺所填信息真实').click(); // without the commitment the agency reviews it
    await page.getByTestId('submit-filing').click();
    await page
      .getByTestId('filing-outcome')
      .getByText(/等待经办机构审核，最迟 \d{4}-\d{2}-\d{2} 前办结/)
      .waitFor();
    await page.locator('.ant-table-row', { hasText: '待审核' }).waitFor();
    await shot('person-filings');
  });

  it('estimates a cost before treatment with the settlement core', async () => {
    const { page } = view;
    await go('/me/estimate');
    await choose('#estimate-region', '池州', '池州市');
    await choose('#estimate-institution', '人民医院', '池州市人民医院');
    await choose('#estimate-item', '诊查', '普通门诊诊查费');
    await page.getByLabel('单价').fill('500.00');
    await page.getByTestId('run-estimate').click();
    const result = page.getByTestId('estimate-result');
    await result.getByText('为什么我付这么多？').waitFor();
    await result.getByText(/本次医疗费共 500\.00 元/).waitFor();
    await shot('person-estimate');
  });

  it('shows the e-credential QR code, whose token the counter can verify', async () => {
    const { page } = view;
    await go('/me/credential');
    const qr = page.getByTestId('qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.getByText(/秒后失效/).waitFor();
    // Fetched inside the page, with its HttpOnly session cookie (the test itself never sees the cookie).
    const token = (await page.evaluate(
      "fetch('/api/person/e-credential').then((r) => r.json()).then((b) => b.token)",
    )) as string;
    const verified = await verifyECredentialToken(world.ctx, token, new Date());
    expect(verified.ok && verified.value.personNo).toBe(viewport.person.psnNo);
    await shot('person-credential');
  });

  it('shows the personal account', async () => {
    const { page } = view;
    await go('/me/account');
    await page.getByText('个人账户余额').waitFor();
    await page.getByText('参保信息').waitFor();
    await shot('person-account');
  });

  it('logs staff in and shows the queue', async () => {
    const { page } = view;
    await logInStaffAt(view, '/agency/queue', viewport.region, () => shot('agency-login'));
    await page.getByRole('heading', { name: '综合待办' }).waitFor();
    await page.locator('.ant-table-row', { hasText: viewport.person.name }).waitFor();
    await shot('agency-queue');
  });

  it('approves the person’s filing from the queue', async () => {
    const { page } = view;
    const row = page.locator('.ant-table-row', { hasText: viewport.person.name });
    await row.getByText('异地就医备案').waitFor();
    await row.getByText(/剩 \d+ 个工作日/).waitFor();
    await row.getByRole('button', { name: /通\s*过/ }).click();
    await page.getByText(`已通过：${viewport.person.name} 的异地就医备案`).waitFor();
    await row.waitFor({ state: 'detached' });
  });

  it('renders the dashboard charts (R-S4)', async () => {
    const { page } = view;
    await go('/agency/dashboard');
    await page.getByTestId('chart-rate').locator('canvas').waitFor();
    await page.getByTestId('chart-volume').locator('canvas').waitFor();
    await page.getByTestId('chart-overdue').locator('canvas').waitFor();
    await page.getByTestId('ratings-summary').getByText('差评占比').waitFor();
    await page.getByText(viewport.rate).first().waitFor();
    await page.waitForTimeout(600); // let the charts' entry animation finish before the picture
    await shot('agency-dashboard');
  });
});
