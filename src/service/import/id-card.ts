/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd for
 * men, even for women) and an ISO 7064 MOD 11-2 check character. Used to validate certificate type 01.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export type IdCardFault = 'format' | 'birth_date' | 'checksum';

export interface IdCardFacts {
  /** ISO birth date encoded in the number. */
  readonly birthDate: string;
  /** '1' male, '2' female — from the parity of the sequence code. */
  readonly gender: '1' | '2';
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Reads an 18-character ID-card number; the lowercase x is refused (the standard uses X). */
export function readIdCard(
  value: string,
): { ok: true; facts: IdCardFacts } | { ok: false; fault: IdCardFault } {
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(value)) return { ok: false, fault: 'format' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1850 || !isRealDate(year, month, day)) return { ok: false, fault: 'birth_date' };
  if (idCardCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, fault: 'checksum' };
  return {
    ok: true,
    facts: {
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      gender: Number(value[16]) % 2 === 1 ? '1' : '2',
    },
  };
}
