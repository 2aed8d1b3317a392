/** 预付金 movements between regions (append-only) and their balances per region pair. */
import { type Insertable, sql } from 'kysely';
import type { AdvanceBalance } from '../../core/clearing/index.ts';
import { fen } from '../../core/money/index.ts';
import type { ClearingAdvancesTable } from '../schema.ts';
import type { Executor } from './executor.ts';

export type NewAdvance = Insertable<ClearingAdvancesTable>;

export async function insertAdvance(db: Executor, advance: NewAdvance): Promise<number> {
  const row = await db
    .insertInto('clearing_advances')
    .values(advance)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function listAdvances(db: Executor, limit = 1_000) {
  return db.selectFrom('clearing_advances').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Balances of the movements effective before `beforeDate` (yyyy-MM-dd, exclusive). */
export async function advanceBalances(db: Executor, beforeDate: string): Promise<AdvanceBalance[]> {
  const rows = await db
    .selectFrom('clearing_advances')
    .select([
      'insured_region_code',
      'treatment_region_code',
      sql<number>`cast(sum(amount_fen) as bigint)`.as('amount'),
    ])
    .where('effective_date', '<', beforeDate)
    .groupBy(['insured_region_code', 'treatment_region_code'])
    .orderBy('insured_region_code')
    .orderBy('treatment_region_code')
    .execute();
  return rows
    .map((r) => ({
      insuredRegionCode: r.insured_region_code,
      treatmentRegionCode: r.treatment_region_code,
      amountFen: fen(Number(r.amount)),
    }))
    .filter((a) => a.amountFen !== 0);
}
