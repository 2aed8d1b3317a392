/**
 * Ratio text → basis points: '0.1', 0.85, '1' (up to four decimals, as the national interface
 * sends ratios) become 1000, 8500, 10000 exactly.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { type DecimalFault, fieldPrefix, readDecimal, showInput } from './decimal-text.ts';
import { bp, type RatioBp } from './ratio.ts';

export const RatioErrorCode = {
  Empty: 'RATIO_EMPTY',
  Malformed: 'RATIO_MALFORMED',
  FullWidth: 'RATIO_FULLWIDTH',
  Exponent: 'RATIO_EXPONENT',
  NotFinite: 'RATIO_NOT_FINITE',
  TooPrecise: 'RATIO_TOO_PRECISE',
  OutOfRange: 'RATIO_OUT_OF_RANGE',
} as const;
export type RatioErrorCode = (typeof RatioErrorCode)[keyof typeof RatioErrorCode];

const FAULT_CODE: Record<DecimalFault, RatioErrorCode> = {
  empty: RatioErrorCode.Empty,
  malformed: RatioErrorCode.Malformed,
  fullwidth: RatioErrorCode.FullWidth,
  exponent: RatioErrorCode.Exponent,
  not_finite: RatioErrorCode.NotFinite,
  too_precise: RatioErrorCode.TooPrecise,
};

function faultMessage(fault: DecimalFault, shown: string, where: string): string {
  switch (fault) {
    case 'empty':
      return `${where}比例为空，请填写 0 到 1 之间的小数，如 0.85`;
    case 'malformed':
      return `${where}比例 ${shown} 不是有效的数字，请填写 0 到 1 之间、最多四位小数的小数，如 0.85（不要写成 85%）`;
    case 'fullwidth':
      return `${where}比例 ${shown} 含有全角字符，请改用半角数字和小数点，如 0.85`;
    case 'exponent':
      return `${where}比例 ${shown} 使用了科学计数法，请写成普通小数，如 0.85`;
    case 'not_finite':
      return `${where}比例 ${shown} 不是有限数值，请填写 0 到 1 之间的小数，如 0.85`;
    case 'too_precise':
      return `${where}比例 ${shown} 超过四位小数，请最多保留四位小数，如 0.8525`;
  }
}

function failure(code: RatioErrorCode, message: string, field: string | undefined): DomainError {
  return domainError(code, message, field === undefined ? {} : { field });
}

/** Parses a ratio given as a decimal 0..1 with up to four places into basis points. */
export function parseRatio(input: unknown, field?: string): Result<RatioBp> {
  const where = fieldPrefix(field);
  const read = readDecimal(input, 4);
  if (!read.ok) {
    return err(failure(FAULT_CODE[read.fault], faultMessage(read.fault, showInput(input), where), field));
  }
  if (read.scaled < 0n || read.scaled > 10_000n) {
    return err(
      failure(
        RatioErrorCode.OutOfRange,
        `${where}比例 ${showInput(input)} 超出范围，比例必须在 0 到 1 之间（含 0 和 1）`,
        field,
      ),
    );
  }
  return ok(bp(Number(read.scaled)));
}
