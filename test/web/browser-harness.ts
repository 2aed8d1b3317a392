/**
 * What every browser test shares: a fresh Vite build of the web app, the real server on a loopback port,
 * Debian's Chromium through playwright-core, one page per viewport that records script errors, and a
 * screenshot that also checks the page fits the screen. There is no silent skip: without Chromium the
 * test fails and says how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { expect } from 'vitest';

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
