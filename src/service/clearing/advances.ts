/** 预付金 — recording advance funds between regions (posted movements, audited). */
import { clearingErrors, parseDateRange } from '../../core/clearing/index.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import { MAX_ABS_FEN } from '../../core/money/index.ts';
import { insertAdvance, listAdvances } from '../../store/repositories/clearing-advances.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';

export interface RecordAdvanceInput {
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  /** Positive: the insured region advances money; negative: the treatment region returns some. */
  readonly amountFen: number;
  /** yyyy-MM-dd (Beijing); counts towards every period ending after this day. */
  readonly effectiveDate: string;
  readonly memo?: string;
  readonly actor: string;
  readonly requestId?: string | null;
}

export interface AdvanceRecord {
  readonly id: number;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly amountFen: number;
  readonly effectiveDate: string;
  readonly memo: string;
  readonly actor: string;
  readonly recordedAt: string;
}

const REGION = /^\d{6}$/;

function validate(input: RecordAdvanceInput) {
  if (!REGION.test(input.insuredRegionCode)) {
    return clearingErrors.advanceInvalid('insuredRegionCode', '参保地医保区划应为 6 位数字。');
  }
  if (!REGION.test(input.treatmentRegionCode)) {
    return clearingErrors.advanceInvalid('treatmentRegionCode', '就医地医保区划应为 6 位数字。');
  }
  if (input.insuredRegionCode === input.treatmentRegionCode) {
    return clearingErrors.advanceInvalid('treatmentRegionCode', '参保地与就医地不能相同。');
  }
  if (
    !Number.isSafeInteger(input.amountFen) ||
    input.amountFen === 0 ||
    Math.abs(input.amountFen) > MAX_ABS_FEN
  ) {
    return clearingErrors.advanceInvalid('amountFen', '金额应为非零整数（分）。');
  }
  const date = parseDateRange(input.effectiveDate, input.effectiveDate, 1, {
    begin: 'effectiveDate',
    end: 'effectiveDate',
  });
  if (!date.ok) return date.error;
  if ((input.memo ?? '').length > 500) return clearingErrors.advanceInvalid('memo', '备注不能超过 500 字。');
  return null;
}

export async function recordAdvance(
  ctx: AppContext,
  input: RecordAdvanceInput,
): Promise<Result<AdvanceRecord>> {
  const problem = validate(input);
  if (problem) return err(problem);
  const recordedAt = ctx.now().toISOString();
  const row = {
    insured_region_code: input.insuredRegionCode,
    treatment_region_code: input.treatmentRegionCode,
    amount_fen: input.amountFen,
    effective_date: input.effectiveDate,
    memo: input.memo ?? '',
    actor: input.actor,
    recorded_at: recordedAt,
  };
  const id = await inTransaction(ctx.store.db, async (tx) => {
    const newId = await insertAdvance(tx, row);
    await appendAudit(tx, ctx.store.dialect, {
      at: recordedAt,
      actor: input.actor,
      role: 'admin',
      action: 'clearing.advance',
      subject: `${input.insuredRegionCode}->${input.treatmentRegionCode}`,
      requestId: input.requestId ?? null,
      detail: { id: newId, amountFen: input.amountFen, effectiveDate: input.effectiveDate },
    });
    return newId;
  });
  return ok({
    id,
    insuredRegionCode: row.insured_region_code,
    treatmentRegionCode: row.treatment_region_code,
    amountFen: row.amount_fen,
    effectiveDate: row.effective_date,
    memo: row.memo,
    actor: row.actor,
    recordedAt,
  });
}

export async function listAdvanceRecords(ctx: AppContext): Promise<AdvanceRecord[]> {
  const rows = await listAdvances(ctx.store.db);
  return rows.map((r) => ({
    id: Number(r.id),
    insuredRegionCode: r.insured_region_code,
    treatmentRegionCode: r.treatment_region_code,
    amountFen: r.amount_fen,
    effectiveDate: r.effective_date,
    memo: r.memo,
    actor: r.actor,
    recordedAt: r.recorded_at,
  }));
}
