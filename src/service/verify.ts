/**
 * `yibao verify` — the after-the-fact integrity check (reliability.md T10, T14, T18; DESIGN.md "a scheduled
 * integrity check re-reads and asserts the invariants"). It reads, never writes, and reports every broken
 * row in a fixed order, so the first one named is the first place history stopped adding up:
 *
 * 1. the audit chain: every record's prev_hash and hash (service/audit.ts);
 * 2. the message log: every claimed msgid carries its stored answer (a claim without one is a partial
 *    transaction that committed);
 * 3. settlements: both conservation identities; fund lines sum to the fund total; a settlement group's
 *    first part has accumulator movements (no settlement without its postings); every settlement's
 *    msgid is in the message log of its institution;
 * 4. reversal links: a reversal names an existing original of kind settlement, at most once, with every
 *    amount and every fund line exactly negated;
 * 5. accumulator movements: per (person, year, key) versions run 1…n with no gap or duplicate, each
 *    movement's before equals the previous after, after = before + delta, each movement belongs to an
 *    existing settlement row, and its delta is the one the settlement recorded (the core result stored
 *    on the group's first row; a reversal's are the original's negated);
 * 6. accumulators: value = Σ movements' deltas and version = the last movement's version;
 * 7. account movements: per person versions 1…n, before = previous after, and the person's balance equals
 *    the last movement's after.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { verifyAuditChain } from './audit.ts';

export interface VerifyProblem {
  /** The check that failed (stable English id). */
  readonly check: string;
  /** The table holding the broken row. */
  readonly table: string;
  /** The row's key, readable: `seq=12`, `settlement_id=…`, `psn_no=… year=… key=… version=…`. */
  readonly row: string;
  /** What is wrong, in Chinese. */
  readonly messageZh: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Rows read per table. */
  readonly counts: Readonly<Record<string, number>>;
  readonly problems: readonly VerifyProblem[];
  /** The first broken row, in check order; null when everything holds. */
  readonly firstBreak: VerifyProblem | null;
}

const AMOUNT_COLUMNS = [
  'total_fen',
  'full_own_pay_fen',
  'over_limit_fen',
  'class_b_copay_fen',
  'in_scope_fen',
  'deductible_fen',
  'fund_pay_fen',
  'account_pay_fen',
  'cash_fen',
  'hospital_part_fen',
] as const;

type SettlementRow = Awaited<ReturnType<typeof loadSettlements>>[number];

async function loadSettlements(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('settlements')
    .select([
      'settlement_id',
      'group_id',
      'psn_no',
      'visit_id',
      'institution_code',
      'kind',
      'reverses_id',
      'msgid',
      'settled_at',
      'result',
      ...AMOUNT_COLUMNS,
    ])
    .orderBy('settled_at')
    .orderBy('settlement_id')
    .execute();
  return rows.map((r) => ({ ...r, ...numbers(r) }));
}

function numbers(r: Record<(typeof AMOUNT_COLUMNS)[number], number>) {
  const out = {} as Record<(typeof AMOUNT_COLUMNS)[number], number>;
  for (const c of AMOUNT_COLUMNS) out[c] = Number(r[c]);
  return out;
}

class Findings {
  readonly problems: VerifyProblem[] = [];
  add(check: string, table: string, row: string, messageZh: string): void {
    this.problems.push({ check, table, row, messageZh });
  }
}

async function checkAudit(db: Kysely<DB>, f: Findings): Promise<number> {
  const { records, firstBreak } = await verifyAuditChain(db);
  if (firstBreak !== null) {
    f.add(
      'audit_chain',
      'audit_log',
      `seq=${firstBreak.seq}`,
      firstBreak.reason === 'prev_hash_mismatch'
        ? `审计记录 ${firstBreak.seq} 的 prev_hash 与上一条记录的哈希不一致（记录被删除、插入或改动）。`
        : `审计记录 ${firstBreak.seq} 的内容与其哈希不一致（记录被改动）。`,
    );
  }
  return records;
}

async function checkMessages(db: Kysely<DB>, f: Findings): Promise<Set<string>> {
  const rows = await db
    .selectFrom('message_log')
    .select(['party', 'msgid', 'response'])
    .orderBy('created_at')
    .orderBy('party')
    .orderBy('msgid')
    .execute();
  const keys = new Set<string>();
  for (const r of rows) {
    keys.add(`${r.party}\u0000${r.msgid}`);
    if (r.response === null) {
      f.add(
        'message_answered',
        'message_log',
        `party=${r.party} msgid=${r.msgid}`,
        '报文已登记但没有保存应答（部分提交的交易）。',
      );
    }
  }
  return keys;
}

