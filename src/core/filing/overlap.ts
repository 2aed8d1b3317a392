/**
 * Refusing overlapping or contradictory filings (R-F1). A person lives in one place at a time, so two
 * long-term filings always conflict; a second filing of the same kind for a place and time already
 * covered is a duplicate; a temporary filing where a long-term one already applies is redundant.
 * A referral or an emergency may sit beside an "other temporary" filing for the same place: they rest on
 * a specific episode of care, and the situation picks the better one (see situation.ts).
 */
import { domainError, err, ok, type Result } from '../errors.ts';
import {
  describeTarget,
  describeWindow,
  effectiveWindow,
  targetsIntersect,
  windowsOverlap,
} from './coverage.ts';
import { FilingErrorCode } from './errors.ts';
import { type Filing, FilingStatus, filingTypeNames, isLongTerm } from './types.ts';

export type FilingCandidate = Pick<
  Filing,
  'id' | 'personNo' | 'insuredRegionCode' | 'type' | 'target' | 'validFrom' | 'validTo'
>;

function isLive(f: Filing): boolean {
  return f.status === FilingStatus.PendingReview || f.status === FilingStatus.Approved;
}

function contradicts(existing: Filing, candidate: FilingCandidate): boolean {
  if (isLongTerm(existing.type) && isLongTerm(candidate.type)) return true;
  if (!targetsIntersect(existing.target, candidate.target)) return false;
  return existing.type === candidate.type || isLongTerm(existing.type) || isLongTerm(candidate.type);
}

/**
 * Ok when the candidate may be filed beside the person's live filings. `replacing` names the filing a
 * change (变更备案) will supersede, which is left out of the comparison.
 */
export function checkOverlap(
  existing: readonly Filing[],
  candidate: FilingCandidate,
  options: { readonly replacing?: string } = {},
): Result<void> {
  const window = effectiveWindow({ ...candidate, endedOn: null });
  const clash = existing.find(
    (f) =>
      f.id !== candidate.id &&
      f.id !== options.replacing &&
      f.personNo === candidate.personNo &&
      f.insuredRegionCode === candidate.insuredRegionCode &&
      isLive(f) &&
      windowsOverlap(effectiveWindow(f), window) &&
      contradicts(f, candidate),
  );
  if (clash === undefined) return ok(undefined);
  const held = `${filingTypeNames[clash.type]}备案（编号 ${clash.id}，${describeTarget(clash.target)}，${describeWindow(effectiveWindow(clash))}）`;
  if (isLongTerm(clash.type) && isLongTerm(candidate.type)) {
    return err(
      domainError(
        FilingErrorCode.LongTermConflict,
        `已有${held}；长期异地居住类备案同一时间只能有一处，请变更原备案，或先撤销原备案再重新申请。`,
        { ruleId: 'R-F1', field: 'type' },
      ),
    );
  }
  return err(
    domainError(
      FilingErrorCode.Overlap,
      `申请的${filingTypeNames[candidate.type]}备案（${describeTarget(candidate.target)}，${describeWindow(window)}）与已有${held}在地点和时间上重叠；请调整就医地或有效期，或变更原备案。`,
      { ruleId: 'R-F1', field: 'target' },
    ),
  );
}
