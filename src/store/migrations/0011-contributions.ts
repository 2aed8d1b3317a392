/**
 * 缴费记录 (R-P2): the insured person's contributions, one row per payment record of the collecting
 * system — per person, insurance type and period (a month `YYYY-MM` for employees 310, a year `YYYY` for
 * residents 390, who pay yearly). Posted like other money rows: append-only, a correction is a new row
 * that names the row it corrects (`corrects_id`, at most one correction per row).
 *
 * `account_credit_fen` is the part credited to the employee's personal account (划入个人账户). Importing
 * history does not move the account: the person's stored balance is the account's own figure and already
 * contains past credits (see src/service/import/kinds/contributions.ts).
 */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await sql`create table contributions (
    contribution_id text primary key,
    psn_no text not null references persons(psn_no),
    insured_region_code text not null,
    insurance_type text not null check (insurance_type in ('310', '390')),
    period text not null,
    base_fen bigint,
    employer_fen bigint not null,
    personal_fen bigint not null,
    account_credit_fen bigint not null,
    status text not null check (status in ('paid', 'unpaid', 'refunded')),
    paid_date text,
    payer_name text,
    corrects_id text unique references contributions(contribution_id),
    batch_id text not null,
    recorded_at text not null,
    check (employer_fen >= 0 and personal_fen >= 0 and account_credit_fen >= 0
      and (base_fen is null or base_fen > 0)),
    check (account_credit_fen <= employer_fen + personal_fen),
    check ((insurance_type = '310' and length(period) = 7 and base_fen is not null)
      or (insurance_type = '390' and length(period) = 4 and base_fen is null
        and employer_fen = 0 and account_credit_fen = 0)),
    check ((status = 'unpaid') = (paid_date is null)),
    check (corrects_id is null or corrects_id <> contribution_id)
  )`.execute(db);
  await db.schema
    .createIndex('contributions_person_period')
    .on('contributions')
    .columns(['psn_no', 'period'])
    .execute();
  await makeAppendOnly(db, dialect, 'contributions');
}
