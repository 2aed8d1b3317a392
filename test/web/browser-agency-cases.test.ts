/**
 * The agency's case pages in real headless Chromium against the real server: a staff member of each
 * region approves a pending chronic application (门慢特), accepts and then approves a manual claim whose
 * amount is the server's preview (手工报销), and confirms a transfer out (关系转移). The cases are seeded
 * through the workflow services, one set per region; each page is photographed at 1366×768 and 390×844.
 */
import { describe, expect, it } from 'vitest';
import { fen, formatYuan, quantity } from '../../src/core/money/index.ts';
import { applyForChronic, seedChronicCatalogIfEmpty } from '../../src/service/chronic/index.ts';
import { type AppContext, openAppContext } from '../../src/service/context.ts';
import { claimDetail, seedMaterialListsIfEmpty, submitClaim } from '../../src/service/reimbursement/index.ts';
import { applyTransfer } from '../../src/service/transfer/index.ts';
import { uploadUnsettledFees } from '../../src/service/unsettled-upload/index.ts';
import { must } from '../support/results.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { logInStaffAt, openViewportPage, setUpBrowserWorld } from './browser-harness.ts';
import { chinaTimeDaysAgo, OTHER_PERSON, PERSON, seedWebFixture } from './fixture.ts';

const PDF = Buffer.from('%PDF-1.4 演示材料').toString('base64');

interface Seeded {
  applicationId: string;
  claimId: string;
  transferId: string;
}

// Each region's staff handle the cases of a person insured there, treated in the other province.
const VIEWPORTS = [
  {
    name: '1366x768',
    width: 1366,
    height: 768,
    mobile: false,
    person: PERSON,
    region: '341700',
    hospital: 'H42010000001',
    transferTo: '340100',
  },
  {
    name: '390x844',
    width: 390,
    height: 844,
    mobile: true,
    person: OTHER_PERSON,
    region: '420100',
    hospital: 'H34170000001',
    transferTo: '341700',
  },
] as const;

const seeded = new Map<string, Seeded>();

async function seedCases(ctx: AppContext, v: (typeof VIEWPORTS)[number]): Promise<Seeded> {
  const psnNo = v.person.psnNo;
  const application = must(
    await applyForChronic(
      ctx,
      {
        psnNo,
        diseaseCode: 'M03100',
        channel: 'online',
        materials: [{ fileName: '诊断证明.pdf', mimeType: 'application/pdf', contentBase64: PDF }],
      },
      { id: psnNo, role: 'person', regionCode: v.region },
    ),
  );
  const line = (lineNo: string, itemCode: string, priceFen: number, qty: number) => ({
    lineNo,
    itemCode,
    unitPriceFen: fen(priceFen),
    quantity: quantity(qty * 10_000),
    amountFen: fen(priceFen * qty),
    feeTime: chinaTimeDaysAgo(ctx, 4),
  });
  const upload = must(
    await uploadUnsettledFees(ctx, v.hospital, {
      psnNo,
      hospitalVisitNo: `ZY-${psnNo}`,
      kind: 'inpatient',
      medType: '21',
      beginTime: chinaTimeDaysAgo(ctx, 5),
      endTime: chinaTimeDaysAgo(ctx, 3),
      diagnoses: [{ code: 'I21.9', name: '急性心肌梗死' }],
      lines: [line('1', 'XA01', 20_000, 10), line('2', 'XB02', 5_880, 5), line('3', 'SC04', 35_000, 1)],
    }),
  );
  const person = { role: 'person', psnNo } as const;
  const claim = must(
    await submitClaim(ctx, person, {
      uploadId: upload.uploadId,
      materials: ['IDENTITY', 'RECEIPT', 'BANK_ACCOUNT', 'DISCHARGE_SUMMARY'].map((itemCode) => ({
        itemCode,
        fileName: `${itemCode}.pdf`,
        mimeType: 'application/pdf',
        contentBase64: PDF,
      })),
    }),
  );
  const transfer = must(await applyTransfer(ctx, person, { toRegionCode: v.transferTo }));
  return {
    applicationId: application.applicationId,
    claimId: claim.claimId,
    transferId: transfer.transferId,
  };
}

