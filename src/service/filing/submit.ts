/**
 * 办理备案 — a filing by any channel (R-F2): the person online, staff at the agency window, or the
 * institution on the patient's behalf. The person is locked, the core checks the application against
 * the person's other filings and the region's policy and lists, and the result is approved at once or
 * queued with its review deadline on the working-day calendar.
 */
import { randomBytes } from 'node:crypto';
import type { Calendar, CalendarWarning } from '../../core/calendar/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import {
  type FilingApplication,
  FilingStatus,
  type FilingTarget,
  FilingType,
  type ReferralDetails,
  submitFiling,
} from '../../core/filing/index.ts';
import { readFilingList } from '../../store/repositories/filing-lists.ts';
import { filingsOfPerson, insertFiling, lockPersonForFiling } from '../../store/repositories/filings.ts';
import type { Tx } from '../../store/transaction.ts';
import { loadCalendar } from '../calendar/load.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { callerId, channelOf, type FilingCaller, type PersonCaller, type StaffCaller } from './caller.ts';
import { invalidRequest, otherRegion, personNotFound, personNotInsured, regionMismatch } from './errors.ts';
import { auditFiling, carryOut } from './persist.ts';
import { loadFilingPolicy } from './policy.ts';
import { type FilingView, viewOf } from './view.ts';

/** What a person or a window clerk fills in. */
export interface FilingRequest {
  readonly type: FilingType;
  readonly target: FilingTarget;
  /** First valid day (YYYY-MM-DD); defaults to today. May lie in the past for a backfilled filing (R-F5). */
  readonly validFrom?: string;
  readonly referral?: ReferralDetails;
  /** 个人承诺 signed (long-term filings on commitment are approved at once, R-F1). */
  readonly commitmentSigned?: boolean;
}

export interface FilingOutcome {
  readonly filing: FilingView;
  readonly decision: 'approved' | 'queued';
  /** Set when the review deadline lies beyond the loaded holiday schedule (R-R2). */
  readonly warnings: readonly CalendarWarning[];
  /** What the person is told (also sent through the outbox). */
  readonly notices: readonly string[];
}

const TYPES = new Set<string>(Object.values(FilingType));

export function newFilingId(nowIso: string): string {
  // 备案编号 doubles as the national 待遇申报明细流水号 (C30): 'BA' + date + 12 hex digits.
  return `BA${nowIso.slice(0, 10).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`;
}

function checkShape(req: FilingRequest): Result<void> {
  if (!TYPES.has(req.type)) {
    return err(invalidRequest('type', `备案类型“${String(req.type)}”无效，可选：${[...TYPES].join('、')}。`));
  }
  const t = req.target as Partial<{ scope: string; regionCode: string; provinceCode: string }> | undefined;
  const code = t?.scope === 'city' ? t.regionCode : t?.scope === 'province' ? t.provinceCode : undefined;
  if (typeof code !== 'string') {
    return err(
      invalidRequest(
        'target',
        '请填写备案就医地：{"scope":"city","regionCode":"420100"} 或 {"scope":"province","provinceCode":"420000"}。',
      ),
    );
  }
  return ok(undefined);
}

export interface FileOptions {
  readonly psnNo: string;
  /** Checked against the person's registered insured region (the national interface sends it). */
  readonly insuredRegionCode?: string;
  readonly replaces?: string;
}

/** The one path every channel takes, in its own transaction; exported for change.ts and institution.ts. */
export async function fileFor(
  ctx: AppContext,
  caller: FilingCaller,
  req: FilingRequest,
  options: FileOptions,
): Promise<Result<FilingOutcome>> {
  const shape = checkShape(req);
  if (!shape.ok) return shape;
  const calendar = await loadCalendar(ctx);
  return transact(ctx, (tx) => fileForInTx(tx, ctx, calendar, caller, req, options));
}

/**
 * The same inside the caller's transaction (the national interface's message transaction). A refusal
 * may leave writes behind in `tx`: the caller must roll them back (the message handler does, to its
 * savepoint). `calendar` comes from `loadCalendar(ctx, tx)` or, before the transaction, `loadCalendar(ctx)`.
 */
export async function fileForInTx(
  tx: Tx,
  ctx: AppContext,
  calendar: Calendar,
  caller: FilingCaller,
  req: FilingRequest,
  options: FileOptions,
): Promise<Result<FilingOutcome>> {
  const shape = checkShape(req);
  if (!shape.ok) return shape;
  const now = ctx.now().toISOString();
  const { dialect } = ctx.store;
  const person = await lockPersonForFiling(tx, dialect, options.psnNo);
  if (person === undefined) return err(personNotFound(options.psnNo));
  if (person.status !== 'active') return err(personNotInsured(person.psnNo, person.status));
  const region = person.insuredRegionCode;
  if (options.insuredRegionCode !== undefined && options.insuredRegionCode !== region) {
    return err(regionMismatch(options.insuredRegionCode, region));
  }
  if (caller.role === 'staff' && caller.regionCode !== region)
    return err(otherRegion(caller.regionCode, region));
  const policy = await loadFilingPolicy(tx, region);
  const existing = (await filingsOfPerson(tx, person.psnNo, { history: false })).map((s) => s.filing);
  const unconditional = await readFilingList(tx, region, 'unconditional_referral');
  const app: FilingApplication = {
    id: newFilingId(now),
    personNo: person.psnNo,
    insuredRegionCode: region,
    type: req.type,
    target: req.target,
    channel: channelOf(caller),
    ...(req.validFrom === undefined ? {} : { validFrom: req.validFrom }),
    ...(req.referral === undefined ? {} : { referral: req.referral }),
    ...(req.commitmentSigned === undefined ? {} : { commitmentSigned: req.commitmentSigned }),
    ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
  };
  const decided = submitFiling(
    app,
    { policy, calendar, existing, unconditionalReferralDiseases: unconditional.map((e) => e.code) },
    now,
  );
  if (!decided.ok) return decided;
  const { filing, effects } = decided.value;
  await insertFiling(
    tx,
    {
      filing,
      reviewWorkingDays: policy.reviewWorkingDays,
      commitmentSigned: req.commitmentSigned ?? false,
      submittedBy: callerId(caller),
    },
    callerId(caller),
  );
  const notices = await carryOut(tx, dialect, effects, caller, now);
  if (!notices.ok) return notices;
  await auditFiling(tx, dialect, caller, options.replaces ? 'filing.change' : 'filing.submit', filing, now, {
    type: filing.type,
    channel: filing.channel,
    ...(options.replaces ? { replaces: options.replaces } : {}),
  });
  const queued = effects.find((e) => e.type === 'review_queued');
  return ok({
    filing: viewOf(filing),
    decision: filing.status === FilingStatus.Approved ? 'approved' : 'queued',
    warnings: queued?.type === 'review_queued' ? queued.warnings : [],
    notices: notices.value,
  });
}

/** 线上备案 — the person files for themself (app, mini-program, portal). */
export function submitFilingOnline(ctx: AppContext, caller: PersonCaller, req: FilingRequest) {
  return fileFor(ctx, caller, req, { psnNo: caller.psnNo });
}

/** 窗口备案 — staff file at the window for a person insured in their own region. */
export function submitFilingAtWindow(
  ctx: AppContext,
  caller: StaffCaller,
  psnNo: string,
  req: FilingRequest,
) {
  return fileFor(ctx, caller, req, { psnNo });
}
