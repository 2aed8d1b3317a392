/**
 * Runs the HIS load client (load-client.mjs) on its own thread: the first `warmup` pairs unmeasured,
 * then `afterWarmup` (if given) while the client waits, then the rest; returns what it measured over
 * the rest.
 */
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  readonly seconds: number;
  /** Per 2204 + 2207 pair, in ms, unsorted. */
  readonly latencies: number[];
  readonly failure: string | null;
}

export function runLoadClient(
  url: string,
  pairs: readonly string[][],
  options: {
    readonly concurrency: number;
    readonly warmup: number;
    readonly afterWarmup?: () => Promise<void>;
  },
): Promise<LoadResult> {
  const { afterWarmup, ...settings } = options;
  const worker = new Worker(new URL('./load-client.mjs', import.meta.url), {
    workerData: { url, pairs, ...settings },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: LoadResult | { warmedUp: true }) => {
      if ('warmedUp' in message) {
        (afterWarmup?.() ?? Promise.resolve()).then(
          () => worker.postMessage('go'),
          (error: unknown) => {
            void worker.terminate();
            reject(error);
          },
        );
        return;
      }
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    // Settles nothing if a result or an error came first; otherwise the caller would wait forever.
    worker.once('exit', (code) =>
      reject(new Error(`the load client stopped (exit code ${code}) without a result`)),
    );
  });
}
