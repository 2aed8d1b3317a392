/**
 * 参保人自助查询 — the logged-in person's own profile, settlements (with "why did I pay this?") and
 * personal account (R-P2). Every query is keyed by the session's psn_no, never by a parameter the
 * browser could change, so a person sees only their own records.
 */
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, formatYuan } from '../core/money/index.ts';
import { maskIdCard, maskPhone } from '../core/privacy/mask.ts';
import { AccumulatorKey } from '../core/settlement/index.ts';
import type { AppContext } from './context.ts';
import { categoryText, explainSettlement, type SettlementExplanation } from './settlement-explanation.ts';

const y = (n: number) => formatYuan(n as Fen);

export const INSURANCE_TYPE_ZH: Readonly<Record<string, string>> = {
  '310': '职工基本医疗保险',
  '390': '城乡居民基本医疗保险',
};

export interface PersonProfile {
  readonly personNo: string;
  readonly name: string;
  readonly certificateNoMasked: string;
  readonly phoneMasked: string | null;
  readonly insuredRegionCode: string;
  readonly insuredRegionName: string;
  readonly insuranceType: string;
  readonly insuranceTypeZh: string;
  readonly employmentZh: string;
  readonly status: string;
}

export async function personProfile(ctx: AppContext, psnNo: string): Promise<PersonProfile | undefined> {
  const row = await ctx.store.db
    .selectFrom('persons')
    .innerJoin('regions', 'regions.code', 'persons.insured_region_code')
    .selectAll('persons')
    .select('regions.name as region_name')
    .where('persons.psn_no', '=', psnNo)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    personNo: row.psn_no,
    name: row.name,
    certificateNoMasked: maskIdCard(row.certificate_no),
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    insuredRegionCode: row.insured_region_code,
    insuredRegionName: row.region_name,
    insuranceType: row.insurance_type,
    insuranceTypeZh: INSURANCE_TYPE_ZH[row.insurance_type] ?? row.insurance_type,
    employmentZh: row.employment === 'retired' ? '退休' : '在职',
    status: row.status,
  };
}

export interface SettlementSummary {
  readonly settlementId: string;
  readonly settledAt: string;
  readonly kind: 'settlement' | 'reversal';
  readonly institutionName: string;
  readonly treatmentRegionName: string;
  readonly categoryZh: string;
  readonly totalFen: number;
  readonly totalYuan: string;
  readonly fundPayYuan: string;
  readonly accountPayYuan: string;
  readonly cashYuan: string;
  readonly crossRegion: boolean;
}

function settlementsOf(ctx: AppContext, psnNo: string) {
  return ctx.store.db
    .selectFrom('settlements')
    .leftJoin('institutions', 'institutions.code', 'settlements.institution_code')
    .leftJoin('regions', 'regions.code', 'settlements.treatment_region_code')
    .selectAll('settlements')
    .select(['institutions.name as institution_name', 'regions.name as region_name'])
    .where('settlements.psn_no', '=', psnNo);
}

type Row = Awaited<ReturnType<ReturnType<typeof settlementsOf>['execute']>>[number];

function summaryOf(r: Row): SettlementSummary {
  return {
    settlementId: r.settlement_id,
    settledAt: r.settled_at,
    kind: r.kind,
    institutionName: r.institution_name ?? r.institution_code,
    treatmentRegionName: r.region_name ?? r.treatment_region_code,
    categoryZh: categoryText(r.category, r.disease_code),
    totalFen: Number(r.total_fen),
    totalYuan: y(Number(r.total_fen)),
    fundPayYuan: y(Number(r.fund_pay_fen)),
    accountPayYuan: y(Number(r.account_pay_fen)),
    cashYuan: y(Number(r.cash_fen)),
    crossRegion: r.insured_region_code !== r.treatment_region_code,
  };
}

/** 我的结算记录, newest first. */
export async function mySettlements(ctx: AppContext, psnNo: string): Promise<SettlementSummary[]> {
  const rows = await settlementsOf(ctx, psnNo)
    .orderBy('settlements.settled_at', 'desc')
    .orderBy('settlements.settlement_id', 'desc')
    .limit(200)
    .execute();
  return rows.map(summaryOf);
}

export interface SettlementDetail extends SettlementSummary {
  readonly explanation: SettlementExplanation;
  readonly reversedBy: string | null;
}

