/** Working-day calendar (R-R2): pure arithmetic over an injected holiday table. */
export {
  type Calendar,
  type CalendarWarning,
  CalendarWarningCode,
  type CountAnswer,
  createCalendar,
  type DateAnswer,
  type DaysLeftAnswer,
  type WorkingDayAnswer,
} from './calendar.ts';
export { addDays, addMonths, chinaDateOf, type IsoDate, isIsoDate, toDayNumber } from './iso-date.ts';
export {
  type CalendarOverrideTable,
  type CalendarTable,
  CalendarTableErrorCode,
  mergeTables,
  validateCalendarTable,
} from './table.ts';
