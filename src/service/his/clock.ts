/**
 * China Standard Time renderings of an instant. The national interface speaks local time
 * (UTC+8, no daylight saving), so these are exact without a time-zone database.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

export interface ChinaTime {
  /** 'YYYY-MM-DD' */
  readonly date: string;
  /** 'YYYY-MM-DD HH:mm:ss' (the interface's 日期时间型) */
  readonly dateTime: string;
  /** 'YYYY-MM-DDTHH:mm:ss+08:00' (ISO with offset, for the core) */
  readonly iso: string;
  /** 'yyyyMMddHHmmssSSS' */
  readonly compactMs: string;
  readonly year: number;
}

export function chinaTime(instant: Date): ChinaTime {
  const shifted = new Date(instant.getTime() + OFFSET_MS).toISOString(); // 2026-03-05T02:30:00.123Z
  const date = shifted.slice(0, 10);
  const time = shifted.slice(11, 19);
  return {
    date,
    dateTime: `${date} ${time}`,
    iso: `${date}T${time}+08:00`,
    compactMs: `${date.replaceAll('-', '')}${time.replaceAll(':', '')}${shifted.slice(20, 23)}`,
    year: Number(date.slice(0, 4)),
  };
}
