/**
 * From aggregated groups to statements, institution payables and region positions (R-S3). Pure and
 * order-independent: the store's GROUP BY may return groups in any order, split by day.
 */
import { type Fen, fen, ZERO_FEN } from '../money/index.ts';
import { FundType } from '../reference/codes.ts';
import { computePositions } from './positions.ts';
import type {
  AdvanceBalance,
  AggregateGroup,
  ClearingResult,
  InstitutionPayable,
  StatementDraft,
  StatementLine,
} from './types.ts';

/** The statement line that carries personal-account payments (个人账户). */
export const ACCOUNT_LINE_FUND_TYPE: string = FundType.PersonalAccount;

const SEP = '\u0000';

function groupKey(g: AggregateGroup): string {
  return [
    g.insuredRegionCode,
    g.treatmentRegionCode,
    g.institutionCode,
    g.fundType ?? '',
    g.adjustment ? 1 : 0,
  ].join(SEP);
}

/** Sums groups with the same key (the per-day partial aggregates of one period). */
export function mergeGroups(parts: readonly (readonly AggregateGroup[])[]): AggregateGroup[] {
  const merged = new Map<string, AggregateGroup>();
  for (const part of parts) {
    for (const g of part) {
      const key = groupKey(g);
      const prev = merged.get(key);
      merged.set(
        key,
        prev
          ? {
              ...prev,
              amountFen: fen(prev.amountFen + g.amountFen),
              medicalTotalFen: fen(prev.medicalTotalFen + g.medicalTotalFen),
              count: prev.count + g.count,
              accountCount: prev.accountCount + g.accountCount,
            }
          : g,
      );
    }
  }
  return [...merged.values()];
}

interface MutableLine {
  amount: number;
  adjustment: number;
  rows: number;
}

interface MutableStatement {
  insured: string;
  treatment: string;
  lines: Map<string, MutableLine>;
  settlements: number;
  adjustments: number;
  medical: number;
  fund: number;
  account: number;
  adjustmentFen: number;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addToStatement(s: MutableStatement, g: AggregateGroup): void {
  const lineType = g.fundType ?? ACCOUNT_LINE_FUND_TYPE;
  const line = s.lines.get(lineType) ?? { amount: 0, adjustment: 0, rows: 0 };
  line.amount += g.amountFen;
  if (g.adjustment) line.adjustment += g.amountFen;
  if (g.fundType === null) {
    line.rows += g.accountCount;
    s.settlements += g.count;
    if (g.adjustment) s.adjustments += g.count;
    s.medical += g.medicalTotalFen;
    s.account += g.amountFen;
  } else {
    line.rows += g.count;
    s.fund += g.amountFen;
  }
  if (g.adjustment) s.adjustmentFen += g.amountFen;
  s.lines.set(lineType, line);
}

function finishStatement(s: MutableStatement): StatementDraft {
  const lines: StatementLine[] = [...s.lines.entries()]
    .map(([fundType, l]) => ({
      fundType,
      amountFen: fen(l.amount),
      adjustmentFen: fen(l.adjustment),
      rowCount: l.rows,
    }))
    .filter((l) => !(l.fundType === ACCOUNT_LINE_FUND_TYPE && l.amountFen === 0 && l.rowCount === 0))
    .sort((a, b) => compare(a.fundType, b.fundType));
  return {
    insuredRegionCode: s.insured,
    treatmentRegionCode: s.treatment,
    lines,
    settlementCount: s.settlements,
    adjustmentCount: s.adjustments,
    medicalTotalFen: fen(s.medical),
    fundTotalFen: fen(s.fund),
    accountTotalFen: fen(s.account),
    adjustmentFen: fen(s.adjustmentFen),
    totalFen: fen(s.fund + s.account),
  };
}

/**
 * Builds the period's clearing from its aggregated groups and the advance balances: one statement per
 * (insured, treatment) pair with lines per fund type (plus the personal account), the treatment
 * regions' payables to their institutions, and every region's position. Everything is sorted, so the
 * same input always gives the same result (the run's digest relies on it).
 */
export function buildClearing(
  groups: readonly AggregateGroup[],
  advances: readonly AdvanceBalance[],
): ClearingResult {
  const statements = new Map<string, MutableStatement>();
  const payables = new Map<
    string,
    { treatment: string; institution: string; amount: number; count: number }
  >();
  for (const g of groups) {
    if (g.insuredRegionCode === g.treatmentRegionCode) continue; // local settlements are not cleared
    const pairKey = g.insuredRegionCode + SEP + g.treatmentRegionCode;
    let s = statements.get(pairKey);
    if (!s) {
      s = {
        insured: g.insuredRegionCode,
        treatment: g.treatmentRegionCode,
        lines: new Map(),
        settlements: 0,
        adjustments: 0,
        medical: 0,
        fund: 0,
        account: 0,
        adjustmentFen: 0,
      };
      statements.set(pairKey, s);
    }
    addToStatement(s, g);
    const p = payables.get(g.institutionCode) ?? {
      treatment: g.treatmentRegionCode,
      institution: g.institutionCode,
      amount: 0,
      count: 0,
    };
    p.amount += g.amountFen;
    if (g.fundType === null) p.count += g.count;
    payables.set(g.institutionCode, p);
  }
  const drafts = [...statements.values()]
    .map((s) => finishStatement(s))
    .sort(
      (a, b) =>
        compare(a.insuredRegionCode, b.insuredRegionCode) ||
        compare(a.treatmentRegionCode, b.treatmentRegionCode),
    );
  const institutionPayables: InstitutionPayable[] = [...payables.values()]
    .map((p) => ({
      treatmentRegionCode: p.treatment,
      institutionCode: p.institution,
      amountFen: fen(p.amount),
      settlementCount: p.count,
    }))
    .sort(
      (a, b) =>
        compare(a.treatmentRegionCode, b.treatmentRegionCode) ||
        compare(a.institutionCode, b.institutionCode),
    );
  let total: Fen = ZERO_FEN;
  let settlementCount = 0;
  for (const d of drafts) {
    total = fen(total + d.totalFen);
    settlementCount += d.settlementCount;
  }
  return {
    statements: drafts,
    institutionPayables,
    positions: computePositions(drafts, advances),
    settlementCount,
    totalFen: total,
  };
}
