/**
 * Drill-down of a statement to every settlement (to the fen): each posted settlement or reversal of
 * the pair contributes its own fund lines and personal-account payment, so the statement total is the
 * exact sum of the settlements' clearing amounts — no pro-rata estimate is involved, and
 * `checkDrillDown` proves it for any page set that covers the statement.
 */
import { type DomainError, domainError } from '../errors.ts';
import { type Fen, fen } from '../money/index.ts';
import { ACCOUNT_LINE_FUND_TYPE } from './aggregate.ts';
import type { StatementLine } from './types.ts';

export interface DrillDownSettlement {
  readonly settlementId: string;
  readonly visitId: string;
  readonly psnNo: string;
  readonly institutionCode: string;
  readonly settledAt: string;
  readonly kind: 'settlement' | 'reversal';
  readonly reversesId: string | null;
  /** A late refund of a settlement from an earlier period, rolled into this one. */
  readonly adjustment: boolean;
  readonly medicalTotalFen: Fen;
  readonly accountPayFen: Fen;
}

export interface DrillDownFund {
  readonly settlementId: string;
  readonly fundType: string;
  readonly payFen: Fen;
}

export interface DrillDownRow extends DrillDownSettlement {
  /** Per statement line (fund type, and the personal account line), this settlement's share. */
  readonly amountsFen: Readonly<Record<string, Fen>>;
  readonly clearingFen: Fen;
}

export function buildDrillDownRows(
  settlements: readonly DrillDownSettlement[],
  funds: readonly DrillDownFund[],
): DrillDownRow[] {
  const bySettlement = new Map<string, Record<string, Fen>>();
  for (const f of funds) {
    const amounts = bySettlement.get(f.settlementId) ?? {};
    amounts[f.fundType] = fen((amounts[f.fundType] ?? 0) + f.payFen);
    bySettlement.set(f.settlementId, amounts);
  }
  return settlements.map((s) => {
    const amounts = { ...(bySettlement.get(s.settlementId) ?? {}) };
    if (s.accountPayFen !== 0) {
      amounts[ACCOUNT_LINE_FUND_TYPE] = fen((amounts[ACCOUNT_LINE_FUND_TYPE] ?? 0) + s.accountPayFen);
    }
    const clearing = Object.values(amounts).reduce((sum, x) => sum + x, 0);
    return { ...s, amountsFen: amounts, clearingFen: fen(clearing) };
  });
}

/** Checks that drill-down rows add up to the statement's lines, line by line, to the fen. */
export function checkDrillDown(
  lines: readonly StatementLine[],
  rows: readonly DrillDownRow[],
): DomainError | null {
  const sums = new Map<string, number>();
  for (const row of rows) {
    for (const [fundType, amount] of Object.entries(row.amountsFen)) {
      sums.set(fundType, (sums.get(fundType) ?? 0) + amount);
    }
  }
  const expected = new Map(lines.map((l) => [l.fundType, l.amountFen as number]));
  for (const key of new Set([...sums.keys(), ...expected.keys()])) {
    const got = sums.get(key) ?? 0;
    const want = expected.get(key) ?? 0;
    if (got !== want) {
      return domainError(
        'CLEARING_DRILL_DOWN_MISMATCH',
        `清算单基金类型 ${key} 的明细合计 ${got} 分与清算单金额 ${want} 分不一致，请重新运行清算。`,
        { ruleId: 'R-S3' },
      );
    }
  }
  return null;
}
