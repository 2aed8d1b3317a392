/** The working-day calendar service: published schedule + administrator overrides (R-R2). */
export {
  type CalendarImport,
  CalendarImportErrorCode,
  type CalendarImportSummary,
  importCalendarOverrides,
  validateCalendarImport,
} from './import.ts';
export { CALENDAR_VERSION_KEY, currentCalendarTable, invalidateCalendar, loadCalendar } from './load.ts';
export { type CalendarYearView, calendarYear } from './show.ts';
