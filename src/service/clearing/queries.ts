/** Reading clearing results: periods, a period's draft or closed run, and one statement. */
import {
  clearingErrors,
  parsePeriod,
  type StatementLine,
  type StatementState,
  stateAfter,
} from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import { fen } from '../../core/money/index.ts';
import {
  listPeriods,
  readClosure,
  readCurrentRun,
  readEvents,
  readLatestActions,
  readLines,
  readPayables,
  readPositions,
  readStatement,
  readStatements,
} from '../../store/repositories/clearing.ts';
import type { ClearingStatementsTable } from '../../store/schema.ts';
import type { AppContext } from '../context.ts';

export interface PeriodListItem {
  readonly period: string;
  readonly status: 'draft' | 'closed';
  readonly runId: string;
  readonly runNo: number;
  readonly settlementCount: number;
  readonly totalFen: number;
  readonly runAt: string;
  readonly closedAt: string | null;
}

export interface StatementSummary {
  readonly statementId: string;
  readonly runId: string;
  readonly period: string;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly settlementCount: number;
  readonly adjustmentCount: number;
  readonly medicalTotalFen: number;
  readonly fundTotalFen: number;
  readonly accountTotalFen: number;
  readonly adjustmentFen: number;
  readonly totalFen: number;
  readonly state: StatementState;
}

export interface PeriodView {
  readonly period: string;
  readonly status: 'draft' | 'closed';
  readonly run: {
    readonly runId: string;
    readonly runNo: number;
    readonly rangeStart: string;
    readonly rangeEnd: string;
    readonly settlementCount: number;
    readonly totalFen: number;
    readonly digest: string;
    readonly createdAt: string;
    readonly actor: string;
  };
  readonly closedAt: string | null;
  readonly statements: readonly StatementSummary[];
  readonly positions: readonly {
    readonly regionCode: string;
    readonly receivableFen: number;
    readonly payableFen: number;
    readonly netFen: number;
    readonly advanceHeldFen: number;
    readonly advancePaidFen: number;
    readonly netAfterAdvanceFen: number;
  }[];
  readonly institutionPayables: readonly {
    readonly institutionCode: string;
    readonly treatmentRegionCode: string;
    readonly amountFen: number;
    readonly settlementCount: number;
  }[];
}

export interface StatementView extends StatementSummary {
  readonly lines: readonly StatementLine[];
  readonly periodStatus: 'draft' | 'closed';
  /** False for a statement of a superseded draft. */
  readonly current: boolean;
  readonly events: readonly { action: string; reason: string; actor: string; at: string }[];
}

function summary(s: ClearingStatementsTable, state: StatementState): StatementSummary {
  return {
    statementId: s.statement_id,
    runId: s.run_id,
    period: s.period,
    insuredRegionCode: s.insured_region_code,
    treatmentRegionCode: s.treatment_region_code,
    settlementCount: s.settlement_count,
    adjustmentCount: s.adjustment_count,
    medicalTotalFen: s.medical_total_fen,
    fundTotalFen: s.fund_total_fen,
    accountTotalFen: s.account_total_fen,
    adjustmentFen: s.adjustment_fen,
    totalFen: s.total_fen,
    state,
  };
}

export async function listClearingPeriods(ctx: AppContext): Promise<PeriodListItem[]> {
  const rows = await listPeriods(ctx.store.db);
  return rows.map((r) => ({
    period: r.period,
    status: r.closed_at ? 'closed' : 'draft',
    // A closed period shows the run it was closed with (always its latest: runs stop at closure).
    runId: r.closed_run_id ?? r.run_id,
    runNo: r.run_no,
    settlementCount: r.settlement_count,
    totalFen: r.total_fen,
    runAt: r.created_at,
    closedAt: r.closed_at ?? null,
  }));
}

export async function getClearingPeriod(ctx: AppContext, period: string): Promise<Result<PeriodView>> {
  const parsed = parsePeriod(period);
  if (!parsed.ok) return parsed;
  const db = ctx.store.db;
  const closure = await readClosure(db, period);
  const run = await readCurrentRun(db, period);
  if (!run) return err(clearingErrors.periodNotRun(period));
  const [statements, actions, positions, payables] = await Promise.all([
    readStatements(db, run.run_id),
    readLatestActions(db, run.run_id),
    readPositions(db, run.run_id),
    readPayables(db, run.run_id),
  ]);
  const stateOf = (id: string) => stateAfter(actions.has(id) ? [actions.get(id)!] : []);
  return ok({
    period,
    status: closure ? 'closed' : 'draft',
    run: {
      runId: run.run_id,
      runNo: run.run_no,
      rangeStart: run.range_start,
      rangeEnd: run.range_end,
      settlementCount: run.settlement_count,
      totalFen: run.total_fen,
      digest: run.digest,
      createdAt: run.created_at,
      actor: run.actor,
    },
    closedAt: closure?.closed_at ?? null,
    statements: statements.map((s) => summary(s, stateOf(s.statement_id))),
    positions: positions.map((p) => ({
      regionCode: p.region_code,
      receivableFen: p.receivable_fen,
      payableFen: p.payable_fen,
      netFen: p.net_fen,
      advanceHeldFen: p.advance_held_fen,
      advancePaidFen: p.advance_paid_fen,
      netAfterAdvanceFen: p.net_after_advance_fen,
    })),
    institutionPayables: payables.map((p) => ({
      institutionCode: p.institution_code,
      treatmentRegionCode: p.treatment_region_code,
      amountFen: p.amount_fen,
      settlementCount: p.settlement_count,
    })),
  });
}

export async function getStatement(ctx: AppContext, statementId: string): Promise<Result<StatementView>> {
  const db = ctx.store.db;
  const s = await readStatement(db, statementId);
  if (!s) return err(clearingErrors.statementNotFound(statementId));
  const [lines, events, closure, current] = await Promise.all([
    readLines(db, statementId),
    readEvents(db, statementId),
    readClosure(db, s.period),
    readCurrentRun(db, s.period),
  ]);
  return ok({
    ...summary(s, stateAfter(events.map((e) => e.action))),
    lines: lines.map((l) => ({
      fundType: l.fund_type,
      amountFen: fen(l.amount_fen),
      adjustmentFen: fen(l.adjustment_fen),
      rowCount: l.row_count,
    })),
    periodStatus: closure ? 'closed' : 'draft',
    current: current?.run_id === s.run_id,
    events: events.map((e) => ({ action: e.action, reason: e.reason, actor: e.actor, at: e.at })),
  });
}
