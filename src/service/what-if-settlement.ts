/**
 * 结算试算 — computes a settlement from one self-contained case document, touching no store: the
 * same core as a real settlement, for `yibao settle --input case.json [--explain]`, policy authors
 * and support staff. Format: docs/settlement-case.md.
 */
import { err, ok, type Result } from '../core/errors.ts';
import { explainTrace, readSettlementCase, type SettlementResult, settle } from '../core/settlement/index.ts';

export interface WhatIfAnswer {
  readonly result: SettlementResult;
  /** The trace as readable Chinese text (explainTrace). */
  readonly explanation: string;
}

export function whatIfSettlement(caseJson: unknown): Result<WhatIfAnswer> {
  const input = readSettlementCase(caseJson);
  if (!input.ok) return err(input.error);
  const result = settle(input.value);
  if (!result.ok) return err(result.error);
  return ok({ result: result.value, explanation: explainTrace(result.value) });
}
