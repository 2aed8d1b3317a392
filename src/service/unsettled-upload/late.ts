/**
 * 督促补传 (R-R3): the treatment region's agency sees which of its institutions uploaded self-paid
 * bills late, so it can follow them up. Scoped to the staff member's own region.
 */

import { lateUploadsOfRegion, type UnsettledUpload } from '../../store/repositories/unsettled-uploads.ts';
import type { AppContext } from '../context.ts';

export interface LateUploadView {
  readonly uploadId: string;
  readonly institutionCode: string;
  readonly hospitalVisitNo: string;
  readonly psnNo: string;
  readonly endDate: string;
  readonly dueDate: string;
  readonly uploadedAt: string;
  readonly workingDaysLate: number;
  readonly totalFen: number;
}

function view(u: UnsettledUpload): LateUploadView {
  return {
    uploadId: u.uploadId,
    institutionCode: u.institutionCode,
    hospitalVisitNo: u.hospitalVisitNo,
    psnNo: u.psnNo,
    endDate: u.endTime.slice(0, 10),
    dueDate: u.dueDate,
    uploadedAt: u.uploadedAt,
    workingDaysLate: u.workingDaysLate,
    totalFen: u.totalFen,
  };
}

/** Late uploads in the treatment region since a date (default: the last 90 days). */
export async function lateUnsettledUploads(
  ctx: AppContext,
  treatmentRegionCode: string,
  sinceIso?: string,
): Promise<LateUploadView[]> {
  const since = sinceIso ?? new Date(ctx.now().getTime() - 90 * 86_400_000).toISOString();
  return (await lateUploadsOfRegion(ctx.store.db, treatmentRegionCode, since)).map(view);
}
