/**
 * 结算 — posted settlements and their fund lines. Append-only: a cancellation is a reversal row with
 * negated amounts linked by reverses_id (unique, so a settlement is reversed at most once). One
 * request may post several rows (a chronic part and a general part) under one group id.
 */
import type { Executor } from './executor.ts';

export interface PostedSettlement {
  readonly settlementId: string;
  readonly groupId: string;
  readonly visitId: string;
  readonly institutionCode: string;
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly treatmentRegionCode: string;
  readonly insuranceType: string;
  readonly medType: string;
  readonly category: string;
  readonly diseaseCode: string | null;
  readonly situation: string;
  readonly clearingType: string;
  readonly year: number;
  readonly settledAt: string;
  readonly kind: 'settlement' | 'reversal';
  readonly reversesId: string | null;
  readonly msgid: string;
  readonly totalFen: number;
  readonly fullOwnPayFen: number;
  readonly overLimitFen: number;
  readonly classBCopayFen: number;
  readonly inScopeFen: number;
  readonly deductibleFen: number;
  readonly fundPayFen: number;
  readonly accountPayFen: number;
  readonly cashFen: number;
  readonly hospitalPartFen: number;
  readonly accountBalanceAfterFen: number;
  /** JSON-able detail: the core's part, the amounts by fund and the formula trace. */
  readonly result: unknown;
}

export interface PostedFundLine {
  readonly settlementId: string;
  readonly fundType: string;
  readonly payFen: number;
  readonly inScopeFen: number;
  readonly payableLimitFen: number;
}

type Row = {
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
  result: string;
};

function toPosted(r: Row): PostedSettlement {
  return {
    settlementId: r.settlement_id,
    groupId: r.group_id,
    visitId: r.visit_id,
    institutionCode: r.institution_code,
    psnNo: r.psn_no,
    insuredRegionCode: r.insured_region_code,
    treatmentRegionCode: r.treatment_region_code,
    insuranceType: r.insurance_type,
    medType: r.med_type,
    category: r.category,
    diseaseCode: r.disease_code,
    situation: r.situation,
    clearingType: r.clearing_type,
    year: Number(r.year),
    settledAt: r.settled_at,
    kind: r.kind,
    reversesId: r.reverses_id,
    msgid: r.msgid,
    totalFen: Number(r.total_fen),
    fullOwnPayFen: Number(r.full_own_pay_fen),
    overLimitFen: Number(r.over_limit_fen),
    classBCopayFen: Number(r.class_b_copay_fen),
    inScopeFen: Number(r.in_scope_fen),
    deductibleFen: Number(r.deductible_fen),
    fundPayFen: Number(r.fund_pay_fen),
    accountPayFen: Number(r.account_pay_fen),
    cashFen: Number(r.cash_fen),
    hospitalPartFen: Number(r.hospital_part_fen),
    accountBalanceAfterFen: Number(r.account_balance_after_fen),
    result: JSON.parse(r.result) as unknown,
  };
}

export async function insertSettlement(
  db: Executor,
  s: PostedSettlement,
  funds: readonly PostedFundLine[],
): Promise<void> {
  await db
    .insertInto('settlements')
    .values({
      settlement_id: s.settlementId,
      group_id: s.groupId,
      visit_id: s.visitId,
      institution_code: s.institutionCode,
      psn_no: s.psnNo,
      insured_region_code: s.insuredRegionCode,
      treatment_region_code: s.treatmentRegionCode,
      insurance_type: s.insuranceType,
      med_type: s.medType,
      category: s.category,
      disease_code: s.diseaseCode,
      situation: s.situation,
      clearing_type: s.clearingType,
      year: s.year,
      settled_at: s.settledAt,
      kind: s.kind,
      reverses_id: s.reversesId,
      msgid: s.msgid,
      total_fen: s.totalFen,
      full_own_pay_fen: s.fullOwnPayFen,
      over_limit_fen: s.overLimitFen,
      class_b_copay_fen: s.classBCopayFen,
      in_scope_fen: s.inScopeFen,
      deductible_fen: s.deductibleFen,
      fund_pay_fen: s.fundPayFen,
      account_pay_fen: s.accountPayFen,
      cash_fen: s.cashFen,
      hospital_part_fen: s.hospitalPartFen,
      account_balance_after_fen: s.accountBalanceAfterFen,
      result: JSON.stringify(s.result),
    })
    .execute();
  if (funds.length === 0) return;
  await db
    .insertInto('settlement_funds')
    .values(
      funds.map((f) => ({
        settlement_id: f.settlementId,
        fund_type: f.fundType,
        pay_fen: f.payFen,
        in_scope_fen: f.inScopeFen,
        payable_limit_fen: f.payableLimitFen,
      })),
    )
    .execute();
}

/** Every row of a group (the parts of one settlement request, or of its reversal), in id order. */
export async function findSettlementGroup(db: Executor, groupId: string): Promise<PostedSettlement[]> {
  const rows = await db
    .selectFrom('settlements')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('settlement_id')
    .execute();
  return rows.map((r) => toPosted(r as Row));
}

/** Rows posted by one request message of an institution (the key of 2601 reversal). */
export async function findSettlementsByMessage(
  db: Executor,
  institutionCode: string,
  msgid: string,
): Promise<PostedSettlement[]> {
  const rows = await db
    .selectFrom('settlements')
    .selectAll()
    .where('msgid', '=', msgid)
    .where('institution_code', '=', institutionCode)
    .orderBy('settlement_id')
    .execute();
  return rows.map((r) => toPosted(r as Row));
}

/** Settlements of a visit (and their reversals). */
export async function findSettlementsOfVisit(db: Executor, visitId: string): Promise<PostedSettlement[]> {
  const rows = await db
    .selectFrom('settlements')
    .selectAll()
    .where('visit_id', '=', visitId)
    .orderBy('settled_at')
    .orderBy('settlement_id')
    .execute();
  return rows.map((r) => toPosted(r as Row));
}

/** The reversal rows pointing at any of the given settlements. */
export async function findReversalsOf(
  db: Executor,
  settlementIds: readonly string[],
): Promise<PostedSettlement[]> {
  if (settlementIds.length === 0) return [];
  const rows = await db
    .selectFrom('settlements')
    .selectAll()
    .where('reverses_id', 'in', settlementIds)
    .execute();
  return rows.map((r) => toPosted(r as Row));
}

export async function findFundLines(
  db: Executor,
  settlementIds: readonly string[],
): Promise<PostedFundLine[]> {
  if (settlementIds.length === 0) return [];
  const rows = await db
    .selectFrom('settlement_funds')
    .selectAll()
    .where('settlement_id', 'in', settlementIds)
    .orderBy('settlement_id')
    .orderBy('fund_type')
    .execute();
  return rows.map((r) => ({
    settlementId: r.settlement_id,
    fundType: r.fund_type,
    payFen: Number(r.pay_fen),
    inScopeFen: Number(r.in_scope_fen),
    payableLimitFen: Number(r.payable_limit_fen),
  }));
}
