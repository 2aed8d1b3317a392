/**
 * R-C6 "自申报之日起享受待遇": costs of the applied disease paid between the application and the approval
 * settled as ordinary outpatient / pharmacy costs, because the person was not yet qualified. They are
 * refunded by recomputation (reverse and settle again as chronic). This picks which settlements qualify.
 */
import { chinaDateOf, type IsoDate } from '../calendar/index.ts';
import type { IcdMatcher } from './icd.ts';

/** What the store knows about one posted settlement and its visit. */
export interface SettlementFacts {
  readonly settlementId: string;
  readonly settledAt: string;
  readonly category: string;
  readonly kind: 'settlement' | 'reversal';
  readonly reversed: boolean;
  readonly feeLineDiseaseCodes: readonly string[];
  readonly visitDiseaseCode: string | null;
  readonly diagnosisCodes: readonly string[];
}

export interface RecomputeWindow {
  readonly diseaseCode: string;
  readonly localCode: string | null;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Matches the disease's ICD-10 codes; used when the lines carry no disease code. */
  readonly matcher: IcdMatcher | null;
}

const RECOMPUTABLE: readonly string[] = ['general_outpatient', 'pharmacy_purchase'];

export function needsRecomputation(s: SettlementFacts, w: RecomputeWindow): boolean {
  if (s.kind !== 'settlement' || s.reversed || !RECOMPUTABLE.includes(s.category)) return false;
  const day = chinaDateOf(s.settledAt);
  if (day < w.from || day > w.to) return false;
  const codes = new Set([w.diseaseCode, ...(w.localCode ? [w.localCode] : [])]);
  if (s.feeLineDiseaseCodes.some((c) => codes.has(c))) return true;
  if (s.visitDiseaseCode !== null && codes.has(s.visitDiseaseCode)) return true;
  return w.matcher !== null && w.matcher.match(s.diagnosisCodes).length > 0;
}
