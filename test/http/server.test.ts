import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

describe.each(DIALECTS)('HTTP server basics on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    app = await build(ctx, { logger: false, bodyLimitBytes: 1024 });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('answers /health with the store it runs on', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', store: dialect });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    expect(Object.keys(doc.json().paths)).toContain('/health');
  });

  it('answers an unknown route with a coded Chinese error and a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-42' });
    expect(res.json().message).toMatch(/不存在/);
    expect(res.headers['x-request-id']).toBe('req-42');
  });
});
