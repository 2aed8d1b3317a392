/**
 * 定点医药机构视图 in real headless Chromium against the real server: a hospital whose day was driven
 * through the national interface logs in with its gateway key pair, sees its totals per insurance type and
 * clearing category, uploads its detail list (CSV, national field names) with one altered amount and sees
 * exactly that difference, then sees the refused transaction highlighted on 上传状态. Photographed at
 * 1366×768 and 390×844 into test-output/screenshots/ (institution-reconciliation, institution-uploads).
 */
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { issueInstitutionCredentials } from '../../src/service/his/gateway.ts';
import { feeLine, ITEMS, type Out, registration, settleData, visitUpload } from '../national/flows.ts';
import {
  FIXED_NOW,
  HisClient,
  HOSPITAL,
  injector,
  OTHER_HOSPITAL,
  PERSONS,
  seedPolicies,
  seedReference,
} from '../national/support.ts';
import { tempSqliteFile } from '../support/stores.ts';
import { openViewportPage, setUpBrowserWorld } from './browser-harness.ts';

const VIEWPORTS = [
  { name: '1366x768', width: 1366, height: 768, mobile: false },
  { name: '390x844', width: 390, height: 844, mobile: true },
] as const;

type Person = (typeof PERSONS)[keyof typeof PERSONS];

let keys = { accessKey: '', secretKey: '' };
const listed: {
  setlId: string;
  visitId: string;
  psnNo: string;
  medfee: string;
  fund: string;
  acct: string;
}[] = [];
let failedMsgid = '';

async function ok(his: HisClient, infno: string, input: unknown, p: Person) {
  const res = await his.call(infno, input, { insuplc_admdvs: p.region });
  if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
  return res.json.output as Out;
}

/** Registers, uploads two fee lines (19.04 yuan) and settles an outpatient visit (unless settle=false). */
async function outpatient(his: HisClient, p: Person, ipt: string, settle = true) {
  const visitId = (await ok(his, '2201', registration(p, '310', ipt), p)).data.mdtrt_id as string;
  await ok(his, '2203', visitUpload(p, visitId, '11'), p);
  await ok(
    his,
    '2204',
    {
      feedetail: [
        feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: 4.52, cnt: 2 }),
        feeLine(p, visitId, { sn: '2', code: ITEMS.classB, pric: 10, cnt: 1 }),
      ],
    },
    p,
  );
  if (!settle) return visitId;
  const info = (await ok(his, '2207', settleData(p, visitId, '310', '11', 19.04), p)).setlinfo as Out;
  if (his.institutionCode === HOSPITAL) {
    listed.push({
      setlId: String(info.setl_id),
      visitId,
      psnNo: p.psnNo,
      medfee: String(info.medfee_sumamt),
      fund: String(info.fund_pay_sumamt),
      acct: String(info.acct_pay),
    });
  }
  return visitId;
}

