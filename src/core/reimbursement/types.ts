/**
 * 手工报销申请 — a manual reimbursement claim (R-R1, R-R2): one self-paid bill that the institution
 * uploaded (R-R3), claimed at the insured region, with the materials of the region's published list.
 */
import type { IsoDate } from '../calendar/index.ts';
import type { Fen } from '../money/index.ts';
import type { ClaimDeadline } from './deadline.ts';
import type { MaterialItem } from './materials.ts';

export const ClaimStatus = {
  Submitted: 'submitted',
  Returned: 'returned',
  Resubmitted: 'resubmitted',
  Accepted: 'accepted',
  Approved: 'approved',
  Rejected: 'rejected',
  Paid: 'paid',
  Withdrawn: 'withdrawn',
} as const;
export type ClaimStatus = (typeof ClaimStatus)[keyof typeof ClaimStatus];

/** Statuses in which the legal clock runs and the agency owes a decision. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = [
  'submitted',
  'returned',
  'resubmitted',
  'accepted',
];

export type ClaimChannel = 'online' | 'window';

export type ClaimActor =
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'agency'; readonly id: string; readonly regionCode: string };

export interface ClaimHistoryEntry {
  readonly at: string;
  readonly event: string;
  readonly from: ClaimStatus | null;
  readonly to: ClaimStatus;
  readonly actorId: string;
  readonly note: string;
}

export interface Claim {
  readonly claimId: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  /** The institution's upload of the self-paid bill this claim is for (R-R3). */
  readonly uploadId: string;
  readonly channel: ClaimChannel;
  readonly status: ClaimStatus;
  /** 单笔医药费用: the bill's total. */
  readonly billTotalFen: Fen;
  readonly inpatient: boolean;
  readonly emergency: boolean;
  /** 意外伤害: the bill involves an accident injury (stated by the person or the institution). */
  readonly accident: boolean;
  /** The items of the region's list this claim needs (fixed at submission). */
  readonly requiredMaterials: readonly MaterialItem[];
  /** Codes of the items the person has provided so far. */
  readonly providedMaterials: readonly string[];
  readonly returnCount: number;
  /** The exact items a return asked for (empty until returned). */
  readonly returnedFor: readonly string[];
  readonly returnNote: string | null;
  readonly submittedAt: string;
  readonly acceptedAt: string | null;
  readonly deadline: ClaimDeadline;
  readonly decidedAt: string | null;
  readonly approvedFen: Fen | null;
  readonly rejectionReason: string | null;
  readonly paidAt: string | null;
  readonly paymentRef: string | null;
  readonly history: readonly ClaimHistoryEntry[];
}

export type ClaimEffect =
  | {
      readonly type: 'notify_person';
      readonly claimId: string;
      readonly psnNo: string;
      readonly message: string;
    }
  | {
      readonly type: 'post_payment';
      readonly claimId: string;
      readonly amountFen: Fen;
      readonly paymentRef: string;
    };

export interface ClaimClock {
  readonly deadlineDate: IsoDate;
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  /** The decision came after the deadline (kept once decided, for the record). */
  readonly decidedLate: boolean;
}
