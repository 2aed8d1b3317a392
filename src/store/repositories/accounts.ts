/**
 * 个人账户 — the personal account's balance (on the person row) and its append-only movements, each
 * with before/after/version so a lost update would show as a gap or a mismatch.
 */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export async function moveAccount(
  db: Executor,
  movement: {
    psnNo: string;
    settlementId: string | null;
    reason: string;
    deltaFen: number;
    balanceBeforeFen: number;
    at: string;
  },
): Promise<number> {
  const after = movement.balanceBeforeFen + movement.deltaFen;
  await db
    .insertInto('account_movements')
    .values({
      psn_no: movement.psnNo,
      settlement_id: movement.settlementId,
      reason: movement.reason,
      delta_fen: movement.deltaFen,
      balance_before_fen: movement.balanceBeforeFen,
      balance_after_fen: after,
      // The next version in the same statement; unique (psn_no, version) refuses a concurrent twin.
      version: db
        .selectFrom('account_movements')
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('version'))
        .where('psn_no', '=', movement.psnNo),
      created_at: movement.at,
    })
    .execute();
  await db
    .updateTable('persons')
    .set((eb) => ({ account_balance_fen: after, row_version: eb('row_version', '+', 1) }))
    .where('psn_no', '=', movement.psnNo)
    .execute();
  return after;
}
