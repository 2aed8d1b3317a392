/**
 * Re-posting a cancelled settlement (2601 reversal of a 2208/2305 cancellation): the cancellation is
 * itself undone by posting the original settlement again — same amounts, same accumulator deltas,
 * same lines — as a new group that names the one it restores. Refused when the lines changed since
 * (revoked or settled anew) or the account can no longer pay its part.
 */
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { findFeeLines, markFeeLinesSettled } from '../../store/repositories/fee-lines.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import {
  findFundLines,
  findSettlementGroup,
  findSettlementsOfVisit,
  insertSettlement,
  type PostedSettlement,
} from '../../store/repositories/settlements.ts';
import { findVisit, updateVisit } from '../../store/repositories/visits.ts';
import { hisErrors } from '../his/errors.ts';
import { issueId } from '../his/ids.ts';
import type { HisEnv } from '../his/message.ts';
import { assertUpdated } from '../his/visit-access.ts';
import { storedResult } from './cancel-settlement.ts';
import { inProcessPeer } from './in-process-peer.ts';

const notReversible = (operation: string, why: string) =>
  domainError('REVERSAL_NOT_REVERSIBLE', `原交易 ${operation} 不能冲正：${why}`, {
    field: 'originalOperation',
  });

export async function repostCancelledGroup(
  env: HisEnv,
  operation: string,
  reversalRows: readonly PostedSettlement[],
): Promise<Result<{ groupId: string }>> {
  const first = reversalRows[0]!;
  const originalGroupId = (first.result as { reversesGroupId: string }).reversesGroupId;
  const original = (await findSettlementGroup(env.tx, originalGroupId)).filter(
    (r) => r.kind === 'settlement',
  );
  const head = original[0];
  if (head === undefined) return err(hisErrors.settlementNotFound(originalGroupId));
  const visitRows = await findSettlementsOfVisit(env.tx, head.visitId);
  const already = visitRows.find(
    (r) =>
      r.kind === 'settlement' && (r.result as { repostsGroupId?: string }).repostsGroupId === originalGroupId,
  );
  if (already !== undefined) return ok({ groupId: already.groupId });

  const { midStay, result } = storedResult(head);
  const lineNos = new Set(result.parts.flatMap((p) => p.lines.map((l) => l.lineNo)));
  const lines = (await findFeeLines(env.tx, head.visitId)).filter((l) => lineNos.has(l.lineNo));
  if (lines.length !== lineNos.size || lines.some((l) => l.status !== 'uploaded')) {
    return err(notReversible(operation, '原结算的费用明细已被撤销或重新结算，请重新结算。'));
  }
  const person = await lockPerson(env.tx, env.ctx.store.dialect, head.psnNo);
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${head.psnNo}`));
  if (person.accountBalanceFen < result.totals.accountFen) {
    return err(notReversible(operation, '个人账户余额已不足以支付原结算的个人账户部分，请重新结算。'));
  }
  const visit = await findVisit(env.tx, head.visitId);
  if (visit === undefined) return err(hisErrors.visitNotFound(head.visitId));

  const groupId = issueId(env.institution.regionCode, env.now.compactMs);
  const visitSeq = visitRows.length + 1;
  const balanceAfter = person.accountBalanceFen - result.totals.accountFen;
  const funds = await findFundLines(
    env.tx,
    original.map((r) => r.settlementId),
  );
  for (const [i, row] of original.entries()) {
    const id = `${groupId}-${i + 1}`;
    await insertSettlement(
      env.tx,
      {
        ...row,
        settlementId: id,
        groupId,
        settledAt: env.now.dateTime,
        msgid: env.call.msgid,
        accountBalanceAfterFen: balanceAfter,
        result:
          i === 0
            ? {
                midStay,
                visitSeq,
                result: { ...result, settlementId: groupId },
                repostsGroupId: originalGroupId,
              }
            : { partOf: `${groupId}-1`, partNo: i + 1, repostsGroupId: originalGroupId },
      },
      funds.filter((f) => f.settlementId === row.settlementId).map((f) => ({ ...f, settlementId: id })),
    );
    await markFeeLinesSettled(
      env.tx,
      row.visitId,
      result.parts[i]!.lines.map((l) => l.lineNo),
      id,
    );
  }
  await inProcessPeer(env.tx, env.ctx.store.dialect).postBenefits(result, `${groupId}-1`, env.now.dateTime, {
    reposting: true,
  });
  if (visit.kind === 'inpatient' && !midStay && visit.status === 'discharged') {
    assertUpdated(
      await updateVisit(env.tx, visit.visitId, visit.rowVersion, { status: 'settled' }),
      visit.visitId,
    );
  }
  return ok({ groupId });
}