const world = setUpBrowserWorld<HisContext>({
  open: async () => {
    const ctx = { ...(await openAppContext({ sqliteFile: tempSqliteFile() })), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    return ctx;
  },
  // The hospitals' day goes through the national interface of the built server, before it listens.
  withServer: async (ctx, app) => {
    const hisA = new HisClient(injector(app), HOSPITAL);
    const hisB = new HisClient(injector(app), OTHER_HOSPITAL);
    await hisA.signIn();
    await hisB.signIn();
    await outpatient(hisA, PERSONS.local, 'A-1');
    await outpatient(hisA, PERSONS.inProvince, 'A-2');
    const open = await outpatient(hisA, PERSONS.local, 'A-3', false);
    const refused = await hisA.call('2207', settleData(PERSONS.local, open, '310', '11', 1), {
      insuplc_admdvs: PERSONS.local.region,
    });
    failedMsgid = String(refused.envelope.msgid);
    await outpatient(hisB, PERSONS.local, 'B-1');
    const issued = await issueInstitutionCredentials(ctx, HOSPITAL);
    if (!issued.ok) throw new Error(issued.error.message);
    keys = { accessKey: issued.value.accessKey, secretKey: issued.value.secretKey };
  },
});

describe.each(VIEWPORTS)('institution view at $name', (viewport) => {
  const view = openViewportPage(world, viewport);

  it('logs the institution in and shows its totals per insurance type and clearing category', async () => {
    const { page } = view;
    await view.go('/institution/reconciliation');
    await page.waitForURL(/\/institution\/login/);
    await page.locator('#accessKey').fill(keys.accessKey);
    await page.locator('#secretKey').fill(`${keys.secretKey}-wrong`);
    await page.getByTestId('institution-login').click();
    await page.getByText(/访问密钥或密钥不正确/).waitFor();
    await page.locator('#secretKey').fill(keys.secretKey);
    await page.getByTestId('institution-login').click();
    await page.waitForURL(/\/institution\/reconciliation$/);
    await page.getByTestId('institution-banner').getByText('武汉市第一测试医院（H42010000001）').waitFor();
    const totals = page.getByTestId('totals-table');
    await totals.getByText('普通门诊（11）').waitFor();
    await totals.getByText('省内异地就医（9909）').waitFor();
    expect(await page.getByTestId('total-count').textContent()).toBe('2');
    // The range defaults to this month up to the server's today (China time), not the browser's clock.
    expect(await page.locator('#begin-date').inputValue()).toBe('2026-05-01');
    expect(await page.locator('#end-date').inputValue()).toBe('2026-05-06');
    const medicalFen = listed.reduce((s, l) => s + Math.round(Number(l.medfee) * 100), 0);
    expect(await page.getByTestId('total-medical').textContent()).toBe(
      `${Math.trunc(medicalFen / 100)}.${String(medicalFen % 100).padStart(2, '0')}`,
    );
    await page.getByTestId('settlement-days').getByText('2026-05-06').waitFor();
  });

  it('checks the figures the institution types for one category: 平 per figure, then 不平 on the altered one', async () => {
    const { page } = view;
    const own = listed[0]!;
    const check = page.getByTestId('totals-check');
    await check.getByTestId('check-pair').click();
    await page.locator('.ant-select-item-option', { hasText: '普通门诊（11）' }).click();
    const type = async (medfee: string) => {
      await page.locator('#check-medicalTotalFen').fill(medfee);
      await page.locator('#check-fundPayFen').fill(String(own.fund));
      await page.locator('#check-accountPayFen').fill(String(own.acct));
      await page.locator('#check-settlementCount').fill('1');
      await check.getByTestId('check-totals').click();
    };
    await type('1.2.3');
    await check.getByText(/医疗费总额须为金额（元），最多两位小数/).waitFor();
    await type(String(own.medfee));
    await check.getByTestId('check-balanced').waitFor();
    expect(await check.getByTestId('check-table').getByText('不平').count()).toBe(0);
    expect(await check.getByTestId('check-table').getByText('平', { exact: true }).count()).toBe(4);
    await type('99.99');
    await check.getByTestId('check-unbalanced').waitFor();
    const rows = check.getByTestId('check-table').locator('.ant-table-row');
    const medical = rows.filter({ hasText: '医疗费总额' });
    await medical.getByText('不平').waitFor();
    await medical.getByText('99.99').waitFor();
    await medical.getByText(Number(own.medfee).toFixed(2)).waitFor();
    expect(await check.getByTestId('check-table').getByText('不平').count()).toBe(1);
  });

  it('uploads a detail list with one altered amount and shows exactly that difference', async () => {
    const { page } = view;
    const header = 'setl_id,mdtrt_id,psn_no,medfee_sumamt,fund_pay_sumamt,acct_pay,refd_setl_flag';
    const rows = listed.map((l, i) =>
      [l.setlId, l.visitId, l.psnNo, i === 0 ? '99.99' : l.medfee, l.fund, l.acct, '0'].join(','),
    );
    await page.locator('#detail-file').setInputFiles({
      name: 'settlements.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n'), 'utf8'),
    });
    await page
      .getByTestId('details-unbalanced')
      .getByText(/差异 1 笔/)
      .waitFor();
    const table = page.getByTestId('differences-table');
    const diffRows = table.locator('.ant-table-row');
    expect(await diffRows.count()).toBe(1);
    await diffRows.first().getByText(listed[0]!.setlId).waitFor();
    await diffRows.first().getByText('金额或信息不一致').waitFor();
    await diffRows
      .first()
      .getByText(`医疗费总额：99.99 元 / ${Number(listed[0]!.medfee).toFixed(2)} 元`)
      .waitFor();
    await view.shot('institution-reconciliation');
  });

  it('shows the refused transaction highlighted on 上传状态, with the open visit', async () => {
    const { page } = view;
    await view.go('/institution/uploads');
    const failed = page.getByTestId('transactions-table').locator('.ant-table-row', { hasText: failedMsgid });
    await failed.getByText('失败').waitFor();
    await failed.getByText(/MEDFEE_TOTAL_MISMATCH/).waitFor();
    expect(
      await failed.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(el).backgroundColor,
      ),
    ).toBe('rgb(255, 241, 240)');
    await page.getByTestId('open-visits-table').getByText('19.04').waitFor();
    await view.shot('institution-uploads');
  });
});
