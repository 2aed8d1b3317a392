/**
 * Durability for the embedded SQLite store without blocking the event loop.
 *
 * With synchronous=FULL every COMMIT calls fsync on the one JavaScript thread: while the disk flushes,
 * no request is parsed, no settlement computed — the server's whole throughput is bounded by fsync
 * latency. Instead the store runs WAL with synchronous=NORMAL (a COMMIT only appends its frames to the
 * WAL file; SQLite still syncs at checkpoints) and flushes the WAL file itself with an asynchronous
 * fdatasync on libuv's thread pool. Nothing that wrote is answered before the flush that covers its
 * frames has completed, so an answered write survives a power cut exactly as with FULL; meanwhile the
 * thread keeps serving, and every COMMIT that lands during one flush shares the next (group commit of
 * the fsync itself).
 *
 * A flush covers only frames written before it started, so a caller arriving while a flush is running
 * waits for the next one; all callers arriving meanwhile share it.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import { promisify } from 'node:util';

const fdatasyncAsync = promisify(fdatasync);

export class WalSyncer {
  readonly #walPath: string;
  #fd: number | null = null;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #flushes = 0;

  constructor(databaseFile: string) {
    this.#walPath = `${databaseFile}-wal`;
  }

  /** Resolves once everything written to the WAL before this call is on stable storage. */
  sync(): Promise<void> {
    if (this.#running === null) {
      this.#running = this.#flush();
      return this.#running;
    }
    this.#queued ??= this.#running.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    return this.#queued;
  }

  /** How many fdatasync calls were made (the benchmark reports commits per flush). */
  get flushes(): number {
    return this.#flushes;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#queued]);
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #startQueued(): Promise<void> {
    this.#queued = null;
    return this.sync();
  }

  #flush(): Promise<void> {
    const flushed = (async () => {
      // Opened on first use: SQLite creates the WAL file with the first write in WAL mode, and keeps
      // the same file (truncated, never replaced) while any connection is open.
      this.#fd ??= openSync(this.#walPath, 'r+');
      this.#flushes++;
      await fdatasyncAsync(this.#fd);
    })();
    // Cleared only once settled (and asynchronously, so a synchronous failure cannot clear it first).
    const running = flushed.finally(() => {
      if (this.#running === running) this.#running = null;
    });
    return running;
  }
}
