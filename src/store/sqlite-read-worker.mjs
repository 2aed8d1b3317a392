// One read-only SQLite connection in a worker thread (see sqlite-read-workers.ts). Plain JavaScript so
// the thread needs no TypeScript loader: it only runs the SQL text it is sent and posts the rows back.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The GROUP BY sorts in memory up to the page cache size before spilling to temporary files.
db.pragma(`cache_size = ${-Math.trunc(workerData.cacheKib)}`);
const statements = new Map();

parentPort.on('message', ({ index, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ index, rows: statement.all(parameters) });
  } catch (error) {
    parentPort.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
