/**
 * The vocabulary of outpatient chronic and special diseases (门诊慢特病, R-C1…R-C6): the disease
 * catalog with its local↔national mapping, a person's qualification for a disease, the application
 * for one, and the screening candidates of the no-application grant.
 */
import type { IsoDate } from '../calendar/index.ts';

/** 认定方式 — how a person comes to be qualified for a disease. */
export const GrantMode = {
  /** 常规认定: apply, get assessed; benefits from the approval date. */
  Standard: 'standard',
  /** 免申即享 (R-C5): found by the T-1 discharge screen, granted on consent without an application. */
  NoApplication: 'no_application',
  /** 即申即享 (R-C6): apply with diagnosis material; after approval, benefits from the application date. */
  InstantOnApplication: 'instant_on_application',
} as const;
export type GrantMode = (typeof GrantMode)[keyof typeof GrantMode];

/** 门慢特病种 — one disease of the national catalog (national code such as M03900). */
export interface ChronicDisease {
  readonly code: string;
  readonly name: string;
  /** 病种类别, e.g. 器官移植抗排异治疗 for M08301–M08306. */
  readonly categoryName: string;
  readonly grantMode: GrantMode;
  /** Settles across provinces (R-C1's five diseases); every disease settles within the province. */
  readonly crossProvince: boolean;
  /** ICD-10 patterns ('G20', 'G20-G22', 'Z95.1') identifying the disease in diagnoses. */
  readonly icd10: readonly string[];
}

/** 本地病种编码对照 — one region's local code for a national disease; one-to-one within the region (R-C1). */
export interface DiseaseMapping {
  readonly regionCode: string;
  readonly localCode: string;
  readonly localName: string;
  readonly diseaseCode: string;
}

/** A region's own ICD-10 list for one disease of the T-1 screen (R-C5: "a region may change the list"). */
export interface ScreeningRule {
  readonly regionCode: string;
  readonly diseaseCode: string;
  /** Empty: the region does not screen for this disease. */
  readonly icd10: readonly string[];
}

export interface ChronicCatalog {
  readonly version: string;
  readonly diseases: readonly ChronicDisease[];
  readonly mappings: readonly DiseaseMapping[];
  readonly screeningRules: readonly ScreeningRule[];
}

/** 资格来源 — where a qualification came from. */
export const QualificationSource = {
  /** 个人申请 (即申即享 or standard), approved by the agency. */
  Application: 'application',
  /** 免申即享: granted on consent after the T-1 screen. */
  AutomaticGrant: 'automatic_grant',
  /** 省内互认: carried over on transfer / insurance-type change (R-C4). */
  Recognised: 'recognised',
  /** 定点医药机构备案 (national 2503). */
  InstitutionFiling: 'institution_filing',
} as const;
export type QualificationSource = (typeof QualificationSource)[keyof typeof QualificationSource];

/** active: in force from its start date; ended: closed at its end date; revoked: void, as if never. */
export const QualificationStatus = {
  Active: 'active',
  Ended: 'ended',
  Revoked: 'revoked',
} as const;
export type QualificationStatus = (typeof QualificationStatus)[keyof typeof QualificationStatus];

/** 门慢特待遇资格 — a person's qualification for one disease. */
export interface Qualification {
  readonly qualificationId: string;
  readonly psnNo: string;
  /** The insured region that granted (or recognised) it. */
  readonly regionCode: string;
  readonly insuranceType: string;
  readonly diseaseCode: string;
  /** The region's local code, null when the region has not mapped the disease. */
  readonly localCode: string | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  /** 原病种待遇开始时间: the start date of the first qualification in a chain of recognitions. */
  readonly originalStartDate: IsoDate;
  readonly source: QualificationSource;
  /** Application id, candidate id, filing serial or the qualification recognised from. */
  readonly sourceRef: string;
  readonly status: QualificationStatus;
  readonly endReason: string | null;
}

export const ApplicationStatus = {
  PendingReview: 'pending_review',
  Approved: 'approved',
  Rejected: 'rejected',
} as const;
export type ApplicationStatus = (typeof ApplicationStatus)[keyof typeof ApplicationStatus];

export const ApplicationChannel = {
  Online: 'online',
  Window: 'window',
} as const;
export type ApplicationChannel = (typeof ApplicationChannel)[keyof typeof ApplicationChannel];

/** 诊断材料 — metadata of one uploaded diagnosis document. */
export interface MaterialMeta {
  readonly fileName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** 门慢特申请 — an application for one disease. */
export interface ChronicApplication {
  readonly applicationId: string;
  readonly psnNo: string;
  readonly regionCode: string;
  readonly diseaseCode: string;
  /** 申报日期: the day benefits start from once an instant-on-application disease is approved (R-C6). */
  readonly appliedOn: IsoDate;
  readonly channel: ApplicationChannel;
  readonly status: ApplicationStatus;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionNote: string | null;
  readonly qualificationId: string | null;
}

/** 预享受人员名单 entry: pending_contact → contacted → granted | refused (refused/granted are final). */
export const CandidateStatus = {
  PendingContact: 'pending_contact',
  Contacted: 'contacted',
  Granted: 'granted',
  Refused: 'refused',
} as const;
export type CandidateStatus = (typeof CandidateStatus)[keyof typeof CandidateStatus];

export interface ScreeningCandidate {
  readonly candidateId: string;
  readonly psnNo: string;
  readonly regionCode: string;
  readonly diseaseCode: string;
  readonly visitId: string;
  readonly icdCode: string;
  readonly dischargeDate: IsoDate;
  readonly status: CandidateStatus;
  readonly contactNote: string | null;
  readonly decisionNote: string | null;
  readonly qualificationId: string | null;
}

/** An actor recorded on every decision (audit and history). */
export interface ChronicActor {
  readonly id: string;
  readonly role: 'admin' | 'staff' | 'person' | 'institution' | 'system';
}
