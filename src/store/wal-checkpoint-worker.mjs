// Checkpoints the SQLite WAL on its own thread and connection (see wal-checkpoints.ts). Plain
// JavaScript so the thread needs no TypeScript loader. A PASSIVE checkpoint copies committed frames
// into the database file and syncs both files without taking the writer's lock, so the serving thread
// never waits for it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
