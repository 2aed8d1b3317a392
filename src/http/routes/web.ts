/**
 * The web app, served by the same server: hashed build assets under /assets/ (cached for a year, immutable:
 * the shell and every lazily loaded page-group chunk), and index.html for `/` and every client-side page
 * path (SPA fallback), so a bookmarked or reloaded page works. index.html is revalidated on every load
 * (`no-cache`), so a new release's chunk names are seen at once. API paths keep their JSON 404s: only the
 * app's own page prefixes fall back to index.html.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** dist/web/ of this checkout, where `vite build` writes the app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** Page paths handled by the app's router (src/web/routes.ts). */
export const PAGE_PATHS = [
  '/',
  '/portal',
  '/portal/*',
  '/me',
  '/me/*',
  '/agency',
  '/agency/*',
  '/institution',
  '/institution/*',
] as const;

export interface WebRouteOptions {
  readonly webRoot?: string;
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>医保服务平台</title>
<body style="font-family:sans-serif;padding:2rem"><h1>网页尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>（或 <code>npm ci</code>，会自动构建）后重启服务。接口仍可使用，见 <a href="/docs">/docs</a>。</p></body></html>`;

export async function registerWebRoutes(app: FastifyInstance, options: WebRouteOptions = {}): Promise<void> {
  const root = options.webRoot ?? DEFAULT_WEB_ROOT;
  const built = existsSync(join(root, 'index.html'));
  if (built && existsSync(join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      // File names carry a content hash, so they never change under the same URL.
      immutable: true,
      maxAge: '365d',
    });
  }
  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    // sendFile is decorated by @fastify/static; index.html is read from the web root, not assets/.
    // cacheControl: false keeps the no-cache above instead of the assets' year-long immutable header.
    return reply.sendFile('index.html', root, { cacheControl: false });
  };
  for (const path of PAGE_PATHS) app.get(path, { schema: { hide: true } }, page);
  if (built && existsSync(join(root, 'favicon.svg'))) {
    // Not content-hashed, so cached for a day rather than the assets' year.
    app.get('/favicon.svg', { schema: { hide: true } }, (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=86400')
        .sendFile('favicon.svg', root, { cacheControl: false }),
    );
  }
}
