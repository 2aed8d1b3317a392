/**
 * The lexer shared by the yuan, ratio and quantity parsers: reads a plain decimal with integer
 * arithmetic only, and says precisely why a text is not one, so each parser can give its own code.
 * Numbers are read through String(n): the shortest text that round-trips, so 0.1 reads as '0.1'
 * and 0.1 + 0.2 reads as '0.30000000000000004' (too precise), never as a rounded guess.
 */

export type DecimalFault = 'empty' | 'malformed' | 'fullwidth' | 'exponent' | 'not_finite' | 'too_precise';

export type DecimalRead =
  | { readonly ok: true; readonly scaled: bigint }
  | { readonly ok: false; readonly fault: DecimalFault };

// Only ASCII digits: \d without the u flag never matches other scripts' digits.
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;
const EXPONENT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+$/;
const NOT_FINITE = /^[+-]?(?:nan|infinity|inf)$/i;
// Full-width forms (０-９, ．, －, …) and the ideographic space: typed with a Chinese IME.
const FULLWIDTH = /[\uFF01-\uFF5E\u3000]/;

type Text = { readonly text: string } | { readonly fault: DecimalFault };

/**
 * A number as text. String(n) switches to exponent form beyond 1e21 and below 1e-6; such numbers
 * were never typed as exponents, so say what is really wrong: a huge number is written out in full
 * (exact, since every double ≥ 1e21 is an integer) and then fails the caller's range check, and a
 * tiny non-zero one has more decimals than any scale we accept.
 */
function numberText(n: number): Text {
  if (!Number.isFinite(n)) return { fault: 'not_finite' };
  const text = String(n);
  if (!text.includes('e')) return { text };
  return Math.abs(n) >= 1 ? { text: String(BigInt(n)) } : { fault: 'too_precise' };
}

/** The input as text, or a fault when it cannot be one. */
function asText(input: unknown): Text {
  if (input === undefined || input === null) return { fault: 'empty' };
  if (typeof input === 'number') return numberText(input);
  if (typeof input === 'bigint') return { text: String(input) };
  if (typeof input === 'string') return { text: input };
  return { fault: 'malformed' };
}

/**
 * Reads `input` as a decimal with at most `maxScale` fractional digits and returns it scaled by
 * 10^maxScale (e.g. '12.3' at scale 2 → 1230n). Surrounding spaces are not trimmed: money texts are
 * machine-made, and silently accepting ' 12.3' would hide a broken producer.
 */
export function readDecimal(input: unknown, maxScale: number): DecimalRead {
  const asRead = asText(input);
  if ('fault' in asRead) return { ok: false, fault: asRead.fault };
  const { text } = asRead;
  if (text.trim() === '') return { ok: false, fault: 'empty' };
  if (FULLWIDTH.test(text)) return { ok: false, fault: 'fullwidth' };
  if (NOT_FINITE.test(text)) return { ok: false, fault: 'not_finite' };
  if (EXPONENT.test(text)) return { ok: false, fault: 'exponent' };
  const m = PLAIN.exec(text);
  if (m === null) return { ok: false, fault: 'malformed' };
  const [, sign, whole = '0', fraction = ''] = m;
  if (fraction.length > maxScale) return { ok: false, fault: 'too_precise' };
  const magnitude = BigInt(whole) * 10n ** BigInt(maxScale) + BigInt(fraction.padEnd(maxScale, '0') || '0');
  return { ok: true, scaled: sign === '-' ? -magnitude : magnitude };
}

/** A short, safe rendering of the offending input for an error message. */
export function showInput(input: unknown): string {
  if (typeof input === 'string') {
    return `“${input.length > 32 ? `${input.slice(0, 32)}…` : input}”`;
  }
  if (typeof input === 'number' || typeof input === 'bigint') return String(input);
  return input === null ? 'null' : typeof input;
}

/** 「字段 x 的」 when the caller named the field, so messages read naturally either way. */
export function fieldPrefix(field: string | undefined): string {
  return field === undefined ? '' : `字段 ${field} 的`;
}
