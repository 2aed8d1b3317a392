/**
 * What one settlement request produced, as the edges render it: the posted rows of a group (one per
 * part: a chronic disease, the general remainder, or the whole bill), their fund lines, the totals,
 * and the person and visit they belong to. Pre-settlements have the same shape without ids.
 */
import type { SituationAnswer } from '../../core/filing/index.ts';
import type { Person } from '../../core/reference/types.ts';
import {
  AMOUNT_FIELDS,
  type FundLine,
  type SettlementAmounts,
  type SettlementCategory,
} from '../../core/settlement/index.ts';
import type { Visit } from '../../store/repositories/visits.ts';

export interface GroupPart extends SettlementAmounts {
  /** The posted row id; null for a pre-settlement. */
  readonly settlementId: string | null;
  readonly partNo: number;
  readonly category: SettlementCategory;
  readonly diseaseCode: string | null;
  readonly clearingType: string;
  readonly pooledRatioBp: number;
  readonly fundLines: readonly FundLine[];
  /** Chinese formula lines of this part (计算过程), in order. */
  readonly traceZh: readonly string[];
}

export interface SettlementGroup {
  /** 结算ID returned to the HIS; null for a pre-settlement. */
  readonly groupId: string | null;
  readonly kind: 'settlement' | 'reversal' | 'preview';
  /** For a reversal: the group it reverses. */
  readonly reversesGroupId: string | null;
  readonly settledAt: string;
  /** The request's msgid (医药机构结算ID). */
  readonly msgid: string;
  readonly person: Person;
  readonly visit: Visit;
  readonly medTypeCode: string;
  readonly situation: string;
  readonly situationReason: string;
  readonly parts: readonly GroupPart[];
  readonly totals: SettlementAmounts;
  readonly accountBalanceAfterFen: number;
  readonly midStay: boolean;
}

export type { SituationAnswer };

/** Just the setlinfo amounts of a part (or anything carrying them). */
export function amountsOnly(a: SettlementAmounts): SettlementAmounts {
  const out: Record<string, number> = {};
  for (const f of AMOUNT_FIELDS) out[f] = a[f];
  return out as unknown as SettlementAmounts;
}
