/**
 * The vocabulary of cross-region filing (异地就医备案, R-F1…R-F8): what a filing is, where it points,
 * how it was made, and the insured region's parameters that govern it.
 */
import type { IsoDate } from '../calendar/index.ts';
import type { RegionCode } from '../reference/types.ts';

/** 备案类型 — filing type (R-F1). The first three are long-term, the rest temporary. */
export const FilingType = {
  /** 异地安置退休人员 */
  RetireeSettledElsewhere: 'retiree_settled_elsewhere',
  /** 异地长期居住人员 */
  LongTermResident: 'long_term_resident',
  /** 常驻异地工作人员 */
  PostedWorker: 'posted_worker',
  /** 转诊转院人员 */
  Referral: 'referral',
  /** 异地急诊抢救人员 */
  Emergency: 'emergency',
  /** 其他临时外出就医人员 */
  OtherTemporary: 'other_temporary',
} as const;
export type FilingType = (typeof FilingType)[keyof typeof FilingType];

const LONG_TERM: ReadonlySet<FilingType> = new Set([
  FilingType.RetireeSettledElsewhere,
  FilingType.LongTermResident,
  FilingType.PostedWorker,
]);

/** Long-term filings stay valid until changed (R-F1); temporary ones expire. */
export function isLongTerm(type: FilingType): boolean {
  return LONG_TERM.has(type);
}

export const filingTypeNames: Readonly<Record<FilingType, string>> = {
  retiree_settled_elsewhere: '异地安置退休',
  long_term_resident: '异地长期居住',
  posted_worker: '常驻异地工作',
  referral: '转诊转院',
  emergency: '急诊抢救',
  other_temporary: '其他临时外出就医',
};

/** 备案渠道 — how the filing was made (R-F2). */
export const FilingChannel = {
  /** App, mini-program or portal, by the person. */
  Online: 'online',
  /** The institution on the patient's behalf (national 2501/2502). */
  Institution: 'institution',
  /** An agency window. */
  Window: 'window',
} as const;
export type FilingChannel = (typeof FilingChannel)[keyof typeof FilingChannel];

/** 备案状态 — filing status. */
export const FilingStatus = {
  PendingReview: 'pending_review',
  Approved: 'approved',
  Rejected: 'rejected',
  Revoked: 'revoked',
  /** Replaced by a changed filing (变更备案); history keeps both. */
  Superseded: 'superseded',
} as const;
export type FilingStatus = (typeof FilingStatus)[keyof typeof FilingStatus];

/** 备案就医地 — a treatment city (pooling region) or a whole province; covers every networked institution there. */
export type FilingTarget =
  | { readonly scope: 'city'; readonly regionCode: RegionCode }
  /** provinceCode is the first two digits followed by 0000, e.g. '420000'. */
  | { readonly scope: 'province'; readonly provinceCode: RegionCode };

/** 转诊信息 — what a referral rests on (R-F6). */
export interface ReferralDetails {
  /** Disease code checked against the unconditional-referral list (无条件转诊转院病种目录). */
  readonly diseaseCode: string;
  readonly referringInstitutionCode?: string;
  /** 转诊证明 uploaded by the referring hospital. */
  readonly certificateUploaded: boolean;
}

export type FilingActor = 'person' | 'institution' | 'agency' | 'system';

export interface FilingHistoryEntry {
  /** ISO timestamp. */
  readonly at: string;
  readonly event: string;
  readonly from: FilingStatus | null;
  readonly to: FilingStatus;
  readonly actor: FilingActor;
  readonly note: string;
}

/** 异地就医备案 — one filing of one insured person. */
export interface Filing {
  readonly id: string;
  readonly personNo: string;
  readonly insuredRegionCode: RegionCode;
  readonly type: FilingType;
  readonly target: FilingTarget;
  readonly channel: FilingChannel;
  readonly status: FilingStatus;
  readonly validFrom: IsoDate;
  /** Inclusive; null for long-term filings (valid until changed). */
  readonly validTo: IsoDate | null;
  /** ISO timestamp of submission. */
  readonly submittedAt: string;
  /** Set while queued for review (R-F2). */
  readonly reviewDeadlineDate: IsoDate | null;
  /** ISO timestamp of approval; a revoked or superseded filing keeps it, and still covered its past. */
  readonly approvedAt: string | null;
  /** Revoked or superseded: covers up to the day before this date. */
  readonly endedOn: IsoDate | null;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
  readonly referral: ReferralDetails | null;
  readonly rejectionReason: string | null;
  readonly history: readonly FilingHistoryEntry[];
}

/** 临时外出就医备案有效期 — validity of temporary filings, in months or days. */
export type TemporaryValidity = { readonly months: number } | { readonly days: number };

/** 备案政策 — the insured region's filing parameters (R-F1, R-F2). */
export interface FilingPolicy {
  readonly insuredRegionCode: RegionCode;
  readonly temporaryValidity: TemporaryValidity;
  /** Working days within which a queued filing is decided (R-F2: 2). */
  readonly reviewWorkingDays: number;
  readonly autoApprove: {
    /** Long-term filings on the person's written commitment (个人承诺制) are approved at once. */
    readonly longTermOnCommitment: boolean;
    readonly otherTemporary: boolean;
    /** Referrals the person files online; a hospital's referral (2501) is always approved at once. */
    readonly referralOnline: boolean;
  };
}
