/** 我的备案 and 待审核队列: what a person and an agency reviewer see. */
import { type CalendarWarning, chinaDateOf } from '../../core/calendar/index.ts';
import { filingsOfPerson, pendingFilings, personNames } from '../../store/repositories/filings.ts';
import { loadCalendar } from '../calendar/load.ts';
import type { AppContext } from '../context.ts';
import type { PersonCaller, StaffCaller } from './caller.ts';
import { type FilingView, viewOf } from './view.ts';

/** The person's filings, newest first, each with its full history. */
export async function listMyFilings(ctx: AppContext, caller: PersonCaller): Promise<FilingView[]> {
  const stored = await filingsOfPerson(ctx.store.db, caller.psnNo);
  return stored.map((s) => viewOf(s.filing)).reverse();
}

export interface QueueItem {
  readonly filing: FilingView;
  readonly personName: string | null;
  readonly deadlineDate: string;
  /** Working days from today to the deadline; negative once overdue (R-F2). */
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  /** The count touched dates beyond the loaded holiday schedule (R-R2). */
  readonly warnings: readonly CalendarWarning[];
}

export interface AgencyQueue {
  /** China-local date the working days are counted from. */
  readonly today: string;
  readonly items: readonly QueueItem[];
  readonly overdueCount: number;
}

/** The region's filings awaiting review, with the persons' names. */
export async function pendingWithNames(ctx: Pick<AppContext, 'store'>, regionCode: string) {
  const pending = await pendingFilings(ctx.store.db, regionCode);
  const names = await personNames(ctx.store.db, [...new Set(pending.map((p) => p.filing.personNo))]);
  return pending.map(({ filing }) => ({ filing, personName: names.get(filing.personNo) ?? null }));
}

/** Filings awaiting review in the staff member's region, most urgent first. */
export async function agencyQueue(ctx: AppContext, staff: StaffCaller): Promise<AgencyQueue> {
  const calendar = await loadCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  const pending = await pendingWithNames(ctx, staff.regionCode);
  const items = pending.map(({ filing, personName }): QueueItem => {
    const deadlineDate = filing.reviewDeadlineDate ?? today;
    const left = calendar.workingDaysLeft(today, deadlineDate);
    return {
      filing: viewOf(filing),
      personName,
      deadlineDate,
      workingDaysLeft: left.days,
      overdue: left.overdue,
      warnings: left.warnings,
    };
  });
  items.sort(
    (a, b) =>
      a.deadlineDate.localeCompare(b.deadlineDate) ||
      a.filing.submittedAt.localeCompare(b.filing.submittedAt),
  );
  return { today, items, overdueCount: items.filter((i) => i.overdue).length };
}
