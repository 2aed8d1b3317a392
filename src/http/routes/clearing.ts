/**
 * REST edge of clearing (R-S3) and institution reconciliation (3201/3202 in English field names).
 * Administrator-only for now (Bearer admin token). Edges translate and validate; every rule lives in
 * the services and the core.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAdvanceRecords, recordAdvance } from '../../service/clearing/advances.ts';
import { closeClearingPeriod } from '../../service/clearing/close-period.ts';
import { confirmStatement, disputeStatement } from '../../service/clearing/decide-statement.ts';
import { listStatementSettlements } from '../../service/clearing/drill-down.ts';
import { statementCsv, statementXlsx } from '../../service/clearing/export-statement.ts';
import { statementHtml } from '../../service/clearing/print-statement.ts';
import { getClearingPeriod, getStatement, listClearingPeriods } from '../../service/clearing/queries.ts';
import { runClearing } from '../../service/clearing/run-clearing.ts';
import type { AppContext } from '../../service/context.ts';
import { reconcileInstitutionDetails } from '../../service/reconciliation/reconcile-details.ts';
import { reconcileInstitutionTotals } from '../../service/reconciliation/reconcile-totals.ts';
import { requireAdmin } from '../admin-auth.ts';
import { unwrapperFor } from '../errors.ts';
import {
  advanceBody,
  type DetailBody,
  detailBody,
  type PageQuery,
  pageOptions,
  pageQuery,
  periodParam,
  statementParam,
  type TotalsBody,
  totalsBody,
} from './clearing-schemas.ts';
import { registerStatementDocumentRoutes } from './statement-document-routes.ts';

const ACTOR = 'admin';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  CLEARING_STATEMENT_NOT_FOUND: 404,
  CLEARING_PERIOD_NOT_RUN: 404,
  CLEARING_PERIOD_CLOSED: 409,
  CLEARING_PERIOD_NOT_ENDED: 409,
  CLEARING_DRAFT_STALE: 409,
  CLEARING_STATEMENTS_UNCONFIRMED: 409,
  CLEARING_STATEMENT_SUPERSEDED: 409,
  CLEARING_STATEMENT_ALREADY_CONFIRMED: 409,
  CLEARING_STATEMENT_ALREADY_DISPUTED: 409,
};

const unwrap = unwrapperFor(STATUS_BY_CODE, 400);

function requestId(request: FastifyRequest): string {
  return String(request.id);
}

/** A statement's documents, any statement (the administrator's view). */
const DOCUMENTS = { xlsx: statementXlsx, csv: statementCsv, print: statementHtml } as const;

export function registerClearingRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  adminToken: string | undefined,
): void {
  const admin = { onRequest: requireAdmin(adminToken) };
  const tags = ['clearing'];

  app.post<{ Body: { period: string } }>(
    '/api/clearing/runs',
    {
      ...admin,
      schema: {
        summary: '运行清算（同一期间重复运行不产生变化；已关账期间不可变）',
        tags,
        body: {
          type: 'object',
          required: ['period'],
          additionalProperties: false,
          properties: { period: { type: 'string', maxLength: 7 } },
        },
      },
    },
    async (request) =>
      unwrap(
        await runClearing(ctx, { period: request.body.period, actor: ACTOR, requestId: requestId(request) }),
      ),
  );

  app.get('/api/clearing/periods', { ...admin, schema: { summary: '清算期间列表', tags } }, () =>
    listClearingPeriods(ctx),
  );

  app.get<{ Params: { period: string } }>(
    '/api/clearing/periods/:period',
    { ...admin, schema: { summary: '清算期间详情：清算单、头寸、机构应付', tags, params: periodParam } },
    async (request) => unwrap(await getClearingPeriod(ctx, request.params.period)),
  );

  app.post<{ Params: { period: string } }>(
    '/api/clearing/periods/:period/close',
    { ...admin, schema: { summary: '关账（期间结束且清算单全部确认后）', tags, params: periodParam } },
    async (request) =>
      unwrap(
        await closeClearingPeriod(ctx, {
          period: request.params.period,
          actor: ACTOR,
          requestId: requestId(request),
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/clearing/statements/:id',
    { ...admin, schema: { summary: '清算单详情', tags, params: statementParam } },
    async (request) => unwrap(await getStatement(ctx, request.params.id)),
  );

  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/api/clearing/statements/:id/settlements',
    {
      ...admin,
      schema: {
        summary: '清算单逐笔明细（分页：limit 每页条数 1–1000，cursor 为上一页返回的 nextCursor）',
        tags,
        params: statementParam,
        querystring: pageQuery,
      },
    },
    async (request) =>
      unwrap(await listStatementSettlements(ctx, request.params.id, pageOptions(request.query))),
  );

  app.post<{ Params: { id: string }; Body: { note?: string } }>(
    '/api/clearing/statements/:id/confirm',
    {
      ...admin,
      schema: {
        summary: '确认清算单',
        tags,
        params: statementParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { note: { type: 'string', maxLength: 500 } },
        },
      },
    },
    async (request) =>
      unwrap(
        await confirmStatement(ctx, {
          statementId: request.params.id,
          actor: ACTOR,
          reason: request.body?.note ?? '',
          requestId: requestId(request),
        }),
      ),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/clearing/statements/:id/dispute',
    {
      ...admin,
      schema: {
        summary: '对清算单提出争议',
        tags,
        params: statementParam,
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: { reason: { type: 'string', maxLength: 500 } },
        },
      },
    },
    async (request) =>
      unwrap(
        await disputeStatement(ctx, {
          statementId: request.params.id,
          actor: ACTOR,
          reason: request.body.reason,
          requestId: requestId(request),
        }),
      ),
  );

  registerStatementDocumentRoutes(app, {
    statementPath: '/api/clearing/statements/:id',
    tags,
    ...admin,
    load: async (kind, request) => unwrap<string | Buffer>(await DOCUMENTS[kind](ctx, request.params.id)),
  });

  app.post<{
    Body: {
      insuredRegionCode: string;
      treatmentRegionCode: string;
      amountFen: number;
      effectiveDate: string;
      memo?: string;
    };
  }>(
    '/api/clearing/advances',
    { ...admin, schema: { summary: '登记预付金（正数拨付，负数退回）', tags, body: advanceBody } },
    async (request) =>
      unwrap(await recordAdvance(ctx, { ...request.body, actor: ACTOR, requestId: requestId(request) })),
  );

  app.get('/api/clearing/advances', { ...admin, schema: { summary: '预付金记录', tags } }, () =>
    listAdvanceRecords(ctx),
  );

  app.post<{ Body: TotalsBody }>(
    '/api/reconciliation/totals',
    { ...admin, schema: { summary: '对总账（3201）', tags: ['reconciliation'], body: totalsBody } },
    async (request) => {
      const { institution, includesRefunds, ...scope } = request.body;
      return unwrap(
        await reconcileInstitutionTotals(ctx, {
          ...scope,
          includesRefunds: includesRefunds ?? true,
          institution,
        }),
      );
    },
  );

  app.post<{ Body: DetailBody }>(
    '/api/reconciliation/details',
    {
      ...admin,
      // A busy hospital's day of settlements is larger than the default body limit.
      bodyLimit: 16 * 1024 * 1024,
      schema: { summary: '对明细账（3202）', tags: ['reconciliation'], body: detailBody },
    },
    async (request) => {
      const { includesRefunds, ...rest } = request.body;
      return unwrap(
        await reconcileInstitutionDetails(ctx, { ...rest, includesRefunds: includesRefunds ?? true }),
      );
    },
  );
}
