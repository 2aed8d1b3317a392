/**
 * 9101 文件上传, 3202 对明细账 (via files) and 9102 文件下载 over the real HTTP transport, on both
 * dialects: the three upload variants (multipart `file` / `in`, JSON Base64), a detail file with one
 * settlement missing and one altered → a result file with exactly those two differences, replays,
 * institution scoping, a corrupt ZIP and the size limit.
 */
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import type { HisContext } from '../../src/service/his/context.ts';
import { FILE_MAX_BYTES } from '../../src/service/his/exchange-files.ts';
import { countRows, DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { feeLine, ITEMS, type Out, registration, settleData, visitUpload } from './flows.ts';
import {
  FIXED_NOW,
  HisClient,
  injector,
  OTHER_HOSPITAL,
  PERSONS,
  seedPolicies,
  seedReference,
} from './support.ts';

const ENDPOINT = '/fsi/api/rsfComIfsService/callService';

interface Settled {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  msgid: string;
}

async function zipOf(name: string, text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(name, text);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

async function linesOf(zipBytes: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(zipBytes);
  const files = Object.values(zip.files).filter((f) => !f.dir);
  expect(files).toHaveLength(1);
  const text = await files[0]!.async('string');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

const row = (s: Settled, medfee = s.medfee_sumamt) =>
  [
    s.setl_id,
    s.mdtrt_id,
    s.psn_no,
    medfee.toFixed(2),
    s.fund_pay_sumamt.toFixed(2),
    s.acct_pay.toFixed(2),
    '0',
  ].join('\t');

describe.each(DIALECTS)('national file reconciliation (9101, 3202, 9102) on %s', (dialect) => {
  let ctx: HisContext;
  let app: FastifyInstance;
  let his: HisClient;
  let other: HisClient;
  const settled: Settled[] = [];

  beforeAll(async () => {
    ctx = { ...(await openAppContext(await freshStoreLocation(dialect))), now: () => FIXED_NOW };
    await seedReference(ctx.store.db);
    await seedPolicies(ctx.store.db);
    app = await build(ctx, { logger: process.env.DEBUG_LOG ? { level: 'error' } : false });
    his = new HisClient(injector(app));
    await his.signIn();
    other = new HisClient(injector(app), OTHER_HOSPITAL);
    await other.signIn();
    const p = PERSONS.local;
    for (const [i, pric] of [12, 30, 45].entries()) {
      const visitId = (await ok('2201', registration(p, '310', `OP-F${i}`))).data.mdtrt_id as string;
      await ok('2203', visitUpload(p, visitId, '11'));
      await ok('2204', {
        feedetail: [feeLine(p, visitId, { sn: `F${i}`, code: ITEMS.classB, pric, cnt: 1 })],
      });
      const res = await his.call('2207', settleData(p, visitId, '310', '11', pric));
      expect(res.json.err_msg).toBeNull();
      const info = (res.json.output as Out).setlinfo;
      settled.push({ ...info, msgid: res.envelope.msgid as string });
    }
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  async function ok(infno: string, input: unknown) {
    const res = await his.call(infno, input);
    if (res.json.infcode !== 0) throw new Error(`${infno}: ${res.json.err_msg}`);
    return res.json.output as Out;
  }

  async function postMultipart(
    envelope: Record<string, unknown>,
    field: string,
    content: Buffer,
    name: string,
  ) {
    const boundary = `----yibao${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="jsonStr"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${JSON.stringify(envelope)}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: ENDPOINT,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    return {
      status: res.statusCode,
      json: JSON.parse(res.body) as { infcode: number; err_msg: string | null; output: Out },
    };
  }

  async function download(client: HisClient, fileId: string, envelope?: Record<string, unknown>) {
    const env =
      envelope ?? client.envelope('9102', { fsDownloadIn: { file_qury_no: fileId, fixmedins_code: 'plc' } });
    const res = await app.inject({
      method: 'POST',
      url: ENDPOINT,
      payload: JSON.stringify(env),
      headers: { 'content-type': 'application/json' },
    });
    return { env, res };
  }

  const fileRows = () => countRows(ctx.store.db, 'national_files');

  const detailInput = (fileId: string, rows: Settled[], medfeeDelta = 0) => ({
    data: {
      setl_optins: '420100',
      file_qury_no: fileId,
      stmt_begndate: '2026-05-01',
      stmt_enddate: '2026-05-31',
      medfee_sumamt: Math.round((rows.reduce((s, r) => s + r.medfee_sumamt, 0) + medfeeDelta) * 100) / 100,
      fund_pay_sumamt: Math.round(rows.reduce((s, r) => s + r.fund_pay_sumamt, 0) * 100) / 100,
      cash_payamt: 0,
      fixmedins_setl_cnt: rows.length,
      clr_type: '11',
      refd_setl_flag: '0',
      fixmedins_refd_setl_flag: '0',
    },
  });

  it('uploads a detail file, reconciles it and downloads exactly the two differences; replays send the same bytes', async () => {
    const [kept, altered, missing] = settled as [Settled, Settled, Settled];
    const detail = await zipOf(
      'detail.txt',
      `${row(kept)}\r\n${row(altered, altered.medfee_sumamt + 1)}\r\n`,
    );
    const upload = await postMultipart(
      his.envelope('9101', { fsUploadIn: { filename: 'detail.zip', fixmedins_code: his.institutionCode } }),
      'file',
      detail,
      'detail.zip',
    );
    expect(upload.json.err_msg).toBeNull();
    expect(upload.json.output).toMatchObject({
      filename: 'detail.zip',
      fixmedins_code: his.institutionCode,
      dld_endtime: '2026-06-05 09:40:00',
    });
    const uploadId = upload.json.output.file_qury_no as string;
    expect(uploadId.length).toBeLessThanOrEqual(30);

    const reconciled = await his.call('3202', detailInput(uploadId, [kept, altered], 1));
    expect(reconciled.json.err_msg).toBeNull();
    const fileinfo = (reconciled.json.output as Out).fileinfo;
    expect(fileinfo).toMatchObject({ stmt_rslt: '1', dld_endtime: '2026-06-05 09:40:00' });
    expect(fileinfo.filename).toMatch(/\.zip$/);

    const first = await download(his, fileinfo.file_qury_no);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.headers['content-type']).toBe('application/octet-stream');
    expect(String(first.res.headers['content-disposition'])).toContain(fileinfo.filename);
    const lines = await linesOf(first.res.rawPayload);
    expect(lines.map((l) => l[2]).sort()).toEqual([altered.setl_id, missing.setl_id].sort());
    const byId = new Map(lines.map((l) => [l[2], l]));
    // psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo, medfee_sumamt, fund_pay_sumamt, acct_pay
    const alteredLine = byId.get(altered.setl_id)!;
    expect(alteredLine).toHaveLength(10);
    expect(alteredLine.slice(0, 6)).toEqual([
      altered.psn_no,
      altered.mdtrt_id,
      altered.setl_id,
      altered.msgid,
      '1',
      '0',
    ]);
    expect(alteredLine[6]).toMatch(/医疗费总额/);
    expect(alteredLine[7]).toBe(altered.medfee_sumamt.toFixed(2));
    const missingLine = byId.get(missing.setl_id)!;
    expect(missingLine.slice(0, 5)).toEqual([
      missing.psn_no,
      missing.mdtrt_id,
      missing.setl_id,
      missing.msgid,
      '1',
    ]);
    expect(missingLine[6]).toContain('2601');

    // The same 9102 message again: the same bytes, marked as a replay.
    const again = await download(his, fileinfo.file_qury_no, first.env);
    expect(again.res.headers['idempotency-hit']).toBe('true');
    expect(Buffer.compare(again.res.rawPayload, first.res.rawPayload)).toBe(0);
    // The same 3202 message again: the same result file, nothing new written.
    const before = await fileRows();
    const replayed = await his.send(reconciled.envelope);
    expect(replayed.headers['idempotency-hit']).toBe('true');
    expect((replayed.json.output as Out).fileinfo.file_qury_no).toBe(fileinfo.file_qury_no);
    expect(await fileRows()).toBe(before);

    // The uploaded file itself comes back byte for byte.
    const uploaded = await download(his, uploadId);
    expect(Buffer.compare(uploaded.res.rawPayload, detail)).toBe(0);
  });

  it('accepts the multipart part `in` and the JSON Base64 variant; a balanced file gives an empty result', async () => {
    const text = `${settled.map((s) => row(s)).join('\n')}\n`;
    const viaIn = await postMultipart(
      his.envelope('9101', { fsUploadIn: {} }),
      'in',
      await zipOf('a.txt', text),
      '明细.zip',
    );
    expect(viaIn.json.err_msg).toBeNull();
    expect(viaIn.json.output.filename).toBe('明细.zip');
    const viaJson = await his.call('9101', {
      fsUploadIn: {
        in: (await zipOf('b.txt', text)).toString('base64'),
        filename: 'b.zip',
        fixmedins_code: his.institutionCode,
      },
    });
    expect(viaJson.json.err_msg).toBeNull();
    const fileId = (viaJson.json.output as Out).file_qury_no as string;
    const balanced = await ok('3202', detailInput(fileId, settled));
    expect(balanced.fileinfo.stmt_rslt).toBe('0');
    const res = await download(his, balanced.fileinfo.file_qury_no);
    expect(await linesOf(res.res.rawPayload)).toEqual([]);
    // Declared totals that are not the file's are refused, naming the national field.
    const off = await his.call('3202', detailInput(fileId, settled, 0.01));
    expect(off.json.err_msg).toMatch(/^\[RECONCILIATION_FILE_TOTALS_MISMATCH\].*medfee_sumamt/);
  });

  it("another institution's file is answered like a missing one (9102 and 3202)", async () => {
    const upload = await his.call('9101', {
      fsUploadIn: { in: (await zipOf('c.txt', row(settled[0]!))).toString('base64'), filename: 'c.zip' },
    });
    const fileId = (upload.json.output as Out).file_qury_no as string;
    const foreign = await download(other, fileId);
    const missing = await download(other, '420100202605060940000000000');
    expect(foreign.res.headers['content-type']).toMatch(/^application\/json/);
    const foreignMsg = (JSON.parse(foreign.res.body) as { err_msg: string }).err_msg;
    const missingMsg = (JSON.parse(missing.res.body) as { err_msg: string }).err_msg;
    expect(foreignMsg).toMatch(/^\[FILE_NOT_FOUND\] .*file_qury_no/);
    expect(foreignMsg.replace(fileId, '#')).toBe(missingMsg.replace('420100202605060940000000000', '#'));
    const reconcile = await other.call('3202', detailInput(fileId, [settled[0]!]));
    expect(reconcile.json.err_msg).toMatch(/^\[FILE_NOT_FOUND\]/);
  });

  it('refuses a corrupt ZIP and an oversized file clearly, writing nothing', async () => {
    const before = await fileRows();
    const corrupt = (await zipOf('d.txt', row(settled[0]!))).subarray(0, 40);
    const res = await his.call('9101', { fsUploadIn: { in: corrupt.toString('base64'), filename: 'd.zip' } });
    expect(res.json.err_msg).toMatch(/^\[FILE_ZIP_INVALID\] .*ZIP/);
    const multipart = await postMultipart(
      his.envelope('9101', { fsUploadIn: {} }),
      'file',
      Buffer.from('not a zip'),
      'e.zip',
    );
    expect(multipart.json.err_msg).toMatch(/^\[FILE_ZIP_INVALID\]/);
    const big = Buffer.alloc(FILE_MAX_BYTES + 1, 7);
    const tooBig = await his.call('9101', { fsUploadIn: { in: big.toString('base64'), filename: 'f.zip' } });
    expect(tooBig.json.err_msg).toMatch(/^\[FILE_TOO_LARGE\] .*in/);
    const tooBigPart = await postMultipart(his.envelope('9101', { fsUploadIn: {} }), 'file', big, 'g.zip');
    expect(tooBigPart.json.err_msg).toMatch(/^\[FILE_TOO_LARGE\]/);
    expect(await fileRows()).toBe(before);
    const logged = await ctx.store.db
      .selectFrom('message_log')
      .select('msgid')
      .where('msgid', '=', res.envelope.msgid as string)
      .execute();
    expect(logged).toEqual([]);
  });

  it('keeps the ordinary body limit for every transaction but 9101', async () => {
    // A padded 5203 over the server's ordinary 2 MB limit: unknown envelope keys are ignored, so only
    // the size check stands between it and processing — the 9101 allowance must not apply to it.
    const base = his.envelope('5203', { data: { psn_no: 'x' } });
    const envelope = { ...base, pad: 'x'.repeat(2 * 1024 * 1024) };
    const res = await his.send(envelope);
    expect(res.status).toBe(413);
    expect(res.json.infcode).toBe(-1);
    expect(res.json.err_msg).toMatch(/^\[BODY_TOO_LARGE\] .*9101/);
    const logged = await ctx.store.db
      .selectFrom('message_log')
      .select('msgid')
      .where('msgid', '=', base.msgid as string)
      .execute();
    expect(logged).toEqual([]);
  });
});
