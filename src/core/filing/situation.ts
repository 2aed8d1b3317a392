/**
 * The person's cross-region situation for one visit or stay, derived from the filings valid at the
 * treatment date and place. The settlement core looks up the insured region's ratio for it (R-F8).
 *
 * Precedence, when several filings apply: long-term, then referral, then emergency, then other
 * temporary — the order in which policies usually rank their benefits, so the person gets the best one.
 */

import { chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { CrossRegionSituation } from '../reference/codes.ts';
import type { RegionCode } from '../reference/types.ts';
import {
  describeTarget,
  effectiveWindow,
  isRegionCode,
  provinceOf,
  targetCovers,
  type Window,
  windowsOverlap,
} from './coverage.ts';
import { unfiledGuidance } from './guidance.ts';
import { type Filing, FilingStatus, FilingType, filingTypeNames, isLongTerm } from './types.ts';

export interface SituationInput {
  readonly insuredRegionCode: RegionCode;
  readonly treatmentRegionCode: RegionCode;
  /** Date of the visit, or of the settlement for a stay still in progress. */
  readonly treatmentDate: IsoDate;
  /** The person's filings in any status; only those once approved count. */
  readonly filings: readonly Filing[];
  readonly emergencyFlag: boolean;
  readonly referralFlag: boolean;
  /** Inpatient stay: admission and discharge (ISO date or timestamp). */
  readonly admittedAt?: string;
  readonly dischargeAt?: string;
  /** 无条件转诊转院病种目录 of the insured region (R-F6). */
  readonly unconditionalReferralDiseases?: readonly string[];
  /** Diagnoses of this visit, also matched against the unconditional list. */
  readonly diagnosisCodes?: readonly string[];
  /** The referring hospital has uploaded its referral certificate (R-F6). */
  readonly certificateUploaded?: boolean;
}

export interface SituationAnswer {
  readonly situation: CrossRegionSituation;
  readonly reason: string;
  readonly ruleIds: readonly string[];
  readonly filingId: string | null;
  readonly filingType: FilingType | null;
  /** Whether the visit can settle directly at the institution. */
  readonly directSettlement: boolean;
  /** A filing backfilled after a self-paid discharge opens manual reimbursement (R-F5). */
  readonly manualReimbursement: boolean;
  /** For `unfiled`: how to file, in plain Chinese. */
  readonly guidance: string | null;
}

interface Stay extends Window {
  readonly to: IsoDate;
  readonly inpatient: boolean;
  readonly discharged: boolean;
}

function stayOf(input: SituationInput): Stay {
  const from = input.admittedAt === undefined ? input.treatmentDate : chinaDateOf(input.admittedAt);
  const to = input.dischargeAt === undefined ? input.treatmentDate : chinaDateOf(input.dischargeAt);
  if (from > to) throw new RangeError(`stay ends (${to}) before it starts (${from})`);
  return { from, to, inpatient: input.admittedAt !== undefined, discharged: input.dischargeAt !== undefined };
}

function wasApproved(f: Filing): boolean {
  return (
    f.approvedAt !== null &&
    (f.status === FilingStatus.Approved ||
      f.status === FilingStatus.Revoked ||
      f.status === FilingStatus.Superseded)
  );
}

const RANK: Readonly<Record<FilingType, number>> = {
  retiree_settled_elsewhere: 0,
  long_term_resident: 0,
  posted_worker: 0,
  referral: 1,
  emergency: 2,
  other_temporary: 3,
};

/** The filings of this person and region, pointing at the treatment place, and touching the stay. */
interface Candidates {
  /** Approved and submitted by the end of the stay: direct settlement (R-F5). */
  readonly timely: readonly Filing[];
  /** Approved but submitted after the stay ended: manual reimbursement only (R-F5). */
  readonly backfilled: readonly Filing[];
  readonly pending: readonly Filing[];
}

function candidatesFor(input: SituationInput, stay: Stay): Candidates {
  const here = input.filings.filter(
    (f) =>
      f.insuredRegionCode === input.insuredRegionCode &&
      targetCovers(f.target, input.treatmentRegionCode) &&
      windowsOverlap(effectiveWindow(f), stay),
  );
  const approved = here.filter(wasApproved);
  return {
    timely: approved.filter((f) => chinaDateOf(f.submittedAt) <= stay.to),
    backfilled: approved.filter((f) => chinaDateOf(f.submittedAt) > stay.to),
    pending: here.filter((f) => f.status === FilingStatus.PendingReview),
  };
}

function referralSatisfied(f: Filing, input: SituationInput): boolean {
  const list = input.unconditionalReferralDiseases ?? [];
  const diseases = [f.referral?.diseaseCode, ...(input.diagnosisCodes ?? [])];
  return (
    diseases.some((d) => d !== undefined && list.includes(d)) ||
    input.certificateUploaded === true ||
    f.referral?.certificateUploaded === true
  );
}

function answer(
  situation: CrossRegionSituation,
  reason: string,
  ruleIds: string[],
  filing: Filing | null = null,
): SituationAnswer {
  return {
    situation,
    reason,
    ruleIds,
    filingId: filing?.id ?? null,
    filingType: filing?.type ?? null,
    directSettlement: situation !== CrossRegionSituation.Unfiled,
    manualReimbursement: false,
    guidance: null,
  };
}

function filedAnswer(
  situation: CrossRegionSituation,
  filing: Filing,
  stay: Stay,
  ruleId: string,
  extra: string,
): SituationAnswer {
  const late = stay.inpatient && filing.validFrom > stay.from;
  const parts = [
    `适用${filingTypeNames[filing.type]}备案（编号 ${filing.id}，${describeTarget(filing.target)}），覆盖该地所有联网定点医药机构。`,
    extra,
    late ? '备案在入院后、出院结算前办理，本次住院可直接结算。' : '',
  ];
  return answer(situation, parts.join(''), late ? ['R-F1', ruleId, 'R-F5'] : ['R-F1', ruleId], filing);
}

/** Derives the situation for one visit or stay; never fails — an unfiled visit is an answer too. */
export function deriveCrossRegionSituation(input: SituationInput): SituationAnswer {
  for (const code of [input.insuredRegionCode, input.treatmentRegionCode]) {
    if (!isRegionCode(code)) throw new RangeError(`region code must be 6 digits: ${JSON.stringify(code)}`);
  }
  if (input.insuredRegionCode === input.treatmentRegionCode) return localAnswer(input);
  const stay = stayOf(input);
  const found = candidatesFor(input, stay);
  const usable = found.timely
    .filter((f) => f.type !== FilingType.Referral || referralSatisfied(f, input))
    .sort((a, b) => RANK[a.type] - RANK[b.type]);
  const inProvince = provinceOf(input.insuredRegionCode) === provinceOf(input.treatmentRegionCode);
  const filed = fromFiling(usable[0], inProvince, stay, input.emergencyFlag);
  if (filed !== null) return filed;
  if (inProvince) {
    return answer(
      CrossRegionSituation.InProvinceExempt,
      '省内异地临时自行外出就医免备案，凭医保电子凭证、社会保障卡或身份证直接结算。',
      ['R-F3'],
    );
  }
  return unfiledAnswer(input, stay, found);
}

/** The situation a usable filing (or an emergency, R-F4) gives; null when neither applies. */
function fromFiling(
  best: Filing | undefined,
  inProvince: boolean,
  stay: Stay,
  emergencyFlag: boolean,
): SituationAnswer | null {
  const S = CrossRegionSituation;
  if (best !== undefined && isLongTerm(best.type)) {
    return inProvince
      ? filedAnswer(S.InProvinceFiled, best, stay, 'R-F7', '省内异地长期备案。')
      : filedAnswer(
          S.CrossProvinceLongTerm,
          best,
          stay,
          'R-F7',
          '跨省长期备案，在备案地和参保地均可享受待遇。',
        );
  }
  if (best?.type === FilingType.Referral) {
    const basis = '转诊条件已满足（无条件转诊病种或已上传转诊证明）。';
    return filedAnswer(inProvince ? S.InProvinceFiled : S.Referral, best, stay, 'R-F6', basis);
  }
  if (best?.type === FilingType.Emergency) {
    return filedAnswer(S.Emergency, best, stay, 'R-F4', '按参保地急诊抢救待遇结算。');
  }
  if (emergencyFlag) {
    return answer(S.Emergency, '急诊抢救未办理备案的视同已备案，按参保地异地急诊抢救待遇直接结算。', [
      'R-F4',
    ]);
  }
  if (best === undefined) return null;
  const lower = '非转诊的临时外出就医，支付比例按参保地规定（可能低于转诊）。';
  return inProvince
    ? filedAnswer(S.InProvinceFiled, best, stay, 'R-F8', '')
    : filedAnswer(S.OtherTemporary, best, stay, 'R-F8', lower);
}

function localAnswer(input: SituationInput): SituationAnswer {
  const longTermElsewhere = input.filings.some(
    (f) => wasApproved(f) && isLongTerm(f.type) && f.insuredRegionCode === input.insuredRegionCode,
  );
  return longTermElsewhere
    ? answer(
        CrossRegionSituation.Local,
        '在参保地就医，不属于异地就医；长期异地备案人员回参保地就医不受备案限制，双向享受待遇。',
        ['R-F6', 'R-F7'],
      )
    : answer(CrossRegionSituation.Local, '就医地与参保地为同一统筹区，不属于异地就医。', ['R-F6']);
}

function unfiledAnswer(input: SituationInput, stay: Stay, found: Candidates): SituationAnswer {
  const backfilled = found.backfilled[0];
  const referralUnmet = found.timely.find((f) => f.type === FilingType.Referral);
  const base = answer(
    CrossRegionSituation.Unfiled,
    backfilled !== undefined
      ? `备案（编号 ${backfilled.id}）在就医结束后补办，本次费用不能直接结算，可申请手工报销。`
      : '跨省异地就医未办理有效备案，且不属于急诊抢救，不能直接结算。',
    backfilled !== undefined ? ['R-F1', 'R-F5'] : ['R-F1'],
  );
  return {
    ...base,
    manualReimbursement: backfilled !== undefined,
    guidance: unfiledGuidance({
      treatmentRegionCode: input.treatmentRegionCode,
      inpatientNotDischarged: stay.inpatient && !stay.discharged,
      backfilledId: backfilled?.id ?? null,
      pending: found.pending[0] ?? null,
      referral: input.referralFlag || referralUnmet !== undefined,
    }),
  };
}

export { CrossRegionSituation };
