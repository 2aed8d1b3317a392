/**
 * SQLite's own cost of the server's work: the statements the server ran during the measured run
 * (recorded through the store's statement observer, transaction control included, in order) are run
 * again on a copy of the database as it was before that run — straight on better-sqlite3 with cached
 * prepared statements, on one thread: no Kysely, no HTTP, no logic. SQLite has one writer, so this is
 * the most the server's transactions could ever do per second on this machine.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

export type RecordedStatement = readonly [sql: string, parameters: readonly unknown[]];

/** The server checkpoints on another thread; the replay does it between commits, off the clock. */
const COMMITS_PER_CHECKPOINT = 64;

/**
 * Seconds to run the recorded statements on a fresh copy of `before` — all of them, or without the
 * reads (by the statement's text: an `insert … returning` returns rows but is a write).
 */
export function replayStatements(
  before: string,
  statements: readonly RecordedStatement[],
  options: { readonly withReads: boolean },
): number {
  const file = `${before}.replay`;
  copyFileSync(before, file);
  const db = new Database(file);
  // The server's pragmas for a file database (database.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  try {
    const prepared = new Map<string, { statement: Database.Statement; read: boolean; commit: boolean }>();
    for (const [sql] of statements) {
      if (prepared.has(sql)) continue;
      const statement = db.prepare(sql);
      prepared.set(sql, { statement, read: /^\s*select\b/i.test(sql), commit: /^\s*commit\b/i.test(sql) });
    }
    let seconds = 0;
    let commits = 0;
    let started = performance.now();
    for (const [sql, parameters] of statements) {
      const { statement, read, commit } = prepared.get(sql)!;
      if (read && !options.withReads) continue;
      if (statement.reader) statement.all(parameters);
      else statement.run(parameters);
      if (commit && ++commits % COMMITS_PER_CHECKPOINT === 0) {
        seconds += (performance.now() - started) / 1000;
        db.pragma('wal_checkpoint(PASSIVE)');
        started = performance.now();
      }
    }
    return seconds + (performance.now() - started) / 1000;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