export async function mySettlement(
  ctx: AppContext,
  psnNo: string,
  settlementId: string,
): Promise<Result<SettlementDetail>> {
  const row = await settlementsOf(ctx, psnNo)
    .where('settlements.settlement_id', '=', settlementId)
    .executeTakeFirst();
  // Someone else's settlement answers exactly like a missing one.
  if (!row) {
    return err(
      domainError('SETTLEMENT_NOT_FOUND', `没有找到您名下编号为 ${settlementId} 的结算记录。`, {
        field: 'id',
      }),
    );
  }
  const funds = await ctx.store.db
    .selectFrom('settlement_funds')
    .select(['fund_type', 'pay_fen'])
    .where('settlement_id', '=', settlementId)
    .orderBy('fund_type')
    .execute();
  const reversal = await ctx.store.db
    .selectFrom('settlements')
    .select('settlement_id')
    .where('reverses_id', '=', settlementId)
    .executeTakeFirst();
  const result = JSON.parse(row.result) as unknown;
  const partNo =
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { part?: { partNo?: unknown } }).part?.partNo === 'number'
      ? (result as { part: { partNo: number } }).part.partNo
      : undefined;
  const explanation = explainSettlement(
    {
      totalFen: Number(row.total_fen),
      fullOwnPayFen: Number(row.full_own_pay_fen),
      overLimitFen: Number(row.over_limit_fen),
      classBCopayFen: Number(row.class_b_copay_fen),
      inScopeFen: Number(row.in_scope_fen),
      deductibleFen: Number(row.deductible_fen),
      fundPayFen: Number(row.fund_pay_fen),
      accountPayFen: Number(row.account_pay_fen),
      cashFen: Number(row.cash_fen),
    },
    result,
    funds.map((f) => ({ fundType: f.fund_type, payFen: Number(f.pay_fen) })),
    partNo,
  );
  return ok({ ...summaryOf(row), explanation, reversedBy: reversal?.settlement_id ?? null });
}

export interface AccountView {
  readonly balanceFen: number;
  readonly balanceYuan: string;
  readonly year: number;
  readonly yearFigures: readonly { labelZh: string; value: string }[];
  readonly movements: readonly {
    at: string;
    reasonZh: string;
    deltaYuan: string;
    balanceAfterYuan: string;
  }[];
}

const MOVEMENT_REASON_ZH: Readonly<Record<string, string>> = {
  settlement: '就医结算支付',
  reversal: '结算撤销退回',
  refund: '退费退回',
  contribution: '个人账户划入',
};

/** 我的个人账户 — balance, this year's totals and recent movements (R-P2). */
export async function myAccount(ctx: AppContext, psnNo: string): Promise<AccountView | undefined> {
  const person = await ctx.store.db
    .selectFrom('persons')
    .select(['account_balance_fen'])
    .where('psn_no', '=', psnNo)
    .executeTakeFirst();
  if (!person) return undefined;
  const year = Number(ctx.now().toISOString().slice(0, 4));
  const acc = await ctx.store.db
    .selectFrom('accumulators')
    .select(['key', 'value'])
    .where('psn_no', '=', psnNo)
    .where('year', '=', year)
    .execute();
  const value = (key: string) => Number(acc.find((a) => a.key === key)?.value ?? 0);
  const movements = await ctx.store.db
    .selectFrom('account_movements')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    balanceFen: Number(person.account_balance_fen),
    balanceYuan: y(Number(person.account_balance_fen)),
    year,
    yearFigures: [
      { labelZh: '本年医疗费总额', value: `${y(value(AccumulatorKey.totalMedfee))} 元` },
      { labelZh: '本年符合政策范围费用', value: `${y(value(AccumulatorKey.totalInScope))} 元` },
      { labelZh: '本年已付起付线', value: `${y(value(AccumulatorKey.deductiblePaid))} 元` },
      { labelZh: '本年个人账户支付', value: `${y(value(AccumulatorKey.account))} 元` },
      { labelZh: '本年住院次数', value: `${value(AccumulatorKey.admissions)} 次` },
    ],
    movements: movements.map((m) => ({
      at: m.created_at,
      reasonZh: MOVEMENT_REASON_ZH[m.reason] ?? m.reason,
      deltaYuan: y(Number(m.delta_fen)),
      balanceAfterYuan: y(Number(m.balance_after_fen)),
    })),
  };
}
