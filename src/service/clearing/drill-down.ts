/**
 * The per-settlement drill-down of a statement, page by page (keyset on settled_at, settlement_id), so
 * a pair with a hundred thousand settlements can be listed, exported or checked without holding it all.
 */
import { buildDrillDownRows, type DrillDownRow } from '../../core/clearing/index.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { readRun } from '../../store/repositories/clearing.ts';
import { readPairPage } from '../../store/repositories/clearing-details.ts';
import type { AppContext } from '../context.ts';
import { getStatement, type StatementView } from './queries.ts';

export const DRILL_DOWN_PAGE_MAX = 1_000;

export interface DrillDownPage {
  readonly rows: readonly DrillDownRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

function decodeCursor(
  cursor: string | undefined,
): Result<{ settledAt: string; settlementId: string } | undefined> {
  if (!cursor) return ok(undefined);
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar <= 0) {
    return err(
      domainError('CLEARING_CURSOR_INVALID', '分页游标 cursor 无效，请使用上一页返回的 nextCursor。', {
        field: 'cursor',
      }),
    );
  }
  return ok({ settledAt: text.slice(0, bar), settlementId: text.slice(bar + 1) });
}

function encodeCursor(row: DrillDownRow): string {
  return Buffer.from(`${row.settledAt}|${row.settlementId}`, 'utf8').toString('base64url');
}

async function pageOf(
  ctx: AppContext,
  statement: StatementView,
  cursor: string | undefined,
  limit: number,
): Promise<Result<DrillDownPage>> {
  const after = decodeCursor(cursor);
  if (!after.ok) return after;
  const run = await readRun(ctx.store.db, statement.runId);
  if (!run) throw new Error(`statement ${statement.statementId} names unknown run ${statement.runId}`);
  const size = Math.max(1, Math.min(DRILL_DOWN_PAGE_MAX, Math.trunc(limit)));
  const { settlements, funds } = await readPairPage(ctx.store.db, {
    insuredRegionCode: statement.insuredRegionCode,
    treatmentRegionCode: statement.treatmentRegionCode,
    startIso: run.range_start,
    endIso: run.range_end,
    periodStartIso: run.range_start,
    after: after.value,
    limit: size,
  });
  const rows = buildDrillDownRows(settlements, funds);
  const last = rows.at(-1);
  return ok({ rows, nextCursor: rows.length === size && last ? encodeCursor(last) : null });
}

export async function listStatementSettlements(
  ctx: AppContext,
  statementId: string,
  options: { cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<Result<DrillDownPage>> {
  const statement = await getStatement(ctx, statementId);
  if (!statement.ok) return statement;
  return pageOf(ctx, statement.value, options.cursor, options.limit ?? 200);
}

/** Every drill-down row of a statement, page by page (exports). */
export async function* allStatementSettlements(
  ctx: AppContext,
  statement: StatementView,
): AsyncGenerator<DrillDownRow> {
  let cursor: string | undefined;
  for (;;) {
    const page = await pageOf(ctx, statement, cursor, DRILL_DOWN_PAGE_MAX);
    if (!page.ok) throw new Error(page.error.message);
    yield* page.value.rows;
    if (!page.value.nextCursor) return;
    cursor = page.value.nextCursor;
  }
}
