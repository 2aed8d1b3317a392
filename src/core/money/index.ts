/**
 * core/money — integer fen, basis-point ratios, 4-decimal quantities, THE rounding rule,
 * remainder-preserving allocation, and exact parsing/formatting (R-M1).
 */
export { allocate } from './allocate.ts';
export {
  addFen,
  clampNonNegative,
  type Fen,
  fen,
  isFen,
  MAX_ABS_FEN,
  maxFen,
  minFen,
  negFen,
  subFen,
  sumFen,
  ZERO_FEN,
} from './fen.ts';
export { fenToYuanNumber, formatQuantity, formatRatio, formatRatioDecimal, formatYuan } from './format.ts';
export { MAX_QUANTITY, parseQuantity, QuantityErrorCode } from './parse-quantity.ts';
export { parseRatio, RatioErrorCode } from './parse-ratio.ts';
export { MoneyErrorCode, parseYuan } from './parse-yuan.ts';
export { QUANTITY_SCALE, type Quantity, quantity, units } from './quantity.ts';
export { bp, complementRatio, FULL_RATIO_BP, type RatioBp, ZERO_RATIO_BP } from './ratio.ts';
export { applyRatio, divRoundHalfUp, multiplyQuantity } from './rounding.ts';
