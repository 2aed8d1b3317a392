/** What the service must do after a filing decision: queue rows, notices, follow-up transitions (outbox). */
import type { CalendarWarning, IsoDate } from '../calendar/index.ts';

export type FilingEffect =
  /** Put the filing in the agency's review queue with its deadline (R-F2). */
  | {
      readonly type: 'review_queued';
      readonly filingId: string;
      readonly deadlineDate: IsoDate;
      readonly warnings: readonly CalendarWarning[];
    }
  | { readonly type: 'review_closed'; readonly filingId: string }
  | {
      readonly type: 'notify_person';
      readonly filingId: string;
      readonly personNo: string;
      readonly message: string;
    }
  /** A change was approved: the service applies a 'supersede' event to the previous filing. */
  | {
      readonly type: 'supersede_previous';
      readonly filingId: string;
      readonly byFilingId: string;
      readonly effectiveOn: IsoDate;
    };
