/** Readers shared by several contracts: exp_content flags, diagnoses, department details. */
import type { Result } from '../../core/errors.ts';
import { ok } from '../../core/errors.ts';
import type { Fen } from '../../core/money/index.ts';
import { fenToYuanNumber } from '../../core/money/index.ts';
import { INPATIENT_MEDICAL_TYPES, OUTPATIENT_MEDICAL_TYPES } from '../../service/his/medical-type.ts';
import type { VisitFlags } from '../../service/his/visits.ts';
import { type NodeReader, rowsNode } from '../input-reader.ts';

export const yuan = (f: Fen | number): number => fenToYuanNumber(f as Fen);

/**
 * Cross-region flags of §2.9: IPT_TYPE 2 急诊或抢救住院 / 3 转院住院; OTP_ER_REFL_FLAG 1 急诊 / 2 转诊 /
 * 3 转诊合并急诊; TRUM_FLAG 1 外伤. Medical type 13/1301 (急诊) is an emergency by itself.
 */
export function flagsOf(node: NodeReader, medTypeCode: string | null): VisitFlags {
  const ext = node.extensions();
  const ipt = String(ext.IPT_TYPE ?? '');
  const otp = String(ext.OTP_ER_REFL_FLAG ?? '');
  return {
    emergency: ipt === '2' || otp === '1' || otp === '3' || medTypeCode === '13' || medTypeCode === '1301',
    referral: ipt === '3' || otp === '2' || otp === '3',
    trauma: String(ext.TRUM_FLAG ?? '') === '1',
  };
}

export function outpatientMedType(node: NodeReader, fallback: string | null = null): string {
  if (!node.has('med_type') && fallback !== null) return fallback;
  return node.code('med_type', '医疗类别', OUTPATIENT_MEDICAL_TYPES);
}

export function inpatientMedType(node: NodeReader): string {
  return node.code('med_type', '医疗类别', INPATIENT_MEDICAL_TYPES);
}

/** diseinfo rows, kept as sent (they are echoed by 5202 and used for referral-disease checks). */
export function diagnosesOf(
  input: Readonly<Record<string, unknown>>,
  required: boolean,
): Record<string, unknown>[] {
  return rowsNode(input, 'diseinfo', { required, maxRows: 100 }).map((row) => {
    row.text('diag_code', '诊断代码', 20);
    return { ...row.node };
  });
}

/** Optional details kept verbatim for queries, without empty values. */
export function detailsOf(node: NodeReader, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (node.has(f)) out[f] = node.node[f];
  }
  return out;
}

export const nothing = (): Result<Record<string, never>> => ok({});
