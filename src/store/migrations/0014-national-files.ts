/**
 * Files exchanged with institutions over the national interface (9101 文件上传 / 9102 文件下载, and the
 * 3202 对明细账 result files): immutable rows, one per file, readable only by the institution they
 * belong to. The content is kept as bytes (BLOB / BYTEA); size and SHA-256 are kept beside it so
 * listings and checks need not read the content.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('national_files')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('institution_code', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('upload', 'reconciliation_result')`))
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('download_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('national_files_institution')
    .on('national_files')
    .columns(['institution_code', 'created_at'])
    .execute();
  // The append-only trigger function itself was created by 0001 (PostgreSQL).
  await makeAppendOnly(db, dialect, 'national_files');
}
