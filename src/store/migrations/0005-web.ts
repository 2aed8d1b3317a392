/**
 * The web's accounts and sessions: agency staff accounts scoped to one region, one-time login codes
 * for insured persons, and browser sessions. Secrets (codes, session tokens, passwords) are stored only
 * as hashes, so a copy of the database lets nobody log in.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, identityColumn } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('staff_accounts')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    // scrypt$<salt>$<hash>, both base64url.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await sql`create table login_codes (
    ${identityColumn(dialect, 'id')},
    psn_no text not null references persons(psn_no),
    code_hash text not null,
    created_at text not null,
    expires_at text not null,
    attempts integer not null default 0 check (attempts >= 0),
    consumed_at text
  )`.execute(db);
  await db.schema
    .createIndex('login_codes_person')
    .on('login_codes')
    .columns(['psn_no', 'created_at'])
    .execute();

  await db.schema
    .createTable('web_sessions')
    // sha256 of the bearer/cookie token, hex.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('person', 'staff')`))
    // psn_no for persons, username for staff.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('web_sessions_subject')
    .on('web_sessions')
    .columns(['role', 'subject'])
    .execute();
}
