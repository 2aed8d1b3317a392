// The bench's HIS load generator, on its own thread: a hospital system is another machine, so its
// request building, HTTP client and response parsing must not share the server's one JavaScript
// thread. Plain JavaScript on purpose (a worker does not inherit the main thread's TypeScript loader).
// workerData: { url, pairs: [[body2204, body2207], …], concurrency }; posts back wall seconds,
// per-pair latencies (ms) and the first failure, if any.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, pairs, concurrency } = workerData;

async function call(body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  const answer = JSON.parse(await res.text());
  if (answer.infcode !== 0) throw new Error(`bench call failed: ${answer.err_msg}`);
}

const latencies = [];
let next = 0;
let failure = null;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < pairs.length && failure === null) {
      const [upload, settle] = pairs[next++];
      const t0 = performance.now();
      try {
        await call(upload);
        await call(settle);
      } catch (error) {
        failure = String(error);
      }
      latencies.push(performance.now() - t0);
    }
  }),
);
parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies, failure });
