/**
 * Accumulator movements from either source (R-M6): a direct settlement (or its reversal) as before, or
 * an approved manual reimbursement claim (R-R1…R-R3) — which must never become a `settlements` row,
 * since clearing between regions reads that table and a manual reimbursement is paid by the insured
 * region itself. `settlement_id` becomes nullable, `claim_id` is added, and a CHECK demands exactly one.
 *
 * PostgreSQL alters the table in place. SQLite cannot alter a column constraint, so the table is
 * rebuilt: new table, rows copied with their ids, old table dropped (its append-only triggers go with
 * it), new table renamed, autoincrement position kept, append-only triggers recreated. The personal
 * account is not touched by a manual reimbursement (paid in cash), so `account_movements` stays.
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, makeAppendOnly } from './helpers.ts';

const ONE_SOURCE = sql.raw('(settlement_id is null) <> (claim_id is null)');

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table accumulator_movements alter column settlement_id drop not null`.execute(db);
    await sql`alter table accumulator_movements
      add column claim_id text references reimbursement_claims(claim_id)`.execute(db);
    await sql`alter table accumulator_movements
      add constraint accumulator_movements_one_source check (${ONE_SOURCE})`.execute(db);
  } else {
    await sql`create table accumulator_movements_rebuilt (
      id integer primary key autoincrement,
      psn_no text not null,
      year integer not null,
      key text not null,
      settlement_id text references settlements(settlement_id),
      claim_id text references reimbursement_claims(claim_id),
      delta bigint not null,
      value_before bigint not null,
      value_after bigint not null,
      version integer not null,
      check (value_after = value_before + delta),
      constraint accumulator_movements_one_source check (${ONE_SOURCE}),
      unique (psn_no, year, key, version)
    )`.execute(db);
    await sql`insert into accumulator_movements_rebuilt
        (id, psn_no, year, key, settlement_id, claim_id, delta, value_before, value_after, version)
      select id, psn_no, year, key, settlement_id, null, delta, value_before, value_after, version
      from accumulator_movements order by id`.execute(db);
    // Ids are never reused: carry the old autoincrement position over (it may exceed max(id)).
    const sequence = await sql<{ seq: number }>`
      select seq from sqlite_sequence where name = 'accumulator_movements'`.execute(db);
    // DROP TABLE removes the table's triggers before its implicit delete, so append-only does not block it.
    await sql`drop table accumulator_movements`.execute(db);
    await sql`alter table accumulator_movements_rebuilt rename to accumulator_movements`.execute(db);
    const seq = sequence.rows[0]?.seq;
    if (seq !== undefined) {
      await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = 'accumulator_movements'`.execute(
        db,
      );
      await sql`insert into sqlite_sequence (name, seq)
        select 'accumulator_movements', ${seq}
        where not exists (select 1 from sqlite_sequence where name = 'accumulator_movements')`.execute(db);
    }
    await makeAppendOnly(db, dialect, 'accumulator_movements');
  }
  // A claim's movements are read back when a full recovery withdraws them.
  await sql`create index accumulator_movements_claim on accumulator_movements (claim_id)
    where claim_id is not null`.execute(db);
}
