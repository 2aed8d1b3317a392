/**
 * Puts chronic-disease applications awaiting review (门慢特申请待审核) into the agency's one-window queue
 * (综合柜员制待办, R-P3) beside filings, claims and transfers, as service/case-queue.ts asks of every
 * workflow. Loaded by this module's index.
 *
 * Review deadline: the chronic module defines none of its own, so the queue applies the filing-style
 * rule (R-F2): 2 working days from submission on the official calendar (`loadCalendar`, the published
 * schedule plus administrator overrides). A demo parameter until the region's chronic policy names one.
 */
import { loadCalendar } from '../calendar/index.ts';
import { registerCaseSource } from '../case-queue.ts';
import type { AppContext } from '../context.ts';
import { maskPersonName } from '../reimbursement/caller.ts';

/** Working days the agency has to decide an application, counted from the submission date. */
export const CHRONIC_REVIEW_WORKING_DAYS = 2;

async function listOpen(ctx: AppContext, regionCode: string) {
  const db = ctx.store.db;
  const rows = await db
    .selectFrom('chronic_applications as a')
    .leftJoin('persons as p', 'p.psn_no', 'a.psn_no')
    .select(['a.application_id', 'a.region_code', 'a.psn_no', 'a.disease_code', 'a.applied_at', 'p.name'])
    .where('a.region_code', '=', regionCode)
    .where('a.status', '=', 'pending_review')
    .orderBy('a.applied_at')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(ctx);
  return rows.map((r) => ({
    caseId: r.application_id,
    regionCode: r.region_code,
    personName: r.name ? maskPersonName(r.name) : r.psn_no,
    summaryZh: `门慢特病资格申请，病种 ${r.disease_code}`,
    statusZh: '待审核',
    submittedAt: r.applied_at,
    deadlineDate: calendar.deadlineFrom(r.applied_at, CHRONIC_REVIEW_WORKING_DAYS).date,
    openPath: '/agency/chronic',
  }));
}

registerCaseSource({ kind: 'chronic', kindZh: '门慢特病申请', listOpen });
