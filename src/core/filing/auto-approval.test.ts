import { describe, expect, it } from 'vitest';
import { type AutoApprovalInput, decideAutoApproval } from './auto-approval.ts';
import { calendar, policy } from './test-fixtures.ts';
import { FilingType } from './types.ts';

const input = (over: Partial<AutoApprovalInput>): AutoApprovalInput => ({
  type: FilingType.LongTermResident,
  channel: 'online',
  commitmentSigned: false,
  submittedAt: '2026-05-20T10:00:00+08:00',
  ...over,
});

describe('decideAutoApproval (R-F2)', () => {
  it.each([
    [{ channel: 'window' as const }, 'R-F2'],
    [{ type: FilingType.Emergency }, 'R-F4'],
    [{ type: FilingType.Referral, channel: 'institution' as const }, 'R-F6'],
    [{ commitmentSigned: true }, 'R-F1'],
    [{ type: FilingType.OtherTemporary }, 'R-F1'],
  ])('approves at once: %o', (over, ruleId) => {
    expect(decideAutoApproval(input(over), policy, calendar)).toMatchObject({ kind: 'approve', ruleId });
  });

  it('queues an online long-term filing without commitment, due in 2 working days', () => {
    expect(decideAutoApproval(input({}), policy, calendar)).toEqual({
      kind: 'queue',
      ruleId: 'R-F2',
      deadlineDate: '2026-05-22',
      warnings: [],
      reason: '需经办机构审核，应于 2026-05-22 前（2 个工作日内）办结。',
    });
  });

  it('queues online referrals and other temporary filings when the region says so', () => {
    expect(decideAutoApproval(input({ type: FilingType.Referral }), policy, calendar).kind).toBe('queue');
    const strict = {
      ...policy,
      autoApprove: { ...policy.autoApprove, otherTemporary: false, longTermOnCommitment: false },
    };
    expect(decideAutoApproval(input({ type: FilingType.OtherTemporary }), strict, calendar).kind).toBe(
      'queue',
    );
    expect(decideAutoApproval(input({ commitmentSigned: true }), strict, calendar).kind).toBe('queue');
  });

  it('the deadline skips the National Day break and counts the swapped Saturday', () => {
    const before = decideAutoApproval(input({ submittedAt: '2026-09-30T16:00:00+08:00' }), policy, calendar);
    expect(before).toMatchObject({ kind: 'queue', deadlineDate: '2026-10-09' });
    const after = decideAutoApproval(input({ submittedAt: '2026-10-09T16:00:00+08:00' }), policy, calendar);
    expect(after).toMatchObject({ kind: 'queue', deadlineDate: '2026-10-12' });
  });

  it('a deadline beyond the loaded calendar carries its warning', () => {
    const d = decideAutoApproval(input({ submittedAt: '2026-12-31T10:00:00+08:00' }), policy, calendar);
    expect(d).toMatchObject({ kind: 'queue', deadlineDate: '2027-01-04' });
    if (d.kind === 'queue') expect(d.warnings[0]?.code).toBe('CALENDAR_BEYOND_KNOWN_RANGE');
  });
});
