/**
 * 省内门诊慢特病待遇资格互认 (R-C4, seed 000 §3): on a relation transfer, an insurance-type change or a
 * change of pooling region within the province, every qualification in force carries over from the
 * transfer day without a new application, keeping its original start date (原病种待遇开始时间). A move
 * to another province is not recognised: the qualification ends and the person applies anew there.
 */
import type { IsoDate } from '../calendar/index.ts';
import { closingEndDate } from './qualification.ts';
import { type Qualification, QualificationStatus } from './types.ts';

export interface RelationChange {
  readonly fromRegion: string;
  readonly toRegion: string;
  readonly newInsuranceType: string;
  /** The day the change takes effect (China date). */
  readonly onDate: IsoDate;
}

export interface CarriedQualification {
  readonly from: Qualification;
  readonly endDate: IsoDate;
  readonly next: {
    readonly regionCode: string;
    readonly insuranceType: string;
    readonly localCode: string | null;
    readonly startDate: IsoDate;
    readonly originalStartDate: IsoDate;
  };
}

export interface RecognitionPlan {
  readonly carried: readonly CarriedQualification[];
  /** Ended without carry-over (another province); the person must apply in the new region. */
  readonly notRecognised: readonly { readonly from: Qualification; readonly endDate: IsoDate }[];
}

export function sameProvince(a: string, b: string): boolean {
  return a.slice(0, 2) === b.slice(0, 2);
}

/** Which qualifications carry over and how; `localCodeIn` maps a national code in the new region. */
export function planRecognition(
  qualifications: readonly Qualification[],
  change: RelationChange,
  localCodeIn: (regionCode: string, diseaseCode: string) => string | null,
): RecognitionPlan {
  const live = qualifications.filter(
    (q) => q.status === QualificationStatus.Active && (q.endDate === null || q.endDate >= change.onDate),
  );
  const unchanged = (q: Qualification) =>
    q.regionCode === change.toRegion && q.insuranceType === change.newInsuranceType;
  const movable = live.filter((q) => !unchanged(q));
  if (!sameProvince(change.fromRegion, change.toRegion)) {
    return {
      carried: [],
      notRecognised: movable.map((from) => ({ from, endDate: closingEndDate(from, change.onDate) })),
    };
  }
  const carried = movable.map((from) => ({
    from,
    endDate: closingEndDate(from, change.onDate),
    next: {
      regionCode: change.toRegion,
      insuranceType: change.newInsuranceType,
      localCode: localCodeIn(change.toRegion, from.diseaseCode),
      startDate: from.startDate > change.onDate ? from.startDate : change.onDate,
      originalStartDate: from.originalStartDate,
    },
  }));
  return { carried, notRecognised: [] };
}
