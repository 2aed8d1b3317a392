/**
 * The insured person's case pages in real headless Chromium against the real server: apply for a
 * chronic-disease qualification with diagnosis material (即申即享), file a manual reimbursement claim for a
 * bill the hospital uploaded and upload one material, apply for a relation transfer and see its first
 * progress step; revoke an approved filing with a reason, see a refused change's Chinese message, and
 * change a filing (变更). Photographed at 1366×768 and 390×844 into test-output/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { fen, quantity } from '../../src/core/money/index.ts';
import { seedChronicCatalogIfEmpty } from '../../src/service/chronic/index.ts';
import { type AppContext, openAppContext } from '../../src/service/context.ts';
import { seedMaterialListsIfEmpty } from '../../src/service/reimbursement/index.ts';
import { uploadUnsettledFees } from '../../src/service/unsettled-upload/index.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { chooseOption, logInPersonAt, openViewportPage, setUpBrowserWorld } from './browser-harness.ts';
import { OTHER_PERSON, PERSON, seedWebFixture } from './fixture.ts';

// A 1×1 PNG: the diagnosis material and the receipt the person uploads.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const VIEWPORTS = [
  // Each person was treated in the other's city without direct settlement, and moves there.
  {
    name: '1366x768',
    width: 1366,
    height: 768,
    person: PERSON,
    mobile: false,
    hospital: 'H42010000001',
    moveTo: '武汉市',
    fileTo: '武汉市',
  },
  {
    name: '390x844',
    width: 390,
    height: 844,
    person: OTHER_PERSON,
    mobile: true,
    hospital: 'H34170000001',
    moveTo: '池州市',
    fileTo: '池州市',
  },
] as const;

/** 'YYYY-MM-DDTHH:mm:ss+08:00', `daysAgo` days before now. */
function chinaTimeAgo(now: Date, daysAgo: number): string {
  const local = new Date(now.getTime() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** The hospital uploads the self-paid bill of a visit that was not settled directly (R-R3). */
async function seedUnsettledBill(ctx: AppContext, psnNo: string, institutionCode: string) {
  const now = ctx.now();
  const at = chinaTimeAgo(now, 2);
  const result = await uploadUnsettledFees(ctx, institutionCode, {
    psnNo,
    hospitalVisitNo: `MZ-${psnNo}`,
    kind: 'outpatient',
    medType: '11',
    beginTime: chinaTimeAgo(now, 2),
    endTime: at,
    diagnoses: [{ code: 'J06.9', name: '急性上呼吸道感染' }],
    lines: [
      {
        lineNo: '1',
        itemCode: 'SA05',
        unitPriceFen: fen(2_500),
        quantity: quantity(10_000),
        amountFen: fen(2_500),
        feeTime: at,
      },
      {
        lineNo: '2',
        itemCode: 'XA01',
        unitPriceFen: fen(2_000),
        quantity: quantity(30_000),
        amountFen: fen(6_000),
        feeTime: at,
      },
    ],
  });
  if (!result.ok) throw new Error(`seed upload failed: ${result.error.message}`);
}

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile() });
    await seedWebFixture(ctx);
    await seedChronicCatalogIfEmpty(ctx.store, undefined, ctx.now);
    await seedMaterialListsIfEmpty(ctx);
    for (const v of VIEWPORTS) await seedUnsettledBill(ctx, v.person.psnNo, v.hospital);
    return ctx;
  },
});

