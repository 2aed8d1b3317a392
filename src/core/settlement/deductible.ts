/**
 * 起付标准 — how much deductible this settlement owes (due) and actually pays: never more than its
 * in-scope amount, and for an annual deductible never more than what is left of the year's (R-M4).
 */
import { type Fen, fen, minFen } from '../money/index.ts';
import type { DeductibleSpec } from '../policy/index.ts';
import { AccumulatorKey, type AccumulatorLedger } from './accumulators.ts';
import { type TraceStep, TraceStepKind, yuan } from './trace.ts';

export interface DeductibleOutcome {
  readonly dueFen: Fen;
  readonly paidFen: Fen;
  /** The annual accumulator to move by paidFen, if the deductible is annual. */
  readonly annualKey: string | null;
  readonly step: TraceStep;
}

export function computeDeductible(
  spec: DeductibleSpec,
  ledger: AccumulatorLedger,
  diseaseCode: string | null,
  isInpatient: boolean,
  inScopeFen: Fen,
  partNo: number,
): DeductibleOutcome {
  const due = deductibleDue(spec, ledger, diseaseCode, isInpatient);
  const paidFen = minFen(due.dueFen, inScopeFen);
  const step: TraceStep = {
    step: TraceStepKind.Deductible,
    ruleId: 'R-M4',
    partNo,
    params: {
      kind: spec.kind,
      standardFen: due.standardFen,
      usedBeforeFen: due.usedBeforeFen,
      admissionNo: due.admissionNo,
    },
    formulaZh: `起付标准：${due.describe}，本次应付 ${yuan(due.dueFen)}；实际支付起付线 = min(${yuan(due.dueFen)}, 符合范围 ${yuan(inScopeFen)}) = ${yuan(paidFen)}`,
    amounts: { dueFen: due.dueFen, inScopeFen, paidFen },
  };
  return { dueFen: due.dueFen, paidFen, annualKey: due.annualKey, step };
}

interface Due {
  readonly standardFen: number;
  readonly usedBeforeFen: number | null;
  readonly admissionNo: number | null;
  readonly dueFen: Fen;
  readonly annualKey: string | null;
  readonly describe: string;
}

function deductibleDue(
  spec: DeductibleSpec,
  ledger: AccumulatorLedger,
  diseaseCode: string | null,
  isInpatient: boolean,
): Due {
  const none = { usedBeforeFen: null, admissionNo: null, annualKey: null };
  switch (spec.kind) {
    case 'none':
      return { ...none, standardFen: 0, dueFen: fen(0), describe: '无起付线' };
    case 'per_visit':
      return {
        ...none,
        standardFen: spec.amountFen,
        dueFen: spec.amountFen,
        describe: `每次 ${yuan(spec.amountFen)}`,
      };
    case 'per_admission': {
      // The n-th admission of the year; outside inpatient care a per-admission rule counts as the 1st.
      const admissionNo = isInpatient ? ledger.get(AccumulatorKey.admissions) + 1 : 1;
      const amounts = spec.amountsFen;
      const standard = amounts[Math.min(admissionNo, amounts.length) - 1] ?? fen(0);
      return {
        ...none,
        admissionNo,
        standardFen: standard,
        dueFen: standard,
        describe: `年度第 ${admissionNo} 次住院起付线 ${yuan(standard)}`,
      };
    }
    case 'annual': {
      const key = AccumulatorKey.annualDeductible(spec.groupId, spec.perDisease ? diseaseCode : null);
      const used = ledger.get(key);
      const dueFen = fen(Math.max(0, spec.amountFen - used));
      return {
        standardFen: spec.amountFen,
        usedBeforeFen: used,
        admissionNo: null,
        dueFen,
        annualKey: key,
        describe: `年度起付线 ${yuan(spec.amountFen)} − 已付 ${yuan(used)}`,
      };
    }
  }
}
