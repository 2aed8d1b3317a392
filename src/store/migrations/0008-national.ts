/**
 * Indexes for the national interface's hot paths: a visit's settlements (every settlement and
 * cancellation reads them), settlements by request message (2601 reversal by omsgid), fee lines by
 * settlement (5204, cancellation), and an institution's visits of a person (5201, 2601 of 2401).
 */
import type { DialectName } from '../database.ts';
import type { AnyDb } from './helpers.ts';

export async function up(db: AnyDb, _dialect: DialectName): Promise<void> {
  await db.schema.createIndex('settlements_visit').on('settlements').column('visit_id').execute();
  await db.schema
    .createIndex('settlements_message')
    .on('settlements')
    .columns(['msgid', 'institution_code'])
    .execute();
  await db.schema.createIndex('fee_lines_settlement').on('fee_lines').column('settlement_id').execute();
  await db.schema
    .createIndex('visits_institution_person')
    .on('visits')
    .columns(['institution_code', 'psn_no', 'begin_time'])
    .execute();
}
