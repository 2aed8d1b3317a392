/** Arithmetic on whole sets of setlinfo amounts: sums over parts, negation for reversals. */
import { type Fen, fen } from '../money/index.ts';
import type { SettlementAmounts } from './types.ts';

export const AMOUNT_FIELDS = [
  'totalFen',
  'fullOwnPayFen',
  'overLimitFen',
  'classBCopayFen',
  'inScopeFen',
  'deductiblePaidFen',
  'pooledFen',
  'civilServantFen',
  'enterpriseSupplementFen',
  'seriousIllnessFen',
  'largeAmountFen',
  'assistanceFen',
  'otherFundFen',
  'fundTotalFen',
  'personalFen',
  'accountFen',
  'cashFen',
  'hospitalBorneFen',
] as const satisfies readonly (keyof SettlementAmounts)[];

function build(value: (field: (typeof AMOUNT_FIELDS)[number]) => number): SettlementAmounts {
  const out: Record<string, Fen> = {};
  for (const f of AMOUNT_FIELDS) out[f] = fen(value(f));
  return out as unknown as SettlementAmounts;
}

/** Just the amounts of a part or result, without its other fields. */
export function pickAmounts(a: SettlementAmounts): SettlementAmounts {
  return build((f) => a[f]);
}

export function sumAmounts(items: readonly SettlementAmounts[]): SettlementAmounts {
  return build((f) => items.reduce((s, a) => s + a[f], 0));
}

export function negateAmounts(a: SettlementAmounts): SettlementAmounts {
  return build((f) => -a[f]);
}

export function subtractAmounts(a: SettlementAmounts, b: SettlementAmounts): SettlementAmounts {
  return build((f) => a[f] - b[f]);
}
