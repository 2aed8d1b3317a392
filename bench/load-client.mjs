// The bench's HIS load generator, on its own thread: a hospital system is another machine, so its
// request building, HTTP client and response parsing must not share the server's one JavaScript
// thread. Plain JavaScript on purpose (a worker does not inherit the main thread's TypeScript loader).
// It uses node:http with keep-alive sockets, not fetch: on this 2-core machine fetch cost about 1.1 ms
// of CPU per pair, which alone held any server under about 1,300 pairs/s; node:http costs about a third.
// workerData: { url, pairs: [[body2204, body2207], …], concurrency, warmup }: the first `warmup` pairs
// are sent unmeasured, then it posts { warmedUp: true } and waits for any message before measuring the
// rest; it posts back wall seconds, per-pair latencies (ms) and the first failure, if any.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, pairs, concurrency, warmup } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function call(body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (answer.infcode === 0) resolve();
          else reject(new Error(`bench call failed: ${answer.err_msg}`));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends the pairs at the given concurrency; returns wall seconds, per-pair latencies and the first failure. */
async function drive(some) {
  const latencies = [];
  let next = 0;
  let failure = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < some.length && failure === null) {
        const [upload, settle] = some[next++];
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
  return { seconds: (performance.now() - started) / 1000, latencies, failure };
}

// The warm-up pairs run first on this same thread, so the client is JIT-compiled when measuring starts;
// then it waits for the bench's go (which may first copy the database or start recording).
const warm = await drive(pairs.slice(0, warmup));
if (warm.failure === null) {
  const go = new Promise((resolve) => parentPort.once('message', resolve));
  parentPort.postMessage({ warmedUp: true });
  await go;
}
const result = warm.failure === null ? await drive(pairs.slice(warmup)) : warm;
agent.destroy();
parentPort.postMessage(result);
