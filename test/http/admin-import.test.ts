import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const ADMIN = 'test-admin-token';

describe.each(DIALECTS)('admin import over HTTP on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    app = await build(ctx, { logger: false, adminToken: ADMIN });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  const regions = (rows: unknown[]) => ({ kind: 'regions', rows });
  const good = { code: '341700', name: '池州市', provinceCode: '340000', provinceName: '安徽省' };

  it('refuses a caller without the admin token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/import', payload: regions([good]) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'ADMIN_AUTH_REQUIRED' });
  });

  it('writes nothing from a file with one bad row and names the row and field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/import',
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: regions([good, { ...good, code: '34170X', name: '坏行' }]),
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.issues).toEqual([expect.objectContaining({ row: 2, field: 'code' })]);
    const count = await ctx.store.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('imports a valid CSV posted as text/csv', async () => {
    const csv =
      'code,name,provinceCode,provinceName\n341700,池州市,340000,安徽省\n340100,合肥市,340000,安徽省\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/import?kind=regions',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'regions', rows: 2 });
  });
});
