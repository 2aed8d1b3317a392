/**
 * 清算对账单 for the agency console (R-S3): what a region's staff see and do with clearing. Everything is
 * cut to the staff member's region (region-scope.ts): the statements where it is the insured or the
 * treatment region, its own position, its institutions' payables; another pair's statement answers
 * "not found". Only the insured region confirms or disputes; the staff account is the recorded actor.
 * Running and closing periods stay with the administrator.
 */
import { clearingErrors, fundTypeName } from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { confirmStatement, disputeStatement, type StatementDecision } from './decide-statement.ts';
import { type DrillDownPage, listStatementSettlements } from './drill-down.ts';
import { statementCsv, statementXlsx } from './export-statement.ts';
import { statementHtml } from './print-statement.ts';
import {
  getClearingPeriod,
  getStatement,
  listClearingPeriods,
  type StatementSummary,
  type StatementView,
} from './queries.ts';
import { mayDecide, type StatementSide, sideOf, statementInRegion } from './region-scope.ts';

/** A period as a region sees it: status and run, without the other regions' totals. */
export interface RegionPeriodListItem {
  readonly period: string;
  readonly status: 'draft' | 'closed';
  readonly runId: string;
  readonly runNo: number;
  readonly runAt: string;
  readonly closedAt: string | null;
}

export interface RegionStatementSummary extends StatementSummary {
  /** payable: the region is the insured region (应付); receivable: the treatment region (应收). */
  readonly side: StatementSide;
  readonly counterpartRegionCode: string;
  readonly counterpartRegionName: string;
  /** True when this region may confirm or dispute it now. */
  readonly mayDecide: boolean;
}

export interface RegionPosition {
  readonly receivableFen: number;
  readonly payableFen: number;
  readonly netFen: number;
  readonly advanceHeldFen: number;
  readonly advancePaidFen: number;
  readonly netAfterAdvanceFen: number;
}

export interface RegionPeriodView {
  readonly period: string;
  readonly status: 'draft' | 'closed';
  readonly closedAt: string | null;
  readonly run: {
    readonly runId: string;
    readonly runNo: number;
    readonly rangeStart: string;
    readonly rangeEnd: string;
    readonly createdAt: string;
  };
  readonly regionCode: string;
  readonly regionName: string;
  readonly position: RegionPosition;
  readonly statements: readonly RegionStatementSummary[];
  /** The region's institutions, as treatment region: what it owes each for the cleared settlements. */
  readonly institutionPayables: readonly {
    readonly institutionCode: string;
    readonly institutionName: string;
    readonly amountFen: number;
    readonly settlementCount: number;
  }[];
}

export interface RegionStatementView extends Omit<StatementView, 'lines'>, RegionStatementSummary {
  readonly lines: readonly (StatementView['lines'][number] & { readonly fundName: string })[];
}

export interface StaffActor {
  readonly username: string;
  readonly regionCode: string;
  readonly requestId?: string | null;
}

const ZERO_POSITION: RegionPosition = {
  receivableFen: 0,
  payableFen: 0,
  netFen: 0,
  advanceHeldFen: 0,
  advancePaidFen: 0,
  netAfterAdvanceFen: 0,
};

