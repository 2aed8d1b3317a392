/**
 * The State Council's published schedules for 2025 (国办发明电〔2024〕12号) and 2026
 * (国办发明电〔2025〕7号), typed in by hand from the notices. Tests use it to check the calendar on real
 * data without importing the service layer, and to cross-check the data package the service loads.
 */
import type { CalendarTable } from './table.ts';

function run(from: string, days: number): string[] {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  return Array.from({ length: days }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10),
  );
}

export const official2025And2026: CalendarTable = {
  holidays: [
    // 2025: 元旦, 春节 (8 days), 清明, 劳动节, 端午, 国庆节+中秋节 (8 days)
    ...run('2025-01-01', 1),
    ...run('2025-01-28', 8),
    ...run('2025-04-04', 3),
    ...run('2025-05-01', 5),
    ...run('2025-05-31', 3),
    ...run('2025-10-01', 8),
    // 2026: 元旦, 春节 (9 days), 清明, 劳动节, 端午, 中秋节, 国庆节
    ...run('2026-01-01', 3),
    ...run('2026-02-15', 9),
    ...run('2026-04-04', 3),
    ...run('2026-05-01', 5),
    ...run('2026-06-19', 3),
    ...run('2026-09-25', 3),
    ...run('2026-10-01', 7),
  ],
  workdays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
  knownFrom: '2025-01-01',
  knownTo: '2026-12-31',
};
