/**
 * Institution reconciliation by settlement GROUP: the national interface answers one 结算ID (setl_id) per
 * 2207/2304/2208/2305 — the group id — while a group of several parts has one settlements row per part
 * (`<group>-<n>`). The national 3202 therefore compares groups: the parts within the scope, summed.
 * The scope filter is the one of the reconciliation by row (clearing-details.ts), so the two read the same
 * rows.
 */
import { fen } from '../../core/money/index.ts';
import { type InstitutionScope, settlementsInScope } from './clearing-details.ts';
import type { Executor } from './executor.ts';

/** One record per settlement group in scope (amounts of its parts in scope summed), by group id. */
export async function readInstitutionDetailGroups(db: Executor, scope: InstitutionScope) {
  const rows = await settlementsInScope(db, scope)
    .select((eb) => [
      'group_id',
      eb.fn.min('visit_id').as('visit_id'),
      eb.fn.min('psn_no').as('psn_no'),
      eb.fn.min('kind').as('kind'),
      eb.fn.min('msgid').as('msgid'),
      eb.cast<number>(eb.fn.sum('total_fen'), 'bigint').as('total_fen'),
      eb.cast<number>(eb.fn.sum('fund_pay_fen'), 'bigint').as('fund_pay_fen'),
      eb.cast<number>(eb.fn.sum('account_pay_fen'), 'bigint').as('account_pay_fen'),
    ])
    .groupBy('group_id')
    .orderBy('group_id')
    .execute();
  return rows.map((r) => ({
    settlementId: r.group_id,
    visitId: String(r.visit_id),
    psnNo: String(r.psn_no),
    medicalTotalFen: fen(Number(r.total_fen)),
    fundPayFen: fen(Number(r.fund_pay_fen)),
    accountPayFen: fen(Number(r.account_pay_fen)),
    refund: r.kind === 'reversal',
    msgid: String(r.msgid),
  }));
}

/** Where settlement groups the scope did not find actually are (for a helpful message), by group id. */
export async function readSettlementGroupPlaces(db: Executor, groupIds: readonly string[]) {
  const out: { settlementId: string; institutionCode: string; settledAt: string }[] = [];
  for (let i = 0; i < groupIds.length; i += 500) {
    const rows = await db
      .selectFrom('settlements')
      .select((eb) => [
        'group_id',
        eb.fn.min('institution_code').as('institution_code'),
        eb.fn.min('settled_at').as('settled_at'),
      ])
      .where('group_id', 'in', groupIds.slice(i, i + 500))
      .groupBy('group_id')
      .execute();
    for (const r of rows) {
      out.push({
        settlementId: r.group_id,
        institutionCode: String(r.institution_code),
        settledAt: String(r.settled_at),
      });
    }
  }
  return out;
}
