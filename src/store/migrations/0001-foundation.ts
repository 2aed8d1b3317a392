/** Reference data, code tables, audit trail, outbox and bookkeeping tables. */
import { sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { type AnyDb, createAppendOnlyFunction, identityColumn, makeAppendOnly } from './helpers.ts';

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await createAppendOnlyFunction(db, dialect);

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('code_tables')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('code_tables_pk', ['table_name', 'code'])
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`length(code) = 6`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('province_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('institutions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('hospital', 'pharmacy', 'internet_hospital')`),
    )
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('0', '1', '2', '3')`))
    .addColumn('cross_region_networked', 'integer', (c) =>
      c.notNull().check(sql`cross_region_networked in (0, 1)`),
    )
    .addColumn('chronic_diseases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('employee_outpatient_pooling', 'integer', (c) =>
      c.notNull().check(sql`employee_outpatient_pooling in (0, 1)`),
    )
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('institutions_region').on('institutions').column('region_code').execute();

  await db.schema
    .createTable('persons')
    .addColumn('psn_no', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('certificate_type', 'text', (c) => c.notNull())
    .addColumn('certificate_no', 'text', (c) => c.notNull().unique())
    .addColumn('social_security_card_no', 'text', (c) => c.unique())
    .addColumn('phone', 'text')
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('insured_region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('insurance_type', 'text', (c) => c.notNull().check(sql`insurance_type in ('310', '390')`))
    .addColumn('employment', 'text', (c) => c.notNull().check(sql`employment in ('employed', 'retired')`))
    .addColumn('civil_servant', 'integer', (c) => c.notNull().check(sql`civil_servant in (0, 1)`))
    .addColumn('assistance_category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'suspended', 'terminated')`),
    )
    .addColumn('account_balance_fen', 'bigint', (c) => c.notNull().check(sql`account_balance_fen >= 0`))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('persons_region').on('persons').column('insured_region_code').execute();

  await db.schema
    .createTable('catalog_items')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('drug', 'service_item', 'consumable')`))
    .addColumn('catalog_class', 'text', (c) => c.notNull().check(sql`catalog_class in ('01', '02', '03')`))
    .addColumn('copay_ratio_bp', 'integer', (c) => c.notNull().check(sql`copay_ratio_bp between 0 and 10000`))
    .addColumn('price_limit_fen', 'bigint', (c) =>
      c.check(sql`price_limit_fen is null or price_limit_fen >= 0`),
    )
    .addPrimaryKeyConstraint('catalog_items_pk', ['region_code', 'code', 'valid_from'])
    .execute();

  await db.schema
    .createTable('benefit_policies')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('insurance_type', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('benefit_policies_pk', ['region_code', 'insurance_type', 'effective_from'])
    .execute();

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await sql`create table audit_log (
    ${identityColumn(dialect, 'seq')},
    at text not null,
    actor text not null,
    role text not null,
    action text not null,
    subject text not null,
    request_id text,
    detail text not null,
    prev_hash text not null,
    hash text not null unique
  )`.execute(db);
  await makeAppendOnly(db, dialect, 'audit_log');

  await sql`create table outbox (
    ${identityColumn(dialect, 'id')},
    topic text not null,
    payload text not null,
    created_at text not null,
    delivered_at text,
    attempts integer not null default 0
  )`.execute(db);
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['delivered_at', 'id']).execute();
}