function checkSettlementRows(
  settlements: readonly SettlementRow[],
  funds: ReadonlyMap<string, { fund_type: string; pay_fen: number; in_scope_fen: number }[]>,
  movedSettlements: ReadonlySet<string>,
  messages: ReadonlySet<string>,
  f: Findings,
): void {
  const firstOfGroup = new Map<string, string>();
  for (const s of settlements) {
    const id = `settlement_id=${s.settlement_id}`;
    if (s.total_fen !== s.fund_pay_fen + s.account_pay_fen + s.cash_fen + s.hospital_part_fen) {
      f.add('settlement_conservation', 'settlements', id, '总费用 ≠ 基金支付 + 个人账户 + 现金 + 医院负担。');
    }
    if (s.total_fen !== s.in_scope_fen + s.full_own_pay_fen + s.over_limit_fen + s.class_b_copay_fen) {
      f.add('settlement_conservation', 'settlements', id, '总费用 ≠ 符合范围 + 全自费 + 超限价 + 先行自付。');
    }
    const fundSum = (funds.get(s.settlement_id) ?? []).reduce((a, l) => a + l.pay_fen, 0);
    if (fundSum !== s.fund_pay_fen) {
      f.add(
        'settlement_funds_sum',
        'settlements',
        id,
        `基金分项合计 ${fundSum} 分 ≠ 结算行基金支付 ${s.fund_pay_fen} 分。`,
      );
    }
    if (!messages.has(`${s.institution_code}\u0000${s.msgid}`)) {
      f.add('settlement_message', 'settlements', id, `结算的报文ID ${s.msgid} 不在报文日志中。`);
    }
    const current = firstOfGroup.get(s.group_id);
    if (current === undefined || s.settlement_id < current) firstOfGroup.set(s.group_id, s.settlement_id);
  }
  for (const [groupId, first] of firstOfGroup) {
    if (!movedSettlements.has(first)) {
      f.add(
        'settlement_postings',
        'settlements',
        `settlement_id=${first}`,
        `结算组 ${groupId} 没有任何年度累计流水（结算未完整过账）。`,
      );
    }
  }
}

function checkReversals(
  settlements: readonly SettlementRow[],
  funds: ReadonlyMap<string, { fund_type: string; pay_fen: number; in_scope_fen: number }[]>,
  f: Findings,
): void {
  const byId = new Map(settlements.map((s) => [s.settlement_id, s]));
  const reversedBy = new Map<string, string>();
  for (const r of settlements) {
    if (r.kind !== 'reversal') continue;
    const id = `settlement_id=${r.settlement_id}`;
    const original = r.reverses_id === null ? undefined : byId.get(r.reverses_id);
    if (original === undefined || original.kind !== 'settlement') {
      f.add('reversal_link', 'settlements', id, `冲销行指向的原结算 ${r.reverses_id} 不存在或不是结算行。`);
      continue;
    }
    const earlier = reversedBy.get(original.settlement_id);
    if (earlier !== undefined) {
      f.add('reversal_link', 'settlements', id, `原结算 ${original.settlement_id} 已被 ${earlier} 冲销过。`);
    }
    reversedBy.set(original.settlement_id, r.settlement_id);
    if (original.psn_no !== r.psn_no || original.visit_id !== r.visit_id) {
      f.add('reversal_link', 'settlements', id, '冲销行的人员或就诊与原结算不一致。');
    }
    for (const c of AMOUNT_COLUMNS) {
      if (r[c] !== -original[c]) {
        f.add(
          'reversal_amounts',
          'settlements',
          id,
          `冲销行 ${c} = ${r[c]}，应为原结算的相反数 ${-original[c]}。`,
        );
        break;
      }
    }
    const mine = new Map((funds.get(r.settlement_id) ?? []).map((l) => [l.fund_type, l]));
    const theirs = funds.get(original.settlement_id) ?? [];
    const exact =
      mine.size === theirs.length &&
      theirs.every((l) => {
        const m = mine.get(l.fund_type);
        return m !== undefined && m.pay_fen === -l.pay_fen && m.in_scope_fen === -l.in_scope_fen;
      });
    if (!exact)
      f.add('reversal_amounts', 'settlement_funds', id, '冲销行的基金分项不是原结算基金分项的相反数。');
  }
}

interface MovementRow {
  readonly id: number;
  readonly psn_no: string;
  readonly year: number;
  readonly key: string;
  /** Null for movements not caused by a settlement (none are written so far). */
  readonly settlement_id: string | null;
  readonly delta: number;
  readonly value_before: number;
  readonly value_after: number;
  readonly version: number;
}

