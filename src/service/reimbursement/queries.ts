/**
 * What the person and the agency see of a claim (R-R2: the deadline shown to both, overdue flagged):
 * status, the region's list with what is provided and what is missing, the deadline and working days
 * left, the decision with its computation, and every posted payment. Plus the agency's queue items.
 */
import { type Calendar, chinaDateOf } from '../../core/calendar/index.ts';
import { type DomainError, ok, type Result } from '../../core/errors.ts';
import {
  type Claim,
  type ClaimClock,
  type ClaimPayment,
  claimClock,
  claimStatusNames,
  missingMaterials,
  netPaidFen,
  OPEN_CLAIM_STATUSES,
} from '../../core/reimbursement/index.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import {
  claimsOfPerson,
  claimsOfRegion,
  materialContent,
  materialsOfClaim,
  type StoredClaim,
  type StoredMaterial,
} from '../../store/repositories/reimbursement-claims.ts';
import { paymentsOfClaim } from '../../store/repositories/reimbursement-payments.ts';
import {
  findUnsettledUpload,
  type UnsettledUpload,
  unsettledUploadsOfPerson,
} from '../../store/repositories/unsettled-uploads.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { workingCalendar } from './calendar.ts';
import type { CaseCaller } from './caller.ts';
import { maskPersonName } from './caller.ts';
import type { ReimbursementComputation } from './compute.ts';
import { ReimbursementServiceErrorCode } from './errors.ts';
import { loadClaimFor } from './moves.ts';

export interface ClaimView {
  readonly claimId: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly uploadId: string;
  readonly channel: Claim['channel'];
  readonly status: Claim['status'];
  readonly statusZh: string;
  readonly billTotalFen: number;
  readonly inpatient: boolean;
  readonly accident: boolean;
  readonly materials: readonly { code: string; nameZh: string; provided: boolean }[];
  readonly missingMaterials: readonly string[];
  readonly returnCount: number;
  readonly returnedFor: readonly string[];
  readonly returnNote: string | null;
  readonly submittedAt: string;
  readonly acceptedAt: string | null;
  readonly deadline: {
    readonly date: string;
    readonly workingDays: number;
    readonly fastTrack: boolean;
    readonly basis: 'provisional' | 'accepted';
    readonly reasonZh: string;
    readonly warnings: readonly string[];
  };
  readonly clock: ClaimClock;
  readonly decidedAt: string | null;
  readonly approvedFen: number | null;
  readonly rejectionReason: string | null;
  readonly paidAt: string | null;
  readonly paymentRef: string | null;
  readonly netPaidFen: number;
  readonly history: Claim['history'];
}

export interface ClaimDetail extends ClaimView {
  readonly bill: {
    readonly institutionCode: string;
    readonly hospitalVisitNo: string;
    readonly kind: 'outpatient' | 'inpatient';
    readonly beginTime: string;
    readonly endTime: string;
    readonly totalFen: number;
    readonly uploadedLate: boolean;
  } | null;
  readonly files: readonly StoredMaterial[];
  readonly payments: readonly ClaimPayment[];
  readonly computation: {
    readonly situation: string;
    readonly situationReason: string;
    readonly backfilledFiling: boolean;
    readonly totals: Readonly<Record<string, number>>;
    readonly traceZh: readonly string[];
  } | null;
}

export function claimView(
  claim: Claim,
  today: string,
  calendar: Calendar,
  payments: readonly ClaimPayment[],
): ClaimView {
  const required = claim.requiredMaterials.map((i) => i.code);
  return {
    claimId: claim.claimId,
    psnNo: claim.psnNo,
    insuredRegionCode: claim.insuredRegionCode,
    uploadId: claim.uploadId,
    channel: claim.channel,
    status: claim.status,
    statusZh: claimStatusNames[claim.status] ?? claim.status,
    billTotalFen: claim.billTotalFen,
    inpatient: claim.inpatient,
    accident: claim.accident,
    materials: claim.requiredMaterials.map((i) => ({
      code: i.code,
      nameZh: i.nameZh,
      provided: claim.providedMaterials.includes(i.code),
    })),
    missingMaterials: missingMaterials(required, claim.providedMaterials),
    returnCount: claim.returnCount,
    returnedFor: claim.returnedFor,
    returnNote: claim.returnNote,
    submittedAt: claim.submittedAt,
    acceptedAt: claim.acceptedAt,
    deadline: {
      date: claim.deadline.date,
      workingDays: claim.deadline.workingDays,
      fastTrack: claim.deadline.fastTrack,
      basis: claim.deadline.basis,
      reasonZh: claim.deadline.reasonZh,
      warnings: claim.deadline.warnings.map((w) => w.message),
    },
    clock: claimClock(claim, today, calendar),
    decidedAt: claim.decidedAt,
    approvedFen: claim.approvedFen,
    rejectionReason: claim.rejectionReason,
    paidAt: claim.paidAt,
    paymentRef: claim.paymentRef,
    netPaidFen: netPaidFen(payments),
    history: claim.history,
  };
}

function computationView(raw: unknown): ClaimDetail['computation'] {
  if (raw === null || raw === undefined) return null;
  const c = raw as ReimbursementComputation;
  return {
    situation: c.situation,
    situationReason: c.situationReason,
    backfilledFiling: c.backfilledFiling,
    totals: c.result.totals as unknown as Record<string, number>,
    traceZh: c.result.trace.map((s) => s.formulaZh),
  };
}

