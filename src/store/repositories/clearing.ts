/**
 * Clearing runs and their posted results: statements with lines, institution payables, region
 * positions, statement events and period closures. Everything here is append-only; "the current draft"
 * of a period is its highest-numbered run.
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { ClearingResult, StatementAction } from '../../core/clearing/index.ts';
import type {
  ClearingClosuresTable,
  ClearingRunsTable,
  ClearingStatementEventsTable,
  ClearingStatementLinesTable,
  ClearingStatementsTable,
} from '../schema.ts';
import type { Executor } from './executor.ts';

const INSERT_CHUNK = 500;

async function insertChunked<R>(rows: readonly R[], insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

export function runIdOf(period: string, runNo: number): string {
  return `${period}-r${runNo}`;
}

export function statementIdOf(runId: string, insured: string, treatment: string): string {
  return `${runId}-${insured}-${treatment}`;
}

export async function readClosure(db: Executor, period: string): Promise<ClearingClosuresTable | undefined> {
  return db.selectFrom('clearing_closures').selectAll().where('period', '=', period).executeTakeFirst();
}

export async function readCurrentRun(db: Executor, period: string): Promise<ClearingRunsTable | undefined> {
  return db
    .selectFrom('clearing_runs')
    .selectAll()
    .where('period', '=', period)
    .orderBy('run_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function readRun(db: Executor, runId: string): Promise<ClearingRunsTable | undefined> {
  return db.selectFrom('clearing_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
}

/** Writes one run and everything it computed. */
export async function insertRun(db: Executor, run: ClearingRunsTable, result: ClearingResult): Promise<void> {
  await db.insertInto('clearing_runs').values(run).execute();
  const statements = result.statements.map((s) => ({
    statement_id: statementIdOf(run.run_id, s.insuredRegionCode, s.treatmentRegionCode),
    run_id: run.run_id,
    period: run.period,
    insured_region_code: s.insuredRegionCode,
    treatment_region_code: s.treatmentRegionCode,
    settlement_count: s.settlementCount,
    adjustment_count: s.adjustmentCount,
    medical_total_fen: s.medicalTotalFen,
    fund_total_fen: s.fundTotalFen,
    account_total_fen: s.accountTotalFen,
    adjustment_fen: s.adjustmentFen,
    total_fen: s.totalFen,
  }));
  await insertChunked(statements, (chunk) => db.insertInto('clearing_statements').values(chunk).execute());
  const lines = result.statements.flatMap((s) =>
    s.lines.map((l) => ({
      statement_id: statementIdOf(run.run_id, s.insuredRegionCode, s.treatmentRegionCode),
      fund_type: l.fundType,
      amount_fen: l.amountFen,
      adjustment_fen: l.adjustmentFen,
      row_count: l.rowCount,
    })),
  );
  await insertChunked(lines, (chunk) => db.insertInto('clearing_statement_lines').values(chunk).execute());
  await insertChunked(
    result.institutionPayables.map((p) => ({
      run_id: run.run_id,
      institution_code: p.institutionCode,
      treatment_region_code: p.treatmentRegionCode,
      amount_fen: p.amountFen,
      settlement_count: p.settlementCount,
    })),
    (chunk) => db.insertInto('clearing_institution_payables').values(chunk).execute(),
  );
  await insertChunked(
    result.positions.map((p) => ({
      run_id: run.run_id,
      region_code: p.regionCode,
      receivable_fen: p.receivableFen,
      payable_fen: p.payableFen,
      net_fen: p.netFen,
      advance_held_fen: p.advanceHeldFen,
      advance_paid_fen: p.advancePaidFen,
      net_after_advance_fen: p.netAfterAdvanceFen,
    })),
    (chunk) => db.insertInto('clearing_positions').values(chunk).execute(),
  );
}

export async function readStatements(db: Executor, runId: string): Promise<ClearingStatementsTable[]> {
  return db
    .selectFrom('clearing_statements')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('insured_region_code')
    .orderBy('treatment_region_code')
    .execute();
}

export async function countStatements(db: Executor, runId: string): Promise<number> {
  const row = await db
    .selectFrom('clearing_statements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function readStatement(
  db: Executor,
  statementId: string,
): Promise<ClearingStatementsTable | undefined> {
  return db
    .selectFrom('clearing_statements')
    .selectAll()
    .where('statement_id', '=', statementId)
    .executeTakeFirst();
}

export async function readLines(db: Executor, statementId: string): Promise<ClearingStatementLinesTable[]> {
  return db
    .selectFrom('clearing_statement_lines')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('fund_type')
    .execute();
}

export async function readEvents(
  db: Executor,
  statementId: string,
): Promise<Selectable<ClearingStatementEventsTable>[]> {
  return db
    .selectFrom('clearing_statement_events')
    .selectAll()
    .where('statement_id', '=', statementId)
    .orderBy('id')
    .execute();
}

/** The latest decision of each statement of a run (absent: pending). */
export async function readLatestActions(db: Executor, runId: string): Promise<Map<string, StatementAction>> {
  const rows = await db
    .selectFrom('clearing_statement_events as e')
    .innerJoin('clearing_statements as s', 's.statement_id', 'e.statement_id')
    .select(['e.statement_id', 'e.action', 'e.id'])
    .where('s.run_id', '=', runId)
    .orderBy('e.id')
    .execute();
  return new Map(rows.map((r) => [r.statement_id, r.action]));
}

export async function insertEvent(
  db: Executor,
  event: Insertable<ClearingStatementEventsTable>,
): Promise<void> {
  await db.insertInto('clearing_statement_events').values(event).execute();
}

export async function insertClosure(db: Executor, closure: ClearingClosuresTable): Promise<void> {
  await db.insertInto('clearing_closures').values(closure).execute();
}

export async function readPositions(db: Executor, runId: string) {
  return db
    .selectFrom('clearing_positions')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('region_code')
    .execute();
}

export async function readPayables(db: Executor, runId: string) {
  return db
    .selectFrom('clearing_institution_payables')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('treatment_region_code')
    .orderBy('institution_code')
    .execute();
}

/** Every period's current run and closure, newest period first. */
export async function listPeriods(db: Executor) {
  return db
    .selectFrom('clearing_runs as r')
    .leftJoin('clearing_closures as c', 'c.period', 'r.period')
    .select([
      'r.period',
      'r.run_id',
      'r.run_no',
      'r.settlement_count',
      'r.total_fen',
      'r.created_at',
      'c.closed_at',
      'c.run_id as closed_run_id',
    ])
    .where(
      'r.run_no',
      '=',
      sql<number>`(select max(r2.run_no) from clearing_runs r2 where r2.period = r.period)`,
    )
    .orderBy('r.period', 'desc')
    .execute();
}
