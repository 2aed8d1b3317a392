/**
 * Shared support for the reliability tests (reliability.md T5–T18): a small world (regions,
 * institutions, catalog from the national tests, plus a policy whose outpatient cap binds quickly), a
 * HIS client over real HTTP that keeps every msgid and retries unanswered messages, invariant checks
 * through the verify service, and a digest of every table to prove "database unchanged".
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { verifyStore } from '../../src/service/verify.ts';
import type { DialectName } from '../../src/store/database.ts';
import type { DB } from '../../src/store/schema.ts';
import { feeLine, type Person, registration, settleData } from '../national/flows.ts';
import { HOSPITAL, ITEMS, LOCAL_REGION, type NationalResponse, seedReference } from '../national/support.ts';

export { HOSPITAL, ITEMS, LOCAL_REGION };

/** 普通门诊统筹年度限额 of the reliability policy: small, so concurrent runs cross it mid-way. */
export const OUTPATIENT_CAP_FEN = 100_000;
/** Pooled ratio of general outpatient in the reliability policy (no deductible). */
export const OUTPATIENT_RATIO_BP = 6_000;

const DEMO_POLICY = resolve(
  import.meta.dirname,
  '../../data/examples/policies/420100-310-employee.demo.json',
);

/** The demo Wuhan employee policy with the general-outpatient deductible removed and a ¥1,000 cap. */
export function reliabilityPolicy(capFen = OUTPATIENT_CAP_FEN): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(DEMO_POLICY, 'utf8')) as Record<string, unknown> & {
    caps: { capId: string; amountFen: number }[];
    rules: { ruleId: string; deductible: unknown; bands: { uptoFen: null; ratioBp: number }[] }[];
  };
  doc.policyId = '420100-310-reliability';
  doc.caps = doc.caps.map((c) => (c.capId === 'outpatient' ? { ...c, amountFen: capFen } : c));
  doc.rules = doc.rules.map((r) =>
    r.ruleId === 'outpatient'
      ? { ...r, deductible: { kind: 'none' }, bands: [{ uptoFen: null, ratioBp: OUTPATIENT_RATIO_BP }] }
      : r,
  );
  return { ...doc, largeAmount: null, civilServant: null, medicalAssistance: null };
}

export interface TestPerson {
  readonly psnNo: string;
  readonly certNo: string;
  readonly card: string;
  readonly region: string;
}

let personCounter = 0;

/** A new insured person of 420100 (employee, 310) with the given personal-account balance. */
export async function addPerson(
  db: Kysely<DB>,
  balanceFen: number,
  overrides: { phone?: string | null; tag?: string } = {},
): Promise<TestPerson> {
  personCounter += 1;
  const serial = `${process.pid % 10_000}`.padStart(4, '0') + String(personCounter).padStart(6, '0');
  const person: TestPerson = {
    psnNo: `4201009${serial}${(overrides.tag ?? '').padStart(3, '0').slice(0, 3)}`.slice(0, 20),
    certNo: `42010019800101${serial.slice(-4)}`,
    card: `C${serial}`,
    region: LOCAL_REGION,
  };
  await db
    .insertInto('persons')
    .values({
      psn_no: person.psnNo,
      name: '可靠甲',
      certificate_type: '01',
      certificate_no: person.certNo,
      social_security_card_no: person.card,
      phone: overrides.phone ?? null,
      gender: '1',
      birth_date: '1980-01-01',
      insured_region_code: LOCAL_REGION,
      insurance_type: '310',
      employment: 'employed',
      civil_servant: 0,
      assistance_category: 'none',
      status: 'active',
      account_balance_fen: balanceFen,
    })
    .execute();
  return person;
}

/** Regions, institutions, catalog (national test world) and the reliability policy for 420100/310. */
export async function seedWorld(db: Kysely<DB>, capFen = OUTPATIENT_CAP_FEN): Promise<void> {
  await seedReference(db);
  const doc = reliabilityPolicy(capFen);
  await db
    .insertInto('benefit_policies')
    .values({
      region_code: LOCAL_REGION,
      insurance_type: '310',
      effective_from: String(doc.effectiveFrom),
      effective_to: null,
      name: String(doc.nameZh),
      document: JSON.stringify(doc),
    })
    .execute();
}

export type Post = (body: string, path: string) => Promise<{ status: number; text: string }>;

/** Posts over real HTTP to a base URL. */
export function httpPoster(baseUrl: () => string): Post {
  return async (body, path) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
}

