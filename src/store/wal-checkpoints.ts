/**
 * WAL checkpoints off the serving thread. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses the threshold — on the one JavaScript thread, with two fsyncs and a copy of every changed
 * page — so every thousandth page or so a request stalls for it. The store turns the automatic
 * checkpoint off and asks a worker thread (wal-checkpoint-worker.mjs, its own connection) for a PASSIVE
 * checkpoint after every few hundred commits; one at a time, never blocking the writer.
 */
import { Worker } from 'node:worker_threads';

/** Commits between checkpoint requests: a few MB of WAL at the hot path's size of a commit. */
const COMMITS_PER_CHECKPOINT = 200;

export class WalCheckpointer {
  readonly #databaseFile: string;
  /** Started with the first checkpoint: most stores (tests, CLI commands) never need one. */
  #worker: Worker | null = null;
  #commitsSince = 0;
  #running = false;
  #checkpoints = 0;
  #lastError: string | null = null;

  constructor(databaseFile: string) {
    this.#databaseFile = databaseFile;
  }

  #start(): Worker {
    const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
      workerData: { file: this.#databaseFile },
    });
    // A checkpoint in flight must not keep a finished process (a CLI command) alive.
    worker.unref();
    worker.on('message', (answer: { ok: boolean; error?: string }) => {
      this.#running = false;
      this.#checkpoints++;
      // A failed checkpoint loses nothing (the frames stay in the WAL); the next request retries.
      this.#lastError = answer.ok ? null : (answer.error ?? 'checkpoint failed');
    });
    return worker;
  }

  /** Called after every COMMIT; asks for a checkpoint when enough commits have accumulated. */
  committed(): void {
    this.#commitsSince++;
    if (this.#running || this.#commitsSince < COMMITS_PER_CHECKPOINT) return;
    this.#commitsSince = 0;
    this.#running = true;
    this.#worker ??= this.#start();
    this.#worker.postMessage('checkpoint');
  }

  get checkpoints(): number {
    return this.#checkpoints;
  }

  get lastError(): string | null {
    return this.#lastError;
  }

  /** Closes the worker's connection first, so the store's own close is the last one and removes the WAL. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Referenced again so the process stays alive until the worker has closed its connection.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}