describe.each(VIEWPORTS)('the person’s case pages at $name', (viewport) => {
  const view = openViewportPage(world, viewport);

  async function shot(name: string) {
    await view.shot(name);
    // No request of the page was refused: every error the page shows is the server's.
    expect(await view.page.locator('.ant-alert-error').allInnerTexts()).toEqual([]);
  }

  const choose = (selector: string, text: string, option: string) =>
    chooseOption(view.page, selector, text, option);

  const png = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });

  it('logs the person in with the SMS code', async () => {
    const { page } = view;
    await logInPersonAt(view, world.ctx, '/me/chronic', viewport.person);
    await page.getByTestId('person-banner').filter({ hasText: viewport.person.name }).waitFor();
  });

  it('applies for a chronic qualification with diagnosis material (即申即享, R-C6)', async () => {
    const { page } = view;
    await choose('#chronic-disease', '青光', '青光眼');
    await page.locator('input[type=file]').setInputFiles(png('诊断证明.png'));
    await page.getByText('诊断证明.png').waitFor();
    await page.getByTestId('submit-chronic').click();
    await page
      .getByTestId('chronic-outcome')
      .getByText(/审核通过后自申报之日 \d{4}-\d{2}-\d{2} 起享受/)
      .waitFor();
    await page.locator('.ant-table-row', { hasText: '审核中' }).waitFor();
    await shot('person-chronic');
  });

  it('files a manual claim for the uploaded bill and uploads a material (R-R1…R-R3)', async () => {
    const { page } = view;
    await view.go('/me/claims');
    await page.getByText('85.00').first().waitFor(); // 25.00 + 60.00 yuan, formatted from fen
    await page.getByText(/手工报销.*材料清单/).waitFor();
    await page.getByTestId('file-claim').click();
    await page
      .getByTestId('claim-notice')
      .getByText(/报销申请已提交/)
      .waitFor();
    const detail = page.getByTestId('claim-detail');
    await detail.getByText('已提交待受理').waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      detail.getByTestId('upload-RECEIPT').click(),
    ]);
    await chooser.setFiles(png('发票.png'));
    await page.getByTestId('claim-notice').getByText('已上传“发票.png”。').waitFor();
    await detail.locator('.ant-list-item', { hasText: '医疗费用票据' }).getByText('已提供').waitFor();
    await page
      .locator('.ant-table-row', { hasText: '已提交待受理' })
      .getByText(/剩 \d+ 个工作日/)
      .waitFor();
    await shot('person-claims');
  });

  it('applies for a transfer and sees the first progress step (R-T1)', async () => {
    const { page } = view;
    await view.go('/me/transfers');
    await page.getByText('暂无转移申请').waitFor();
    await choose('#transfer-region', viewport.moveTo.slice(0, 2), viewport.moveTo);
    await page.getByTestId('submit-transfer').click();
    await page
      .getByTestId('transfer-notice')
      .getByText(/最迟 \d{4}-\d{2}-\d{2} 前办结/)
      .waitFor();
    const card = page.getByTestId('transfer-card');
    await card.getByText('已申请，待转出地确认').waitFor();
    await card.getByText('提交申请（无需参保凭证和联系函）').waitFor();
    await card.getByText(/剩 \d+ 个工作日/).waitFor();
    expect(await card.locator('.ant-steps-item-finish').count()).toBe(1);
    await shot('person-transfers');
  });

  /** The person's filings as the server keeps them, newest first. */
  async function storedFilings() {
    return world.ctx.store.db
      .selectFrom('filings')
      .select(['id', 'status', 'supersedes'])
      .where('psn_no', '=', viewport.person.psnNo)
      .orderBy('submitted_at', 'desc')
      .execute();
  }

  async function fileLongTerm() {
    const { page } = view;
    await choose('#filing-region', viewport.fileTo.slice(0, 2), viewport.fileTo);
    await page.getByTestId('submit-filing').click(); // the commitment is ticked: approved at once
    await page
      .getByTestId('filing-outcome')
      .getByText(/备案已通过/)
      .waitFor();
  }

  it('revokes an approved filing from the page, with a reason (R-F1)', async () => {
    const { page } = view;
    await view.go('/me/filings');
    await fileLongTerm();
    const [filed] = await storedFilings();
    expect(filed?.status).toBe('approved');
    const row = page.locator(`.ant-table-row[data-row-key="${filed!.id}"]`);
    await row.getByText('已通过').waitFor();
    await row.getByTestId(`change-${filed!.id}`).waitFor();
    await row.getByTestId(`revoke-${filed!.id}`).click();
    const modal = page.locator('.ant-modal', { hasText: `撤销备案（编号 ${filed!.id}）` });
    await modal.getByText(/自今天起不再有效/).waitFor();
    await modal.getByLabel('撤销原因').fill('已回参保地居住');
    await shot('person-filings-revoke');
    await page.locator('#confirm-revoke').click();
    await page.getByTestId('filing-moved').getByText(`已撤销备案 ${filed!.id}`).waitFor();
    await row.getByText('已撤销').waitFor();
    // A revoked filing is final: no more moves are offered.
    await row.getByTestId(`revoke-${filed!.id}`).waitFor({ state: 'detached' });
    expect(await row.getByTestId(`change-${filed!.id}`).count()).toBe(0);
    const [after] = await storedFilings();
    expect(after).toMatchObject({ id: filed!.id, status: 'revoked' });
    await shot('person-filings-revoked');
  });

  it('shows the server’s refusal of a change, then changes the filing (变更备案, R-F1)', async () => {
    const { page } = view;
    await fileLongTerm();
    const [filed] = await storedFilings();
    const row = page.locator(`.ant-table-row[data-row-key="${filed!.id}"]`);
    await row.getByTestId(`change-${filed!.id}`).click();
    const modal = page.locator('.ant-modal', { hasText: `变更备案（编号 ${filed!.id}）` });
    await modal.locator('#change-valid-from').fill('2020-01-01');
    await page.locator('#confirm-change').click();
    await modal
      .getByTestId('change-error')
      .getByText(/变更备案不能追溯生效/)
      .waitFor();
    await view.shot('person-filings-change-refused');
    await modal.locator('#change-valid-from').fill('');
    await modal.locator('#change-type').click();
    await page.locator('.ant-select-item-option', { hasText: '常驻异地工作' }).click();
    await page.locator('#confirm-change').click();
    await page
      .getByTestId('filing-outcome')
      .getByText(/备案已通过：常驻异地工作/)
      .waitFor();
    await row.getByText('已变更').waitFor();
    const [changed, old] = await storedFilings();
    expect(changed).toMatchObject({ status: 'approved', supersedes: filed!.id });
    expect(old).toMatchObject({ id: filed!.id, status: 'superseded' });
    await shot('person-filings-changed');
  });
});
