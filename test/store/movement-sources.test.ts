/**
 * Migration 0009 on a database that already holds settlement-sourced accumulator movements, on both
 * dialects: the rows survive with their ids (SQLite rebuilds the table), new ids continue after the
 * old ones, the unique (psn_no, year, key, version) and the append-only triggers are back, and a
 * movement now has exactly one source — a settlement or a reimbursement claim.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.ts';
import { migrateToLatest, migrations } from '../../src/store/migrations/index.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';

const MOVEMENT_SOURCES = '0009-movement-sources';

/** Applies every migration before 0009, recorded as migrateToLatest records them. */
async function migrateUpTo0008(store: Store): Promise<void> {
  await sql`create table if not exists schema_migrations (id text primary key, applied_at text not null)`.execute(
    store.db,
  );
  const before = migrations.slice(
    0,
    migrations.findIndex((m) => m.id === MOVEMENT_SOURCES),
  );
  expect(before.length).toBeGreaterThan(0);
  for (const migration of before) {
    await store.db.transaction().execute(async (tx) => {
      await migration.up(tx, store.dialect);
      await tx
        .insertInto('schema_migrations')
        .values({ id: migration.id, applied_at: new Date().toISOString() })
        .execute();
    });
  }
}

async function seedSettlement(store: Store): Promise<void> {
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
  await db
    .insertInto('settlements')
    .values({
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
      account_pay_fen: 0,
      cash_fen: 4_000,
      hospital_part_fen: 0,
      account_balance_after_fen: 0,
      result: '{}',
    })
    .execute();
}

const movement = (key: string, version: number, before: number, delta: number) => ({
  psn_no: 'P1',
  year: 2026,
  key,
  delta,
  value_before: before,
  value_after: before + delta,
  version,
});

describe.each(DIALECTS)('migration 0009 (movement sources) on %s', (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ ...(await freshStoreLocation(dialect)), migrate: false });
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps existing movements and their ids, and then takes a settlement or a claim as the one source', async () => {
    await migrateUpTo0008(store);
    await seedSettlement(store);
    const db = store.db;
    for (const m of [movement('a', 1, 0, 5), movement('a', 2, 5, 7), movement('b', 1, 0, 3)]) {
      await db
        .insertInto('accumulator_movements')
        .values({ ...m, settlement_id: 'S1' })
        .execute();
    }
    const old = await db.selectFrom('accumulator_movements').selectAll().orderBy('id').execute();

    // 0009 runs first, then whatever later migrations exist.
    const from = migrations.findIndex((m) => m.id === MOVEMENT_SOURCES);
    expect(await migrateToLatest(db, dialect)).toEqual(migrations.slice(from).map((m) => m.id));
    expect(await migrateToLatest(db, dialect)).toEqual([]);

    const kept = await db.selectFrom('accumulator_movements').selectAll().orderBy('id').execute();
    expect(kept).toEqual(old.map((m) => ({ ...m, claim_id: null })));
    // New ids continue after the old ones.
    await db
      .insertInto('accumulator_movements')
      .values({ ...movement('b', 2, 3, 1), settlement_id: 'S1' })
      .execute();
    const ids = (await db.selectFrom('accumulator_movements').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    expect(ids.at(-1)).toBeGreaterThan(Math.max(...old.map((m) => Number(m.id))));
    // Unique (psn_no, year, key, version) still holds; the chain CHECK still holds.
    await expect(
      db
        .insertInto('accumulator_movements')
        .values({ ...movement('a', 2, 12, 1), settlement_id: 'S1' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('accumulator_movements')
        .values({ ...movement('a', 3, 12, 1), value_after: 99, settlement_id: 'S1' })
        .execute(),
    ).rejects.toThrow();
    // Exactly one source.
    await expect(
      db
        .insertInto('accumulator_movements')
        .values({ ...movement('a', 3, 12, 1), settlement_id: null, claim_id: null })
        .execute(),
    ).rejects.toThrow(/accumulator_movements_one_source/);
    // A claim source must be a real claim.
    await expect(
      db
        .insertInto('accumulator_movements')
        .values({ ...movement('a', 3, 12, 1), claim_id: 'NO-SUCH-CLAIM' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    // Append-only as before.
    await expect(db.updateTable('accumulator_movements').set({ delta: 6 }).execute()).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await expect(db.deleteFrom('accumulator_movements').execute()).rejects.toThrow(/APPEND_ONLY/);
    if (dialect === 'postgres') {
      await expect(sql`truncate accumulator_movements`.execute(db)).rejects.toThrow(/APPEND_ONLY/);
    }
    expect(await db.selectFrom('accumulator_movements').select('id').execute()).toHaveLength(4);
  });
});
