/**
 * Read-only queries of one SQLite file spread over worker threads, each with its own read-only
 * connection: a long read (the clearing aggregation of a national month, day by day) then uses every
 * core instead of one. WAL lets these readers run next to each other and next to the writer; each query
 * reads its own snapshot, exactly as the same queries one after another on the main connection (outside
 * a transaction) would. The SQL is compiled by the caller (Kysely), so it exists in one place only.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CompiledQuery, sql } from 'kysely';
import type { Executor } from './repositories/executor.ts';

/** Two readers saturate this workload's usual machines; more only add memory and start-up time. */
const READERS_MAX = 4;
/** Per-reader page cache (KiB): the per-day GROUP BY sorts in memory up to about this size. */
const READER_CACHE_KIB = 256 * 1024;

/** How many reader threads this machine can use (1 means: stay in-process). */
export function readerCount(): number {
  return Math.max(1, Math.min(READERS_MAX, availableParallelism()));
}

/** The database file behind a SQLite connection, or null for an in-memory or temporary database. */
export async function sqliteFileOf(db: Executor): Promise<string | null> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const main = rows.find((row) => row.name === 'main');
  return main?.file ? main.file : null;
}

interface Reply {
  readonly index: number;
  readonly rows?: unknown[];
  readonly error?: string;
}

/**
 * Runs every query on `readers` worker threads (each takes the next query as soon as it is free) and
 * returns the rows in query order. `onDone` is called with the number of queries finished so far.
 */
export async function queryOnReadWorkers<R>(
  file: string,
  queries: readonly CompiledQuery[],
  options: { readonly readers?: number; readonly onDone?: (done: number) => void } = {},
): Promise<R[][]> {
  const results: R[][] = new Array(queries.length);
  const count = Math.max(1, Math.min(options.readers ?? readerCount(), queries.length));
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const feed = (worker: Worker) => {
        const query = queries[next];
        if (!query) return;
        worker.postMessage({ index: next++, sql: query.sql, parameters: query.parameters });
      };
      if (queries.length === 0) resolve();
      for (let i = 0; i < count; i++) {
        const worker = new Worker(new URL('./sqlite-read-worker.mjs', import.meta.url), {
          workerData: { file, cacheKib: READER_CACHE_KIB },
        });
        workers.push(worker);
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < queries.length) reject(new Error(`SQLite read worker exited (code ${code})`));
        });
        worker.on('message', (reply: Reply) => {
          if (reply.error !== undefined) {
            reject(new Error(reply.error));
            return;
          }
          results[reply.index] = reply.rows as R[];
          done++;
          options.onDone?.(done);
          if (done === queries.length) resolve();
          else feed(worker);
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
