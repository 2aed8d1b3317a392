/**
 * Transport, envelope, gateway authentication, maintenance and sign-in (issue 4 §Transport, §Identity;
 * R-S1). Every case runs on SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import {
  csbSignature,
  issueInstitutionCredentials,
  setGatewayAuthMode,
  setMaintenance,
} from '../../src/service/his/gateway.ts';
import { countRows, DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { HisClient, HOSPITAL, injector, OTHER_HOSPITAL, seedReference } from './support.ts';

describe.each(DIALECTS)('national transport on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let his: HisClient;

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedReference(ctx.store.db);
    app = await build(ctx, { logger: false });
    his = new HisClient(injector(app));
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  it('signs in over the single endpoint with a text/plain body (9001)', async () => {
    const res = await his.call('9001', { signIn: { opter_no: '0053', mac: 'm', ip: '1.2.3.4' } });
    expect(res.status).toBe(200);
    expect(res.json.infcode).toBe(0);
    expect(res.json.err_msg).toBeNull();
    const out = res.json.output as { signinoutb: { sign_no: string; sign_time: string } };
    expect(out.signinoutb.sign_no).toMatch(/^[0-9a-f]{30}$/);
    expect(out.signinoutb.sign_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(res.json.inf_refmsgid).toMatch(/^420100\d{24}$/);
    expect(res.json.refmsg_time).toMatch(/^\d{17}$/);
  });

  it('accepts application/json and every alias path; a path infno must match the body', async () => {
    const json = new HisClient(injector(app, 'application/json'));
    for (const path of [
      '/fsi/api/rsfComIfsService/callService/9001',
      '/hsa/hgs/9001',
      '/mbs/fmi/fsi/api/callFsiService/callService',
      '/fsi/api/signInSignOutService/signIn',
    ]) {
      const res = await json.send(
        json.envelope('9001', { signIn: { opter_no: '1', mac: '', ip: '' } }),
        path,
      );
      expect(res.json.infcode, path).toBe(0);
    }
    const wrong = await json.send(json.envelope('9001', { signIn: { opter_no: '1' } }), '/hsa/hgs/1101');
    expect(wrong.json.infcode).toBe(-1);
    expect(wrong.json.err_msg).toMatch(/^\[INFNO_MISMATCH\] .*1101.*9001/);
  });

  it('ignores unknown envelope keys, and answers malformed bodies in the envelope with a coded Chinese message', async () => {
    const ok = await his.send(
      his.envelope('9001', { signIn: { opter_no: '1' } }, { recer_admdvs: 'x', medins_code: 'y' }),
    );
    expect(ok.json.infcode).toBe(0);
    const bad = await injector(app)('{"infno": "9001", ', '/fsi/api/rsfComIfsService/callService');
    expect(bad.status).toBe(200);
    const body = JSON.parse(bad.text);
    expect(body.infcode).toBe(-1);
    expect(body.err_msg).toMatch(/^\[JSON_INVALID\] 请求内容不是合法的 JSON/);
    const noMsgid = await his.send({ ...his.envelope('9001', {}), msgid: '' });
    expect(noMsgid.json.err_msg).toMatch(/^\[FIELD_REQUIRED\] .*msgid/);
    const unknown = await his.call('7777', {});
    expect(unknown.json.err_msg).toMatch(/^\[INFNO_UNSUPPORTED\] 本平台暂不支持交易 7777/);
  });

  it('refuses business calls without a valid sign-in of the same institution', async () => {
    const fresh = new HisClient(injector(app));
    const none = await fresh.call('9002', { signOut: { sign_no: 'nope', opter_no: '1' } });
    expect(none.json.err_msg).toMatch(/^\[SIGN_IN_INVALID\] 签到编号 sign_no “nope”/);
    const signNo = await fresh.signIn();
    const other = new HisClient(injector(app), OTHER_HOSPITAL);
    const stolen = await other.call('9002', { signOut: { sign_no: signNo, opter_no: '1' } });
    expect(stolen.json.err_msg).toMatch(/^\[SIGN_IN_INVALID\]/);
    const out = await fresh.call('9002', { signOut: { sign_no: signNo, opter_no: '1' } });
    expect(out.json.infcode).toBe(0);
    const again = await fresh.call('9002', { signOut: { sign_no: signNo, opter_no: '1' } });
    expect(again.json.err_msg).toMatch(/^\[SIGN_IN_ENDED\]/);
  });

  it('refuses an unknown institution and a treatment region other than its own', async () => {
    const stranger = new HisClient(injector(app), 'H99999999999');
    const res = await stranger.call('9001', { signIn: { opter_no: '1' } });
    expect(res.json.err_msg).toMatch(
      /^\[INSTITUTION_UNKNOWN\] 定点医药机构编号 fixmedins_code “H99999999999”/,
    );
    const elsewhere = new HisClient(injector(app), HOSPITAL, '341700');
    const res2 = await elsewhere.call('9001', { signIn: { opter_no: '1' } });
    expect(res2.json.err_msg).toMatch(/^\[INSTITUTION_REGION_MISMATCH\] 就医地医保区划 mdtrtarea_admvs/);
  });

  it('replays a repeated msgid byte for byte and refuses a reused msgid with different content', async () => {
    const envelope = his.envelope('9001', { signIn: { opter_no: '0053', mac: 'a', ip: 'b' } });
    const first = await his.send(envelope);
    const second = await his.send({ ...envelope, inf_time: '2024-05-06 09:31:00', sign_no: 'other' });
    expect(second.text).toBe(first.text);
    expect(second.headers['idempotency-hit']).toBe('true');
    const changed = await his.send({
      ...envelope,
      input: { signIn: { opter_no: '9999', mac: 'a', ip: 'b' } },
    });
    expect(changed.json.err_msg).toMatch(/^\[IDEMPOTENCY_KEY_REUSED\] 报文ID msgid/);
    const count = await countRows(ctx.store.db, 'sign_ins');
    const again = await his.send({ ...envelope, input: { signIn: { opter_no: '9999', mac: 'a', ip: 'b' } } });
    expect(again.json.err_msg).toMatch(/^\[IDEMPOTENCY_KEY_REUSED\]/);
    expect(await countRows(ctx.store.db, 'sign_ins')).toBe(count);
  });

  it('answers every call with the maintenance message and end time while maintenance is on (R-S1)', async () => {
    await setMaintenance(ctx, { until: '2024-05-07 06:00', message: '系统升级' });
    try {
      const res = await his.call('9001', { signIn: { opter_no: '1' } });
      expect(res.json.infcode).toBe(-1);
      expect(res.json.err_msg).toMatch(
        /^\[MAINTENANCE\] 医保平台正在维护：系统升级。预计 2024-05-07 06:00 恢复/,
      );
    } finally {
      await setMaintenance(ctx, null);
    }
    const back = await his.call('9001', { signIn: { opter_no: '1' } });
    expect(back.json.infcode).toBe(0);
  });

  it('checks CSB HMAC-SHA1 gateway headers against issued credentials of the same institution', async () => {
    const issued = await issueInstitutionCredentials(ctx, HOSPITAL);
    if (!issued.ok) throw new Error(issued.error.message);
    const other = await issueInstitutionCredentials(ctx, OTHER_HOSPITAL);
    if (!other.ok) throw new Error(other.error.message);
    await setGatewayAuthMode(ctx, 'csb');
    try {
      const body = JSON.stringify(his.envelope('9001', { signIn: { opter_no: '1' } }));
      const post = (headers: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: '/fsi/api/rsfComIfsService/callService',
          payload: body,
          headers: { 'content-type': 'text/plain', ...headers },
        });
      const missing = await post({});
      expect(missing.statusCode).toBe(401);
      expect(missing.json().err_msg).toMatch(/^\[GATEWAY_HEADERS_MISSING\] 缺少服务网关的请求头/);
      const signed = (
        cred: { accessKey: string; secretKey: string },
        timestamp = String(ctx.now().getTime()),
      ) => {
        const h = { accessKey: cred.accessKey, apiName: '9001', timestamp, version: '1.0.0' };
        return {
          _api_access_key: h.accessKey,
          _api_name: h.apiName,
          _api_timestamp: h.timestamp,
          _api_version: h.version,
          _api_signature: csbSignature(cred.secretKey, h),
        };
      };
      const good = await post(signed(issued.value));
      expect(good.statusCode).toBe(200);
      expect(good.json().infcode).toBe(0);
      const forged = await post({ ...signed(issued.value), _api_signature: 'AAAA' });
      expect(forged.json().err_msg).toMatch(/^\[GATEWAY_SIGNATURE_MISMATCH\]/);
      const stale = await post(signed(issued.value, String(ctx.now().getTime() - 31 * 60 * 1000)));
      expect(stale.json().err_msg).toMatch(/^\[GATEWAY_TIMESTAMP_EXPIRED\]/);
      const foreign = await post(signed(other.value));
      expect(foreign.json().err_msg).toMatch(/^\[GATEWAY_INSTITUTION_MISMATCH\]/);
    } finally {
      await setGatewayAuthMode(ctx, 'none');
    }
  });
});
