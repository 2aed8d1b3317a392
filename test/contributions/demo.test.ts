/**
 * The demo contributions (data/demo/contributions.csv) loaded by the demo seed, on both dialects: every
 * in-service employee has monthly rows and every retiree none; the figures follow the rates (personal
 * 2 % of the base, all of it credited to the personal account when an employer pays; residents a fixed
 * yearly amount, no account); loading them does not move any personal account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { myContributions } from '../../src/service/person-contributions.ts';
import { seedDemoIfEmpty } from '../../src/service/seed-demo.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const NOW = () => new Date('2026-11-24T02:00:00.000Z');

describe.each(DIALECTS)('demo contributions on %s', (dialect) => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openAppContext({ ...(await freshStoreLocation(dialect)), now: NOW });
    const seeded = await seedDemoIfEmpty(ctx.store, undefined, NOW);
    expect(seeded.imports.at(-1)?.kind).toBe('contributions');
  });
  afterAll(async () => {
    if (ctx) await closeAppContext(ctx);
  });

  it('gives every active in-service employee monthly rows and no retiree any', async () => {
    const persons = await ctx.store.db
      .selectFrom('persons')
      .leftJoin('contributions', 'contributions.psn_no', 'persons.psn_no')
      .select(['persons.psn_no', 'persons.insurance_type', 'persons.employment', 'persons.status'])
      .select((eb) => eb.fn.count('contributions.contribution_id').as('n'))
      .groupBy(['persons.psn_no', 'persons.insurance_type', 'persons.employment', 'persons.status'])
      .execute();
    const employed = persons.filter(
      (p) => p.insurance_type === '310' && p.employment === 'employed' && p.status === 'active',
    );
    const retired = persons.filter((p) => p.employment === 'retired');
    expect(employed.length).toBeGreaterThan(500);
    expect(employed.every((p) => Number(p.n) >= 3)).toBe(true);
    expect(retired.every((p) => Number(p.n) === 0)).toBe(true);
  });

  it('follows the rates: personal 2 % of the base, credited in full when an employer pays', async () => {
    const rows = await ctx.store.db
      .selectFrom('contributions')
      .select(['insurance_type', 'period', 'base_fen', 'employer_fen', 'personal_fen', 'account_credit_fen'])
      .execute();
    for (const r of rows) {
      if (r.insurance_type === '390') {
        expect(Number(r.personal_fen)).toBe(r.period === '2025' ? 38_000 : 40_000);
        expect(Number(r.account_credit_fen)).toBe(0);
        continue;
      }
      const base = Number(r.base_fen);
      const employer = Number(r.employer_fen);
      if (employer === 0) continue; // flexible workers pay both parts themselves
      expect(Number(r.personal_fen)).toBe(Math.floor((base * 200 + 5_000) / 10_000));
      expect(Number(r.account_credit_fen)).toBe(Number(r.personal_fen));
      expect(employer * 10_000).toBeGreaterThanOrEqual(base * 700 - 5_000);
      expect(employer * 10_000).toBeLessThanOrEqual(base * 900 + 5_000);
    }
  });

  it('moves no personal account (history is recorded, the balances already contain it)', async () => {
    const movements = await ctx.store.db.selectFrom('account_movements').select('id').execute();
    expect(movements).toEqual([]);
  });

  it('answers a demo employee with 12 paid months in 2025 and the job-change gaps of others', async () => {
    const full = await ctx.store.db
      .selectFrom('contributions')
      .select('psn_no')
      .where('period', 'like', '2025-%')
      .where('status', '=', 'paid')
      .groupBy('psn_no')
      .having((eb) => eb.fn.count('period').distinct(), '=', 12)
      .orderBy('psn_no')
      .executeTakeFirstOrThrow();
    const answer = await myContributions(ctx, full.psn_no, '2025');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.totals.monthsPaid).toBe(12);
    expect(answer.value.gaps).toEqual([]);
    expect(answer.value.summaryZh).toBe('2025 年 1 月至 12 月共 12 个月缴费连续，没有断缴。');
    let withGaps = 0;
    const employees = await ctx.store.db
      .selectFrom('persons')
      .select('psn_no')
      .where('insurance_type', '=', '310')
      .where('employment', '=', 'employed')
      .orderBy('psn_no')
      .limit(200)
      .execute();
    for (const p of employees) {
      const a = await myContributions(ctx, p.psn_no, '2025');
      if (a.ok && a.value.gapMonths > 0) withGaps++;
    }
    expect(withGaps).toBeGreaterThan(0);
    expect(withGaps).toBeLessThan(60);
  });
});
