/**
 * T16 — hostile input at the national interface (app.inject on SQLite): ≥ 5,000 generated bad messages
 * built by mutating valid envelopes of a dozen transactions (wrong types, missing and unknown fields,
 * negative / over-precise / huge amounts, bad region codes and dates), plus raw non-JSON and oversized
 * bodies. Passes when no answer is 5xx, every answer is the national envelope with infcode -1 and
 * err_msg `[CODE] 中文…` (or, for a body over the size limit, the coded REST error), and the database is
 * unchanged (a digest of every table but message_log) and message_log gained only business rejections,
 * which the idempotency log stores by design (T9) — not one hostile message is accepted.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { admission, feeLine, ipLine, registration, settleData, visitUpload } from '../national/flows.ts';
import { ITEMS, PERSONS } from '../national/support.ts';
import { freshStoreLocation } from '../support/stores.ts';
import { Gen, hasChinese, hostileBody, mutate } from './fuzz-gen.ts';
import {
  databaseDigest,
  prepareVisit,
  ReliableHis,
  runSeed,
  seedWorld,
  settleOutpatient,
} from './support.ts';

const REQUESTS = 5_000;
const BODY_ROUTED = '/fsi/api/rsfComIfsService/callService';
const OTHER_PATHS = [
  '/fsi/api/rsfComIfsService/callService/2207',
  '/hsa/hgs/2201',
  '/mbs/fmi/fsi/api/callFsiService/callService',
  '/fsi/api/signInSignOutService/signIn',
];

type Kind = 'text' | 'money' | 'date' | 'code' | 'node';
/** Required fields per transaction: a hostile value here must be refused. */
const REQUIRED: Record<string, [string[], Kind][]> = {
  '9001': [
    [['signIn'], 'node'],
    [['signIn', 'opter_no'], 'text'],
  ],
  '1101': [
    [['data'], 'node'],
    [['data', 'mdtrt_cert_type'], 'code'],
    [['data', 'mdtrt_cert_no'], 'text'],
  ],
  '2201': [
    [['data'], 'node'],
    [['data', 'psn_no'], 'text'],
    [['data', 'insutype'], 'code'],
    [['data', 'begntime'], 'date'],
    [['data', 'mdtrt_cert_type'], 'code'],
  ],
  '2203': [
    [['mdtrtinfo'], 'node'],
    [['mdtrtinfo', 'mdtrt_id'], 'text'],
    [['mdtrtinfo', 'med_type'], 'code'],
    [['mdtrtinfo', 'psn_no'], 'text'],
  ],
  '2204': [
    [['feedetail'], 'node'],
    [['feedetail', '0', 'det_item_fee_sumamt'], 'money'],
    [['feedetail', '0', 'pric'], 'money'],
    [['feedetail', '0', 'mdtrt_id'], 'text'],
    [['feedetail', '0', 'fee_ocur_time'], 'date'],
    [['feedetail', '0', 'med_list_codg'], 'text'],
  ],
  '2206': [
    [['data'], 'node'],
    [['data', 'medfee_sumamt'], 'money'],
    [['data', 'mdtrt_id'], 'text'],
    [['data', 'psn_no'], 'text'],
  ],
  '2207': [
    [['data'], 'node'],
    [['data', 'medfee_sumamt'], 'money'],
    [['data', 'mdtrt_id'], 'text'],
    [['data', 'psn_no'], 'text'],
    [['data', 'mdtrt_cert_type'], 'code'],
  ],
  '2208': [
    [['data'], 'node'],
    [['data', 'setl_id'], 'text'],
    [['data', 'mdtrt_id'], 'text'],
    [['data', 'psn_no'], 'text'],
  ],
  '5203': [
    [['data'], 'node'],
    [['data', 'setl_id'], 'text'],
    [['data', 'psn_no'], 'text'],
  ],
  '2601': [
    [['data'], 'node'],
    [['data', 'omsgid'], 'text'],
    [['data', 'oinfno'], 'text'],
    [['data', 'psn_no'], 'text'],
  ],
  '2401': [
    [['mdtrtinfo'], 'node'],
    [['mdtrtinfo', 'psn_no'], 'text'],
    [['mdtrtinfo', 'begntime'], 'date'],
    [['mdtrtinfo', 'med_type'], 'code'],
  ],
  '2301': [
    [['feedetail'], 'node'],
    [['feedetail', '0', 'det_item_fee_sumamt'], 'money'],
    [['feedetail', '0', 'cnt'], 'money'],
    [['feedetail', '0', 'mdtrt_id'], 'text'],
  ],
};
const ENVELOPE_HARD: [string, unknown[]][] = [
  ['infno', ['9999', 'abc', {}, [], undefined]],
  ['msgid', [undefined, 'x'.repeat(65), {}, [], '']],
  ['fixmedins_code', [undefined, 'H00000000000', {}, '']],
  ['mdtrtarea_admvs', [undefined, '999999', '12345', 'ABCDEF', {}]],
  ['input', [undefined, [], 'input', 42]],
];
const SIGNED: unknown[] = ['bogus-sign-no', {}, [], undefined];

