import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen } from '../money/index.ts';
import { firstDuplicateId, type PlatformDetailRecord, reconcileDetails } from './reconcile-details.ts';
import { reconcileTotals } from './reconcile-totals.ts';
import { decideStatement, stateAfter } from './statement-state.ts';

const seed = Number(process.env.FC_SEED) || Date.now() % 2_147_483_647;
console.log(`[fast-check] core/clearing/reconcile seed=${seed} (rerun with FC_SEED=${seed})`);

const recordArb = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    total: fc.integer({ min: 0, max: 1e8 }),
    fund: fc.integer({ min: 0, max: 1e8 }),
    account: fc.integer({ min: 0, max: 1e6 }),
    refund: fc.boolean(),
  })
  .map(
    (r): PlatformDetailRecord => ({
      settlementId: `S${r.id}`,
      visitId: `V${r.id}`,
      psnNo: `P${r.id % 97}`,
      medicalTotalFen: fen(r.refund ? -r.total : r.total),
      fundPayFen: fen(r.refund ? -r.fund : r.fund),
      accountPayFen: fen(r.refund ? -r.account : r.account),
      refund: r.refund,
      msgid: `M${r.id}`,
    }),
  );

describe('对明细账 — detail reconciliation by settlement id (3202)', () => {
  it('property: identical lists balance; one missing and one altered give exactly those two', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(recordArb, { selector: (r) => r.settlementId, minLength: 2, maxLength: 50 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 1_000 }),
        (platform, i, j, delta) => {
          const institution = platform.map(({ msgid: _m, ...r }) => r);
          expect(reconcileDetails(institution, platform).balanced).toBe(true);
          const missingIndex = i % platform.length;
          let alteredIndex = j % platform.length;
          if (alteredIndex === missingIndex) alteredIndex = (alteredIndex + 1) % platform.length;
          const altered = institution.map((r, k) =>
            k === alteredIndex ? { ...r, fundPayFen: fen(r.fundPayFen + delta) } : r,
          );
          const sent = altered.filter((_, k) => k !== missingIndex);
          const result = reconcileDetails(sent, platform);
          expect(result.balanced).toBe(false);
          expect(result.matchedCount).toBe(platform.length - 2);
          const got = result.differences.map((d) => [d.settlementId, d.kind]);
          const want = [
            [platform[missingIndex]!.settlementId, 'missing_at_institution'],
            [platform[alteredIndex]!.settlementId, 'mismatch'],
          ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
          expect(got).toEqual(want);
          const mismatch = result.differences.find((d) => d.kind === 'mismatch')!;
          expect(mismatch.fields).toEqual([
            {
              field: 'fundPayFen',
              institution: platform[alteredIndex]!.fundPayFen + delta,
              platform: platform[alteredIndex]!.fundPayFen,
            },
          ]);
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it('reports a settlement the platform does not have, and names msgid for reversing an unknown one', () => {
    const plat: PlatformDetailRecord = {
      settlementId: 'S1',
      visitId: 'V1',
      psnNo: 'P1',
      medicalTotalFen: fen(100),
      fundPayFen: fen(60),
      accountPayFen: fen(0),
      refund: false,
      msgid: 'H34170000001202610010800000001',
    };
    const result = reconcileDetails([{ ...plat, settlementId: 'S9' }], [plat]);
    expect(result.differences.map((d) => d.kind)).toEqual(['missing_at_institution', 'missing_on_platform']);
    expect(result.differences[0]!.message).toContain('H34170000001202610010800000001');
    expect(firstDuplicateId([{ settlementId: 'a' }, { settlementId: 'b' }, { settlementId: 'a' }])).toBe('a');
  });
});

describe('对总账 — total reconciliation (3201)', () => {
  const platform = {
    settlementCount: 3,
    medicalTotalFen: fen(30_000),
    fundPayFen: fen(20_000),
    accountPayFen: fen(1_000),
  };

  it('balances when every figure agrees', () => {
    const r = reconcileTotals(platform, platform);
    expect(r.balanced).toBe(true);
    expect(r.explanation).toBe('对账平：共3笔，医疗费总额300.00元，基金支付200.00元，个人账户支付10.00元。');
  });

  it('names each differing figure and the gap', () => {
    const r = reconcileTotals({ ...platform, settlementCount: 4, fundPayFen: fen(20_150) }, platform);
    expect(r.balanced).toBe(false);
    expect(r.differences.map((d) => [d.field, d.delta])).toEqual([
      ['settlementCount', 1],
      ['fundPayFen', 150],
    ]);
    expect(r.explanation).toBe(
      '对账不平：结算笔数机构4笔、平台3笔；基金支付总额机构201.50元、平台200.00元，相差1.50元。请上传明细进行对明细账（3202）。',
    );
    expect(r.explanation.length).toBeLessThanOrEqual(200);
  });
});

describe('statement confirmation and dispute', () => {
  it.each([
    ['pending', 'confirm', 'x', { ok: true, value: 'confirmed' }],
    ['pending', 'dispute', '金额不符', { ok: true, value: 'disputed' }],
    ['disputed', 'confirm', '', { ok: true, value: 'confirmed' }],
    ['pending', 'dispute', '  ', { ok: false, code: 'CLEARING_REASON_REQUIRED' }],
    ['disputed', 'dispute', '再次', { ok: false, code: 'CLEARING_STATEMENT_ALREADY_DISPUTED' }],
    ['confirmed', 'dispute', '晚了', { ok: false, code: 'CLEARING_STATEMENT_ALREADY_CONFIRMED' }],
    ['confirmed', 'confirm', '', { ok: false, code: 'CLEARING_STATEMENT_ALREADY_CONFIRMED' }],
  ] as const)('%s + %s (%j)', (state, action, reason, expected) => {
    const r = decideStatement('ST1', state, action, reason);
    if (expected.ok) expect(r).toEqual(expected);
    else expect(r).toMatchObject({ ok: false, error: { code: expected.code } });
  });

  it('the state is the last decision', () => {
    expect(stateAfter([])).toBe('pending');
    expect(stateAfter(['dispute', 'confirm'])).toBe('confirmed');
  });
});
