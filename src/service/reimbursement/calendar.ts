/**
 * The working-day calendar every reimbursement, upload and transfer deadline uses: the published
 * schedule merged with the administrator's overrides (service/calendar). One function, so the source
 * can change without touching the workflows. Load it before opening a transaction.
 */
import type { Calendar } from '../../core/calendar/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import type { AppContext } from '../context.ts';

export function workingCalendar(ctx: Pick<AppContext, 'store'>): Promise<Calendar> {
  return loadCalendar(ctx);
}