function hostileFor(g: Gen, kind: Kind): unknown {
  const sets: Record<Kind, unknown[]> = {
    text: [undefined, {}, [], true, 'x'.repeat(5_000), '', 'null'],
    money: [
      undefined,
      -1,
      1.005,
      '12.345',
      1e21,
      '1e3',
      '１００',
      'NaN',
      true,
      {},
      // biome-ignore lint/correctness/noPrecisionLoss: the hostile value IS 2^53 + 1, beyond a safe integer.
      9_007_199_254_740_993,
      '-0.01',
      '',
    ],
    date: [
      undefined,
      '2026-02-30 10:00:00',
      '2026-13-01 00:00:00',
      'yesterday',
      '2026/05/06 10:00:00',
      {},
      '24:61:00',
    ],
    code: [undefined, 'ZZZ', '99', {}, [], true],
    node: [null, [], 'node', 42, true],
  };
  return g.pick(sets[kind]);
}

function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Noise anywhere in `input`, then one mutation that must make the message invalid. */
function hostileEnvelope(g: Gen, base: Record<string, unknown>, msgid: string): Record<string, unknown> {
  const envelope = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  envelope.msgid = msgid;
  if (g.chance(0.5)) envelope.input = mutate(g, envelope.input);
  const infno = String(base.infno);
  const choice = g.int(0, 9);
  if (choice <= 6) {
    if (envelope.input === null || typeof envelope.input !== 'object' || Array.isArray(envelope.input))
      envelope.input = {};
    const [path, kind] = g.pick(REQUIRED[infno]!);
    setPath(envelope.input as Record<string, unknown>, path, hostileFor(g, kind));
  } else if (choice <= 8 || infno === '9001') {
    const [key, values] = g.pick(ENVELOPE_HARD);
    setPath(envelope, [key], g.pick(values));
  } else {
    setPath(envelope, ['sign_no'], g.pick(SIGNED));
  }
  return envelope;
}