const PATH = '/fsi/api/rsfComIfsService/callService';
let msgSequence = 0;

/** A HIS that persists every msgid before sending (in memory here) and resends until answered. */
export class ReliableHis {
  signNo = '';
  constructor(
    readonly post: Post,
    readonly institutionCode = HOSPITAL,
    readonly lane = 0,
  ) {}

  msgid(): string {
    msgSequence += 1;
    // 12 institution + 1 lane + 6 pid + 8 sequence + random tail: unique across processes and runs.
    return `${this.institutionCode}${this.lane % 10}${String(process.pid).padStart(6, '0').slice(-6)}${String(msgSequence).padStart(8, '0')}${Date.now().toString(36)}`;
  }

  envelope(infno: string, input: unknown, msgid = this.msgid()): Record<string, unknown> {
    return {
      infno,
      msgid,
      mdtrtarea_admvs: LOCAL_REGION,
      insuplc_admdvs: LOCAL_REGION,
      recer_sys_code: 'YBXT',
      dev_no: '',
      dev_safe_info: '',
      cainfo: '',
      signtype: '',
      infver: 'V1.0',
      opter_type: '1',
      opter: '0053',
      opter_name: '操作员甲',
      inf_time: '2026-05-06 09:30:00',
      fixmedins_code: this.institutionCode,
      fixmedins_name: '武汉市第一测试医院',
      sign_no: this.signNo,
      input,
    };
  }

  /** Sends once; throws on a transport failure (connection refused or reset). */
  async sendOnce(
    envelope: Record<string, unknown>,
  ): Promise<{ status: number; text: string; json: NationalResponse }> {
    const res = await this.post(JSON.stringify(envelope), PATH);
    return { ...res, json: JSON.parse(res.text) as NationalResponse };
  }

  /**
   * Sends until an answer arrives (the server may be down or restarting). An answer with HTTP 500 is
   * "not processed" (nothing written): it is retried too, with the same msgid.
   */
  async sendReliably(
    envelope: Record<string, unknown>,
    onTransportFailure?: () => void,
  ): Promise<{ status: number; text: string; json: NationalResponse }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.sendOnce(envelope);
        if (res.status < 500) return res;
      } catch {
        onTransportFailure?.();
      }
      if (attempt > 2_000) throw new Error(`no answer for msgid ${String(envelope.msgid)}`);
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }

  async signIn(): Promise<void> {
    const res = await this.sendReliably(
      this.envelope('9001', { signIn: { opter_no: '0053', mac: '00-E0-70-64-C3-D2', ip: '192.168.1.1' } }),
    );
    if (res.json.infcode !== 0) throw new Error(`sign-in failed: ${res.json.err_msg}`);
    this.signNo = (res.json.output as { signinoutb: { sign_no: string } }).signinoutb.sign_no;
  }
}

export interface SettlementOutcome {
  readonly settleMsgid: string;
  readonly visitId: string;
  readonly settle: { status: number; text: string; json: NationalResponse };
  /** Every msgid sent in this flow, in order (2201, 2204, 2207). */
  readonly msgids: readonly string[];
}

export interface PreparedVisit {
  readonly visitId: string;
  /** The 2207 envelope, msgid fixed: resend it as is until answered. */
  readonly settleEnvelope: Record<string, unknown>;
  readonly msgids: readonly string[];
}

/** 2201 → 2204 for one class-A line of `amountYuan`; every message resent with its msgid until answered. */
export async function prepareVisit(
  his: ReliableHis,
  person: TestPerson,
  amountYuan: number,
  options: { useAccount?: boolean; onTransportFailure?: () => void } = {},
): Promise<PreparedVisit> {
  const p = person as unknown as Person;
  const register = his.envelope('2201', registration(p, '310', `OP-${his.msgid().slice(-12)}`));
  const reg = await his.sendReliably(register, options.onTransportFailure);
  if (reg.json.infcode !== 0) throw new Error(`2201 refused: ${reg.json.err_msg}`);
  const visitId = (reg.json.output as { data: { mdtrt_id: string } }).data.mdtrt_id;
  const upload = his.envelope('2204', {
    feedetail: [feeLine(p, visitId, { sn: '1', code: ITEMS.classA, pric: amountYuan, cnt: 1 })],
  });
  const up = await his.sendReliably(upload, options.onTransportFailure);
  if (up.json.infcode !== 0) throw new Error(`2204 refused: ${up.json.err_msg}`);
  const settleEnvelope = his.envelope(
    '2207',
    settleData(p, visitId, '310', '11', amountYuan, {
      acct_used_flag: options.useAccount === false ? '0' : '1',
    }),
  );
  return {
    visitId,
    settleEnvelope,
    msgids: [String(register.msgid), String(upload.msgid), String(settleEnvelope.msgid)],
  };
}

