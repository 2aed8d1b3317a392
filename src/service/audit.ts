/**
 * The audit trail: every state change by a person, staff member, institution or administrator appends
 * one record (who, role, what, when, request id) to `audit_log`, hash-chained to the previous record so
 * that changing or removing any row breaks the chain at that row (T18). The table is append-only in the
 * database as well. Appends are serialized (an advisory lock on PostgreSQL; SQLite's single writer) so the
 * chain has no forks.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../store/database.ts';
import type { DB } from '../store/schema.ts';
import type { Tx } from '../store/transaction.ts';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_KEY = 7_242_001;

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly role: 'admin' | 'staff' | 'person' | 'institution' | 'system';
  readonly action: string;
  readonly subject: string;
  readonly requestId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

interface HashedFields {
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly subject: string;
  readonly request_id: string | null;
  readonly detail: string;
}

/** The hash of one record: SHA-256 over the previous hash and the record's fields in a fixed order. */
export function auditHash(prevHash: string, fields: HashedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    fields.at,
    fields.actor,
    fields.role,
    fields.action,
    fields.subject,
    fields.request_id,
    fields.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export async function appendAudit(tx: Tx, dialect: DialectName, entry: AuditEntry): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const last = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: HashedFields = {
    at: entry.at,
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    subject: entry.subject,
    request_id: entry.requestId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  await tx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: prevHash, hash: auditHash(prevHash, fields) })
    .execute();
}

export interface AuditBreak {
  readonly seq: number;
  readonly reason: 'prev_hash_mismatch' | 'hash_mismatch';
}

/** Walks the chain in order and names the first broken record, if any. */
export async function verifyAuditChain(
  db: Kysely<DB>,
): Promise<{ records: number; firstBreak: AuditBreak | null }> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prevHash = AUDIT_GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== prevHash)
      return { records: rows.length, firstBreak: { seq: row.seq, reason: 'prev_hash_mismatch' } };
    if (auditHash(prevHash, row) !== row.hash)
      return { records: rows.length, firstBreak: { seq: row.seq, reason: 'hash_mismatch' } };
    prevHash = row.hash;
  }
  return { records: rows.length, firstBreak: null };
}
