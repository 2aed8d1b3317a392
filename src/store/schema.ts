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

export interface DB extends SettlementDB {
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

export interface InstitutionCredentialsTable {
  access_key: string;
  institution_code: string;
  secret_key: string;
  issued_at: string;
  revoked_at: string | null;
}

export interface SignInsTable {
  sign_no: string;
  institution_code: string;
  operator_no: string;
  mac: string;
  ip: string;
  signed_in_at: string;
  signed_out_at: string | null;
}

export interface MessageLogTable {
  /** Who sent the message: an institution code, or a REST caller id. */
  party: string;
  msgid: string;
  operation: string;
  request_hash: string;
  response: string | null;
  created_at: string;
}

export interface VisitsTable {
  visit_id: string;
  institution_code: string;
  psn_no: string;
  insured_region_code: string;
  treatment_region_code: string;
  insurance_type: string;
  kind: 'outpatient' | 'inpatient' | 'pharmacy';
  med_type: string;
  hospital_visit_no: string;
  certificate_type: string;
  begin_time: string;
  end_time: string | null;
  status: string;
  emergency: Generated<number>;
  referral: Generated<number>;
  trauma: Generated<number>;
  disease_code: string | null;
  /** JSON array of diagnoses as uploaded. */
  diagnoses: Generated<string>;
  /** JSON object of the remaining registration details (department, doctor, …). */
  details: Generated<string>;
  created_at: string;
  row_version: Generated<number>;
}

export interface FeeLinesTable {
  visit_id: string;
  line_no: string;
  batch_no: string;
  item_code: string;
  institution_item_code: string;
  item_name: string;
  unit_price_fen: number;
  /** Quantity in ten-thousandths (national cnt has 4 decimals). */
  quantity: number;
  amount_fen: number;
  disease_code: string | null;
  prescription_no: string | null;
  fee_time: string;
  /** JSON of the line's split by the treatment region's catalog. */
  split: string;
  status: 'uploaded' | 'revoked' | 'settled';
  settlement_id: string | null;
  uploaded_at: string;
}

export interface SettlementsTable {
  settlement_id: string;
  group_id: string;
  visit_id: string;
  institution_code: string;
  psn_no: string;
  insured_region_code: string;
  treatment_region_code: string;
  insurance_type: string;
  med_type: string;
  category: string;
  disease_code: string | null;
  situation: string;
  clearing_type: string;
  year: number;
  settled_at: string;
  kind: 'settlement' | 'reversal';
  reverses_id: string | null;
  msgid: string;
  total_fen: number;
  full_own_pay_fen: number;
  over_limit_fen: number;
  class_b_copay_fen: number;
  in_scope_fen: number;
  deductible_fen: number;
  fund_pay_fen: number;
  account_pay_fen: number;
  cash_fen: number;
  hospital_part_fen: number;
  account_balance_after_fen: number;
  /** JSON of the core's full result, including the formula trace. */
  result: string;
}

export interface SettlementFundsTable {
  settlement_id: string;
  fund_type: string;
  pay_fen: number;
  in_scope_fen: number;
  payable_limit_fen: number;
}

export interface AccumulatorsTable {
  psn_no: string;
  year: number;
  key: string;
  insured_region_code: string;
  value: number;
  version: number;
}

export interface AccumulatorMovementsTable {
  id: Generated<number>;
  psn_no: string;
  year: number;
  key: string;
  settlement_id: string;
  delta: number;
  value_before: number;
  value_after: number;
  version: number;
}

export interface AccountMovementsTable {
  id: Generated<number>;
  psn_no: string;
  settlement_id: string | null;
  reason: string;
  delta_fen: number;
  balance_before_fen: number;
  balance_after_fen: number;
  version: number;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SettlementDB {
  institution_credentials: InstitutionCredentialsTable;
  sign_ins: SignInsTable;
  message_log: MessageLogTable;
  visits: VisitsTable;
  fee_lines: FeeLinesTable;
  settlements: SettlementsTable;
  settlement_funds: SettlementFundsTable;
  accumulators: AccumulatorsTable;
  accumulator_movements: AccumulatorMovementsTable;
  account_movements: AccountMovementsTable;
  settings: SettingsTable;
}