export interface SettlementOutcome extends PreparedVisit {
  readonly settleMsgid: string;
  readonly settle: { status: number; text: string; json: NationalResponse };
}

/** One outpatient settlement: 2201 → 2204 → 2207, each message resent with its msgid until answered. */
export async function settleOutpatient(
  his: ReliableHis,
  person: TestPerson,
  amountYuan: number,
  options: { useAccount?: boolean; onTransportFailure?: () => void } = {},
): Promise<SettlementOutcome> {
  const prepared = await prepareVisit(his, person, amountYuan, options);
  const settle = await his.sendReliably(prepared.settleEnvelope, options.onTransportFailure);
  return { ...prepared, settleMsgid: String(prepared.settleEnvelope.msgid), settle };
}

/** Runs the verify service and throws with the first broken row named. */
export async function assertInvariants(db: Kysely<DB>): Promise<Awaited<ReturnType<typeof verifyStore>>> {
  const report = await verifyStore(db);
  if (!report.ok) {
    throw new Error(
      `verify found ${report.problems.length} problem(s); first: ${JSON.stringify(report.firstBreak)}\n${JSON.stringify(report.problems.slice(0, 10), null, 1)}`,
    );
  }
  return report;
}

export interface PersonYearFigures {
  readonly settlements: number;
  readonly reversals: number;
  readonly pooledPaidFen: number;
  readonly capAccumulatorFen: number;
  readonly capMovementVersions: number[];
  readonly accountPaidFen: number;
  readonly balanceFen: number;
}

/** What the posted tables say about one person's year. */
export async function personYear(db: Kysely<DB>, psnNo: string): Promise<PersonYearFigures> {
  const rows = await db
    .selectFrom('settlements')
    .select(['kind', 'fund_pay_fen', 'account_pay_fen'])
    .where('psn_no', '=', psnNo)
    .execute();
  const cap = await db
    .selectFrom('accumulators')
    .select(['value'])
    .where('psn_no', '=', psnNo)
    .where('key', '=', 'cap.outpatient.paidFen')
    .executeTakeFirst();
  const versions = await db
    .selectFrom('accumulator_movements')
    .select('version')
    .where('psn_no', '=', psnNo)
    .where('key', '=', 'total.medfeeFen')
    .orderBy('version')
    .execute();
  const person = await db
    .selectFrom('persons')
    .select('account_balance_fen')
    .where('psn_no', '=', psnNo)
    .executeTakeFirstOrThrow();
  return {
    settlements: rows.filter((r) => r.kind === 'settlement').length,
    reversals: rows.filter((r) => r.kind === 'reversal').length,
    pooledPaidFen: rows.reduce((s, r) => s + Number(r.fund_pay_fen), 0),
    capAccumulatorFen: Number(cap?.value ?? 0),
    capMovementVersions: versions.map((v) => Number(v.version)),
    accountPaidFen: rows.reduce((s, r) => s + Number(r.account_pay_fen), 0),
    balanceFen: Number(person.account_balance_fen),
  };
}

/** Every user table's name in the store. */
export async function tableNames(db: Kysely<DB>, dialect: DialectName): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
          db,
        );
  return rows.rows.map((r) => r.name);
}

/** Row counts and a SHA-256 over the sorted rows of every table: equal digests = unchanged database. */
export async function databaseDigest(
  db: Kysely<DB>,
  dialect: DialectName,
  exclude: readonly string[] = [],
): Promise<{ digest: string; counts: Record<string, number> }> {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of await tableNames(db, dialect)) {
    if (table.startsWith('kysely_') || exclude.includes(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    counts[table] = rows.rows.length;
    const lines = rows.rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return { digest: hash.digest('hex'), counts };
}

/** A seed from the environment (YIBAO_SEED) or the clock; always printed by the caller. */
export function runSeed(name: string): number {
  const fixed = process.env.YIBAO_SEED;
  const seed = fixed ? Number(fixed) : Date.now() % 2_147_483_647;
  console.log(`[${name}] seed=${seed} (replay: YIBAO_SEED=${seed})`);
  return seed;
}
