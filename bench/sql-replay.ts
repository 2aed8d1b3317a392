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

/** Seconds to run the recorded statements (only those `keep` selects) on a fresh copy of `before`. */
export function replayStatements(
  before: string,
  statements: readonly RecordedStatement[],
  keep: (reader: boolean) => boolean,
): number {
  const file = `${before}.replay`;
  copyFileSync(before, file);
  const db = new Database(file);
  // The server's pragmas for a file database (database.ts); checkpoints run on another thread there.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  try {
    const prepared = new Map<string, Database.Statement>();
    for (const [sql] of statements) if (!prepared.has(sql)) prepared.set(sql, db.prepare(sql));
    const started = performance.now();
    for (const [sql, parameters] of statements) {
      const statement = prepared.get(sql)!;
      if (!keep(statement.reader)) continue;
      if (statement.reader) statement.all(parameters);
      else statement.run(parameters);
    }
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
