/**
 * 好差评 (R-P4) — a person rates a finished service of their own, once; staff read their region's
 * summary. Scores 1–5 map to the national 好差评 grades: 4–5 好评 (good), 3 中评 (neutral), 1–2 差评
 * (poor). The summary is computed with integer arithmetic: the average in hundredths and the share of
 * 差评 in basis points, both rounded half-up.
 */
import { randomBytes } from 'node:crypto';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import type { Tx } from '../store/transaction.ts';
import { appendAudit } from './audit.ts';
import type { AppContext } from './context.ts';
import { transact } from './transact.ts';

export const SERVICE_TYPES = ['settlement', 'filing', 'claim', 'transfer', 'chronic'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_NAMES: Readonly<Record<ServiceType, string>> = {
  settlement: '异地就医结算',
  filing: '异地就医备案',
  claim: '手工报销',
  transfer: '医保关系转移',
  chronic: '门慢特申请',
};

export type Grade = 'good' | 'neutral' | 'poor';
export const GRADE_NAMES: Readonly<Record<Grade, string>> = { good: '好评', neutral: '中评', poor: '差评' };

/** 好差评 mapping: 4–5 好评, 3 中评, 1–2 差评. */
export function gradeOf(score: number): Grade {
  return score >= 4 ? 'good' : score === 3 ? 'neutral' : 'poor';
}

export const RatingErrorCode = {
  InvalidRequest: 'RATING_INVALID_REQUEST',
  ServiceNotFound: 'RATING_SERVICE_NOT_FOUND',
  ServiceNotFinished: 'RATING_SERVICE_NOT_FINISHED',
  AlreadyRated: 'RATING_ALREADY_GIVEN',
  PersonNotFound: 'RATING_PERSON_NOT_FOUND',
} as const;

function invalid(field: string, message: string): DomainError {
  return domainError(RatingErrorCode.InvalidRequest, message, { ruleId: 'R-P4', field });
}

/** What a service is, for the person and the ledger: whose it is, whether it is finished, a label. */
export interface OwnService {
  readonly serviceType: ServiceType;
  readonly serviceId: string;
  readonly psnNo: string;
  readonly finished: boolean;
  readonly label: string;
  readonly at: string;
}

const FINISHED: Readonly<Record<ServiceType, readonly string[]>> = {
  settlement: ['settlement'],
  filing: ['approved', 'rejected', 'revoked', 'superseded'],
  claim: ['paid', 'rejected'],
  transfer: ['completed', 'rejected'],
  chronic: ['approved', 'rejected'],
};

type Reader = Pick<Tx, 'selectFrom'>;

/** The service of `type` and `id` if it belongs to `psnNo`; another person's is reported as not found. */
export async function findOwnService(
  db: Reader,
  psnNo: string,
  type: ServiceType,
  id: string,
): Promise<OwnService | undefined> {
  const found = await loadService(db, type, id);
  return found && found.psnNo === psnNo ? found : undefined;
}

async function loadService(db: Reader, type: ServiceType, id: string): Promise<OwnService | undefined> {
  const done = (status: string) => FINISHED[type].includes(status);
  const base = { serviceType: type, serviceId: id };
  switch (type) {
    case 'settlement': {
      const r = await db
        .selectFrom('settlements')
        .select(['psn_no', 'kind', 'settled_at', 'institution_code'])
        .where('settlement_id', '=', id)
        .executeTakeFirst();
      return (
        r && { ...base, psnNo: r.psn_no, finished: done(r.kind), label: r.institution_code, at: r.settled_at }
      );
    }
    case 'filing': {
      const r = await db
        .selectFrom('filings')
        .select(['psn_no', 'status', 'submitted_at', 'target_code'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && { ...base, psnNo: r.psn_no, finished: done(r.status), label: r.target_code, at: r.submitted_at }
      );
    }
    case 'claim': {
      const r = await db
        .selectFrom('reimbursement_claims')
        .select(['psn_no', 'status', 'submitted_at'])
        .where('claim_id', '=', id)
        .executeTakeFirst();
      return r && { ...base, psnNo: r.psn_no, finished: done(r.status), label: id, at: r.submitted_at };
    }
    case 'transfer': {
      const r = await db
        .selectFrom('transfers')
        .select(['psn_no', 'status', 'applied_at', 'to_region_code'])
        .where('transfer_id', '=', id)
        .executeTakeFirst();
      return (
        r && { ...base, psnNo: r.psn_no, finished: done(r.status), label: r.to_region_code, at: r.applied_at }
      );
    }
    case 'chronic': {
      const r = await db
        .selectFrom('chronic_applications')
        .select(['psn_no', 'status', 'applied_at', 'disease_code'])
        .where('application_id', '=', id)
        .executeTakeFirst();
      return (
        r && { ...base, psnNo: r.psn_no, finished: done(r.status), label: r.disease_code, at: r.applied_at }
      );
    }
  }
}

function alreadyRated(type: ServiceType): DomainError {
  return domainError(
    RatingErrorCode.AlreadyRated,
    `您已评价过这笔${SERVICE_TYPE_NAMES[type]}，每项业务只能评价一次。`,
    { ruleId: 'R-P4', field: 'serviceId' },
  );
}

export interface RatingRequest {
  readonly serviceType: string;
  readonly serviceId: string;
  readonly score: number;
  readonly comment?: string;
}

export interface RatingView {
  readonly ratingId: string;
  readonly serviceType: ServiceType;
  readonly serviceTypeName: string;
  readonly serviceId: string;
  readonly score: number;
  readonly grade: Grade;
  readonly gradeName: string;
  readonly comment: string;
  readonly createdAt: string;
}

function isServiceType(v: string): v is ServiceType {
  return (SERVICE_TYPES as readonly string[]).includes(v);
}

function toView(r: {
  rating_id: string;
  service_type: string;
  service_id: string;
  score: number;
  grade: Grade;
  comment: string;
  created_at: string;
}): RatingView {
  const type = r.service_type as ServiceType;
  return {
    ratingId: r.rating_id,
    serviceType: type,
    serviceTypeName: SERVICE_TYPE_NAMES[type],
    serviceId: r.service_id,
    score: Number(r.score),
    grade: r.grade,
    gradeName: GRADE_NAMES[r.grade],
    comment: r.comment,
    createdAt: r.created_at,
  };
}

export interface RateCaller {
  readonly psnNo: string;
  readonly requestId?: string;
}

/** The person rates one finished service of their own, once (R-P4). */
export async function rateService(
  ctx: AppContext,
  caller: RateCaller,
  req: RatingRequest,
): Promise<Result<RatingView>> {
  if (!isServiceType(req.serviceType))
    return err(
      invalid('serviceType', `服务类型“${req.serviceType}”无效，可选：${SERVICE_TYPES.join('、')}。`),
    );
  const type = req.serviceType;
  if (!Number.isInteger(req.score) || req.score < 1 || req.score > 5)
    return err(invalid('score', '评分须为 1 至 5 的整数（4–5 好评，3 中评，1–2 差评）。'));
  const comment = (req.comment ?? '').trim();
  if (comment.length > 500) return err(invalid('comment', '评价内容不能超过 500 字，请精简后重试。'));
  const at = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    const person = await tx
      .selectFrom('persons')
      .select(['psn_no', 'insured_region_code'])
      .where('psn_no', '=', caller.psnNo)
      .executeTakeFirst();
    if (!person)
      return err(
        domainError(RatingErrorCode.PersonNotFound, '参保信息已不存在，请重新登录。', { ruleId: 'R-P4' }),
      );
    const service = await findOwnService(tx, caller.psnNo, type, req.serviceId);
    if (!service)
      return err(
        domainError(
          RatingErrorCode.ServiceNotFound,
          `没有找到您本人编号为 ${req.serviceId} 的${SERVICE_TYPE_NAMES[type]}，只能评价本人办理的业务。`,
          { ruleId: 'R-P4', field: 'serviceId' },
        ),
      );
    if (!service.finished)
      return err(
        domainError(
          RatingErrorCode.ServiceNotFinished,
          `该${SERVICE_TYPE_NAMES[type]}尚未办结，办结后才能评价。`,
          { ruleId: 'R-P4', field: 'serviceId' },
        ),
      );
    const given = await tx
      .selectFrom('ratings')
      .select('rating_id')
      .where('psn_no', '=', caller.psnNo)
      .where('service_type', '=', type)
      .where('service_id', '=', req.serviceId)
      .executeTakeFirst();
    if (given) return err(alreadyRated(type));
    const row = {
      rating_id: `PJ${at.slice(0, 10).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`,
      psn_no: caller.psnNo,
      insured_region_code: person.insured_region_code,
      service_type: type,
      service_id: req.serviceId,
      score: req.score,
      grade: gradeOf(req.score),
      comment,
      created_at: at,
    };
    // A concurrent second rating of the same service loses on the unique key and is told so.
    const inserted = await tx
      .insertInto('ratings')
      .values(row)
      .onConflict((oc) => oc.columns(['psn_no', 'service_type', 'service_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return err(alreadyRated(type));
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: caller.psnNo,
      role: 'person',
      action: 'rating.give',
      subject: row.rating_id,
      requestId: caller.requestId ?? null,
      detail: { serviceType: type, serviceId: req.serviceId, score: req.score },
    });
    return ok(toView(row));
  });
}

export interface RatableService {
  readonly serviceType: ServiceType;
  readonly serviceTypeName: string;
  readonly serviceId: string;
  readonly label: string;
  readonly at: string;
}

/** Every finished service of the person's not rated yet: settlements, filings, claims, transfers, chronic. */
async function finishedServices(db: Reader, psnNo: string): Promise<RatableService[]> {
  const settlements = await db
    .selectFrom('settlements')
    .innerJoin('institutions', 'institutions.code', 'settlements.institution_code')
    .select(['settlements.settlement_id', 'settlements.settled_at', 'institutions.name'])
    .where('settlements.psn_no', '=', psnNo)
    .where('settlements.kind', '=', 'settlement')
    .orderBy('settlements.settled_at', 'desc')
    .limit(50)
    .execute();
  const filings = await db
    .selectFrom('filings')
    .leftJoin('regions', 'regions.code', 'filings.target_code')
    .select(['filings.id', 'filings.submitted_at', 'regions.name'])
    .where('filings.psn_no', '=', psnNo)
    .where('filings.status', 'in', [...FINISHED.filing])
    .orderBy('filings.submitted_at', 'desc')
    .limit(50)
    .execute();
  const claims = await db
    .selectFrom('reimbursement_claims')
    .select(['claim_id', 'status', 'submitted_at'])
    .where('psn_no', '=', psnNo)
    .where('status', 'in', [...FINISHED.claim])
    .orderBy('submitted_at', 'desc')
    .limit(50)
    .execute();
  const transfers = await db
    .selectFrom('transfers')
    .leftJoin('regions', 'regions.code', 'transfers.to_region_code')
    .select(['transfers.transfer_id', 'transfers.status', 'transfers.applied_at', 'regions.name'])
    .where('transfers.psn_no', '=', psnNo)
    .where('transfers.status', 'in', [...FINISHED.transfer])
    .orderBy('transfers.applied_at', 'desc')
    .limit(50)
    .execute();
  const chronic = await db
    .selectFrom('chronic_applications')
    .leftJoin('chronic_diseases', 'chronic_diseases.code', 'chronic_applications.disease_code')
    .select([
      'chronic_applications.application_id',
      'chronic_applications.status',
      'chronic_applications.applied_at',
      'chronic_applications.disease_code',
      'chronic_diseases.name',
    ])
    .where('chronic_applications.psn_no', '=', psnNo)
    .where('chronic_applications.status', 'in', [...FINISHED.chronic])
    .orderBy('chronic_applications.applied_at', 'desc')
    .limit(50)
    .execute();
  const entry = (serviceType: ServiceType, serviceId: string, label: string, at: string) => ({
    serviceType,
    serviceTypeName: SERVICE_TYPE_NAMES[serviceType],
    serviceId,
    label,
    at,
  });
  const outcome = (status: string) => (status === 'rejected' ? '未通过' : '已办结');
  return [
    ...settlements.map((s) =>
      entry('settlement', s.settlement_id, `${s.name} ${s.settled_at.slice(0, 10)}`, s.settled_at),
    ),
    ...filings.map((f) =>
      entry('filing', f.id, `备案到${f.name ?? '外地'} ${f.submitted_at.slice(0, 10)}`, f.submitted_at),
    ),
    ...claims.map((c) =>
      entry(
        'claim',
        c.claim_id,
        `手工报销 ${c.submitted_at.slice(0, 10)}（${c.status === 'paid' ? '已支付' : '未通过'}）`,
        c.submitted_at,
      ),
    ),
    ...transfers.map((t) =>
      entry(
        'transfer',
        t.transfer_id,
        `转移到${t.name ?? '外地'} ${t.applied_at.slice(0, 10)}（${outcome(t.status)}）`,
        t.applied_at,
      ),
    ),
    ...chronic.map((a) =>
      entry(
        'chronic',
        a.application_id,
        `${a.name ?? a.disease_code} ${a.applied_at.slice(0, 10)}（${a.status === 'approved' ? '已通过' : '未通过'}）`,
        a.applied_at,
      ),
    ),
  ];
}

/** The person's ratings, and their finished services of every type not rated yet (grouped by type, newest first). */
export async function myRatings(
  ctx: AppContext,
  psnNo: string,
): Promise<{ items: RatingView[]; ratable: RatableService[] }> {
  const db = ctx.store.db;
  const rows = await db
    .selectFrom('ratings')
    .selectAll()
    .where('psn_no', '=', psnNo)
    .orderBy('created_at', 'desc')
    .execute();
  const rated = new Set(rows.map((r) => `${r.service_type}:${r.service_id}`));
  const ratable = (await finishedServices(db, psnNo)).filter(
    (s) => !rated.has(`${s.serviceType}:${s.serviceId}`),
  );
  return { items: rows.map(toView), ratable };
}

export interface RatingFigures {
  readonly count: number;
  readonly scoreSum: number;
  /** Average score rounded half-up to two decimals (null when nothing is rated). */
  readonly averageScore: number | null;
  readonly good: number;
  readonly neutral: number;
  readonly poor: number;
  /** Share of 差评 in basis points, rounded half-up. */
  readonly poorShareBp: number;
  readonly poorSharePercent: string;
}

export interface RatingSummary extends RatingFigures {
  readonly regionCode: string;
  readonly byServiceType: readonly (RatingFigures & { serviceType: ServiceType; serviceTypeName: string })[];
}

/** a / b rounded half-up, for non-negative integers. */
function divHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

function figures(rows: readonly { score: number; grade: string }[]): RatingFigures {
  const count = rows.length;
  const scoreSum = rows.reduce((s, r) => s + Number(r.score), 0);
  const poor = rows.filter((r) => r.grade === 'poor').length;
  const poorShareBp = count === 0 ? 0 : divHalfUp(poor * 10_000, count);
  return {
    count,
    scoreSum,
    averageScore: count === 0 ? null : divHalfUp(scoreSum * 100, count) / 100,
    good: rows.filter((r) => r.grade === 'good').length,
    neutral: rows.filter((r) => r.grade === 'neutral').length,
    poor,
    poorShareBp,
    poorSharePercent: `${Math.floor(poorShareBp / 100)}.${String(poorShareBp % 100).padStart(2, '0')}%`,
  };
}

/** The region's 好差评 figures: count, average, share of 差评, overall and per service type. */
export async function ratingSummary(ctx: AppContext, regionCode: string): Promise<RatingSummary> {
  const rows = await ctx.store.db
    .selectFrom('ratings')
    .select(['service_type', 'score', 'grade'])
    .where('insured_region_code', '=', regionCode)
    .execute();
  return {
    regionCode,
    ...figures(rows),
    byServiceType: SERVICE_TYPES.map((t) => ({
      serviceType: t,
      serviceTypeName: SERVICE_TYPE_NAMES[t],
      ...figures(rows.filter((r) => r.service_type === t)),
    })).filter((f) => f.count > 0),
  };
}
