/**
 * The monthly clearing run on both dialects (R-S3): statements equal Σ fund payments minus refunds to
 * the fen, positions sum to zero, a re-run changes nothing, closing freezes the period, and late refunds
 * roll into the next period as adjustments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_LINE_FUND_TYPE, checkDrillDown, type DrillDownRow } from '../../src/core/clearing/index.ts';
import { recordAdvance } from '../../src/service/clearing/advances.ts';
import { closeClearingPeriod } from '../../src/service/clearing/close-period.ts';
import { confirmStatement, disputeStatement } from '../../src/service/clearing/decide-statement.ts';
import { listStatementSettlements } from '../../src/service/clearing/drill-down.ts';
import { getClearingPeriod, getStatement, listClearingPeriods } from '../../src/service/clearing/queries.ts';
import { runClearing } from '../../src/service/clearing/run-clearing.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import {
  insertReference,
  type PostedSettlement,
  postReversal,
  postSettlements,
  randomMonth,
  seededRandom,
  testContext,
} from './fixtures.ts';

/** A refund of a 0-fen figure negates to -0, which toBe (Object.is) tells apart from the stored 0. */
const noNegativeZero = (n: number) => n + 0;

const seed = Number(process.env.CLEARING_SEED) || Date.now() % 2_147_483_647;
console.log(`[clearing] random month seed=${seed} (rerun with CLEARING_SEED=${seed})`);

