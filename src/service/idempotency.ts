/**
 * Idempotency of messages (reliability.md T7–T9): one (party, msgid) row holding the request's hash
 * and the exact response sent, claimed inside the SAME transaction as the work.
 *
 * - First delivery: the claim row is inserted before any work, so a concurrent duplicate blocks on the
 *   primary key until this transaction ends, then finds the stored response and replays it.
 * - Same msgid, same hash: the stored response, byte for byte — business rejections included
 *   (TigerBeetle's `id_already_failed`: conditions may change, the answer to this msgid does not).
 * - Same msgid, different hash: IDEMPOTENCY_KEY_REUSED, nothing written.
 * - A business rejection rolls back the work (savepoint) and records only the rejection.
 * - Edge validation failures never get here, so they are not stored: a corrected retry may reuse the msgid.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type DomainError, domainError, err, type Result } from '../core/errors.ts';
import { claimMessage, findMessage, storeResponse } from '../store/repositories/message-log.ts';
import type { Tx } from '../store/transaction.ts';

export const IdempotencyErrorCode = {
  KeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of the canonical JSON of what the request asks for. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export interface MessageKey {
  /** The sender: an institution code (national interface) or a REST caller id. */
  readonly party: string;
  readonly msgid: string;
  /** What the message asked for (the national infno); recorded, and named in the reuse error. */
  readonly operation: string;
  readonly requestHash: string;
}

export interface MessageOutcome {
  /** The response body to send. */
  readonly body: string;
  /** True when the body is a stored answer to an earlier delivery of the same message. */
  readonly replayed: boolean;
}

function keyReused(msgid: string, operation: string): DomainError {
  return domainError(
    IdempotencyErrorCode.KeyReused,
    `报文ID «msgid» “${msgid}” 已用于另一笔内容不同的请求（交易 ${operation}）。同一报文ID只能用于重试完全相同的请求；新的交易请生成新的报文ID。`,
    { field: 'msgid' },
  );
}

/**
 * Runs `work` at most once per (party, msgid) inside the caller's transaction and returns the rendered
 * response. `render` turns the outcome into the exact bytes that are stored and sent.
 */
export async function processOnce<T>(
  tx: Tx,
  key: MessageKey,
  at: string,
  work: () => Promise<Result<T>>,
  render: (outcome: Result<T>) => string,
): Promise<MessageOutcome> {
  const claimed = await claimMessage(tx, { ...key, createdAt: at });
  if (!claimed) {
    const existing = await findMessage(tx, key.party, key.msgid);
    if (existing === undefined || existing.response === null) {
      // Cannot happen: a claim is only ever committed together with its response.
      throw new Error(`message ${key.party}/${key.msgid} claimed without a response`);
    }
    if (existing.requestHash !== key.requestHash) {
      return { body: render(err(keyReused(key.msgid, existing.operation))), replayed: false };
    }
    return { body: existing.response, replayed: true };
  }
  await sql`savepoint his_work`.execute(tx);
  const outcome = await work();
  if (outcome.ok) {
    await sql`release savepoint his_work`.execute(tx);
  } else {
    // The rejection is the answer to this msgid, but nothing the work wrote may stay.
    await sql`rollback to savepoint his_work`.execute(tx);
    await sql`release savepoint his_work`.execute(tx);
  }
  const body = render(outcome);
  await storeResponse(tx, key.party, key.msgid, body);
  return { body, replayed: false };
}
