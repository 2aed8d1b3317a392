/**
 * Identifiers the platform issues (就诊ID, 结算ID, 签到编号, 接收方报文ID). They carry the region and time
 * for people reading logs, and random digits for uniqueness across processes; ≤ 30 characters (C30).
 */
import { randomBytes, randomInt } from 'node:crypto';

function randomDigits(n: number): string {
  let out = '';
  while (out.length < n) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return out.slice(0, n);
}

/** region(6) + yyyyMMddHHmmss(14) + random(8) = 28 characters, e.g. 就诊ID / 结算ID. */
export function issueId(regionCode: string, compactMs: string): string {
  return `${regionCode}${compactMs.slice(0, 14)}${randomDigits(8)}`;
}

/** 接收方报文ID: region(6) + yyyyMMddHHmmss(14) + sequence(10), as real platforms answer. */
export function issueReferenceMessageId(regionCode: string, compactMs: string): string {
  return `${regionCode}${compactMs.slice(0, 14)}${randomDigits(10)}`;
}

/** 签到编号: 30 hex characters, unguessable. */
export function issueSignNo(): string {
  return randomBytes(15).toString('hex');
}

/** Gateway credentials: a 24-character access key and a 40-character secret key. */
export function issueKeyPair(): { accessKey: string; secretKey: string } {
  return {
    accessKey: `ak${randomBytes(11).toString('hex')}`,
    secretKey: randomBytes(20).toString('base64url'),
  };
}
