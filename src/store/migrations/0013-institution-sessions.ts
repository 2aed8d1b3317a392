/**
 * 定点医药机构网页登录: browser sessions of designated institutions (role `institution`, subject = the
 * institution code, region = the institution's region) join persons and staff in `web_sessions`.
 * PostgreSQL widens the role check in place; SQLite cannot alter a CHECK, so the table is rebuilt with
 * the same columns and index (nothing references it by foreign key). Two indexes serve the institution's
 * status page: its latest messages, and its open visits.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import type { AnyDb } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('message_log_party_time')
    .on('message_log')
    .columns(['party', 'created_at'])
    .execute();
  await db.schema
    .createIndex('visits_institution_status')
    .on('visits')
    .columns(['institution_code', 'status'])
    .execute();
  if (dialect === 'postgres') {
    await sql`alter table web_sessions drop constraint if exists web_sessions_role_check`.execute(db);
    await sql`alter table web_sessions add constraint web_sessions_role_check
      check (role in ('person', 'staff', 'institution'))`.execute(db);
    return;
  }
  await sql`create table web_sessions_0013 (
    token_hash text primary key,
    role text not null check (role in ('person', 'staff', 'institution')),
    subject text not null,
    region_code text not null,
    created_at text not null,
    expires_at text not null,
    revoked_at text
  )`.execute(db);
  await sql`insert into web_sessions_0013 (token_hash, role, subject, region_code, created_at, expires_at, revoked_at)
    select token_hash, role, subject, region_code, created_at, expires_at, revoked_at from web_sessions`.execute(
    db,
  );
  await sql`drop table web_sessions`.execute(db);
  await sql`alter table web_sessions_0013 rename to web_sessions`.execute(db);
  await db.schema
    .createIndex('web_sessions_subject')
    .on('web_sessions')
    .columns(['role', 'subject'])
    .execute();
}
