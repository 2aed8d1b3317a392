/**
 * The one migration set for both dialects. Each migration runs in its own transaction, together with
 * the row that records it, so a crash mid-migration leaves nothing half-built; concurrent starters
 * (several server processes on one file or database) serialize on a lock and skip what is done.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import * as foundation from './0001-foundation.ts';
import * as settlement from './0002-settlement.ts';
import * as filing from './0003-filing.ts';
import * as clearing from './0004-clearing.ts';
import * as web from './0005-web.ts';
import * as chronic from './0006-chronic.ts';
import * as reimbursementTransfer from './0007-reimbursement-transfer.ts';
import * as national from './0008-national.ts';
import * as movementSources from './0009-movement-sources.ts';
import * as complaints from './0010-complaints.ts';
import * as contributions from './0011-contributions.ts';
import * as clearingCoveringIndex from './0012-clearing-covering-index.ts';
import * as institutionSessions from './0013-institution-sessions.ts';
import * as nationalFiles from './0014-national-files.ts';
import type { AnyDb } from './helpers.ts';

interface Migration {
  readonly id: string;
  up(db: AnyDb, dialect: DialectName): Promise<void>;
}

export const migrations: readonly Migration[] = [
  { id: '0001-foundation', up: foundation.up },
  { id: '0002-settlement', up: settlement.up },
  { id: '0003-filing', up: filing.up },
  { id: '0004-clearing', up: clearing.up },
  { id: '0005-web', up: web.up },
  { id: '0006-chronic', up: chronic.up },
  { id: '0007-reimbursement-transfer', up: reimbursementTransfer.up },
  { id: '0008-national', up: national.up },
  { id: '0009-movement-sources', up: movementSources.up },
  { id: '0010-complaints', up: complaints.up },
  { id: '0011-contributions', up: contributions.up },
  { id: '0012-clearing-covering-index', up: clearingCoveringIndex.up },
  { id: '0013-institution-sessions', up: institutionSessions.up },
  { id: '0014-national-files', up: nationalFiles.up },
];

export async function migrateToLatest(db: AnyDb, dialect: DialectName): Promise<string[]> {
  await sql`create table if not exists schema_migrations (id text primary key, applied_at text not null)`.execute(
    db,
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4242)`.execute(tx);
      const done = await tx
        .selectFrom('schema_migrations')
        .select('id')
        .where('id', '=', migration.id)
        .executeTakeFirst();
      if (done) return false;
      await migration.up(tx, dialect);
      await tx
        .insertInto('schema_migrations')
        .values({ id: migration.id, applied_at: new Date().toISOString() })
        .execute();
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
}
