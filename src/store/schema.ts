/** Kysely table types: the database as the code sees it. Money columns are integer fen. */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface CodeTablesTable {
  table_name: string;
  code: string;
  name: string;
}

export interface RegionsTable {
  code: string;
  name: string;
  province_code: string;
  province_name: string;
}

export interface InstitutionsTable {
  code: string;
  name: string;
  region_code: string;
  kind: string;
  level: string;
  cross_region_networked: number;
  /** JSON array of national chronic-disease codes. */
  chronic_diseases: string;
  employee_outpatient_pooling: number;
  address: string | null;
}

export interface PersonsTable {
  psn_no: string;
  name: string;
  certificate_type: string;
  certificate_no: string;
  social_security_card_no: string | null;
  phone: string | null;
  gender: string;
  birth_date: string;
  insured_region_code: string;
  insurance_type: string;
  employment: string;
  civil_servant: number;
  assistance_category: string;
  status: string;
  account_balance_fen: number;
  row_version: Generated<number>;
}

export interface CatalogItemsTable {
  region_code: string;
  code: string;
  valid_from: string;
  valid_to: string | null;
  name: string;
  kind: string;
  catalog_class: string;
  copay_ratio_bp: number;
  price_limit_fen: number | null;
}

export interface BenefitPoliciesTable {
  region_code: string;
  insurance_type: string;
  effective_from: string;
  effective_to: string | null;
  name: string;
  /** The policy document as JSON (validated by the core's policy validator on import). */
  document: string;
}

export interface ImportBatchesTable {
  id: string;
  kind: string;
  source: string;
  row_count: number;
  imported_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  request_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: string;
  created_at: string;
  delivered_at: string | null;
  attempts: Generated<number>;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: string;
}

export interface DB {
  meta: MetaTable;
  code_tables: CodeTablesTable;
  regions: RegionsTable;
  institutions: InstitutionsTable;
  persons: PersonsTable;
  catalog_items: CatalogItemsTable;
  benefit_policies: BenefitPoliciesTable;
  import_batches: ImportBatchesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  schema_migrations: SchemaMigrationsTable;
}