async function tableCounts(store: Store): Promise<Record<string, number>> {
  const tables = [
    'clearing_runs',
    'clearing_statements',
    'clearing_statement_lines',
    'clearing_positions',
    'clearing_institution_payables',
    'clearing_statement_events',
    'clearing_closures',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await store.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe.each(DIALECTS)('clearing run on %s', (dialect) => {
  let store: Store;
  let ctx: ReturnType<typeof testContext>;
  let october: PostedSettlement[];
  const refunds: PostedSettlement[] = [];

  beforeAll(async () => {
    store = await openTestStore(dialect);
    ctx = testContext(store, '2026-10-20T02:00:00.000Z');
    await insertReference(store.db);
    const random = seededRandom(seed);
    october = await postSettlements(store.db, randomMonth(random, 240, 'S10', '2026-10'));
    // Refund a random fifth of the cross-region ones within October.
    const cross = october.filter((s) => s.insured !== s.treatment);
    for (const [i, s] of cross.entries()) {
      if (random() < 0.2) {
        const at = new Date(Date.parse(s.settledAt) + 3_600_000);
        const beforeEnd = at.toISOString() < '2026-10-31T16:00:00.000Z' ? at.toISOString() : s.settledAt;
        refunds.push(await postReversal(store.db, s, `R10${String(i).padStart(6, '0')}`, beforeEnd));
      }
    }
    // September and November traffic must stay out of October.
    await postSettlements(store.db, randomMonth(random, 20, 'S09', '2026-09'));
  });
  afterAll(async () => {
    await store?.close();
  });

  it('Σ of each pair statement equals Σ of its fund payments minus refunds, per fund, to the fen', async () => {
    const run = unwrap(await runClearing(ctx, { period: '2026-10', actor: 'tester' }));
    expect(run).toMatchObject({ period: '2026-10', runNo: 1, status: 'draft', changed: true });
    const view = unwrap(await getClearingPeriod(ctx, '2026-10'));
    const posted = [...october, ...refunds].filter((s) => s.insured !== s.treatment);
    const expected = new Map<string, Map<string, number>>();
    for (const s of posted) {
      const pair = `${s.insured}-${s.treatment}`;
      const lines = expected.get(pair) ?? new Map<string, number>();
      for (const [fund, pay] of Object.entries(s.funds)) lines.set(fund, (lines.get(fund) ?? 0) + pay);
      const account = s.kind === 'reversal' ? -s.accountFen : s.accountFen;
      lines.set(ACCOUNT_LINE_FUND_TYPE, (lines.get(ACCOUNT_LINE_FUND_TYPE) ?? 0) + account);
      expected.set(pair, lines);
    }
    expect(view.statements.map((s) => `${s.insuredRegionCode}-${s.treatmentRegionCode}`).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const summary of view.statements) {
      const statement = unwrap(await getStatement(ctx, summary.statementId));
      const want = expected.get(`${summary.insuredRegionCode}-${summary.treatmentRegionCode}`)!;
      const got = new Map(statement.lines.map((l) => [l.fundType, l.amountFen as number]));
      for (const [fund, amount] of want) expect(got.get(fund) ?? 0).toBe(amount);
      const fundSum = posted
        .filter((s) => s.insured === summary.insuredRegionCode && s.treatment === summary.treatmentRegionCode)
        .reduce((sum, s) => sum + s.fundPayFen, 0);
      expect(statement.fundTotalFen).toBe(fundSum);
      expect(statement.totalFen).toBe([...want.values()].reduce((a, b) => a + b, 0));
      expect(statement.adjustmentFen).toBe(0);
    }
    expect(view.positions.reduce((sum, p) => sum + p.netFen, 0)).toBe(0);
    expect(view.positions.reduce((sum, p) => sum + p.netAfterAdvanceFen, 0)).toBe(0);
    expect(view.institutionPayables.reduce((sum, p) => sum + p.amountFen, 0)).toBe(run.totalFen);
  });

  it('drills every statement down to its settlements, page by page, to the fen', async () => {
    const view = unwrap(await getClearingPeriod(ctx, '2026-10'));
    for (const summary of view.statements) {
      const statement = unwrap(await getStatement(ctx, summary.statementId));
      const rows: DrillDownRow[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(await listStatementSettlements(ctx, summary.statementId, { cursor, limit: 7 }));
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(rows).toHaveLength(summary.settlementCount);
      expect(checkDrillDown(statement.lines, rows)).toBeNull();
      expect(rows.reduce((sum, r) => sum + r.clearingFen, 0)).toBe(statement.totalFen);
    }
  });

  it('a second run of the same period changes nothing', async () => {
    const before = await tableCounts(store);
    const again = unwrap(await runClearing(ctx, { period: '2026-10', actor: 'tester' }));
    expect(again).toMatchObject({ runNo: 1, changed: false, status: 'draft' });
    expect(await tableCounts(store)).toEqual(before);
  });

  it('advances enter the positions; the re-run supersedes the draft; Σ nets stay zero', async () => {
    unwrap(
      await recordAdvance(ctx, {
        insuredRegionCode: '341700',
        treatmentRegionCode: '420100',
        amountFen: 123_456_78,
        effectiveDate: '2026-10-01',
        memo: '10月预付金',
        actor: 'tester',
      }),
    );
    const bad = await recordAdvance(ctx, {
      insuredRegionCode: '341700',
      treatmentRegionCode: '341700',
      amountFen: 1,
      effectiveDate: '2026-10-01',
      actor: 'tester',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'CLEARING_ADVANCE_INVALID' } });
    const run = unwrap(await runClearing(ctx, { period: '2026-10', actor: 'tester' }));
    expect(run).toMatchObject({ runNo: 2, changed: true });
    const view = unwrap(await getClearingPeriod(ctx, '2026-10'));
    expect(view.run.runId).toBe('2026-10-r2');
    const held = view.positions.find((p) => p.regionCode === '420100')!;
    expect(held.advanceHeldFen).toBe(123_456_78);
    expect(held.netAfterAdvanceFen).toBe(held.netFen - 123_456_78);
    expect(view.positions.reduce((sum, p) => sum + p.netAfterAdvanceFen, 0)).toBe(0);
    // A statement of the superseded draft can no longer be decided.
    const old = await confirmStatement(ctx, {
      statementId: `2026-10-r1-${view.statements[0]!.insuredRegionCode}-${view.statements[0]!.treatmentRegionCode}`,
      actor: 'tester',
    });
    expect(old).toMatchObject({ ok: false, error: { code: 'CLEARING_STATEMENT_SUPERSEDED' } });
  });

  it('statements are confirmed or disputed (audited); closing waits for the end and for all confirmations', async () => {
    const view = unwrap(await getClearingPeriod(ctx, '2026-10'));
    const [first, ...rest] = view.statements;
    expect(
      await disputeStatement(ctx, { statementId: first!.statementId, actor: 'insured', reason: ' ' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_REASON_REQUIRED' },
    });
    expect(
      unwrap(
        await disputeStatement(ctx, {
          statementId: first!.statementId,
          actor: 'insured',
          reason: '第3笔金额待核实',
        }),
      ).state,
    ).toBe('disputed');
    expect(await closeClearingPeriod(ctx, { period: '2026-10', actor: 'tester' })).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_PERIOD_NOT_ENDED' },
    });
    ctx.setNow('2026-11-02T01:00:00.000Z');
    expect(await closeClearingPeriod(ctx, { period: '2026-10', actor: 'tester' })).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_STATEMENTS_UNCONFIRMED' },
    });
    expect(
      unwrap(await confirmStatement(ctx, { statementId: first!.statementId, actor: 'insured' })).state,
    ).toBe('confirmed');
    expect(await confirmStatement(ctx, { statementId: first!.statementId, actor: 'insured' })).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_STATEMENT_ALREADY_CONFIRMED' },
    });
    for (const s of rest)
      unwrap(await confirmStatement(ctx, { statementId: s.statementId, actor: 'insured' }));
    const closed = unwrap(await closeClearingPeriod(ctx, { period: '2026-10', actor: 'tester' }));
    expect(closed).toMatchObject({ period: '2026-10', runId: '2026-10-r2', changed: true });
    const audit = await store.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'clearing.run',
        'clearing.statement.dispute',
        'clearing.statement.confirm',
        'clearing.close',
      ]),
    );
  });

  it('a closed period is immutable: re-runs and decisions change nothing, the tables refuse edits', async () => {
    const before = await tableCounts(store);
    // Even new data inside the closed range (a back-dated posting) does not reopen it.
    await postSettlements(store.db, [
      {
        id: 'S10LATE',
        insured: '341700',
        treatment: '210300',
        institution: 'H21030000001',
        settledAt: '2026-10-15T03:00:00.000Z',
        funds: { '310100': 999 },
        accountFen: 0,
        cashFen: 1,
      },
    ]);
    const again = unwrap(await runClearing(ctx, { period: '2026-10', actor: 'tester' }));
    expect(again).toMatchObject({ status: 'closed', changed: false, runId: '2026-10-r2' });
    const view = unwrap(await getClearingPeriod(ctx, '2026-10'));
    expect(
      await disputeStatement(ctx, {
        statementId: view.statements[0]!.statementId,
        actor: 'x',
        reason: '晚了',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_PERIOD_CLOSED' },
    });
    expect(unwrap(await closeClearingPeriod(ctx, { period: '2026-10', actor: 'tester' })).changed).toBe(
      false,
    );
    await expect(
      store.db
        .updateTable('clearing_statements')
        .set({ total_fen: 0 })
        .where('period', '=', '2026-10')
        .execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
    await expect(store.db.deleteFrom('clearing_closures').execute()).rejects.toThrow(/APPEND_ONLY/);
    expect(await tableCounts(store)).toEqual(before);
    const periods = await listClearingPeriods(ctx);
    expect(periods.find((p) => p.period === '2026-10')).toMatchObject({
      status: 'closed',
      runId: '2026-10-r2',
    });
  });

  it('a late refund of a closed period rolls into the next period as an adjustment', async () => {
    const original = october.find(
      (s) => s.insured !== s.treatment && !refunds.some((r) => r.reversesId === s.id),
    )!;
    const late = await postReversal(store.db, original, 'R11LATE', '2026-11-03T02:00:00.000Z');
    await postSettlements(store.db, [
      {
        id: 'S11000001',
        insured: original.insured,
        treatment: original.treatment,
        institution: original.institution,
        settledAt: '2026-11-05T02:00:00.000Z',
        funds: { '310100': 10_000 },
        accountFen: 500,
        cashFen: 100,
      },
    ]);
    ctx.setNow('2026-11-10T00:00:00.000Z');
    const run = unwrap(await runClearing(ctx, { period: '2026-11', actor: 'tester' }));
    expect(run).toMatchObject({ period: '2026-11', runNo: 1, changed: true });
    const view = unwrap(await getClearingPeriod(ctx, '2026-11'));
    const pair = view.statements.find(
      (s) => s.insuredRegionCode === original.insured && s.treatmentRegionCode === original.treatment,
    )!;
    expect(pair.adjustmentCount).toBe(1);
    expect(pair.adjustmentFen).toBe(noNegativeZero(late.fundPayFen - original.accountFen));
    expect(pair.totalFen).toBe(10_500 - original.fundPayFen - original.accountFen);
    const statement = unwrap(await getStatement(ctx, pair.statementId));
    for (const [fund, pay] of Object.entries(original.funds)) {
      expect(statement.lines.find((l) => l.fundType === fund)?.adjustmentFen).toBe(noNegativeZero(-pay));
    }
    const page = unwrap(await listStatementSettlements(ctx, pair.statementId, { limit: 100 }));
    expect(page.rows.find((r) => r.settlementId === 'R11LATE')).toMatchObject({
      adjustment: true,
      kind: 'reversal',
    });
    // October stays as it was closed.
    expect(unwrap(await runClearing(ctx, { period: '2026-10', actor: 'tester' }))).toMatchObject({
      status: 'closed',
      changed: false,
    });
  });

  it('closing refuses a draft that no longer matches the data', async () => {
    ctx.setNow('2026-12-02T00:00:00.000Z');
    await postSettlements(store.db, [
      {
        id: 'S11000002',
        insured: '410100',
        treatment: '420100',
        institution: 'H42010000002',
        settledAt: '2026-11-20T02:00:00.000Z',
        funds: { '390100': 3_000 },
        accountFen: 0,
        cashFen: 100,
      },
    ]);
    expect(await closeClearingPeriod(ctx, { period: '2026-11', actor: 'tester' })).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_DRAFT_STALE' },
    });
    expect(await runClearing(ctx, { period: '2026-13', actor: 'tester' })).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_PERIOD_INVALID' },
    });
    expect(await getClearingPeriod(ctx, '2027-01')).toMatchObject({
      ok: false,
      error: { code: 'CLEARING_PERIOD_NOT_RUN' },
    });
  });
});
