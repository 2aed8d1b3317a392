/**
 * Reads behind the institution's own web view (定点医药机构): its message log, its open visits with fee
 * lines uploaded but not settled, its 2210 unsettled uploads, its settlements per day and per
 * (insurance type, clearing category). Every query is bounded by the institution code given by the caller
 * (the session's institution).
 */
import { sql } from 'kysely';
import { type Fen, fen } from '../../core/money/index.ts';
import type { Executor } from './executor.ts';

export interface LoggedTransaction {
  readonly msgid: string;
  readonly operation: string;
  readonly createdAt: string;
  /** The exact response sent (null only while the message is in flight). */
  readonly response: string | null;
}

/** The institution's latest messages, newest first. */
export async function recentMessages(
  db: Executor,
  party: string,
  limit: number,
): Promise<LoggedTransaction[]> {
  const rows = await db
    .selectFrom('message_log')
    .select(['msgid', 'operation', 'created_at', 'response'])
    .where('party', '=', party)
    .orderBy('created_at', 'desc')
    .orderBy('msgid', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    msgid: r.msgid,
    operation: r.operation,
    createdAt: r.created_at,
    response: r.response,
  }));
}

export interface OpenVisitRow {
  readonly visitId: string;
  readonly psnNo: string;
  readonly kind: string;
  readonly medType: string;
  readonly hospitalVisitNo: string;
  readonly beginTime: string;
  readonly status: string;
  readonly lineCount: number;
  readonly amountFen: Fen;
  readonly lastUploadedAt: string;
}

/** Open visits of the institution with fee lines uploaded and not yet settled (nor revoked), oldest first. */
export async function openVisitsWithUnsettledLines(
  db: Executor,
  institutionCode: string,
  limit: number,
): Promise<OpenVisitRow[]> {
  const rows = await db
    .selectFrom('visits as v')
    .innerJoin('fee_lines as f', 'f.visit_id', 'v.visit_id')
    .select((eb) => [
      'v.visit_id',
      'v.psn_no',
      'v.kind',
      'v.med_type',
      'v.hospital_visit_no',
      'v.begin_time',
      'v.status',
      eb.fn.countAll<number>().as('line_count'),
      eb.cast<number>(eb.fn.sum('f.amount_fen'), 'bigint').as('amount'),
      eb.fn.max('f.uploaded_at').as('last_uploaded_at'),
    ])
    .where('v.institution_code', '=', institutionCode)
    .where('v.status', 'in', ['registered', 'admitted', 'discharged'])
    .where('f.status', '=', 'uploaded')
    .groupBy([
      'v.visit_id',
      'v.psn_no',
      'v.kind',
      'v.med_type',
      'v.hospital_visit_no',
      'v.begin_time',
      'v.status',
    ])
    .orderBy('v.begin_time')
    .orderBy('v.visit_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    visitId: r.visit_id,
    psnNo: r.psn_no,
    kind: r.kind,
    medType: r.med_type,
    hospitalVisitNo: r.hospital_visit_no,
    beginTime: r.begin_time,
    status: r.status,
    lineCount: Number(r.line_count),
    amountFen: fen(Number(r.amount)),
    lastUploadedAt: String(r.last_uploaded_at),
  }));
}

export interface InstitutionUploadRow {
  readonly uploadId: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly medType: string;
  readonly hospitalVisitNo: string;
  readonly beginTime: string;
  readonly endTime: string;
  readonly totalFen: Fen;
  readonly dueDate: string;
  readonly uploadedAt: string;
  readonly late: boolean;
  readonly workingDaysLate: number;
}

/** The institution's 2210 uploads (未直接结算费用), newest first. */
export async function unsettledUploadsOfInstitution(
  db: Executor,
  institutionCode: string,
  limit: number,
): Promise<InstitutionUploadRow[]> {
  const rows = await db
    .selectFrom('unsettled_uploads')
    .select([
      'upload_id',
      'psn_no',
      'insured_region_code',
      'med_type',
      'hospital_visit_no',
      'begin_time',
      'end_time',
      'total_fen',
      'due_date',
      'uploaded_at',
      'late',
      'working_days_late',
    ])
    .where('institution_code', '=', institutionCode)
    .orderBy('uploaded_at', 'desc')
    .orderBy('upload_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    uploadId: r.upload_id,
    psnNo: r.psn_no,
    insuredRegionCode: r.insured_region_code,
    medType: r.med_type,
    hospitalVisitNo: r.hospital_visit_no,
    beginTime: r.begin_time,
    endTime: r.end_time,
    totalFen: fen(Number(r.total_fen)),
    dueDate: r.due_date,
    uploadedAt: r.uploaded_at,
    late: Number(r.late) === 1,
    workingDaysLate: Number(r.working_days_late),
  }));
}

/** The (insurance type, clearing category) pairs of the institution's settlements in [startIso, endIso). */
export async function settlementGroupsOfInstitution(
  db: Executor,
  scope: { institutionCode: string; startIso: string; endIso: string },
): Promise<{ insuranceType: string; clearingType: string }[]> {
  const rows = await db
    .selectFrom('settlements')
    .select(['insurance_type', 'clearing_type'])
    .distinct()
    .where('institution_code', '=', scope.institutionCode)
    .where('settled_at', '>=', scope.startIso)
    .where('settled_at', '<', scope.endIso)
    .orderBy('insurance_type')
    .orderBy('clearing_type')
    .execute();
  return rows.map((r) => ({ insuranceType: r.insurance_type, clearingType: r.clearing_type }));
}

export interface DailySettlementRow {
  /** yyyy-MM-dd, the date part of settled_at (China time for rows posted by the HIS use cases). */
  readonly date: string;
  readonly kind: 'settlement' | 'reversal';
  readonly count: number;
  readonly medicalTotalFen: Fen;
  readonly fundPayFen: Fen;
  readonly accountPayFen: Fen;
  readonly cashFen: Fen;
}

/** The institution's posted rows per day and kind, for settled_at in [fromDate, toDateExclusive). */
export async function dailySettlementsOfInstitution(
  db: Executor,
  institutionCode: string,
  fromDate: string,
  toDateExclusive: string,
): Promise<DailySettlementRow[]> {
  const day = sql<string>`substr(settled_at, 1, 10)`;
  const rows = await db
    .selectFrom('settlements')
    .select((eb) => [
      day.as('day'),
      'kind',
      eb.fn.countAll<number>().as('cnt'),
      eb.cast<number>(eb.fn.sum('total_fen'), 'bigint').as('medical'),
      eb.cast<number>(eb.fn.sum('fund_pay_fen'), 'bigint').as('fund'),
      eb.cast<number>(eb.fn.sum('account_pay_fen'), 'bigint').as('account'),
      eb.cast<number>(eb.fn.sum('cash_fen'), 'bigint').as('cash'),
    ])
    .where('institution_code', '=', institutionCode)
    .where('settled_at', '>=', fromDate)
    .where('settled_at', '<', toDateExclusive)
    .groupBy([day, 'kind'])
    .orderBy(day)
    .execute();
  return rows.map((r) => ({
    date: String(r.day),
    kind: r.kind,
    count: Number(r.cnt),
    medicalTotalFen: fen(Number(r.medical)),
    fundPayFen: fen(Number(r.fund)),
    accountPayFen: fen(Number(r.account)),
    cashFen: fen(Number(r.cash)),
  }));
}

/** Chinese names of one code table's codes (e.g. insutype, med_type). */
export async function codeNames(db: Executor, table: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('code_tables')
    .select(['code', 'name'])
    .where('table_name', '=', table)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
