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

export interface DB
  extends SettlementDB,
    WebDB,
    ClearingDB,
    FilingDB,
    ChronicDB,
    ReimbursementDB,
    ComplaintsDB,
    ContributionsDB {
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
  /** Exactly one of settlement_id / claim_id is set (migration 0009): a settlement, or a manual claim. */
  settlement_id: string | null;
  claim_id: string | null;
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
  national_files: NationalFilesTable;
}

/**
 * A file exchanged over the national interface (9101 upload, 3202 result; migration 0014). Immutable;
 * readable only by its institution.
 */
export interface NationalFilesTable {
  /** 文件查询号 */
  file_id: string;
  institution_code: string;
  file_name: string;
  origin: 'upload' | 'reconciliation_result';
  content: Uint8Array;
  size_bytes: number;
  sha256: string;
  created_at: string;
  /** 下载截止时间, yyyy-MM-dd HH:mm:ss China time */
  download_until: string;
}

/** 经办人员账号 — an agency staff account, scoped to one region (migration 0005). */
export interface StaffAccountsTable {
  username: string;
  name: string;
  region_code: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

/** 短信验证码 — a one-time login code of an insured person, stored hashed. */
export interface LoginCodesTable {
  id: Generated<number>;
  psn_no: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  consumed_at: string | null;
}

/** A browser session (person or staff); the token itself is never stored, only its sha256. */
export interface WebSessionsTable {
  token_hash: string;
  /** 'institution' since migration 0013 (定点医药机构, subject = institution code). */
  role: 'person' | 'staff' | 'institution';
  subject: string;
  region_code: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface WebDB {
  staff_accounts: StaffAccountsTable;
  login_codes: LoginCodesTable;
  web_sessions: WebSessionsTable;
}

/** 清算批次 — one numbered run of a clearing period; the latest run is the period's current draft. */
export interface ClearingRunsTable {
  run_id: string;
  period: string;
  run_no: number;
  range_start: string;
  range_end: string;
  settlement_count: number;
  total_fen: number;
  digest: string;
  actor: string;
  created_at: string;
}

/** 清算单 — what one insured region owes one treatment region in a run. */
export interface ClearingStatementsTable {
  statement_id: string;
  run_id: string;
  period: string;
  insured_region_code: string;
  treatment_region_code: string;
  settlement_count: number;
  adjustment_count: number;
  medical_total_fen: number;
  fund_total_fen: number;
  account_total_fen: number;
  adjustment_fen: number;
  total_fen: number;
}

export interface ClearingStatementLinesTable {
  statement_id: string;
  fund_type: string;
  amount_fen: number;
  adjustment_fen: number;
  row_count: number;
}

export interface ClearingInstitutionPayablesTable {
  run_id: string;
  institution_code: string;
  treatment_region_code: string;
  amount_fen: number;
  settlement_count: number;
}

export interface ClearingPositionsTable {
  run_id: string;
  region_code: string;
  receivable_fen: number;
  payable_fen: number;
  net_fen: number;
  advance_held_fen: number;
  advance_paid_fen: number;
  net_after_advance_fen: number;
}

/** 预付金 — an advance movement from an insured region to a treatment region. */
export interface ClearingAdvancesTable {
  id: Generated<number>;
  insured_region_code: string;
  treatment_region_code: string;
  amount_fen: number;
  effective_date: string;
  memo: string;
  actor: string;
  recorded_at: string;
}

export interface ClearingStatementEventsTable {
  id: Generated<number>;
  statement_id: string;
  action: 'confirm' | 'dispute';
  reason: string;
  actor: string;
  at: string;
}

export interface ClearingClosuresTable {
  period: string;
  run_id: string;
  actor: string;
  closed_at: string;
}

export interface ClearingDB {
  clearing_runs: ClearingRunsTable;
  clearing_statements: ClearingStatementsTable;
  clearing_statement_lines: ClearingStatementLinesTable;
  clearing_institution_payables: ClearingInstitutionPayablesTable;
  clearing_positions: ClearingPositionsTable;
  clearing_advances: ClearingAdvancesTable;
  clearing_statement_events: ClearingStatementEventsTable;
  clearing_closures: ClearingClosuresTable;
}

/** 异地就医备案 — one filing (migration 0003); its history lives in filing_events. */
export interface FilingsTable {
  id: string;
  psn_no: string;
  insured_region_code: string;
  type: string;
  target_scope: 'city' | 'province';
  target_code: string;
  channel: string;
  status: string;
  valid_from: string;
  valid_to: string | null;
  submitted_at: string;
  review_deadline_date: string | null;
  review_working_days: number;
  approved_at: string | null;
  ended_on: string | null;
  supersedes: string | null;
  superseded_by: string | null;
  referral_disease_code: string | null;
  referral_institution_code: string | null;
  certificate_uploaded: Generated<number>;
  commitment_signed: Generated<number>;
  rejection_reason: string | null;
  submitted_by: string;
  row_version: Generated<number>;
  person_seq: number;
}

/** One move of a filing (append-only). */
export interface FilingEventsTable {
  id: Generated<number>;
  filing_id: string;
  psn_no: string;
  insured_region_code: string;
  at: string;
  event: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  actor_id: string;
  note: string;
}

/** 备案政策 — a region's filing parameters as a JSON document. */
export interface FilingPoliciesTable {
  region_code: string;
  document: string;
  updated_at: string;
}

/** An administrator's holiday or swapped-workday override of the published calendar. */
export interface CalendarOverridesTable {
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  batch_id: string;
  imported_at: string;
}

export interface CalendarOverrideRangesTable {
  known_from: string;
  known_to: string;
  batch_id: string;
  imported_at: string;
}

/** 无条件转诊转院病种目录 / 急危重病种标准 entries, per region. */
export interface FilingListEntriesTable {
  region_code: string;
  list: 'unconditional_referral' | 'critical_illness';
  code: string;
  name: string;
  imported_at: string;
}

export interface FilingDB {
  filings: FilingsTable;
  filing_events: FilingEventsTable;
  filing_policies: FilingPoliciesTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_override_ranges: CalendarOverrideRangesTable;
  filing_list_entries: FilingListEntriesTable;
}

/** 门慢特病种 — the national chronic-disease catalog (migration 0006). */
export interface ChronicDiseasesTable {
  code: string;
  name: string;
  category_name: string;
  grant_mode: string;
  cross_province: number;
  /** JSON array of ICD-10 patterns. */
  icd10: string;
  catalog_version: string;
  updated_at: string;
}

/** 本地病种编码对照 — one-to-one local ↔ national code per region (R-C1). */
export interface ChronicDiseaseMappingsTable {
  region_code: string;
  local_code: string;
  local_name: string;
  disease_code: string;
}

/** A region's own ICD-10 list for one disease of the T-1 screen (R-C5). */
export interface ChronicScreeningRulesTable {
  region_code: string;
  disease_code: string;
  icd10: string;
  updated_at: string;
  updated_by: string;
}

/** 门慢特待遇资格 — a person's qualification for one disease. */
export interface ChronicQualificationsTable {
  qualification_id: string;
  psn_no: string;
  region_code: string;
  insurance_type: string;
  disease_code: string;
  local_code: string | null;
  start_date: string;
  end_date: string | null;
  original_start_date: string;
  source: string;
  source_ref: string;
  /** trt_dcla_detl_sn of an institution filing (2503). */
  filing_serial: string | null;
  filing_institution_code: string | null;
  status: string;
  end_reason: string | null;
  created_at: string;
  updated_at: string;
  row_version: Generated<number>;
}

/** 门慢特申请 (R-C6). */
export interface ChronicApplicationsTable {
  application_id: string;
  psn_no: string;
  region_code: string;
  disease_code: string;
  applied_on: string;
  applied_at: string;
  channel: string;
  submitted_by: string;
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  qualification_id: string | null;
  row_version: Generated<number>;
}

export interface ChronicApplicationMaterialsTable {
  application_id: string;
  seq: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content_base64: string;
}

/** One run of the T-1 screen (R-C5); every run is kept, re-runs included. */
export interface ChronicScreeningRunsTable {
  run_id: string;
  discharge_date: string;
  started_at: string;
  finished_at: string;
  scanned_count: number;
  matched_count: number;
  added_count: number;
  actor: string;
}

/** 预享受人员名单 entry. */
export interface ChronicCandidatesTable {
  candidate_id: string;
  run_id: string;
  discharge_date: string;
  psn_no: string;
  region_code: string;
  disease_code: string;
  visit_id: string;
  icd_code: string;
  status: string;
  contact_note: string | null;
  contacted_at: string | null;
  contacted_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  qualification_id: string | null;
  created_at: string;
  row_version: Generated<number>;
}

/** A settlement to refund by recomputation after a backdated grant (R-C6). */
export interface ChronicRecomputeRequestsTable {
  application_id: string;
  settlement_id: string;
  psn_no: string;
  disease_code: string;
  status: string;
  created_at: string;
  done_at: string | null;
  result_ref: string | null;
}

export interface ChronicDB {
  chronic_diseases: ChronicDiseasesTable;
  chronic_disease_mappings: ChronicDiseaseMappingsTable;
  chronic_screening_rules: ChronicScreeningRulesTable;
  chronic_qualifications: ChronicQualificationsTable;
  chronic_applications: ChronicApplicationsTable;
  chronic_application_materials: ChronicApplicationMaterialsTable;
  chronic_screening_runs: ChronicScreeningRunsTable;
  chronic_candidates: ChronicCandidatesTable;
  chronic_recompute_requests: ChronicRecomputeRequestsTable;
}

/** 手工报销材料清单 — a region's published list (migration 0007), the validated JSON document. */
export interface ReimbursementMaterialListsTable {
  region_code: string;
  document: string;
  imported_at: string;
  imported_by: string;
}

/** 未直接结算费用上传 (R-R3): one self-paid bill an institution uploaded (append-only). */
export interface UnsettledUploadsTable {
  upload_id: string;
  institution_code: string;
  treatment_region_code: string;
  psn_no: string;
  insured_region_code: string;
  insurance_type: string;
  kind: 'outpatient' | 'inpatient';
  med_type: string;
  hospital_visit_no: string;
  begin_time: string;
  end_time: string;
  emergency: number;
  referral: number;
  accident: number;
  /** JSON array of {code, name}. */
  diagnoses: string;
  total_fen: number;
  due_date: string;
  uploaded_at: string;
  late: number;
  working_days_late: number;
  uploaded_by: string;
}

export interface UnsettledFeeLinesTable {
  upload_id: string;
  line_no: string;
  item_code: string;
  item_name: string;
  unit_price_fen: number;
  quantity: number;
  amount_fen: number;
  disease_code: string | null;
  fee_time: string;
  /** JSON of the line's split by the treatment region's catalog at upload. */
  split: string;
}

/** 手工报销申请; `document` holds the core's whole Claim as JSON. */
export interface ReimbursementClaimsTable {
  claim_id: string;
  psn_no: string;
  insured_region_code: string;
  upload_id: string;
  channel: 'online' | 'window';
  status: string;
  bill_total_fen: number;
  accident: number;
  return_count: number;
  deadline_date: string;
  deadline_basis: 'provisional' | 'accepted';
  submitted_at: string;
  accepted_at: string | null;
  decided_at: string | null;
  approved_fen: number | null;
  paid_at: string | null;
  document: string;
  /** JSON of the settlement core's result the decision used. */
  computation: string | null;
  row_version: Generated<number>;
}

export interface ReimbursementClaimEventsTable {
  id: Generated<number>;
  claim_id: string;
  psn_no: string;
  insured_region_code: string;
  at: string;
  event: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string;
}

export interface ReimbursementMaterialsTable {
  material_id: string;
  claim_id: string;
  psn_no: string;
  item_code: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content_base64: string;
  uploaded_at: string;
  uploaded_by: string;
}

/** Posted money of a claim (append-only, signed): payment, 补支, 追回, or a reversal of one. */
export interface ReimbursementPaymentsTable {
  payment_id: string;
  claim_id: string;
  /** Order within the claim (1, 2, …); unique, so two concurrent postings cannot both take a place. */
  seq: number;
  psn_no: string;
  insured_region_code: string;
  kind: 'payment' | 'supplement' | 'recovery' | 'reversal';
  amount_fen: number;
  reverses_id: string | null;
  reason: string;
  at: string;
  actor: string;
}

/** 医保关系转移接续; `document` holds the core's whole Transfer as JSON. */
export interface TransfersTable {
  transfer_id: string;
  psn_no: string;
  from_region_code: string;
  to_region_code: string;
  from_insurance_type: string;
  to_insurance_type: string;
  channel: 'online' | 'outgoing_window' | 'incoming_window';
  status: string;
  applied_at: string;
  deadline_date: string;
  out_confirmed_at: string | null;
  completed_at: string | null;
  document: string;
  row_version: Generated<number>;
}

export interface TransferEventsTable {
  id: Generated<number>;
  transfer_id: string;
  psn_no: string;
  at: string;
  event: string;
  from_status: string | null;
  to_status: string;
  side: string;
  actor: string;
  note: string;
}

export interface ReimbursementDB {
  reimbursement_material_lists: ReimbursementMaterialListsTable;
  unsettled_uploads: UnsettledUploadsTable;
  unsettled_fee_lines: UnsettledFeeLinesTable;
  reimbursement_claims: ReimbursementClaimsTable;
  reimbursement_claim_events: ReimbursementClaimEventsTable;
  reimbursement_materials: ReimbursementMaterialsTable;
  reimbursement_payments: ReimbursementPaymentsTable;
  transfers: TransfersTable;
  transfer_events: TransferEventsTable;
}

/** 投诉 — one complaint in the region's ledger (R-P4); its history lives in complaint_events. */
export interface ComplaintsTable {
  complaint_id: string;
  psn_no: string;
  insured_region_code: string;
  topic: string;
  subject_type: string | null;
  subject_id: string | null;
  text: string;
  status: 'open' | 'answered' | 'closed';
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  row_version: Generated<number>;
}

/** One move of a complaint: filed, a reply, closed (append-only). */
export interface ComplaintEventsTable {
  id: Generated<number>;
  complaint_id: string;
  psn_no: string;
  insured_region_code: string;
  at: string;
  event: 'filed' | 'replied' | 'closed';
  from_status: string | null;
  to_status: string;
  actor: string;
  actor_role: 'person' | 'staff';
  text: string;
}

/** 好差评 — one rating of one finished service by its person (append-only, unique per service). */
export interface RatingsTable {
  rating_id: string;
  psn_no: string;
  insured_region_code: string;
  service_type: string;
  service_id: string;
  score: number;
  grade: 'good' | 'neutral' | 'poor';
  comment: string;
  created_at: string;
}

export interface ComplaintsDB {
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  ratings: RatingsTable;
}

/** 缴费记录 — one contribution record (R-P2), append-only; a correction is a new row naming the old one. */
export interface ContributionsTable {
  contribution_id: string;
  psn_no: string;
  insured_region_code: string;
  insurance_type: '310' | '390';
  /** `YYYY-MM` for employees (310), `YYYY` for residents (390). */
  period: string;
  /** 缴费基数 — employees only. */
  base_fen: number | null;
  employer_fen: number;
  personal_fen: number;
  /** 划入个人账户 — employees only. */
  account_credit_fen: number;
  status: 'paid' | 'unpaid' | 'refunded';
  paid_date: string | null;
  payer_name: string | null;
  corrects_id: string | null;
  /** The import batch that brought the row (import_batches.id). */
  batch_id: string;
  recorded_at: string;
}

export interface ContributionsDB {
  contributions: ContributionsTable;
}