async function loadMovements(db: Kysely<DB>): Promise<MovementRow[]> {
  const rows = await db
    .selectFrom('accumulator_movements')
    .select([
      'id',
      'psn_no',
      'year',
      'key',
      'settlement_id',
      'delta',
      'value_before',
      'value_after',
      'version',
    ])
    .orderBy('psn_no')
    .orderBy('year')
    .orderBy('key')
    .orderBy('version')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    year: Number(r.year),
    delta: Number(r.delta),
    value_before: Number(r.value_before),
    value_after: Number(r.value_after),
    version: Number(r.version),
  }));
}

type Deltas = Readonly<Record<string, number>>;

function parseResult(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The accumulator deltas each posting settlement row recorded: a settlement's (or re-posting's) core
 * result; a reversal's are its original group's negated. Keyed by the row the movements point to.
 */
function recordedDeltas(settlements: readonly SettlementRow[]): Map<string, Deltas> {
  const byGroup = new Map<string, Deltas>();
  const out = new Map<string, Deltas>();
  for (const s of settlements) {
    if (s.kind !== 'settlement') continue;
    const core = parseResult(s.result).result as { accumulatorDeltas?: Deltas } | undefined;
    if (core?.accumulatorDeltas !== undefined) {
      byGroup.set(s.group_id, core.accumulatorDeltas);
      out.set(s.settlement_id, core.accumulatorDeltas);
    }
  }
  for (const s of settlements) {
    if (s.kind !== 'reversal') continue;
    const reversed = parseResult(s.result).reversesGroupId;
    const original = typeof reversed === 'string' ? byGroup.get(reversed) : undefined;
    if (original === undefined || out.has(s.group_id)) continue;
    const negated: Record<string, number> = {};
    for (const [key, d] of Object.entries(original)) negated[key] = 0 - d;
    // The reversal's movements point to its first part.
    const first = settlements
      .filter((r) => r.group_id === s.group_id)
      .map((r) => r.settlement_id)
      .sort()[0];
    if (first !== undefined) out.set(first, negated);
  }
  return out;
}

function checkMovements(
  movements: readonly MovementRow[],
  settlementIds: ReadonlySet<string>,
  recorded: ReadonlyMap<string, Deltas>,
  f: Findings,
): Map<string, { sum: number; version: number; lastAfter: number }> {
  const series = new Map<string, { sum: number; version: number; lastAfter: number }>();
  for (const m of movements) {
    const seriesKey = `${m.psn_no}\u0000${m.year}\u0000${m.key}`;
    const row = `id=${m.id} psn_no=${m.psn_no} year=${m.year} key=${m.key} version=${m.version}`;
    const prev = series.get(seriesKey) ?? { sum: 0, version: 0, lastAfter: 0 };
    if (m.version !== prev.version + 1) {
      f.add(
        'movement_versions',
        'accumulator_movements',
        row,
        m.version === prev.version
          ? `版本号 ${m.version} 重复。`
          : `版本号从 ${prev.version} 跳到 ${m.version}（缺号）。`,
      );
    }
    if (m.value_before !== prev.lastAfter) {
      f.add(
        'movement_chain',
        'accumulator_movements',
        row,
        `变动前值 ${m.value_before} ≠ 上一条变动后值 ${prev.lastAfter}（丢失更新）。`,
      );
    }
    if (m.value_after !== m.value_before + m.delta) {
      f.add('movement_chain', 'accumulator_movements', row, '变动后值 ≠ 变动前值 + 变动额。');
    }
    if (m.settlement_id !== null && !settlementIds.has(m.settlement_id)) {
      f.add('movement_settlement', 'accumulator_movements', row, `流水所属结算 ${m.settlement_id} 不存在。`);
    }
    const expected = m.settlement_id === null ? undefined : recorded.get(m.settlement_id)?.[m.key];
    if (expected !== undefined && expected !== m.delta) {
      f.add(
        'movement_settlement',
        'accumulator_movements',
        row,
        `流水变动额 ${m.delta} ≠ 结算 ${m.settlement_id} 记录的累计变动 ${expected}（流水被改动）。`,
      );
    }
    series.set(seriesKey, { sum: prev.sum + m.delta, version: m.version, lastAfter: m.value_after });
  }
  return series;
}

