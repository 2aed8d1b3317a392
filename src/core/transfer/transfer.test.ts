/** The transfer rules (R-T1): no certificate, either end's window, sides, 15 working days, at-risk flag. */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { official2025And2026 } from '../calendar/official-2025-2026.fixture.ts';
import { transferClock, transferProgress } from './progress.ts';
import { applyForTransfer, applyTransferEvent } from './transitions.ts';
import type { Transfer } from './types.ts';

const calendar = createCalendar(official2025And2026);
const out = { kind: 'agency', id: 'cz', regionCode: '341700' } as const;
const inn = { kind: 'agency', id: 'hf', regionCode: '340100' } as const;

function applied(
  actor: Parameters<typeof applyForTransfer>[0]['actor'] = { kind: 'person', id: 'P1' },
): Transfer {
  const r = applyForTransfer(
    {
      transferId: 'T1',
      psnNo: 'P1',
      fromRegionCode: '341700',
      toRegionCode: '340100',
      fromInsuranceType: '310',
      toInsuranceType: '310',
      actor,
    },
    '2026-04-30T02:00:00.000Z',
    calendar,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.transfer;
}

describe('relation transfer (R-T1)', () => {
  it('either end’s window or the person online may apply; a third region may not', () => {
    expect(applied().channel).toBe('online');
    expect(applied(out).channel).toBe('outgoing_window');
    expect(applied(inn).channel).toBe('incoming_window');
    const r = applyForTransfer(
      {
        transferId: 'T2',
        psnNo: 'P1',
        fromRegionCode: '341700',
        toRegionCode: '340100',
        fromInsuranceType: '310',
        toInsuranceType: '310',
        actor: { kind: 'agency', id: 'wh', regionCode: '420100' },
      },
      '2026-04-30T02:00:00.000Z',
      calendar,
    );
    expect(r.ok ? null : r.error.code).toBe('TRANSFER_WRONG_SIDE');
  });

  it('15 working days over May Day (05-01…05 off, Saturday 05-09 on): 2026-04-30 → 2026-05-25', () => {
    expect(applied().deadlineDate).toBe('2026-05-25');
  });

  it('outgoing confirms, incoming accepts and completion asks for the relation to move', () => {
    const t = applied();
    const wrong = applyTransferEvent(t, { kind: 'confirm_out', actor: inn }, '2026-05-06T02:00:00Z');
    expect(wrong.ok ? null : wrong.error.code).toBe('TRANSFER_WRONG_SIDE');
    const confirmed = applyTransferEvent(t, { kind: 'confirm_out', actor: out }, '2026-05-06T02:00:00Z');
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    const done = applyTransferEvent(
      confirmed.value.transfer,
      { kind: 'accept_in', actor: inn },
      '2026-05-07T02:00:00Z',
    );
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.transfer.status).toBe('completed');
    expect(done.value.effects.map((e) => e.type)).toEqual(['complete_relation', 'notify_person']);
    const p = transferProgress(done.value.transfer, '2026-05-07', calendar, String);
    expect(p.steps.slice(0, 3).every((s) => s.done)).toBe(true);
  });

  it('at risk when 3 or fewer working days are left, overdue after the deadline', () => {
    const t = applied();
    expect(transferClock(t, '2026-05-06', calendar)).toMatchObject({ atRisk: false, overdue: false });
    const near = calendar.addWorkingDays(t.deadlineDate, 0).date;
    expect(transferClock(t, near, calendar)).toMatchObject({ atRisk: true, workingDaysLeft: 0 });
    expect(transferClock(t, '2026-06-01', calendar)).toMatchObject({ atRisk: true, overdue: true });
  });
});