describe('T16 hostile input: national interface', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let his: ReliableHis;
  let bases: Record<string, unknown>[];

  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation('sqlite'));
    await seedWorld(ctx.store.db);
    app = await build(ctx, { logger: false, bodyLimitBytes: 256 * 1024 });
    his = new ReliableHis(async (body, url) => {
      const res = await app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'text/plain' },
      });
      return { status: res.statusCode, text: res.body };
    });
    await his.signIn();
    const p = PERSONS.local;
    const open = await prepareVisit(his, p, 30);
    const settled = await settleOutpatient(his, p, 40);
    const setlId = (settled.settle.json.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id;
    const v = open.visitId;
    bases = [
      his.envelope('9001', { signIn: { opter_no: '0053', mac: '00-E0-70-64-C3-D2', ip: '192.168.1.1' } }),
      his.envelope('1101', {
        data: {
          mdtrt_cert_type: '02',
          mdtrt_cert_no: p.certNo,
          card_sn: '',
          begntime: '',
          psn_cert_type: '01',
          certno: '',
          psn_name: '',
        },
      }),
      his.envelope('2201', registration(p, '310', 'OP-FZ')),
      his.envelope('2203', visitUpload(p, v, '11')),
      his.envelope('2204', {
        feedetail: [feeLine(p, v, { sn: '9', code: ITEMS.classB, pric: 12.5, cnt: 2 })],
      }),
      his.envelope('2206', settleData(p, v, '310', '11', 30)),
      his.envelope('2207', settleData(p, v, '310', '11', 30)),
      his.envelope('2208', { data: { setl_id: setlId, mdtrt_id: settled.visitId, psn_no: p.psnNo } }),
      his.envelope('5203', { data: { psn_no: p.psnNo, setl_id: setlId, mdtrt_id: settled.visitId } }),
      his.envelope('2601', { data: { psn_no: p.psnNo, omsgid: settled.settleMsgid, oinfno: '2207' } }),
      his.envelope('2401', admission(p, '310', 'IP-FZ')),
      his.envelope('2301', { feedetail: [ipLine(p, v, '1', ITEMS.classA, 10, 1)] }),
    ];
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  // Regression case from seed 200516559 (#785, #2674, #4395): a jQuery-style form body "=<json>" whose
  // percent-encoding is malformed made decodeURIComponent throw inside parseBody (src/national/routes.ts),
  // which the route's catch-all answered as HTTP 500 INTERNAL_ERROR instead of JSON_INVALID.
  it('a form-post body with a malformed percent-encoding is refused as JSON_INVALID, not a 500', async () => {
    for (const payload of ['=%E0%A4%A', '=%', '={"infno":"9001"%zz}']) {
      const res = await app.inject({
        method: 'POST',
        url: BODY_ROUTED,
        payload,
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode, payload).toBeLessThan(500);
      expect(JSON.parse(res.body).err_msg, payload).toMatch(/^\[JSON_INVALID\] /);
    }
  });

  it(`${REQUESTS} hostile messages: no 5xx, every answer coded in Chinese, nothing accepted, database unchanged`, async () => {
    const seed = runSeed('T16 national');
    const g = new Gen(seed);
    const before = await databaseDigest(ctx.store.db, 'sqlite', ['message_log']);
    const loggedBefore = await ctx.store.db.selectFrom('message_log').select('msgid').execute();
    const codes = new Map<string, number>();
    const failures: string[] = [];
    let oversized = 0;
    for (let i = 0; i < REQUESTS; i++) {
      let payload: string;
      const kind = g.int(0, 99);
      if (kind < 6) {
        payload = hostileBody(g);
      } else if (kind < 7) {
        oversized += 1;
        payload = JSON.stringify({ ...g.pick(bases), pad: 'x'.repeat(300 * 1024) });
      } else {
        payload = JSON.stringify(hostileEnvelope(g, g.pick(bases), his.msgid()));
      }
      const res = await app.inject({
        method: 'POST',
        url: g.chance(0.9) ? BODY_ROUTED : g.pick(OTHER_PATHS),
        payload,
        headers: {
          'content-type': g.pick(['text/plain', 'application/json', 'application/x-www-form-urlencoded']),
        },
      });
      const where = `#${i} ${res.statusCode} ${payload.slice(0, 160)} → ${res.body.slice(0, 200)}`;
      if (res.statusCode >= 500) {
        failures.push(`5xx ${where}`);
        continue;
      }
      let body: { infcode?: unknown; err_msg?: unknown; code?: unknown; message?: unknown };
      try {
        body = JSON.parse(res.body);
      } catch {
        failures.push(`not JSON ${where}`);
        continue;
      }
      if (res.statusCode === 413 && typeof body.code === 'string' && typeof body.message === 'string') {
        codes.set(body.code, (codes.get(body.code) ?? 0) + 1);
        if (!hasChinese(body.message)) failures.push(`uncoded ${where}`);
        continue;
      }
      const match = typeof body.err_msg === 'string' ? /^\[([A-Z0-9_]+)\] (.*)$/s.exec(body.err_msg) : null;
      if (body.infcode !== -1 || match === null || !hasChinese(match[2]!)) {
        failures.push(`not a coded refusal ${where}`);
        continue;
      }
      codes.set(match[1]!, (codes.get(match[1]!) ?? 0) + 1);
    }
    const after = await databaseDigest(ctx.store.db, 'sqlite', ['message_log']);
    // The only rows a hostile message may leave: a stored business rejection (T9), never a success.
    const known = new Set(loggedBefore.map((r) => r.msgid));
    const stored = (
      await ctx.store.db.selectFrom('message_log').select(['msgid', 'response']).execute()
    ).filter((r) => !known.has(r.msgid));
    const storedSuccesses = stored.filter((r) => JSON.parse(r.response ?? '{}').infcode !== -1);
    expect(storedSuccesses).toEqual([]);
    console.log(
      `[T16 national] seed=${seed}: ${REQUESTS} hostile messages (${oversized} oversized), ${failures.length} failures, ${stored.length} business rejections stored by design; answers by code: ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    const changed = Object.keys(after.counts).filter((t) => after.counts[t] !== before.counts[t]);
    expect(changed).toEqual([]);
    expect(after.digest).toBe(before.digest);
  }, 240_000);
});
