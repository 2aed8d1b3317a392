/**
 * Revoking an institution's gateway key over the admin API, on both dialects: admin token required, an
 * unknown key is a coded Chinese 404, the revocation is audited (once), the key's institution web sessions
 * end, CSB-signed national calls with it are refused, and the institution's other key keeps working.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { verifyAuditChain } from '../../src/service/audit.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { csbSignature, setGatewayAuthMode } from '../../src/service/his/gateway.ts';
import { HisClient, HOSPITAL, injector, seedReference } from '../national/support.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const ADMIN = 'admin-revoke-token';
const auth = { authorization: `Bearer ${ADMIN}` };

interface KeyPair {
  accessKey: string;
  secretKey: string;
}

describe.each(DIALECTS)('revoking institution credentials over the admin API on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let his: HisClient;
  let revoked: KeyPair;
  let kept: KeyPair;
  let cookie = '';

  async function issue(): Promise<KeyPair> {
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/institutions/${HOSPITAL}/credentials`,
      headers: auth,
    });
    expect(res.statusCode).toBe(201);
    const { accessKey, secretKey } = res.json() as KeyPair;
    return { accessKey, secretKey };
  }

  const revoke = (accessKey: string, headers: Record<string, string> = auth) =>
    app.inject({
      method: 'POST',
      url: `/api/admin/credentials/${encodeURIComponent(accessKey)}/revoke`,
      headers,
    });

  /** A 9001 sign-in signed with the key pair under CSB gateway authentication. */
  async function signedSignIn(pair: KeyPair) {
    const h = {
      accessKey: pair.accessKey,
      apiName: '9001',
      timestamp: String(ctx.now().getTime()),
      version: '1.0.0',
    };
    const res = await app.inject({
      method: 'POST',
      url: '/fsi/api/rsfComIfsService/callService',
      payload: JSON.stringify(his.envelope('9001', { signIn: { opter_no: '1', mac: '', ip: '' } })),
      headers: {
        'content-type': 'text/plain',
        _api_access_key: h.accessKey,
        _api_name: h.apiName,
        _api_timestamp: h.timestamp,
        _api_version: h.version,
        _api_signature: csbSignature(pair.secretKey, h),
      },
    });
    return res.json() as { infcode: number; err_msg: string | null };
  }

  const me = (c: string) => app.inject({ method: 'GET', url: '/api/institution/me', headers: { cookie: c } });
  const login = (pair: KeyPair) =>
    app.inject({ method: 'POST', url: '/api/institution/login', payload: pair });

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedReference(ctx.store.db);
    app = await build(ctx, { logger: false, adminToken: ADMIN });
    his = new HisClient(injector(app));
    revoked = await issue();
    kept = await issue();
    const res = await login(revoked);
    expect(res.statusCode).toBe(200);
    cookie = String(res.headers['set-cookie'] ?? '').split(';')[0]!;
    expect((await me(cookie)).statusCode).toBe(200);
    await setGatewayAuthMode(ctx, 'csb');
    expect((await signedSignIn(revoked)).infcode).toBe(0);
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  it('needs the admin token', async () => {
    const res = await revoke(revoked.accessKey, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'ADMIN_AUTH_REQUIRED' });
  });

  it('answers an unknown key with a coded Chinese 404 naming the key', async () => {
    const res = await revoke('aknosuchkey');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CREDENTIAL_UNKNOWN', field: 'accessKey' });
    expect(res.json().message).toContain('接入凭证 “aknosuchkey” 不存在');
  });

  it('revokes once, audited: sessions end, login and signed national calls are refused', async () => {
    const res = await revoke(revoked.accessKey);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accessKey: revoked.accessKey, revoked: true });
    expect(res.json().message).toContain('已停用');

    const live = await me(cookie);
    expect(live.statusCode).toBe(401);
    expect(live.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
    expect((await login(revoked)).json()).toMatchObject({ code: 'INSTITUTION_LOGIN_INVALID' });
    const signed = await signedSignIn(revoked);
    expect(signed.infcode).toBe(-1);
    expect(signed.err_msg).toMatch(/^\[GATEWAY_UNKNOWN_KEY\]/);

    // The institution's other key is untouched.
    expect((await signedSignIn(kept)).infcode).toBe(0);
    expect((await login(kept)).statusCode).toBe(200);

    const again = await revoke(revoked.accessKey);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ revoked: false });
    expect(again.json().message).toContain('此前已停用');

    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credentials.revoke')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin', role: 'admin', subject: HOSPITAL });
    expect(audit[0]!.request_id).toBeTruthy();
    expect(JSON.parse(audit[0]!.detail)).toEqual({ accessKey: revoked.accessKey });
    expect((await verifyAuditChain(ctx.store.db)).firstBreak).toBeNull();
  });
});
