/**
 * What every browser test shares: a fresh Vite build of the web app, the real server on a loopback port,
 * Debian's Chromium through playwright-core, one page per viewport that records script errors, a
 * screenshot that also checks the page fits the screen, and the staff and person login steps. There is
 * no silent skip: without Chromium the test fails and says how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext } from '../../src/service/context.ts';
import { demoStaffCredentials } from '../../src/service/staff-login.ts';
import { latestSmsCode } from './fixture.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'test-output/screenshots');

export interface Viewport {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly mobile: boolean;
}

/** Builds the app from the current sources into a private directory: never a stale or shared dist/web. */
export async function buildWebApp(): Promise<string> {
  const webRoot = mkdtempSync(join(tmpdir(), 'yibao-web-'));
  await viteBuild({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true },
  });
  return webRoot;
}

/** Listens on a free loopback port and answers the base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium with scripts/ensure-chromium.sh (npm test runs it), or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  // The flags keep headless Chromium off this machine's closed network (see the env notes).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page at the viewport's size that pushes every script error into `pageErrors`. */
export async function openPage(
  browser: Browser,
  viewport: Viewport,
  pageErrors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.mobile,
    hasTouch: viewport.mobile,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page };
}

/**
 * Photographs the page into test-output/screenshots/ and checks it works on this screen: nothing wider
 * than the screen forces sideways scrolling, and no script error happened so far.
 */
export async function checkedScreenshot(
  page: Page,
  viewport: Viewport,
  name: string,
  pageErrors: readonly string[],
): Promise<void> {
  await page.waitForTimeout(300); // let Ant Design's fade-in motions finish before the picture
  await page.screenshot({ path: join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width, `${name} is wider than the screen`).toBeLessThanOrEqual(viewport.width + 1);
  expect(pageErrors).toEqual([]);
}

/** Picks an option of an antd Select by typing into its search box. */
export async function chooseOption(
  page: Page,
  selector: string,
  text: string,
  option: string,
): Promise<void> {
  await page.locator(selector).click();
  await page.locator(selector).fill(text);
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** The server and browser one test file drives; read only inside hooks and tests (set up in beforeAll). */
export interface BrowserWorld<C extends AppContext> {
  readonly ctx: C;
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly browser: Browser;
}

export interface WorldSetup<C extends AppContext> {
  /** Opens the store and seeds what the pages will show, before the server is built. */
  readonly open: () => Promise<C>;
  /** Steps that need the built server before it listens (e.g. a HIS driving the national interface). */
  readonly withServer?: (ctx: C, app: FastifyInstance) => Promise<void>;
}

/**
 * Registers the file's beforeAll/afterAll: builds the web app, opens and seeds the store, builds the
 * server, listens on loopback and launches Chromium; afterwards closes them in reverse. The answer's
 * properties are getters, so tests read the world that beforeAll made.
 */
export function setUpBrowserWorld<C extends AppContext>(setup: WorldSetup<C>): BrowserWorld<C> {
  let ctx: C | undefined;
  let app: FastifyInstance | undefined;
  let baseUrl: string | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const webRoot = await buildWebApp();
    ctx = await setup.open();
    app = await build(ctx, { logger: false, webRoot });
    await setup.withServer?.(ctx, app);
    baseUrl = await listenOnLoopback(app);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  return {
    get ctx() {
      return setUp(ctx, 'ctx');
    },
    get app() {
      return setUp(app, 'app');
    },
    get baseUrl() {
      return setUp(baseUrl, 'baseUrl');
    },
    get browser() {
      return setUp(browser, 'browser');
    },
  };
}

function setUp<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`the browser world's ${name} is read before beforeAll set it up`);
  return value;
}

/** One viewport's page in a describe block: opened in its beforeAll, its context closed in its afterAll. */
export interface ViewportPage {
  readonly page: Page;
  readonly viewport: Viewport;
  /** Every script error of the page so far. */
  readonly pageErrors: string[];
  /** Goes to a path of the server. */
  go(path: string): Promise<void>;
  /** checkedScreenshot at this viewport. */
  shot(name: string): Promise<void>;
}

/** Registers the enclosing describe's beforeAll/afterAll that open and close a page at `viewport`. */
export function openViewportPage(world: BrowserWorld<AppContext>, viewport: Viewport): ViewportPage {
  let opened: { context: BrowserContext; page: Page } | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openPage(world.browser, viewport, pageErrors);
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  const view: ViewportPage = {
    get page() {
      return setUp(opened, 'page').page;
    },
    viewport,
    pageErrors,
    async go(path) {
      await view.page.goto(`${world.baseUrl}${path}`);
    },
    async shot(name) {
      await checkedScreenshot(view.page, viewport, name, pageErrors);
    },
  };
  return view;
}

/** Something to do on a filled login form before it is submitted, such as photographing it. */
type BeforeSubmit = () => Promise<void>;

/**
 * Goes to `path`, is sent to the staff login, logs in as the demo staff of `regionCode` and waits until
 * it is back on `path`.
 */
export async function logInStaffAt(
  view: ViewportPage,
  path: string,
  regionCode: string,
  beforeSubmit?: BeforeSubmit,
): Promise<void> {
  const { page } = view;
  await view.go(path);
  await page.waitForURL(/\/agency\/login/);
  const creds = demoStaffCredentials(regionCode);
  await page.locator('#username').fill(creds.username);
  await page.locator('#password').fill(creds.password);
  await beforeSubmit?.();
  await page.getByTestId('staff-login').click();
  await page.waitForURL((url) => url.href.endsWith(path));
}

/**
 * Goes to `path`, is sent to the person login, asks for an SMS code, types the one the server sent and
 * waits until it is back on `path`.
 */
export async function logInPersonAt(
  view: ViewportPage,
  ctx: AppContext,
  path: string,
  person: { readonly certificateNo: string; readonly psnNo: string },
  beforeSubmit?: BeforeSubmit,
): Promise<void> {
  const { page } = view;
  await view.go(path);
  await page.waitForURL(/\/me\/login/);
  await page.locator('#certificateNo').fill(person.certificateNo);
  await page.getByTestId('send-code').click();
  await page.getByText(/秒后重发/).waitFor();
  await page.locator('#code').fill(await latestSmsCode(ctx, person.psnNo));
  await beforeSubmit?.();
  await page.getByTestId('login').click();
  await page.waitForURL((url) => url.href.endsWith(path));
}
