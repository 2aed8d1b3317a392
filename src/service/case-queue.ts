/**
 * 综合柜员制待办 — one queue for every case type of a region's agency (R-P3), sorted by deadline, with
 * the working days left on China's official calendar (R-R2). Each case type contributes a CaseSource;
 * the workflow services (filing, chronic application, manual claim, transfer, complaint) register theirs
 * with registerCaseSource as they land. The queue only reads: decisions go through those services.
 */
import { chinaDateOf } from '../core/calendar/index.ts';
import { loadCalendar } from './calendar/index.ts';
import type { AppContext } from './context.ts';

/** One open case as a source reports it; `regionCode` scoping is the source's duty and is re-checked here. */
export interface OpenCase {
  readonly caseId: string;
  readonly regionCode: string;
  readonly personName: string;
  readonly summaryZh: string;
  readonly statusZh: string;
  readonly submittedAt: string;
  /** ISO date by which the case must be decided (e.g. 2 working days for online filings, R-F2). */
  readonly deadlineDate: string;
  /** Where the console opens the case (a page path of the web app), when there is one. */
  readonly openPath?: string;
}

export interface CaseSource {
  /** Stable case-type key, e.g. 'filing', 'chronic', 'claim', 'transfer', 'complaint'. */
  readonly kind: string;
  readonly kindZh: string;
  /** Open cases of the agency of `regionCode` (the insured region for person-initiated cases). */
  listOpen(ctx: AppContext, regionCode: string): Promise<readonly OpenCase[]>;
}

const sources = new Map<string, CaseSource>();

/** Called once by each workflow service module (a later registration of a kind replaces the earlier). */
export function registerCaseSource(source: CaseSource): void {
  sources.set(source.kind, source);
}

export function caseSources(): readonly CaseSource[] {
  return [...sources.values()];
}

export interface QueueEntry extends OpenCase {
  readonly kind: string;
  readonly kindZh: string;
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
}

export interface CaseQueue {
  readonly kinds: readonly { kind: string; kindZh: string }[];
  readonly entries: readonly QueueEntry[];
}

/** The region's queue, most urgent first. */
export async function caseQueue(ctx: AppContext, regionCode: string): Promise<CaseQueue> {
  const today = chinaDateOf(ctx.now().toISOString());
  // The same calendar as the workflows' deadlines: the published schedule plus administrator overrides.
  const calendar = await loadCalendar(ctx);
  const entries: QueueEntry[] = [];
  for (const source of caseSources()) {
    for (const c of await source.listOpen(ctx, regionCode)) {
      if (c.regionCode !== regionCode) continue; // defence in depth: never show another region's case
      const left = calendar.workingDaysLeft(today, c.deadlineDate);
      entries.push({
        ...c,
        kind: source.kind,
        kindZh: source.kindZh,
        workingDaysLeft: left.days,
        overdue: left.overdue,
      });
    }
  }
  entries.sort(
    (a, b) => a.deadlineDate.localeCompare(b.deadlineDate) || a.submittedAt.localeCompare(b.submittedAt),
  );
  return { kinds: caseSources().map((s) => ({ kind: s.kind, kindZh: s.kindZh })), entries };
}
