/**
 * 数量 — a quantity in ten-thousandths of a unit, because the national fee-detail count (cnt) has
 * four decimals: 2.5 boxes = 25000. Integer, so price × quantity is exact before the one rounding.
 */
export type Quantity = number & { readonly __unit: 'qty4' };

/** Ten-thousandths per whole unit. */
export const QUANTITY_SCALE = 10_000;

/** Checked constructor: a positive safe integer of ten-thousandths. A fee line never has zero units. */
export function quantity(n: number): Quantity {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`quantity: expected a positive safe integer of ten-thousandths, got ${String(n)}`);
  }
  return n as Quantity;
}

/** Whole units, e.g. quantity(30000) → 3. Convenience for tests and fixtures. */
export function units(n: number): Quantity {
  return quantity(n * QUANTITY_SCALE);
}
