/**
 * Posted tables (settlements, fund lines, accumulator and account movements) are append-only and the
 * settlement row's conservation is a database CHECK, on both dialects (DESIGN.md "Storage").
 */
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import type { SettlementsTable } from '../../src/store/schema.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

function settlementRow(overrides: Partial<Insertable<SettlementsTable>> = {}): Insertable<SettlementsTable> {
  return {
    settlement_id: 'S1',
    group_id: 'S1',
    visit_id: 'V1',
    institution_code: 'H34170000001',
    psn_no: 'P1',
    insured_region_code: '341700',
    treatment_region_code: '341700',
    insurance_type: '310',
    med_type: '11',
    category: 'general_outpatient',
    disease_code: null,
    situation: 'local',
    clearing_type: '11',
    year: 2026,
    settled_at: '2026-11-24T08:00:00.000Z',
    kind: 'settlement',
    reverses_id: null,
    msgid: 'M1',
    total_fen: 10_000,
    full_own_pay_fen: 1_000,
    over_limit_fen: 0,
    class_b_copay_fen: 500,
    in_scope_fen: 8_500,
    deductible_fen: 0,
    fund_pay_fen: 6_000,
    account_pay_fen: 2_000,
    cash_fen: 2_000,
    hospital_part_fen: 0,
    account_balance_after_fen: 0,
    result: '{}',
    ...overrides,
  };
}

describe.each(DIALECTS)('posted tables on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    const db = store.db;
    await db
      .insertInto('regions')
      .values({ code: '341700', name: '池州市', province_code: '340000', province_name: '安徽省' })
      .execute();
    await db
      .insertInto('institutions')
      .values({
        code: 'H34170000001',
        name: '池州市人民医院',
        region_code: '341700',
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      })
      .execute();
    await db
      .insertInto('persons')
      .values({
        psn_no: 'P1',
        name: '张三',
        certificate_type: '01',
        certificate_no: '341702199001011234',
        social_security_card_no: null,
        phone: null,
        gender: '1',
        birth_date: '1990-01-01',
        insured_region_code: '341700',
        insurance_type: '310',
        employment: 'employed',
        civil_servant: 0,
        assistance_category: 'none',
        status: 'active',
        account_balance_fen: 0,
      })
      .execute();
    await db
      .insertInto('visits')
      .values({
        visit_id: 'V1',
        institution_code: 'H34170000001',
        psn_no: 'P1',
        insured_region_code: '341700',
        treatment_region_code: '341700',
        insurance_type: '310',
        kind: 'outpatient',
        med_type: '11',
        hospital_visit_no: 'MZ1',
        certificate_type: '02',
        begin_time: '2026-11-24 08:00:00',
        end_time: null,
        status: 'registered',
        disease_code: null,
        created_at: '2026-11-24T08:00:00.000Z',
      })
      .execute();
  });
  afterAll(async () => {
    await store.close();
  });

  it('accepts a conserving settlement and refuses to change or delete it', async () => {
    await store.db.insertInto('settlements').values(settlementRow()).execute();
    await expect(
      store.db.updateTable('settlements').set({ cash_fen: 0 }).where('settlement_id', '=', 'S1').execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
    await expect(
      store.db.deleteFrom('settlements').where('settlement_id', '=', 'S1').execute(),
    ).rejects.toThrow(/APPEND_ONLY/);
    const row = await store.db.selectFrom('settlements').select('cash_fen').executeTakeFirstOrThrow();
    expect(row.cash_fen).toBe(2_000);
  });

  it('refuses a settlement row that does not conserve money to the fen', async () => {
    await expect(
      store.db
        .insertInto('settlements')
        .values(settlementRow({ settlement_id: 'S2', group_id: 'S2', cash_fen: 1_999 }))
        .execute(),
    ).rejects.toThrow();
    await expect(
      store.db
        .insertInto('settlements')
        .values(settlementRow({ settlement_id: 'S3', group_id: 'S3', in_scope_fen: 8_499 }))
        .execute(),
    ).rejects.toThrow();
  });

  it('allows exactly one reversal per settlement, with negative amounts', async () => {
    const reversal = settlementRow({
      settlement_id: 'R1',
      group_id: 'R1',
      kind: 'reversal',
      reverses_id: 'S1',
      msgid: 'M2',
      total_fen: -10_000,
      full_own_pay_fen: -1_000,
      class_b_copay_fen: -500,
      in_scope_fen: -8_500,
      fund_pay_fen: -6_000,
      account_pay_fen: -2_000,
      cash_fen: -2_000,
    });
    await store.db.insertInto('settlements').values(reversal).execute();
    await expect(
      store.db
        .insertInto('settlements')
        .values({ ...reversal, settlement_id: 'R2', group_id: 'R2' })
        .execute(),
    ).rejects.toThrow();
    // A reversal with positive amounts is refused.
    await expect(
      store.db
        .insertInto('settlements')
        .values(settlementRow({ settlement_id: 'R3', group_id: 'R3', kind: 'reversal', reverses_id: 'S1' }))
        .execute(),
    ).rejects.toThrow();
  });

  it('keeps movements append-only and internally consistent', async () => {
    await store.db
      .insertInto('accumulator_movements')
      .values({
        psn_no: 'P1',
        year: 2026,
        key: 'k',
        settlement_id: 'S1',
        delta: 5,
        value_before: 0,
        value_after: 5,
        version: 1,
      })
      .execute();
    await expect(
      store.db
        .insertInto('accumulator_movements')
        .values({
          psn_no: 'P1',
          year: 2026,
          key: 'k',
          settlement_id: 'S1',
          delta: 5,
          value_before: 5,
          value_after: 11,
          version: 2,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      store.db
        .insertInto('accumulator_movements')
        .values({
          psn_no: 'P1',
          year: 2026,
          key: 'k',
          settlement_id: 'S1',
          delta: 5,
          value_before: 5,
          value_after: 10,
          version: 1,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(store.db.updateTable('accumulator_movements').set({ delta: 6 }).execute()).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await store.db
      .insertInto('account_movements')
      .values({
        psn_no: 'P1',
        settlement_id: 'S1',
        reason: 'settlement',
        delta_fen: 100,
        balance_before_fen: 0,
        balance_after_fen: 100,
        version: 1,
        created_at: '2026-11-24T08:00:00.000Z',
      })
      .execute();
    await expect(store.db.deleteFrom('account_movements').execute()).rejects.toThrow(/APPEND_ONLY/);
  });
});
