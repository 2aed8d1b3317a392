/** Rebuilding a posted group (settlement or reversal) from its rows, for queries (5203). */
import { err, ok, type Result } from '../../core/errors.ts';
import { fen } from '../../core/money/index.ts';
import type { FundType } from '../../core/reference/codes.ts';
import type { SettlementAmounts, SettlementCategory } from '../../core/settlement/index.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import {
  findFundLines,
  findReversalsOf,
  findSettlementGroup,
  type PostedSettlement,
} from '../../store/repositories/settlements.ts';
import { hisErrors } from '../his/errors.ts';
import type { HisEnv } from '../his/message.ts';
import { loadOwnVisit } from '../his/visit-access.ts';
import { storedResult } from './cancel-settlement.ts';
import { amountsOnly, type GroupPart, type SettlementGroup } from './settlement-group.ts';

export interface GroupView extends SettlementGroup {
  /** For a settlement: whether it has been reversed since (退费结算标志). */
  readonly reversed: boolean;
}

function amountsOf(row: PostedSettlement, stored: SettlementAmounts | undefined): SettlementAmounts {
  if (stored !== undefined) return amountsOnly(stored);
  const kept = (row.result as { amounts?: SettlementAmounts }).amounts;
  if (kept !== undefined) return kept;
  // Reversal rows keep only the posted columns; fund detail comes from their fund lines.
  const z = fen(0);
  return {
    totalFen: fen(row.totalFen),
    fullOwnPayFen: fen(row.fullOwnPayFen),
    overLimitFen: fen(row.overLimitFen),
    classBCopayFen: fen(row.classBCopayFen),
    inScopeFen: fen(row.inScopeFen),
    deductiblePaidFen: fen(row.deductibleFen),
    pooledFen: z,
    civilServantFen: z,
    enterpriseSupplementFen: z,
    seriousIllnessFen: z,
    largeAmountFen: z,
    assistanceFen: z,
    otherFundFen: z,
    fundTotalFen: fen(row.fundPayFen),
    personalFen: fen(row.accountPayFen + row.cashFen),
    accountFen: fen(row.accountPayFen),
    cashFen: fen(row.cashFen),
    hospitalBorneFen: fen(row.hospitalPartFen),
  };
}

export async function loadGroupView(
  env: HisEnv,
  query: { groupId: string; visitId: string; psnNo: string },
): Promise<Result<GroupView>> {
  const visit = await loadOwnVisit(env, query.visitId, query.psnNo, null);
  if (!visit.ok) return visit;
  const rows = await findSettlementGroup(env.tx, query.groupId);
  const first = rows[0];
  if (first === undefined || first.visitId !== query.visitId)
    return err(hisErrors.settlementNotFound(query.groupId));
  const person = await findPerson(env.tx, { by: 'psn_no', value: query.psnNo });
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${query.psnNo}`));
  const funds = await findFundLines(
    env.tx,
    rows.map((r) => r.settlementId),
  );
  const isSettlement = first.kind === 'settlement';
  const core = isSettlement ? storedResult(first).result : undefined;
  const parts: GroupPart[] = rows.map((row, i) => {
    const corePart = core?.parts[i];
    const amounts = amountsOf(row, corePart);
    return {
      ...amounts,
      settlementId: row.settlementId,
      partNo: i + 1,
      category: row.category as SettlementCategory,
      diseaseCode: row.diseaseCode,
      clearingType: row.clearingType,
      pooledRatioBp: corePart?.pooledRatioBp ?? 0,
      fundLines: funds
        .filter((f) => f.settlementId === row.settlementId)
        .map((f) => ({
          fundType: f.fundType as FundType,
          payFen: fen(f.payFen),
          inScopeFen: fen(f.inScopeFen),
          payableLimitFen: fen(f.payableLimitFen),
        })),
      traceZh:
        core === undefined
          ? []
          : core.trace.filter((s) => s.partNo === i + 1 || s.partNo === 0).map((s) => s.formulaZh),
    };
  });
  const totals = core?.totals ?? sumParts(parts);
  const reversed =
    isSettlement &&
    (
      await findReversalsOf(
        env.tx,
        rows.map((r) => r.settlementId),
      )
    ).length > 0;
  return ok({
    groupId: query.groupId,
    kind: first.kind,
    reversesGroupId: isSettlement
      ? null
      : ((first.result as { reversesGroupId?: string }).reversesGroupId ?? null),
    settledAt: first.settledAt,
    msgid: first.msgid,
    person,
    visit: visit.value,
    medTypeCode: first.medType,
    situation: first.situation,
    situationReason: '',
    parts,
    totals,
    accountBalanceAfterFen: rows[rows.length - 1]!.accountBalanceAfterFen,
    midStay: core === undefined ? false : storedResult(first).midStay,
    reversed,
  });
}

function sumParts(parts: readonly SettlementAmounts[]): SettlementAmounts {
  const out: Record<string, number> = {};
  for (const p of parts)
    for (const [k, v] of Object.entries(p))
      if (typeof v === 'number' && k.endsWith('Fen')) out[k] = (out[k] ?? 0) + v;
  return out as unknown as SettlementAmounts;
}
