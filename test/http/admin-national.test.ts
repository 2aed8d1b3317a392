import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { verifyAuditChain } from '../../src/service/audit.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const ADMIN = 'admin-national-token';
const auth = { authorization: `Bearer ${ADMIN}` };

describe.each(DIALECTS)('national gateway administration on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    app = await build(ctx, { logger: false, adminToken: ADMIN });
    await ctx.store.db
      .insertInto('regions')
      .values({ code: '341700', name: '池州市', province_code: '340000', province_name: '安徽省' })
      .execute();
    await ctx.store.db
      .insertInto('institutions')
      .values({
        code: 'H34170000001',
        name: '池州市人民医院',
        region_code: '341700',
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      })
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('issues credentials once, audited without the secret', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/institutions/H34170000001/credentials',
      headers: auth,
    });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(issued).toMatchObject({ institutionCode: 'H34170000001' });
    expect(issued.secretKey.length).toBeGreaterThan(16);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credentials.issue')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(issued.secretKey);
    expect((await verifyAuditChain(ctx.store.db)).firstBreak).toBeNull();
  });

  it('refuses credentials for an unknown institution with a coded Chinese error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/institutions/H99999999999/credentials',
      headers: auth,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'INSTITUTION_UNKNOWN' });
  });

  it('puts every national call into maintenance with the expected end time, then back', async () => {
    const on = await app.inject({
      method: 'PUT',
      url: '/api/admin/maintenance',
      headers: auth,
      payload: { on: true, until: '2026-12-01 06:00', message: '系统升级' },
    });
    expect(on.statusCode).toBe(200);
    const envelope = {
      infno: '9001',
      msgid: 'H3417000000120261124080000001',
      mdtrtarea_admvs: '341700',
      insuplc_admdvs: '341700',
      recer_sys_code: 'YBXT',
      infver: 'V1.0',
      opter_type: '1',
      opter: '001',
      opter_name: '收费员',
      inf_time: '2026-11-24 08:00:00',
      fixmedins_code: 'H34170000001',
      fixmedins_name: '池州市人民医院',
      sign_no: '',
      input: { signIn: { opter_no: '001', mac: '00-00-00-00-00-00', ip: '127.0.0.1' } },
    };
    const during = await app.inject({
      method: 'POST',
      url: '/fsi/api/rsfComIfsService/callService',
      payload: envelope,
    });
    expect(during.json()).toMatchObject({ infcode: -1 });
    expect(during.json().err_msg).toMatch(/MAINTENANCE.*2026-12-01 06:00/);

    const missingUntil = await app.inject({
      method: 'PUT',
      url: '/api/admin/maintenance',
      headers: auth,
      payload: { on: true },
    });
    expect(missingUntil.statusCode).toBe(400);

    await app.inject({ method: 'PUT', url: '/api/admin/maintenance', headers: auth, payload: { on: false } });
    // Settings are cached for up to a second per store; the setter clears the cache at once.
    const after = await app.inject({
      method: 'POST',
      url: '/fsi/api/rsfComIfsService/callService',
      payload: { ...envelope, msgid: 'H3417000000120261124080000002' },
    });
    expect(after.json()).toMatchObject({ infcode: 0 });
  });
});
