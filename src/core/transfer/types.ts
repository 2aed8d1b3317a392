/**
 * 医保关系转移接续 — a relation transfer (R-T1, seed 002 §1–3): no certificate or contact letter; the
 * person applies online or at either end's window; the outgoing region confirms, the incoming region
 * accepts, and the whole is done within 15 working days. Chronic qualifications follow (R-C4).
 */
import type { CalendarWarning, IsoDate } from '../calendar/index.ts';
import type { Fen } from '../money/index.ts';

export const TransferStatus = {
  Applied: 'applied',
  OutConfirmed: 'out_confirmed',
  Completed: 'completed',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
} as const;
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus];

export const OPEN_TRANSFER_STATUSES: readonly TransferStatus[] = ['applied', 'out_confirmed'];

export const transferStatusNames: Readonly<Record<TransferStatus, string>> = {
  applied: '已申请，待转出地确认',
  out_confirmed: '转出地已确认，待转入地接收',
  completed: '已完成',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** Where the application came in (R-T1: online, or the window at either end). */
export type TransferChannel = 'online' | 'outgoing_window' | 'incoming_window';

export type TransferActor =
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'agency'; readonly id: string; readonly regionCode: string };

export interface TransferHistoryEntry {
  readonly at: string;
  readonly event: string;
  readonly from: TransferStatus | null;
  readonly to: TransferStatus;
  readonly actorId: string;
  /** Which side acted: 'person', 'outgoing' or 'incoming'. */
  readonly side: 'person' | 'outgoing' | 'incoming';
  readonly note: string;
}

/** What completion did, kept on the case for the person's progress view. */
export interface TransferOutcome {
  readonly balanceMovedFen: Fen;
  /** National disease codes whose qualification was recognised in the new region. */
  readonly recognisedDiseases: readonly string[];
  /** Qualifications that ended because the move leaves the province (apply anew). */
  readonly notRecognisedDiseases: readonly string[];
}

export interface Transfer {
  readonly transferId: string;
  readonly psnNo: string;
  readonly fromRegionCode: string;
  readonly toRegionCode: string;
  readonly fromInsuranceType: string;
  readonly toInsuranceType: string;
  readonly channel: TransferChannel;
  readonly status: TransferStatus;
  readonly appliedAt: string;
  readonly deadlineDate: IsoDate;
  readonly deadlineWarnings: readonly CalendarWarning[];
  readonly outConfirmedAt: string | null;
  readonly completedAt: string | null;
  readonly closedReason: string | null;
  readonly outcome: TransferOutcome | null;
  readonly history: readonly TransferHistoryEntry[];
}

export type TransferEffect =
  | {
      readonly type: 'notify_person';
      readonly transferId: string;
      readonly psnNo: string;
      readonly message: string;
    }
  /** Completion: move the person, their account balance, and recognise qualifications — one transaction. */
  | {
      readonly type: 'complete_relation';
      readonly transferId: string;
      readonly psnNo: string;
      readonly fromRegionCode: string;
      readonly toRegionCode: string;
      readonly toInsuranceType: string;
    };
