/** Institution reconciliation on both dialects: 对总账 (3201) and 对明细账 (3202). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetailRecord } from '../../src/core/clearing/index.ts';
import { fen } from '../../src/core/money/index.ts';
import { reconcileInstitutionDetails } from '../../src/service/reconciliation/reconcile-details.ts';
import { reconcileInstitutionTotals } from '../../src/service/reconciliation/reconcile-totals.ts';
import type { Store } from '../../src/store/database.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import {
  insertReference,
  institutionOf,
  type PostedSettlement,
  postReversal,
  postSettlements,
  randomMonth,
  seededRandom,
  testContext,
} from './fixtures.ts';

const seed = Number(process.env.CLEARING_SEED) || Date.now() % 2_147_483_647;
console.log(`[reconciliation] seed=${seed} (rerun with CLEARING_SEED=${seed})`);

const INSTITUTION = institutionOf('420100', 1);

function asInstitutionRecord(s: PostedSettlement): DetailRecord {
  return {
    settlementId: s.id,
    visitId: s.visitId,
    psnNo: s.psnNo,
    medicalTotalFen: fen(s.totalFen),
    fundPayFen: fen(s.fundPayFen),
    accountPayFen: fen(s.kind === 'reversal' ? -s.accountFen : s.accountFen),
    refund: s.kind === 'reversal',
  };
}

describe.each(DIALECTS)('institution reconciliation on %s', (dialect) => {
  let store: Store;
  let ctx: ReturnType<typeof testContext>;
  let mine: PostedSettlement[];

  beforeAll(async () => {
    store = await openTestStore(dialect);
    ctx = testContext(store, '2026-10-20T02:00:00.000Z');
    await insertReference(store.db);
    const random = seededRandom(seed);
    const posted = await postSettlements(
      store.db,
      randomMonth(random, 120, 'S', '2026-10').map((s) => ({
        ...s,
        treatment: '420100',
        clearingType: '99963',
        institution: random() < 0.7 ? INSTITUTION : institutionOf('420100', 2),
      })),
    );
    mine = posted.filter((s) => s.institution === INSTITUTION);
    const refund = await postReversal(store.db, mine[0]!, 'R1', '2026-10-29T02:00:00.000Z');
    mine.push(refund);
  });
  afterAll(async () => {
    await store?.close();
  });

  const scope = {
    institutionCode: INSTITUTION,
    beginDate: '2026-10-01',
    endDate: '2026-10-31',
    includesRefunds: true,
  } as const;

  it('a detail reconciliation with one missing and one altered settlement reports exactly those two', async () => {
    const items = mine.map(asInstitutionRecord);
    const balanced = await reconcileInstitutionDetails(ctx, { ...scope, items });
    expect(balanced).toMatchObject({ ok: true, value: { balanced: true, differences: [] } });
    const missing = items[3]!;
    const altered = { ...items[5]!, medicalTotalFen: fen(items[5]!.medicalTotalFen + 1) };
    const sent = items
      .filter((i) => i !== missing)
      .map((i) => (i.settlementId === altered.settlementId ? altered : i));
    const result = await reconcileInstitutionDetails(ctx, { ...scope, items: sent });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.balanced).toBe(false);
    expect(result.value.matchedCount).toBe(items.length - 2);
    expect(
      result.value.differences.map((d) => [d.settlementId, d.kind, d.fields.map((f) => f.field)]).sort(),
    ).toEqual(
      [
        [missing.settlementId, 'missing_at_institution', []],
        [altered.settlementId, 'mismatch', ['medicalTotalFen']],
      ].sort(),
    );
    const missingDiff = result.value.differences.find((d) => d.kind === 'missing_at_institution')!;
    expect(missingDiff.platform?.msgid).toBe(`M${missing.settlementId}`);
  });

  it('a settlement of another institution or date is reported as out of scope, by id', async () => {
    const other = (
      await store.db
        .selectFrom('settlements')
        .select('settlement_id')
        .where('institution_code', '<>', INSTITUTION)
        .executeTakeFirstOrThrow()
    ).settlement_id;
    const items = [
      ...mine.map(asInstitutionRecord),
      { ...asInstitutionRecord(mine[1]!), settlementId: other },
      { ...asInstitutionRecord(mine[1]!), settlementId: 'NOPE' },
    ];
    const result = await reconcileInstitutionDetails(ctx, { ...scope, items });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.differences.map((d) => [d.settlementId, d.kind])).toEqual(
      [
        [other, 'missing_on_platform'],
        ['NOPE', 'missing_on_platform'],
      ].sort(),
    );
    expect(result.value.differences.find((d) => d.settlementId === other)!.message).toContain(
      '不在本次对账范围内',
    );
    expect(await reconcileInstitutionDetails(ctx, { ...scope, items: [items[0]!, items[0]!] })).toMatchObject(
      {
        ok: false,
        error: { code: 'RECONCILIATION_DUPLICATE_SETTLEMENT' },
      },
    );
  });

  it('a total reconciliation answers 平 or 不平 with the differing figures', async () => {
    const sum = (f: (s: PostedSettlement) => number) => mine.reduce((a, s) => a + f(s), 0);
    const institution = {
      settlementCount: mine.length,
      medicalTotalFen: fen(sum((s) => s.totalFen)),
      fundPayFen: fen(sum((s) => s.fundPayFen)),
      accountPayFen: fen(sum((s) => (s.kind === 'reversal' ? -s.accountFen : s.accountFen))),
    };
    const totals = { ...scope, insuranceType: '310', clearingType: '99963', institution };
    const ok = await reconcileInstitutionTotals(ctx, totals);
    expect(ok).toMatchObject({ ok: true, value: { balanced: true } });
    const off = await reconcileInstitutionTotals(ctx, {
      ...totals,
      institution: { ...institution, fundPayFen: fen(institution.fundPayFen + 100) },
    });
    expect(off).toMatchObject({
      ok: true,
      value: { balanced: false, differences: [{ field: 'fundPayFen', delta: 100 }] },
    });
    if (off.ok) expect(off.value.explanation).toContain('基金支付总额');
    // Without refunds the refund record and its negative amounts are left out on both sides.
    const noRefunds = await reconcileInstitutionTotals(ctx, {
      ...totals,
      includesRefunds: false,
      institution: {
        settlementCount: mine.length - 1,
        medicalTotalFen: fen(sum((s) => (s.kind === 'reversal' ? 0 : s.totalFen))),
        fundPayFen: fen(sum((s) => (s.kind === 'reversal' ? 0 : s.fundPayFen))),
        accountPayFen: fen(sum((s) => (s.kind === 'reversal' ? 0 : s.accountFen))),
      },
    });
    expect(noRefunds).toMatchObject({ ok: true, value: { balanced: true } });
    expect(await reconcileInstitutionTotals(ctx, { ...totals, endDate: '2026-09-30' })).toMatchObject({
      ok: false,
      error: { code: 'RECONCILIATION_DATE_RANGE_INVALID' },
    });
  });
});
