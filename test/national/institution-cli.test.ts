/**
 * `yibao institution credentials <code>` and `yibao institution revoke <accessKey>` on both dialects:
 * the issued key can be revoked (audited, as the CLI), revoking it twice changes nothing, and an unknown
 * key gets a coded Chinese error and exit code 1.
 */
import { dirname } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerInstitution } from '../../src/cli/commands/institution.ts';
import { closeAppContext, openAppContext } from '../../src/service/context.ts';
import { findCredential } from '../../src/store/repositories/institution-credentials.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { HOSPITAL, seedReference } from './support.ts';

describe.each(DIALECTS)('yibao institution credentials / revoke on %s', (dialect) => {
  const saved = { dir: process.env.YIBAO_DATA_DIR, url: process.env.DATABASE_URL };
  let where: { databaseUrl?: string; sqliteFile?: string };
  beforeAll(async () => {
    where = await freshStoreLocation(dialect);
    if (where.databaseUrl) process.env.DATABASE_URL = where.databaseUrl;
    else {
      delete process.env.DATABASE_URL;
      process.env.YIBAO_DATA_DIR = dirname(where.sqliteFile!);
    }
    const ctx = await openAppContext(where);
    try {
      await seedReference(ctx.store.db);
    } finally {
      await closeAppContext(ctx);
    }
  });
  afterAll(() => {
    if (saved.dir === undefined) delete process.env.YIBAO_DATA_DIR;
    else process.env.YIBAO_DATA_DIR = saved.dir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    process.exitCode = 0;
  });

  async function run(...args: string[]): Promise<string> {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
    try {
      const program = new Command();
      registerInstitution(program);
      await program.parseAsync(['node', 'yibao', ...args]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return out.join('\n');
  }

  it('revokes an issued key once, audited as the CLI', async () => {
    const issued = await run('institution', 'credentials', HOSPITAL);
    const accessKey = /access key: (\S+)/.exec(issued)?.[1];
    expect(accessKey).toMatch(/^ak[0-9a-f]+$/);

    expect(await run('institution', 'revoke', accessKey!)).toContain(`接入凭证 ${accessKey} 已停用`);
    expect(process.exitCode ?? 0).toBe(0);
    expect(await run('institution', 'revoke', accessKey!)).toContain('此前已停用');

    const ctx = await openAppContext(where);
    try {
      expect((await findCredential(ctx.store.db, accessKey!))?.revokedAt).toBeTruthy();
      const audit = await ctx.store.db
        .selectFrom('audit_log')
        .select(['actor', 'subject'])
        .where('action', '=', 'credentials.revoke')
        .execute();
      expect(audit).toEqual([{ actor: 'cli', subject: HOSPITAL }]);
    } finally {
      await closeAppContext(ctx);
    }
  });

  it('refuses an unknown key with a coded Chinese error and exit code 1', async () => {
    const out = await run('institution', 'revoke', 'aknosuchkey');
    expect(out).toContain('[CREDENTIAL_UNKNOWN] 接入凭证 “aknosuchkey” 不存在');
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });
});
