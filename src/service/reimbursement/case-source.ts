/**
 * Puts open manual claims into the agency's one-window queue (综合柜员制待办, R-P3) beside filings and the
 * other case types, as service/case-queue.ts asks of every workflow. Loaded by this service's index.
 */
import { chinaDateOf } from '../../core/calendar/index.ts';
import { fen, formatYuan } from '../../core/money/index.ts';
import { registerCaseSource } from '../case-queue.ts';
import type { AppContext } from '../context.ts';
import { workingCalendar } from './calendar.ts';
import { reimbursementQueueItems } from './queries.ts';

async function listOpen(ctx: AppContext, regionCode: string) {
  const calendar = await workingCalendar(ctx);
  const items = await reimbursementQueueItems(
    ctx.store.db,
    regionCode,
    chinaDateOf(ctx.now().toISOString()),
    calendar,
  );
  return items.map((i) => ({
    caseId: i.caseId,
    regionCode,
    personName: i.personName,
    summaryZh: `手工报销，单笔费用 ${formatYuan(fen(i.billTotalFen))} 元${i.fastTrack ? '（大额快速办）' : ''}`,
    statusZh: i.statusZh,
    submittedAt: i.submittedAt,
    deadlineDate: i.deadlineDate,
  }));
}

registerCaseSource({ kind: 'claim', kindZh: '手工报销', listOpen });
