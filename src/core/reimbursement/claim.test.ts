/**
 * The claim rules as tables and properties (R-R1, R-R2): the deadline rule, the official-calendar
 * worked examples (examples/settlement working-days table), the once-only return, nothing beyond the list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { official2025And2026 } from '../calendar/official-2025-2026.fixture.ts';
import { fen } from '../money/index.ts';
import { claimDeadline, deadlineRule, uploadTiming } from './deadline.ts';
import { type MaterialList, validateMaterialList } from './materials.ts';
import { openClaim } from './open-claim.ts';
import { applyClaimEvent, type ClaimEvent } from './transitions.ts';
import type { Claim } from './types.ts';

const calendar = createCalendar(official2025And2026);
const agency = { kind: 'agency', id: 'clerk', regionCode: '341700' } as const;
const person = { kind: 'person', id: 'P1' } as const;

const list = (() => {
  const r = validateMaterialList({
    regionCode: '341700',
    nameZh: '池州市手工报销材料清单',
    sourceZh: '演示',
    effectiveFrom: '2024-01-01',
    items: [
      { code: 'IDENTITY', nameZh: '身份证件', when: 'always' },
      { code: 'RECEIPT', nameZh: '票据', when: 'always' },
      { code: 'DISCHARGE_SUMMARY', nameZh: '出院记录', when: 'inpatient' },
      { code: 'ACCIDENT_STATEMENT', nameZh: '意外伤害说明', when: 'accident' },
    ],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as MaterialList;
})();

function claim(provided: string[], billTotalFen = 6_000_000, accident = false): Claim {
  const r = openClaim(
    {
      claimId: 'RB1',
      psnNo: 'P1',
      insuredRegionCode: '341700',
      uploadId: 'U1',
      channel: 'online',
      actor: person,
      billTotalFen: fen(billTotalFen),
      inpatient: true,
      emergency: false,
      accident,
      materialList: list,
      providedMaterials: provided,
    },
    '2026-04-30T02:00:00.000Z',
    calendar,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.claim;
}

describe('deadline rule (R-R2, seed 000 §6)', () => {
  it.each([
    [5_000_000, true, false, 30], // exactly 50,000 yuan is not "over"
    [5_000_001, true, false, 7],
    [6_000_000, false, false, 30],
    [6_000_000, true, true, 30],
    [100, true, false, 30],
  ])('bill %i fen, complete %s, accident %s → %i working days', (total, complete, accident, days) => {
    expect(
      deadlineRule({ billTotalFen: fen(total), materialsComplete: complete, accident }).workingDays,
    ).toBe(days);
  });

  it.each([
    ['2026-09-28', 30, '2026-11-13'],
    ['2026-02-13', 7, '2026-03-02'],
    ['2026-04-30', 7, '2026-05-13'],
  ])('examples/settlement working days: accepted %s within %i → %s', (start, days, due) => {
    const facts = {
      billTotalFen: fen(days === 7 ? 6_000_000 : 100),
      materialsComplete: true,
      accident: false,
    };
    expect(claimDeadline(calendar, start, facts, 'accepted').date).toBe(due);
  });

  it('R-R3: uploads are due 3 working days after discharge; later ones count the working days late', () => {
    expect(uploadTiming(calendar, '2026-04-27', '2026-04-30')).toMatchObject({
      dueDate: '2026-04-30',
      late: false,
    });
    expect(uploadTiming(calendar, '2026-04-27', '2026-05-06')).toMatchObject({
      late: true,
      workingDaysLate: 1,
    });
    // A weekend right after the due date is still late by at least one working day.
    expect(uploadTiming(calendar, '2026-04-27', '2026-05-02')).toMatchObject({
      late: true,
      workingDaysLate: 1,
    });
  });
});

describe('claim state machine (R-R1, R-R2)', () => {
  it('complete materials put a large non-accident bill on the 7-day track; accident keeps 30', () => {
    expect(claim(['IDENTITY', 'RECEIPT', 'DISCHARGE_SUMMARY']).deadline).toMatchObject({
      workingDays: 7,
      date: '2026-05-13',
    });
    expect(
      claim(['IDENTITY', 'RECEIPT', 'DISCHARGE_SUMMARY', 'ACCIDENT_STATEMENT'], 6_000_000, true).deadline
        .workingDays,
    ).toBe(30);
    expect(claim(['IDENTITY']).deadline.workingDays).toBe(30);
  });

  it('nothing beyond the published list can be provided or demanded', () => {
    const r = openClaim(
      { ...baseInput(), providedMaterials: ['HUKOU'] },
      '2026-04-30T02:00:00.000Z',
      calendar,
    );
    expect(r.ok ? null : r.error.code).toBe('REIMBURSEMENT_MATERIAL_NOT_IN_LIST');
    const back = applyClaimEvent(
      claim(['IDENTITY']),
      { kind: 'return', actor: agency, missing: ['ACCIDENT_STATEMENT'] },
      '2026-05-01T00:00:00Z',
      calendar,
    );
    // The accident item is on the region's list but not required for this (non-accident) claim.
    expect(back.ok ? null : back.error.code).toBe('REIMBURSEMENT_MATERIAL_NOT_IN_LIST');
  });

  it('property: whatever the agency and person do, a claim is returned at most once', () => {
    const codes = fc.subarray(['IDENTITY', 'RECEIPT', 'DISCHARGE_SUMMARY']);
    const event: fc.Arbitrary<ClaimEvent> = fc.oneof(
      codes.map((missing) => ({ kind: 'return' as const, actor: agency, missing })),
      fc.constant({ kind: 'resubmit' as const, actor: person }),
      codes.map((c) => ({ kind: 'provide_materials' as const, actor: person, codes: c })),
      fc.constant({ kind: 'accept' as const, actor: agency }),
      fc.constant({ kind: 'reject' as const, actor: agency, reason: '不符合报销条件' }),
      fc.constant({ kind: 'approve' as const, actor: agency, approvedFen: fen(100) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let c = claim(['IDENTITY']);
        let returns = 0;
        for (const e of events) {
          const r = applyClaimEvent(c, e, '2026-05-06T02:00:00.000Z', calendar);
          if (!r.ok) continue;
          if (e.kind === 'return') returns += 1;
          c = r.value.claim;
        }
        return (
          returns <= 1 &&
          c.returnCount <= 1 &&
          c.history.filter((h) => h.event === 'return').length === returns
        );
      }),
    );
  });

  it('acceptance fixes the deadline from the acceptance day; a person cannot accept', () => {
    const c = claim(['IDENTITY', 'RECEIPT', 'DISCHARGE_SUMMARY']);
    const byPerson = applyClaimEvent(
      c,
      { kind: 'accept', actor: person },
      '2026-04-30T02:00:00.000Z',
      calendar,
    );
    expect(byPerson.ok ? null : byPerson.error.code).toBe('REIMBURSEMENT_NOT_YOUR_CLAIM');
    const r = applyClaimEvent(c, { kind: 'accept', actor: agency }, '2026-02-13T02:00:00.000Z', calendar);
    expect(r.ok && r.value.claim.deadline).toMatchObject({
      basis: 'accepted',
      date: '2026-03-02',
      startDate: '2026-02-13',
    });
  });
});

function baseInput() {
  return {
    claimId: 'RB2',
    psnNo: 'P1',
    insuredRegionCode: '341700',
    uploadId: 'U1',
    channel: 'online' as const,
    actor: person,
    billTotalFen: fen(100),
    inpatient: true,
    emergency: false,
    accident: false,
    materialList: list,
    providedMaterials: [] as string[],
  };
}
