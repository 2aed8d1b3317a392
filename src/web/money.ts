/**
 * Integer fen from the API shown as a yuan string, with integer arithmetic only (no float yuan): the
 * server computes every amount; the page only formats it.
 */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const YUAN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * A yuan amount the user typed (e.g. `1234.5`, `-0.01`) as integer fen, or null when it is not one:
 * at most two decimals, no exponent, no thousands separators. The string is split into its integer and
 * decimal digits — never through a float — so `0.29` is exactly 29 fen. (The web does not import the
 * server's core — test/architecture; the server re-checks every amount with core/money's parser.)
 */
export function yuanToFen(text: string): number | null {
  const m = YUAN.exec(text.trim());
  if (m === null) return null;
  const [, minus, whole = '0', decimals = ''] = m;
  const abs = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(abs)) return null;
  return minus && abs !== 0 ? -abs : abs;
}
