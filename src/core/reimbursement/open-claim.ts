/**
 * Filing a claim (R-R1): the person (online) or a window clerk files one uploaded self-paid bill; the
 * region's published list decides the required materials; the deadline starts provisional.
 */
import { type Calendar, chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { ok, type Result } from '../errors.ts';
import type { Fen } from '../money/index.ts';
import { claimDeadline } from './deadline.ts';
import { checkWithinList, type MaterialList, missingMaterials, requiredMaterials } from './materials.ts';
import {
  type Claim,
  type ClaimActor,
  type ClaimChannel,
  type ClaimClock,
  type ClaimEffect,
  ClaimStatus,
  OPEN_CLAIM_STATUSES,
} from './types.ts';

export interface OpenClaimInput {
  readonly claimId: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly uploadId: string;
  readonly channel: ClaimChannel;
  readonly actor: ClaimActor;
  readonly billTotalFen: Fen;
  readonly inpatient: boolean;
  readonly emergency: boolean;
  readonly accident: boolean;
  readonly materialList: MaterialList;
  /** Codes of the materials handed in with the claim. */
  readonly providedMaterials: readonly string[];
}

export function openClaim(
  input: OpenClaimInput,
  now: string,
  calendar: Calendar,
): Result<{ claim: Claim; effects: readonly ClaimEffect[] }> {
  const required = requiredMaterials(input.materialList, input);
  const outside = checkWithinList(input.providedMaterials, required, 'materials');
  if (outside !== null) return { ok: false, error: outside };
  const provided = [...new Set(input.providedMaterials)];
  const complete =
    missingMaterials(
      required.map((i) => i.code),
      provided,
    ).length === 0;
  const deadline = claimDeadline(
    calendar,
    chinaDateOf(now),
    { billTotalFen: input.billTotalFen, materialsComplete: complete, accident: input.accident },
    'provisional',
  );
  const claim: Claim = {
    claimId: input.claimId,
    psnNo: input.psnNo,
    insuredRegionCode: input.insuredRegionCode,
    uploadId: input.uploadId,
    channel: input.channel,
    status: ClaimStatus.Submitted,
    billTotalFen: input.billTotalFen,
    inpatient: input.inpatient,
    emergency: input.emergency,
    accident: input.accident,
    requiredMaterials: required,
    providedMaterials: provided,
    returnCount: 0,
    returnedFor: [],
    returnNote: null,
    submittedAt: now,
    acceptedAt: null,
    deadline,
    decidedAt: null,
    approvedFen: null,
    rejectionReason: null,
    paidAt: null,
    paymentRef: null,
    history: [
      {
        at: now,
        event: 'submit',
        from: null,
        to: ClaimStatus.Submitted,
        actorId: input.actor.id,
        note: input.channel === 'online' ? '线上提交' : '经办窗口代为提交',
      },
    ],
  };
  const message = `您的手工报销申请 ${claim.claimId} 已提交，${deadline.reasonZh}（自受理之日起计算）。`;
  return ok({
    claim,
    effects: [{ type: 'notify_person', claimId: claim.claimId, psnNo: claim.psnNo, message }],
  });
}

/** Where the claim stands against its deadline on `today` (R-R2): shown to the person and the agency. */
export function claimClock(claim: Claim, today: IsoDate, calendar: Calendar): ClaimClock {
  const deadlineDate = claim.deadline.date;
  const open = OPEN_CLAIM_STATUSES.includes(claim.status);
  const decidedOn = claim.decidedAt === null ? null : chinaDateOf(claim.decidedAt);
  const left = calendar.workingDaysLeft(open ? today : (decidedOn ?? today), deadlineDate);
  return {
    deadlineDate,
    workingDaysLeft: left.days,
    overdue: open && left.overdue,
    decidedLate: decidedOn !== null && decidedOn > deadlineDate,
  };
}
