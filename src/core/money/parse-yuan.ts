/**
 * 元 → 分: exact parsing of yuan amounts from the wire, files and forms (R-M1). Integer arithmetic
 * only; every way a text can fail to be an amount has its own stable code.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { type DecimalFault, fieldPrefix, readDecimal, showInput } from './decimal-text.ts';
import { type Fen, fen, MAX_ABS_FEN } from './fen.ts';

export const MoneyErrorCode = {
  Empty: 'MONEY_EMPTY',
  Malformed: 'MONEY_MALFORMED',
  FullWidth: 'MONEY_FULLWIDTH',
  Exponent: 'MONEY_EXPONENT',
  NotFinite: 'MONEY_NOT_FINITE',
  TooPrecise: 'MONEY_TOO_PRECISE',
  OutOfRange: 'MONEY_OUT_OF_RANGE',
} as const;
export type MoneyErrorCode = (typeof MoneyErrorCode)[keyof typeof MoneyErrorCode];

const FAULT_CODE: Record<DecimalFault, MoneyErrorCode> = {
  empty: MoneyErrorCode.Empty,
  malformed: MoneyErrorCode.Malformed,
  fullwidth: MoneyErrorCode.FullWidth,
  exponent: MoneyErrorCode.Exponent,
  not_finite: MoneyErrorCode.NotFinite,
  too_precise: MoneyErrorCode.TooPrecise,
};

function faultMessage(fault: DecimalFault, shown: string, where: string): string {
  switch (fault) {
    case 'empty':
      return `${where}金额为空，请填写以元为单位的金额，如 12.30`;
    case 'malformed':
      return `${where}金额 ${shown} 不是有效的数字，请填写以元为单位、最多两位小数的金额，如 12.30（不含空格、千分位或货币符号）`;
    case 'fullwidth':
      return `${where}金额 ${shown} 含有全角字符，请改用半角数字和小数点，如 12.30`;
    case 'exponent':
      return `${where}金额 ${shown} 使用了科学计数法，请写成普通小数，如 12.30`;
    case 'not_finite':
      return `${where}金额 ${shown} 不是有限数值，请填写实际金额，如 12.30`;
    case 'too_precise':
      return `${where}金额 ${shown} 超过两位小数，金额只能精确到分，请保留两位小数，如 12.30`;
  }
}

function failure(code: MoneyErrorCode, message: string, field: string | undefined): DomainError {
  return domainError(code, message, field === undefined ? { ruleId: 'R-M1' } : { ruleId: 'R-M1', field });
}

/**
 * Parses a yuan amount ('12.3', '12.30', '-25.1', '0', or a JS number via String(n)) into fen.
 * Accepts at most two decimals and magnitudes up to MAX_ABS_FEN (9,999,999,999,999.99 yuan).
 * Negative amounts parse (refunds, adjustments); whether a sign is allowed is the caller's rule.
 */
export function parseYuan(input: unknown, field?: string): Result<Fen> {
  const where = fieldPrefix(field);
  const read = readDecimal(input, 2);
  if (!read.ok) {
    return err(failure(FAULT_CODE[read.fault], faultMessage(read.fault, showInput(input), where), field));
  }
  const max = BigInt(MAX_ABS_FEN);
  if (read.scaled > max || read.scaled < -max) {
    return err(
      failure(
        MoneyErrorCode.OutOfRange,
        `${where}金额 ${showInput(input)} 超出允许范围，金额的绝对值不能超过 9999999999999.99 元`,
        field,
      ),
    );
  }
  return ok(fen(Number(read.scaled)));
}
