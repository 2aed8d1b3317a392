/** T10 on SQLite: 13 SIGKILLs of the real server during a settlement stream (see crash.ts). */
import { describe, it } from 'vitest';
import { crashRun } from './crash.ts';

describe('T10 crash consistency on sqlite', () => {
  it('survives 13 SIGKILLs: every msgid settled exactly once, nothing partial, invariants hold', async () => {
    await crashRun({ dialect: 'sqlite', kills: 13, lanes: 4, killAfterMs: [150, 1_200] });
  }, 300_000);
});
