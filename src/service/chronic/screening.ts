/**
 * 免申即享 T-1 筛查 (R-C5): reads one day's inpatient discharges — first their keys from the index, then,
 * in file order, only the rows whose diagnoses text contains a screened ICD-10 category (no transaction
 * held while reading, so settlements are not blocked) — matches diagnoses against each insured region's list,
 * then in one short transaction records the run and adds candidates not seen before. Idempotent per
 * day: a candidate is unique per (visit, disease), and a person already qualified, already listed or who
 * refused is skipped — a re-run adds nothing. Every run (re-runs too) is kept for the history.
 */
import { addDays, chinaDateOf, type IsoDate, isIsoDate } from '../../core/calendar/index.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { buildRuleBook, type ScreenHit, screenDischarge } from '../../core/chronic/screening.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { listChronicDiseases, listScreeningRules } from '../../store/repositories/chronic-catalog.ts';
import { activePairs } from '../../store/repositories/chronic-qualifications.ts';
import {
  candidatePairs,
  dischargeKeys,
  dischargeRows,
  insertCandidates,
  insertRun,
  listCandidates,
  listRuns,
  type ScreeningRunRow,
  setRunAdded,
} from '../../store/repositories/chronic-screening.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { type ChronicCaller, newId } from './support.ts';

export interface ScreenOptions {
  /** 出院日期 T-1: the discharge day screened; defaults to yesterday (China time). */
  readonly dischargeDate?: IsoDate;
  readonly pageSize?: number;
  /** Called after each chunk with records read so far and the day's total (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

export type ScreeningRun = ScreeningRunRow & {
  readonly skippedQualified: number;
  readonly skippedListed: number;
};

/** Visits still counted as discharges: not cancelled (the settlement may follow or be pending). */
const DISCHARGED: readonly string[] = ['discharged', 'settled'];

export async function runChronicScreen(
  ctx: AppContext,
  options: ScreenOptions,
  caller: ChronicCaller,
): Promise<Result<ScreeningRun>> {
  const started = ctx.now();
  const today = chinaDateOf(started.toISOString());
  const day = options.dischargeDate ?? addDays(today, -1);
  if (!isIsoDate(day) || day >= today) {
    return err(
      domainError(
        ChronicErrorCode.InvalidDate,
        `筛查的出院日期 ${day} 无效：应为今天之前的日期（T-1 模式默认筛查昨天），格式 YYYY-MM-DD。`,
        {
          ruleId: 'R-C5',
          field: 'date',
        },
      ),
    );
  }
  const db = ctx.store.db;
  const book = buildRuleBook(await listChronicDiseases(db), await listScreeningRules(db));
  if (!book.ok) return book;
  // end_time is text in any offset notation; read a day wider each side, then decide by China date.
  const window = { fromText: addDays(day, -1), toText: addDays(day, 2) };
  const keys = (await dischargeKeys(db, ctx.store.dialect, window)).filter(
    (k) => chinaDateOf(k.endTime) === day,
  );
  const ordered = keys.map((k) => k.key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const chunk = options.pageSize ?? 5_000;
  const hits = new Map<string, ScreenHit>();
  for (let i = 0; i < ordered.length; i += chunk) {
    const rows = await dischargeRows(
      db,
      ctx.store.dialect,
      ordered.slice(i, i + chunk),
      book.value.categories,
    );
    for (const record of rows) {
      if (!DISCHARGED.includes(record.status)) continue;
      for (const hit of screenDischarge(record, book.value)) {
        const key = `${hit.psnNo}|${hit.diseaseCode}`;
        if (!hits.has(key)) hits.set(key, hit);
      }
    }
    options.onProgress?.(Math.min(i + chunk, ordered.length), ordered.length);
  }
  const scanned = keys.length;
  return ok(await recordRun(ctx, day, started, scanned, [...hits.values()], caller));
}

async function recordRun(
  ctx: AppContext,
  day: IsoDate,
  started: Date,
  scanned: number,
  hits: readonly ScreenHit[],
  caller: ChronicCaller,
): Promise<ScreeningRun> {
  const runId = newId('CS');
  return inTransaction(ctx.store.db, async (tx) => {
    const finished = ctx.now().toISOString();
    const run: ScreeningRunRow = {
      runId,
      dischargeDate: day,
      startedAt: started.toISOString(),
      finishedAt: finished,
      scannedCount: scanned,
      matchedCount: hits.length,
      addedCount: 0,
      actor: caller.id,
    };
    await insertRun(tx, run);
    const persons = [...new Set(hits.map((h) => h.psnNo))];
    const qualified = await activePairs(tx, persons);
    const listed = await candidatePairs(tx, persons);
    const key = (h: ScreenHit) => `${h.psnNo}|${h.diseaseCode}`;
    const fresh = hits.filter((h) => !qualified.has(key(h)) && !listed.has(key(h)));
    const added = await insertCandidates(
      tx,
      fresh.map((h) => ({ candidateId: newId('CC'), runId, dischargeDate: day, ...h })),
      finished,
    );
    await setRunAdded(tx, runId, added);
    const skippedQualified = hits.filter((h) => qualified.has(key(h))).length;
    const skippedListed = hits.length - skippedQualified - added;
    await appendAudit(tx, ctx.store.dialect, {
      at: finished,
      actor: caller.id,
      role: caller.role,
      action: 'chronic.screen.run',
      subject: day,
      requestId: caller.requestId ?? null,
      detail: { runId, scanned, matched: hits.length, added },
    });
    return { ...run, addedCount: added, skippedQualified, skippedListed };
  });
}

export async function listScreeningRuns(ctx: AppContext, limit?: number): Promise<ScreeningRunRow[]> {
  return listRuns(ctx.store.db, limit);
}

/** 预享受人员名单 of the caller's region (all regions for admin). */
export async function listScreeningCandidates(
  ctx: AppContext,
  filter: { status?: string; dischargeDate?: string },
  caller: ChronicCaller,
) {
  const regionCode = caller.role === 'staff' ? caller.regionCode : undefined;
  return listCandidates(ctx.store.db, { ...filter, ...(regionCode ? { regionCode } : {}) });
}
