/**
 * Quantity text → ten-thousandths: the national fee-detail count (cnt) has up to four decimals,
 * so '2.5' boxes becomes 25000 exactly.
 */
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import { type DecimalFault, fieldPrefix, readDecimal, showInput } from './decimal-text.ts';
import { type Quantity, quantity } from './quantity.ts';

/**
 * Upper bound on one line's quantity: 100,000,000 units (1 亿). Far above any real dispensing,
 * and it keeps unit price × quantity of any parsed amount comfortably inside BigInt-checked range.
 */
export const MAX_QUANTITY = 1_000_000_000_000 as Quantity;

export const QuantityErrorCode = {
  Empty: 'QUANTITY_EMPTY',
  Malformed: 'QUANTITY_MALFORMED',
  FullWidth: 'QUANTITY_FULLWIDTH',
  Exponent: 'QUANTITY_EXPONENT',
  NotFinite: 'QUANTITY_NOT_FINITE',
  TooPrecise: 'QUANTITY_TOO_PRECISE',
  NotPositive: 'QUANTITY_NOT_POSITIVE',
  OutOfRange: 'QUANTITY_OUT_OF_RANGE',
} as const;
export type QuantityErrorCode = (typeof QuantityErrorCode)[keyof typeof QuantityErrorCode];

const FAULT_CODE: Record<DecimalFault, QuantityErrorCode> = {
  empty: QuantityErrorCode.Empty,
  malformed: QuantityErrorCode.Malformed,
  fullwidth: QuantityErrorCode.FullWidth,
  exponent: QuantityErrorCode.Exponent,
  not_finite: QuantityErrorCode.NotFinite,
  too_precise: QuantityErrorCode.TooPrecise,
};

function faultMessage(fault: DecimalFault, shown: string, where: string): string {
  switch (fault) {
    case 'empty':
      return `${where}数量为空，请填写大于 0 的数量，如 2.5`;
    case 'malformed':
      return `${where}数量 ${shown} 不是有效的数字，请填写大于 0、最多四位小数的数量，如 2.5`;
    case 'fullwidth':
      return `${where}数量 ${shown} 含有全角字符，请改用半角数字和小数点，如 2.5`;
    case 'exponent':
      return `${where}数量 ${shown} 使用了科学计数法，请写成普通小数，如 2.5`;
    case 'not_finite':
      return `${where}数量 ${shown} 不是有限数值，请填写实际数量，如 2.5`;
    case 'too_precise':
      return `${where}数量 ${shown} 超过四位小数，请最多保留四位小数，如 2.5`;
  }
}

function failure(code: QuantityErrorCode, message: string, field: string | undefined): DomainError {
  return domainError(code, message, field === undefined ? {} : { field });
}

/** Parses a quantity with up to four decimals; it must be greater than zero. */
export function parseQuantity(input: unknown, field?: string): Result<Quantity> {
  const where = fieldPrefix(field);
  const read = readDecimal(input, 4);
  if (!read.ok) {
    return err(failure(FAULT_CODE[read.fault], faultMessage(read.fault, showInput(input), where), field));
  }
  if (read.scaled <= 0n) {
    return err(
      failure(
        QuantityErrorCode.NotPositive,
        `${where}数量 ${showInput(input)} 必须大于 0；退费请走冲销`,
        field,
      ),
    );
  }
  if (read.scaled > BigInt(MAX_QUANTITY)) {
    return err(
      failure(
        QuantityErrorCode.OutOfRange,
        `${where}数量 ${showInput(input)} 超出允许范围，单条明细数量不能超过 100000000`,
        field,
      ),
    );
  }
  return ok(quantity(Number(read.scaled)));
}
