/**
 * 个人账户 — the personal account's balance (on the person row) and its append-only movements, each
 * with before/after/version so a lost update would show as a gap or a mismatch.
 */
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
  const last = await db
    .selectFrom('account_movements')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('psn_no', '=', movement.psnNo)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
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
      version,
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
