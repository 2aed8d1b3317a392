import { describe, expect, it } from 'vitest';
import { issueId } from '../../src/service/his/ids.ts';

describe('issued ids (就诊ID / 结算ID)', () => {
  it('never repeat within one second, however many are issued (random digits would collide)', () => {
    // 300,000 ids in the same second: eight random digits collide here with near certainty.
    const seen = new Set<string>();
    for (let i = 0; i < 300_000; i++) seen.add(issueId('420100', '20261124101500123'));
    expect(seen.size).toBe(300_000);
  });

  it('are region + second + eight digits, 28 characters (C30)', () => {
    const id = issueId('110000', '20261124101500123');
    expect(id).toMatch(/^11000020261124101500\d{8}$/);
  });
});