async function namesOf(
  ctx: AppContext,
  table: 'regions' | 'institutions',
  codes: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.store.db
    .selectFrom(table)
    .select(['code', 'name'])
    .where('code', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

function regionSummary(
  regionCode: string,
  s: StatementSummary,
  names: Map<string, string>,
  decidable: boolean,
): RegionStatementSummary {
  const side = sideOf(regionCode, s) ?? 'payable';
  const counterpart = side === 'payable' ? s.treatmentRegionCode : s.insuredRegionCode;
  return {
    ...s,
    side,
    counterpartRegionCode: counterpart,
    counterpartRegionName: names.get(counterpart) ?? counterpart,
    mayDecide: decidable && mayDecide(regionCode, s) && s.state !== 'confirmed',
  };
}

export async function regionClearingPeriods(ctx: AppContext): Promise<RegionPeriodListItem[]> {
  const periods = await listClearingPeriods(ctx);
  return periods.map(({ period, status, runId, runNo, runAt, closedAt }) => ({
    period,
    status,
    runId,
    runNo,
    runAt,
    closedAt,
  }));
}

export async function regionClearingPeriod(
  ctx: AppContext,
  regionCode: string,
  period: string,
): Promise<Result<RegionPeriodView>> {
  const found = await getClearingPeriod(ctx, period);
  if (!found.ok) return found;
  const view = found.value;
  const statements = view.statements.filter((s) => sideOf(regionCode, s) !== undefined);
  const payables = view.institutionPayables.filter((p) => p.treatmentRegionCode === regionCode);
  const [regionNames, institutionNames] = await Promise.all([
    namesOf(ctx, 'regions', [
      regionCode,
      ...statements.flatMap((s) => [s.insuredRegionCode, s.treatmentRegionCode]),
    ]),
    namesOf(
      ctx,
      'institutions',
      payables.map((p) => p.institutionCode),
    ),
  ]);
  const own = view.positions.find((p) => p.regionCode === regionCode);
  const position = own
    ? {
        receivableFen: own.receivableFen,
        payableFen: own.payableFen,
        netFen: own.netFen,
        advanceHeldFen: own.advanceHeldFen,
        advancePaidFen: own.advancePaidFen,
        netAfterAdvanceFen: own.netAfterAdvanceFen,
      }
    : ZERO_POSITION;
  const open = view.status === 'draft';
  return ok({
    period: view.period,
    status: view.status,
    closedAt: view.closedAt,
    run: {
      runId: view.run.runId,
      runNo: view.run.runNo,
      rangeStart: view.run.rangeStart,
      rangeEnd: view.run.rangeEnd,
      createdAt: view.run.createdAt,
    },
    regionCode,
    regionName: regionNames.get(regionCode) ?? regionCode,
    position,
    statements: statements.map((s) => regionSummary(regionCode, s, regionNames, open)),
    institutionPayables: payables.map((p) => ({
      institutionCode: p.institutionCode,
      institutionName: institutionNames.get(p.institutionCode) ?? p.institutionCode,
      amountFen: p.amountFen,
      settlementCount: p.settlementCount,
    })),
  });
}

export async function regionStatement(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
): Promise<Result<RegionStatementView>> {
  const scoped = await statementInRegion(ctx, regionCode, statementId);
  if (!scoped.ok) return scoped;
  const found = await getStatement(ctx, statementId);
  if (!found.ok) return found;
  const s = found.value;
  const names = await namesOf(ctx, 'regions', [s.insuredRegionCode, s.treatmentRegionCode]);
  const decidable = s.current && s.periodStatus === 'draft';
  return ok({
    ...s,
    ...regionSummary(regionCode, s, names, decidable),
    lines: s.lines.map((l) => ({ ...l, fundName: fundTypeName(l.fundType) })),
  });
}

export async function regionStatementSettlements(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
  options: { cursor?: string | undefined; limit?: number | undefined },
): Promise<Result<DrillDownPage>> {
  const scoped = await statementInRegion(ctx, regionCode, statementId);
  if (!scoped.ok) return scoped;
  return listStatementSettlements(ctx, statementId, options);
}

export async function regionStatementCsv(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
): Promise<Result<string>> {
  const scoped = await statementInRegion(ctx, regionCode, statementId);
  return scoped.ok ? statementCsv(ctx, statementId) : scoped;
}

export async function regionStatementXlsx(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
): Promise<Result<Buffer>> {
  const scoped = await statementInRegion(ctx, regionCode, statementId);
  return scoped.ok ? statementXlsx(ctx, statementId) : scoped;
}

export async function regionStatementHtml(
  ctx: AppContext,
  regionCode: string,
  statementId: string,
): Promise<Result<string>> {
  const scoped = await statementInRegion(ctx, regionCode, statementId);
  return scoped.ok ? statementHtml(ctx, statementId) : scoped;
}

async function decideAsStaff(
  ctx: AppContext,
  actor: StaffActor,
  statementId: string,
  reason: string,
  decide: typeof confirmStatement,
): Promise<Result<StatementDecision>> {
  const scoped = await statementInRegion(ctx, actor.regionCode, statementId);
  if (!scoped.ok) return scoped;
  if (!mayDecide(actor.regionCode, scoped.value))
    return err(clearingErrors.decisionNotInsuredRegion(statementId));
  return decide(ctx, {
    statementId,
    actor: actor.username,
    role: 'staff',
    reason,
    requestId: actor.requestId ?? null,
  });
}

/** 确认 — by staff of the statement's insured region; a note is optional. */
export function confirmStatementAsStaff(
  ctx: AppContext,
  actor: StaffActor,
  statementId: string,
  note = '',
): Promise<Result<StatementDecision>> {
  return decideAsStaff(ctx, actor, statementId, note, confirmStatement);
}

/** 提出争议 — by staff of the statement's insured region, with a reason (1–500 characters). */
export function disputeStatementAsStaff(
  ctx: AppContext,
  actor: StaffActor,
  statementId: string,
  reason: string,
): Promise<Result<StatementDecision>> {
  return decideAsStaff(ctx, actor, statementId, reason, disputeStatement);
}
