/**
 * The message log (idempotency keys): one row per (party, msgid) with the request's hash and the exact
 * response sent. The claim row is inserted first, so a concurrent duplicate waits on the primary key.
 */
import type { Executor } from './executor.ts';

export interface LoggedMessage {
  readonly operation: string;
  readonly requestHash: string;
  readonly response: string | null;
  readonly createdAt: string;
}

/** Inserts the claim; false when the key already exists (then read it with findMessage). */
export async function claimMessage(
  db: Executor,
  key: { party: string; msgid: string; operation: string; requestHash: string; createdAt: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('message_log')
    .values({
      party: key.party,
      msgid: key.msgid,
      operation: key.operation,
      request_hash: key.requestHash,
      response: null,
      created_at: key.createdAt,
    })
    .onConflict((oc) => oc.columns(['party', 'msgid']).doNothing())
    .returning('msgid')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findMessage(
  db: Executor,
  party: string,
  msgid: string,
): Promise<LoggedMessage | undefined> {
  const row = await db
    .selectFrom('message_log')
    .select(['operation', 'request_hash', 'response', 'created_at'])
    .where('party', '=', party)
    .where('msgid', '=', msgid)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        operation: row.operation,
        requestHash: row.request_hash,
        response: row.response,
        createdAt: row.created_at,
      };
}

export async function storeResponse(
  db: Executor,
  party: string,
  msgid: string,
  response: string,
): Promise<void> {
  await db
    .updateTable('message_log')
    .set({ response })
    .where('party', '=', party)
    .where('msgid', '=', msgid)
    .execute();
}