const world = setUpBrowserWorld({
  open: async () => {
    const ctx = await openAppContext({ sqliteFile: tempSqliteFile() });
    await seedWebFixture(ctx);
    await seedChronicCatalogIfEmpty(ctx.store);
    await seedMaterialListsIfEmpty(ctx);
    for (const v of VIEWPORTS) seeded.set(v.name, await seedCases(ctx, v));
    return ctx;
  },
});

describe.each(VIEWPORTS)('agency case pages at $name', (viewport) => {
  const view = openViewportPage(world, viewport);
  const cases = () => seeded.get(viewport.name)!;

  it('logs staff in and links the queue’s claim to the claims page', async () => {
    const { page } = view;
    await logInStaffAt(view, '/agency/queue', viewport.region);
    const row = page.locator('.ant-table-row', { hasText: '手工报销' }).first();
    await row.getByText('办理').click();
    await page.waitForURL(/\/agency\/claims$/);
    await page.getByRole('heading', { name: '手工报销' }).waitFor();
  });

  it('approves the pending chronic application (门慢特)', async () => {
    const { page } = view;
    const { applicationId } = cases();
    await view.go('/agency/chronic');
    const row = page.locator('.ant-table-row', { hasText: applicationId });
    await row.getByText(/青光眼/).waitFor();
    await view.shot('agency-chronic');
    await page.getByTestId(`chronic-approve-${applicationId}`).click();
    await page.getByText(`已通过门慢特申请 ${applicationId}`).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('已通过', { exact: true }).first().click();
    await page.locator('.ant-table-row', { hasText: applicationId }).getByText('已通过').waitFor();
    await page.getByRole('tab', { name: '免申即享名单' }).click();
    await page.getByRole('button', { name: '执行 T-1 筛查' }).waitFor();
  });

  it('accepts, then approves the claim at the previewed amount (手工报销)', async () => {
    const { page } = view;
    const { claimId } = cases();
    await view.go('/agency/claims');
    const row = page.locator('.ant-table-row', { hasText: claimId });
    await row.getByText('材料齐全').waitFor();
    await row.getByText(/剩 \d+ 个工作日/).waitFor();
    await page.getByTestId(`accept-${claimId}`).click();
    await page.getByText(`已受理：${claimId}`).waitFor();
    await page.getByTestId(`approve-${claimId}`).click();
    const preview = page.getByTestId('preview-fund');
    await preview.waitFor();
    const previewText = (await preview.textContent())!.trim(); // e.g. "1234.56 元"
    expect(previewText).toMatch(/^\d+\.\d{2} 元$/);
    await page.locator('.ant-modal').getByRole('button', { name: '按试算结果核准' }).click();
    await page.getByText(`已核准：${claimId}`).waitFor();
    await page.getByTestId(`approved-${claimId}`).getByText(`核准 ${previewText}`).waitFor();
    await row.getByText('已核准待支付').waitFor();
    // The stored decision is the same amount the page previewed.
    const detail = must(
      await claimDetail(world.ctx, { role: 'staff', username: 't', regionCode: viewport.region }, claimId),
    );
    expect(`${formatYuan(fen(detail.approvedFen ?? -1))} 元`).toBe(previewText);
    await view.shot('agency-claims');
  });

  it('confirms the transfer out (关系转移)', async () => {
    const { page } = view;
    const { transferId } = cases();
    await view.go('/agency/transfers');
    const button = page.getByTestId(`transfer-decide-${transferId}`);
    await button.waitFor();
    await page.locator('.ant-table-row', { hasText: '转出确认' }).first().waitFor();
    await view.shot('agency-transfers');
    await button.click();
    await page.locator('.ant-modal').getByRole('button', { name: '确认转出' }).click();
    await page.getByText(/^已确认转出：/).waitFor();
    await button.waitFor({ state: 'detached' });
  });
});