async function checkAccumulators(
  db: Kysely<DB>,
  series: Map<string, { sum: number; version: number; lastAfter: number }>,
  f: Findings,
): Promise<number> {
  const rows = await db
    .selectFrom('accumulators')
    .select(['psn_no', 'year', 'key', 'value', 'version'])
    .orderBy('psn_no')
    .orderBy('year')
    .orderBy('key')
    .execute();
  const seen = new Set<string>();
  for (const a of rows) {
    const seriesKey = `${a.psn_no}\u0000${Number(a.year)}\u0000${a.key}`;
    seen.add(seriesKey);
    const s = series.get(seriesKey) ?? { sum: 0, version: 0, lastAfter: 0 };
    const row = `psn_no=${a.psn_no} year=${a.year} key=${a.key}`;
    if (Number(a.value) !== s.sum) {
      f.add('accumulator_sum', 'accumulators', row, `累计值 ${a.value} ≠ 流水合计 ${s.sum}。`);
    }
    if (Number(a.version) !== s.version) {
      f.add(
        'accumulator_version',
        'accumulators',
        row,
        `累计版本 ${a.version} ≠ 最后一条流水的版本 ${s.version}。`,
      );
    }
  }
  for (const key of series.keys()) {
    if (!seen.has(key)) {
      const [psn, year, name] = key.split('\u0000');
      f.add(
        'accumulator_sum',
        'accumulators',
        `psn_no=${psn} year=${year} key=${name}`,
        '有流水但没有累计行。',
      );
    }
  }
  return rows.length;
}

async function checkAccounts(db: Kysely<DB>, f: Findings): Promise<number> {
  const rows = await db
    .selectFrom('account_movements')
    .select(['id', 'psn_no', 'delta_fen', 'balance_before_fen', 'balance_after_fen', 'version'])
    .orderBy('psn_no')
    .orderBy('version')
    .orderBy('id')
    .execute();
  const last = new Map<string, { version: number; after: number }>();
  for (const m of rows) {
    const row = `id=${m.id} psn_no=${m.psn_no} version=${m.version}`;
    const prev = last.get(m.psn_no);
    const version = Number(m.version);
    const before = Number(m.balance_before_fen);
    const after = Number(m.balance_after_fen);
    if (version !== (prev?.version ?? 0) + 1) {
      f.add('account_versions', 'account_movements', row, `账户流水版本号 ${version} 不连续。`);
    }
    if (prev !== undefined && before !== prev.after) {
      f.add(
        'account_chain',
        'account_movements',
        row,
        `变动前余额 ${before} ≠ 上一条变动后余额 ${prev.after}。`,
      );
    }
    if (after !== before + Number(m.delta_fen)) {
      f.add('account_chain', 'account_movements', row, '变动后余额 ≠ 变动前余额 + 变动额。');
    }
    last.set(m.psn_no, { version, after });
  }
  if (last.size > 0) {
    const persons = await db
      .selectFrom('persons')
      .select(['psn_no', 'account_balance_fen'])
      .where('psn_no', 'in', [...last.keys()])
      .orderBy('psn_no')
      .execute();
    for (const p of persons) {
      const expected = last.get(p.psn_no)?.after;
      if (expected !== undefined && Number(p.account_balance_fen) !== expected) {
        f.add(
          'account_balance',
          'persons',
          `psn_no=${p.psn_no}`,
          `个人账户余额 ${p.account_balance_fen} ≠ 最后一条账户流水的变动后余额 ${expected}。`,
        );
      }
    }
  }
  return rows.length;
}

/** Reads the audit chain and every posted table and reports what does not add up. */
export async function verifyStore(db: Kysely<DB>): Promise<VerifyReport> {
  const f = new Findings();
  const auditRecords = await checkAudit(db, f);
  const messages = await checkMessages(db, f);
  const settlements = await loadSettlements(db);
  const fundRows = await db
    .selectFrom('settlement_funds')
    .select(['settlement_id', 'fund_type', 'pay_fen', 'in_scope_fen'])
    .execute();
  const funds = new Map<string, { fund_type: string; pay_fen: number; in_scope_fen: number }[]>();
  for (const l of fundRows) {
    const list = funds.get(l.settlement_id) ?? [];
    list.push({ fund_type: l.fund_type, pay_fen: Number(l.pay_fen), in_scope_fen: Number(l.in_scope_fen) });
    funds.set(l.settlement_id, list);
  }
  const movements = await loadMovements(db);
  const moved = new Set(movements.flatMap((m) => (m.settlement_id === null ? [] : [m.settlement_id])));
  checkSettlementRows(settlements, funds, moved, messages, f);
  checkReversals(settlements, funds, f);
  const series = checkMovements(
    movements,
    new Set(settlements.map((s) => s.settlement_id)),
    recordedDeltas(settlements),
    f,
  );
  const accumulators = await checkAccumulators(db, series, f);
  const accountMovements = await checkAccounts(db, f);
  return {
    ok: f.problems.length === 0,
    counts: {
      audit_log: auditRecords,
      message_log: messages.size,
      settlements: settlements.length,
      settlement_funds: fundRows.length,
      accumulator_movements: movements.length,
      accumulators,
      account_movements: accountMovements,
    },
    problems: f.problems,
    firstBreak: f.problems[0] ?? null,
  };
}
