/**
 * 节假日安排导入 — the administrator adds next year's official schedule (or corrects a date) when the
 * State Council publishes it before the data package does. All or nothing: one bad row refuses the
 * whole file. Queued filings' review deadlines are recounted on the corrected calendar in the same
 * transaction, so the queue never shows a deadline reckoned on a guess that is no longer needed.
 */
import { randomUUID } from 'node:crypto';
import { createCalendar, isIsoDate } from '../../core/calendar/index.ts';
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import {
  type CalendarOverrideRow,
  readCalendarOverrides,
  writeCalendarOverrides,
} from '../../store/repositories/calendar-overrides.ts';
import { pendingFilings, setReviewDeadline } from '../../store/repositories/filings.ts';
import { writeSetting } from '../../store/repositories/settings.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { applyOverrides, CALENDAR_VERSION_KEY, invalidateCalendar, publishedTable } from './load.ts';

export const CalendarImportErrorCode = {
  Invalid: 'CALENDAR_IMPORT_INVALID',
  Empty: 'CALENDAR_IMPORT_EMPTY',
} as const;

/** One file of overrides; give knownFrom/knownTo when it is a whole published schedule (e.g. 2027). */
export interface CalendarImport {
  readonly rows: readonly { readonly date: string; readonly kind: string; readonly name?: string | null }[];
  readonly knownFrom?: string;
  readonly knownTo?: string;
}

export interface CalendarImportSummary {
  readonly batchId: string;
  readonly imported: number;
  readonly knownFrom: string;
  readonly knownTo: string;
  /** Queued filings whose review deadline moved: id, old and new deadline. */
  readonly rescheduled: readonly { readonly filingId: string; readonly from: string; readonly to: string }[];
}

export const MAX_CALENDAR_ROWS = 2000;

function invalid(field: string, message: string): DomainError {
  return domainError(CalendarImportErrorCode.Invalid, message, { ruleId: 'R-R2', field });
}

/** Checks the rows themselves: real dates, known kinds, each date once. */
export function validateCalendarImport(input: CalendarImport): Result<CalendarOverrideRow[]> {
  if (input.rows.length === 0 && input.knownFrom === undefined) {
    return err(
      domainError(CalendarImportErrorCode.Empty, '导入内容为空：请至少提供一行节假日或调休日期（rows）。', {
        ruleId: 'R-R2',
        field: 'rows',
      }),
    );
  }
  if (input.rows.length > MAX_CALENDAR_ROWS) {
    return err(invalid('rows', `一次最多导入 ${MAX_CALENDAR_ROWS} 个日期，请按年份分批导入。`));
  }
  const seen = new Set<string>();
  const rows: CalendarOverrideRow[] = [];
  for (const [i, row] of input.rows.entries()) {
    if (typeof row.date !== 'string' || !isIsoDate(row.date)) {
      return err(
        invalid(
          `rows[${i}].date`,
          `第 ${i + 1} 行日期“${String(row.date)}”无效，请按 YYYY-MM-DD 填写真实日期。`,
        ),
      );
    }
    if (row.kind !== 'holiday' && row.kind !== 'workday') {
      return err(
        invalid(
          `rows[${i}].kind`,
          `第 ${i + 1} 行（${row.date}）的类型“${String(row.kind)}”无效：放假填 holiday，调休上班填 workday。`,
        ),
      );
    }
    if (seen.has(row.date)) {
      return err(invalid(`rows[${i}].date`, `日期 ${row.date} 在导入内容中出现了不止一次，请只保留一行。`));
    }
    seen.add(row.date);
    rows.push({ date: row.date, kind: row.kind, name: row.name?.trim() || null });
  }
  return ok(rows);
}

function rangeOf(input: CalendarImport) {
  return input.knownFrom === undefined || input.knownTo === undefined
    ? undefined
    : { knownFrom: input.knownFrom, knownTo: input.knownTo };
}

export async function importCalendarOverrides(
  ctx: AppContext,
  input: CalendarImport,
  actor: { readonly id: string; readonly requestId?: string | null } = { id: 'admin' },
): Promise<Result<CalendarImportSummary>> {
  if ((input.knownFrom === undefined) !== (input.knownTo === undefined)) {
    return err(invalid('knownFrom', '已知范围须同时填写 knownFrom 和 knownTo，或都不填写。'));
  }
  for (const field of ['knownFrom', 'knownTo'] as const) {
    const value = input[field];
    if (value !== undefined && !isIsoDate(value)) {
      return err(invalid(field, `${field}“${value}”不是有效日期，请按 YYYY-MM-DD 填写（如 2027-01-01）。`));
    }
  }
  const checked = validateCalendarImport(input);
  if (!checked.ok) return checked;
  const rows = checked.value;
  const at = ctx.now().toISOString();
  const batchId = randomUUID();
  const result = await transact(ctx, async (tx) => {
    const stored = await readCalendarOverrides(tx);
    const range = rangeOf(input);
    // An imported date replaces what the store said about it.
    const named = new Set(rows.map((r) => r.date));
    const kept = stored.overrides.filter((o) => !named.has(o.date));
    const table = applyOverrides(
      publishedTable(),
      [...kept, ...rows].map((r) => ({ date: r.date, kind: r.kind })),
      range === undefined ? stored.ranges : [...stored.ranges, range],
    );
    if (!table.ok) return err(invalid(table.error.field ?? 'rows', table.error.message));
    await writeCalendarOverrides(tx, rows, range, { id: batchId, at });
    const rescheduled = await recountDeadlines(tx, createCalendar(table.value));
    await writeSetting(tx, CALENDAR_VERSION_KEY, batchId, at);
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: actor.id,
      role: 'admin',
      action: 'calendar.import',
      subject: batchId,
      requestId: actor.requestId ?? null,
      detail: { rows: rows.length, ...range, rescheduled },
    });
    return ok({
      batchId,
      imported: rows.length,
      knownFrom: table.value.knownFrom,
      knownTo: table.value.knownTo,
      rescheduled,
    });
  });
  invalidateCalendar(ctx.store);
  return result;
}

async function recountDeadlines(tx: Tx, calendar: ReturnType<typeof createCalendar>) {
  const moved: { filingId: string; from: string; to: string }[] = [];
  for (const stored of await pendingFilings(tx)) {
    const { filing } = stored;
    const due = calendar.deadlineFrom(filing.submittedAt, stored.reviewWorkingDays).date;
    if (filing.reviewDeadlineDate === due) continue;
    await setReviewDeadline(tx, filing.id, due);
    moved.push({ filingId: filing.id, from: filing.reviewDeadlineDate ?? '', to: due });
  }
  return moved;
}
