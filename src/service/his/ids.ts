/**
 * Identifiers the platform issues (就诊ID, 结算ID, 签到编号, 接收方报文ID). They carry the region and time
 * for people reading logs; ≤ 30 characters (C30).
 *
 * The digits after the time are a per-process sequence that starts at a random point, not fresh random
 * digits: with 8 random digits, a few thousand ids in one second collide with a probability of several
 * per cent (the birthday bound), and a colliding 就诊ID or 结算ID fails the request. A sequence never
 * repeats within a process until it has issued 10^8 ids; the random start keeps separate processes (and
 * a restarted one) apart, and the database's unique keys refuse the rare cross-process clash.
 */
import { randomBytes, randomInt } from 'node:crypto';

function randomDigits(n: number): string {
  let out = '';
  while (out.length < n) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return out.slice(0, n);
}

const SEQUENCE_SPAN = 100_000_000;
let sequence = randomInt(0, SEQUENCE_SPAN);

/** The next 8 digits of this process's id sequence. */
function nextSequenceDigits(): string {
  sequence = (sequence + 1) % SEQUENCE_SPAN;
  return String(sequence).padStart(8, '0');
}

/** region(6) + yyyyMMddHHmmss(14) + sequence(8) = 28 characters, e.g. 就诊ID / 结算ID. */
export function issueId(regionCode: string, compactMs: string): string {
  return `${regionCode}${compactMs.slice(0, 14)}${nextSequenceDigits()}`;
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
