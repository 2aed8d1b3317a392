/**
 * 结算撤销 (2208 outpatient, 2305 inpatient; 2601 reversal of 2207/2304): the whole group is reversed
 * by new rows with negated amounts linked to the originals (append-only), the insured side takes back
 * its accumulator deltas and returns the account payment, and the lines become unsettled again.
 * Within a visit, settlements are cancelled newest first (R-C3).
 */
import { err, ok, type Result } from '../../core/errors.ts';
import { fen } from '../../core/money/index.ts';
import { cancelSettlement, type SettlementResult } from '../../core/settlement/index.ts';
import { releaseFeeLines } from '../../store/repositories/fee-lines.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import {
  findFundLines,
  findReversalsOf,
  findSettlementGroup,
  findSettlementsOfVisit,
  insertSettlement,
  type PostedSettlement,
} from '../../store/repositories/settlements.ts';
import { updateVisit } from '../../store/repositories/visits.ts';
import { hisErrors } from '../his/errors.ts';
import { issueId } from '../his/ids.ts';
import type { HisEnv } from '../his/message.ts';
import { assertUpdated, loadOwnVisit } from '../his/visit-access.ts';
import { inProcessPeer } from './in-process-peer.ts';
import { amountsOnly, type GroupPart, type SettlementGroup } from './settlement-group.ts';

export interface CancelSettlementCommand {
  readonly kind: 'outpatient' | 'inpatient';
  readonly groupId: string;
  readonly visitId: string;
  readonly psnNo: string;
}

/** The stored core result of a posted group (kept on its first row). */
export function storedResult(first: PostedSettlement): {
  midStay: boolean;
  visitSeq: number;
  result: SettlementResult;
} {
  return first.result as { midStay: boolean; visitSeq: number; result: SettlementResult };
}

/** Live (not reversed) settlement rows of a visit, grouped, oldest first. */
async function liveGroupsOfVisit(env: HisEnv, visitId: string): Promise<Map<string, PostedSettlement[]>> {
  const rows = await findSettlementsOfVisit(env.tx, visitId);
  const reversed = new Set(rows.map((r) => r.reversesId).filter((id) => id !== null));
  const groups = new Map<string, PostedSettlement[]>();
  for (const r of rows) {
    if (r.kind !== 'settlement' || reversed.has(r.settlementId)) continue;
    groups.set(r.groupId, [...(groups.get(r.groupId) ?? []), r]);
  }
  return groups;
}

export async function cancelSettlementGroup(
  env: HisEnv,
  command: CancelSettlementCommand,
): Promise<Result<SettlementGroup>> {
  const loaded = await loadOwnVisit(env, command.visitId, command.psnNo, command.kind);
  if (!loaded.ok) return loaded;
  const visit = loaded.value;
  const rows = (await findSettlementGroup(env.tx, command.groupId)).filter((r) => r.kind === 'settlement');
  const first = rows[0];
  if (first === undefined || first.visitId !== visit.visitId)
    return err(hisErrors.settlementNotFound(command.groupId));
  if (
    (
      await findReversalsOf(
        env.tx,
        rows.map((r) => r.settlementId),
      )
    ).length > 0
  ) {
    return err(hisErrors.settlementAlreadyCancelled(command.groupId));
  }
  const seq = storedResult(first).visitSeq;
  const later = [...(await liveGroupsOfVisit(env, visit.visitId)).values()].some(
    (g) => g[0]!.groupId !== command.groupId && storedResult(g[0]!).visitSeq > seq,
  );
  if (later) return err(hisErrors.settlementNotLatest(command.groupId));

  const person = await lockPerson(env.tx, env.ctx.store.dialect, command.psnNo);
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${command.psnNo}`));
  const { midStay, result } = storedResult(first);
  const reversalGroupId = issueId(env.institution.regionCode, env.now.compactMs);
  const reversal = cancelSettlement(result, { reversalId: reversalGroupId, reversedAt: env.now.iso });
  const balanceAfter = person.accountBalanceFen + reversal.accountRefundFen;
  const funds = await findFundLines(
    env.tx,
    rows.map((r) => r.settlementId),
  );
  const parts: GroupPart[] = [];
  for (const [i, original] of rows.entries()) {
    const part = reversal.parts[i]!;
    const id = `${reversalGroupId}-${part.partNo}`;
    await insertSettlement(
      env.tx,
      {
        ...original,
        settlementId: id,
        groupId: reversalGroupId,
        settledAt: env.now.dateTime,
        kind: 'reversal',
        reversesId: original.settlementId,
        msgid: env.call.msgid,
        totalFen: part.totalFen,
        fullOwnPayFen: part.fullOwnPayFen,
        overLimitFen: part.overLimitFen,
        classBCopayFen: part.classBCopayFen,
        inScopeFen: part.inScopeFen,
        deductibleFen: part.deductiblePaidFen,
        fundPayFen: part.fundTotalFen,
        accountPayFen: part.accountFen,
        cashFen: part.cashFen,
        hospitalPartFen: part.hospitalBorneFen,
        accountBalanceAfterFen: balanceAfter,
        result: { reversesGroupId: command.groupId, partNo: part.partNo, amounts: amountsOnly(part) },
      },
      funds
        .filter((f) => f.settlementId === original.settlementId)
        .map((f) => ({ ...f, settlementId: id, payFen: -f.payFen, inScopeFen: -f.inScopeFen })),
    );
    parts.push({
      ...part,
      settlementId: id,
      clearingType: original.clearingType,
      pooledRatioBp: 0,
      traceZh: [`撤销结算 ${original.settlementId}：各项金额按原结算取负冲销，年度累计与个人账户同步退回。`],
    });
  }
  await inProcessPeer(env.tx, env.ctx.store.dialect).postReversal(
    reversal,
    parts[0]!.settlementId!,
    env.now.dateTime,
  );
  await releaseFeeLines(
    env.tx,
    rows.map((r) => r.settlementId),
  );
  if (visit.status === 'settled' && !midStay) {
    assertUpdated(
      await updateVisit(env.tx, visit.visitId, visit.rowVersion, { status: 'discharged' }),
      visit.visitId,
    );
  }
  return ok({
    groupId: reversalGroupId,
    kind: 'reversal',
    reversesGroupId: command.groupId,
    settledAt: env.now.dateTime,
    msgid: env.call.msgid,
    person: { ...person, accountBalanceFen: fen(balanceAfter) },
    visit,
    medTypeCode: first.medType,
    situation: first.situation,
    situationReason: '',
    parts,
    totals: reversal.totals,
    accountBalanceAfterFen: balanceAfter,
    midStay,
  });
}
