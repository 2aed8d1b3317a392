/**
 * The HTTP floor: the same load client sends the same request bodies to a bare Fastify server that
 * only parses each body as JSON and answers the server's own stored response for that infno — no
 * store, no checks, no settlement. It is what this machine's HTTP alone allows, client and server
 * sharing its cores as in the real run.
 */
import Fastify from 'fastify';
import { type LoadResult, runLoadClient } from './load-client.ts';

export async function runHttpFloor(
  pairs: readonly string[][],
  answers: { readonly upload: string; readonly settle: string },
  options: { readonly concurrency: number; readonly warmup: number },
): Promise<LoadResult & { readonly cpuMs: number }> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/fsi/api/rsfComIfsService/callService', async (request, reply) => {
    const envelope = JSON.parse(request.body as string) as { infno: string };
    reply.type('application/json; charset=utf-8');
    return envelope.infno === '2204' ? answers.upload : answers.settle;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    const url = `http://127.0.0.1:${port}/fsi/api/rsfComIfsService/callService`;
    // Process CPU (this bare server and the client thread) over the measured pairs only.
    let cpuBefore = process.cpuUsage();
    const result = await runLoadClient(url, pairs, {
      ...options,
      afterWarmup: async () => {
        cpuBefore = process.cpuUsage();
      },
    });
    const cpu = process.cpuUsage(cpuBefore);
    return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await app.close();
  }
}
