/**
 * Puts complaints awaiting a reply (投诉待答复, R-P4) into the agency's one-window queue (综合柜员制待办,
 * R-P3), as service/case-queue.ts asks of every workflow. Loaded by complaints.ts.
 *
 * Reply deadline: 15 working days from filing on the official calendar (`loadCalendar`). A common
 * service commitment for 12393 医保服务热线 complaints, used here as a demo parameter — not a national
 * rule; a region's own commitment would replace it.
 */
import { loadCalendar } from './calendar/index.ts';
import { registerCaseSource } from './case-queue.ts';
import type { AppContext } from './context.ts';
import { maskPersonName } from './reimbursement/caller.ts';

/** Demo parameter: working days within which an open complaint must be answered. */
export const COMPLAINT_REPLY_WORKING_DAYS = 15;

async function listOpen(ctx: AppContext, regionCode: string) {
  const rows = await ctx.store.db
    .selectFrom('complaints as c')
    .leftJoin('persons as p', 'p.psn_no', 'c.psn_no')
    .select(['c.complaint_id', 'c.insured_region_code', 'c.psn_no', 'c.topic', 'c.created_at', 'p.name'])
    .where('c.insured_region_code', '=', regionCode)
    .where('c.status', '=', 'open')
    .orderBy('c.created_at')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(ctx);
  return rows.map((r) => ({
    caseId: r.complaint_id,
    regionCode: r.insured_region_code,
    personName: r.name ? maskPersonName(r.name) : r.psn_no,
    summaryZh: `投诉：${r.topic}`,
    statusZh: '待答复',
    submittedAt: r.created_at,
    deadlineDate: calendar.deadlineFrom(r.created_at, COMPLAINT_REPLY_WORKING_DAYS).date,
    openPath: '/agency/complaints',
  }));
}

registerCaseSource({ kind: 'complaint', kindZh: '投诉', listOpen });
