/**
 * An unknown import kind is refused, over HTTP and on the command line, with a message naming every kind
 * of the registry (src/service/import/kinds/index.ts) — including `contributions`, so the list cannot drift.
 */
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerImport } from '../../src/cli/commands/import.ts';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { IMPORT_KINDS } from '../../src/service/import/index.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const ADMIN = 'kind-list-admin-token';

function expectEveryKind(message: string): void {
  expect(message).toContain('contributions');
  for (const kind of IMPORT_KINDS) expect(message).toContain(kind);
}

describe.each(DIALECTS)('unknown import kind over HTTP on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    app = await build(ctx, { logger: false, adminToken: ADMIN });
  });
  afterAll(async () => {
    await app?.close();
    if (ctx) await closeAppContext(ctx);
  });

  it('names every registered kind, contributions included', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/import?kind=payments',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
      payload: 'a,b\n1,2\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_KIND_INVALID', field: 'kind' });
    expectEveryKind(res.json().message);
  });
});

describe('unknown import kind on the command line', () => {
  it('names every registered kind, contributions included, and exits with 2', async () => {
    const out: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
    try {
      const program = new Command();
      registerImport(program);
      await program.parseAsync(['node', 'yibao', 'import', 'whatever.csv', '--kind', 'payments']);
    } finally {
      error.mockRestore();
    }
    expect(out.join('\n')).toContain('--kind 的取值 “payments” 无效');
    expectEveryKind(out.join('\n'));
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
  });
});