function billView(u: UnsettledUpload | undefined): ClaimDetail['bill'] {
  if (u === undefined) return null;
  return {
    institutionCode: u.institutionCode,
    hospitalVisitNo: u.hospitalVisitNo,
    kind: u.kind,
    beginTime: u.beginTime,
    endTime: u.endTime,
    totalFen: u.totalFen,
    uploadedLate: u.late,
  };
}

async function detailOf(
  db: Executor,
  stored: StoredClaim,
  today: string,
  calendar: Calendar,
): Promise<ClaimDetail> {
  const payments = await paymentsOfClaim(db, stored.claim.claimId);
  return {
    ...claimView(stored.claim, today, calendar, payments),
    bill: billView(await findUnsettledUpload(db, stored.claim.uploadId)),
    files: await materialsOfClaim(db, stored.claim.claimId),
    payments,
    computation: computationView(stored.computation),
  };
}

export async function claimDetail(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
): Promise<Result<ClaimDetail>> {
  const calendar = await workingCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  return transact(ctx, async (tx) => {
    const loaded = await loadClaimFor(tx, caller, claimId);
    if (!loaded.ok) return loaded;
    return ok(await detailOf(tx, loaded.value, today, calendar));
  });
}

/** The person's own claims, newest first, with their deadlines and working days left. */
export async function myClaims(ctx: AppContext, psnNo: string): Promise<ClaimView[]> {
  const calendar = await workingCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  const stored = await claimsOfPerson(ctx.store.db, psnNo);
  const views: ClaimView[] = [];
  for (const s of stored)
    views.push(claimView(s.claim, today, calendar, await paymentsOfClaim(ctx.store.db, s.claim.claimId)));
  return views;
}

/** The person's self-paid bills the institutions uploaded: what they can claim (R-R3). */
export async function myUnsettledBills(ctx: AppContext, psnNo: string) {
  return (await unsettledUploadsOfPerson(ctx.store.db, psnNo)).map((u) => ({
    uploadId: u.uploadId,
    ...billView(u)!,
  }));
}

export async function claimMaterialFile(
  ctx: AppContext,
  caller: CaseCaller,
  claimId: string,
  materialId: string,
): Promise<Result<{ fileName: string; mimeType: string; content: Buffer }>> {
  return transact(ctx, async (tx) => {
    const loaded = await loadClaimFor(tx, caller, claimId);
    if (!loaded.ok) return loaded;
    const file = await materialContent(tx, claimId, materialId);
    if (file === undefined) {
      const error: DomainError = {
        code: ReimbursementServiceErrorCode.MaterialNotFound,
        message: `报销申请 ${claimId} 没有编号为 ${materialId} 的材料。`,
        field: 'materialId',
      };
      return { ok: false, error };
    }
    return ok({
      fileName: file.fileName,
      mimeType: file.mimeType,
      content: Buffer.from(file.contentBase64, 'base64'),
    });
  });
}

/** 综合柜员制待办 item of a claim (R-P3): what the web queue shows, most urgent first. */
export interface ReimbursementQueueItem {
  readonly caseType: 'reimbursement';
  readonly caseId: string;
  readonly personName: string;
  readonly statusZh: string;
  readonly submittedAt: string;
  readonly deadlineDate: string;
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  readonly fastTrack: boolean;
  readonly billTotalFen: number;
}

/**
 * Open claims of the insured region's agency with the working days left on `today`. Runs on the
 * caller's executor (a transaction or the pool), so the web queue can merge it with other case types.
 */
export async function reimbursementQueueItems(
  db: Executor,
  regionCode: string,
  today: string,
  calendar: Calendar,
): Promise<ReimbursementQueueItem[]> {
  const open = await claimsOfRegion(db, regionCode, OPEN_CLAIM_STATUSES);
  const names = await personNames(
    db,
    open.map((s) => s.claim.psnNo),
  );
  return open.map(({ claim }) => {
    const clock = claimClock(claim, today, calendar);
    return {
      caseType: 'reimbursement',
      caseId: claim.claimId,
      personName: maskPersonName(names.get(claim.psnNo) ?? ''),
      statusZh: claimStatusNames[claim.status] ?? claim.status,
      submittedAt: claim.submittedAt,
      deadlineDate: clock.deadlineDate,
      workingDaysLeft: clock.workingDaysLeft,
      overdue: clock.overdue,
      fastTrack: claim.deadline.fastTrack,
      billTotalFen: claim.billTotalFen,
    };
  });
}

export async function personNames(db: Executor, psnNos: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(psnNos)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['psn_no', 'name'])
    .where('psn_no', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.psn_no, r.name]));
}

/** The agency's claims of a region by status (default: open ones), each with its clock. */
export async function regionClaims(
  ctx: AppContext,
  caller: Extract<CaseCaller, { role: 'staff' }>,
  statuses: readonly string[] = OPEN_CLAIM_STATUSES,
): Promise<ClaimView[]> {
  const calendar = await workingCalendar(ctx);
  const today = chinaDateOf(ctx.now().toISOString());
  const stored = await claimsOfRegion(ctx.store.db, caller.regionCode, statuses);
  const views: ClaimView[] = [];
  for (const s of stored)
    views.push(claimView(s.claim, today, calendar, await paymentsOfClaim(ctx.store.db, s.claim.claimId)));
  return views;
}
