/**
 * Puts transfers waiting on a region into its agency's one-window queue (R-P3): the outgoing side's
 * confirmations and the incoming side's acceptances, as service/case-queue.ts asks of every workflow.
 */
import { registerCaseSource } from '../case-queue.ts';
import type { AppContext } from '../context.ts';
import { regionTransferQueue } from './queries.ts';

async function listOpen(ctx: AppContext, regionCode: string) {
  return (await regionTransferQueue(ctx, regionCode)).map((i) => ({
    caseId: i.caseId,
    regionCode,
    personName: i.personName,
    summaryZh: `关系转移 ${i.fromRegionCode} → ${i.toRegionCode}，${i.awaiting === 'outgoing_confirmation' ? '待转出确认' : '待转入接收'}${
      i.atRisk ? `（预警：${i.atRiskReasonZh}）` : ''
    }`,
    statusZh: i.statusZh,
    submittedAt: i.submittedAt,
    deadlineDate: i.deadlineDate,
  }));
}

registerCaseSource({ kind: 'transfer', kindZh: '关系转移接续', listOpen });
