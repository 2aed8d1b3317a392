/**
 * 清算对账单 in the agency console (R-S3): the staff session's region, never a parameter, scopes every
 * answer. Another pair's statement answers 404 like a missing one; only the insured region's staff may
 * confirm or dispute (403 for the treatment region, which can see it). Running and closing periods stay
 * on the administrator's routes (clearing.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClearingErrorCode } from '../../core/clearing/index.ts';
import {
  confirmStatementAsStaff,
  disputeStatementAsStaff,
  regionClearingPeriod,
  regionClearingPeriods,
  regionStatement,
  regionStatementCsv,
  regionStatementHtml,
  regionStatementSettlements,
  regionStatementXlsx,
} from '../../service/clearing/agency-clearing.ts';
import type { AppContext } from '../../service/context.ts';
import { staffCaller } from '../case-callers.ts';
import { unwrapperFor } from '../errors.ts';
import { requireSession } from '../web-session.ts';
import { type PageQuery, pageOptions, pageQuery, periodParam, statementParam } from './clearing-schemas.ts';
import { registerStatementDocumentRoutes } from './statement-document-routes.ts';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  CLEARING_STATEMENT_NOT_FOUND: 404,
  CLEARING_PERIOD_NOT_RUN: 404,
  [ClearingErrorCode.DecisionNotInsuredRegion]: 403,
  CLEARING_PERIOD_CLOSED: 409,
  CLEARING_STATEMENT_SUPERSEDED: 409,
  CLEARING_STATEMENT_ALREADY_CONFIRMED: 409,
  CLEARING_STATEMENT_ALREADY_DISPUTED: 409,
};

const unwrap = unwrapperFor(STATUS_BY_CODE, 400);

/** A statement's documents, read within the staff session's region. */
const DOCUMENTS = { xlsx: regionStatementXlsx, csv: regionStatementCsv, print: regionStatementHtml } as const;

export function registerAgencyClearingRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    const tags = ['agency', 'clearing'];
    const region = async (request: FastifyRequest) =>
      (await requireSession(ctx, request, 'staff')).regionCode;

    scope.get(
      '/api/agency/clearing/periods',
      { schema: { tags, summary: '清算期间（草稿 / 已关账）' } },
      async (request) => {
        await region(request);
        return regionClearingPeriods(ctx);
      },
    );

    scope.get<{ Params: { period: string } }>(
      '/api/agency/clearing/periods/:period',
      { schema: { tags, summary: '本地区的清算单、头寸与机构应付', params: periodParam } },
      async (request) =>
        unwrap(await regionClearingPeriod(ctx, await region(request), request.params.period)),
    );

    scope.get<{ Params: { id: string } }>(
      '/api/agency/clearing/statements/:id',
      { schema: { tags, summary: '清算单详情（本地区为参保地或就医地）', params: statementParam } },
      async (request) => unwrap(await regionStatement(ctx, await region(request), request.params.id)),
    );

    scope.get<{ Params: { id: string }; Querystring: PageQuery }>(
      '/api/agency/clearing/statements/:id/settlements',
      { schema: { tags, summary: '清算单逐笔明细（分页）', params: statementParam, querystring: pageQuery } },
      async (request) =>
        unwrap(
          await regionStatementSettlements(
            ctx,
            await region(request),
            request.params.id,
            pageOptions(request.query),
          ),
        ),
    );

    scope.post<{ Params: { id: string }; Body: { note?: string } | undefined }>(
      '/api/agency/clearing/statements/:id/confirm',
      {
        schema: {
          tags,
          summary: '确认清算单（参保地经办）',
          params: statementParam,
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { note: { type: 'string', maxLength: 500 } },
          },
        },
      },
      async (request) => {
        const caller = await staffCaller(ctx, request);
        return unwrap(
          await confirmStatementAsStaff(ctx, caller, request.params.id, request.body?.note ?? ''),
        );
      },
    );

    scope.post<{ Params: { id: string }; Body: { reason: string } }>(
      '/api/agency/clearing/statements/:id/dispute',
      {
        schema: {
          tags,
          summary: '对清算单提出争议（参保地经办，须填写原因）',
          params: statementParam,
          body: {
            type: 'object',
            required: ['reason'],
            additionalProperties: false,
            properties: { reason: { type: 'string', maxLength: 500 } },
          },
        },
      },
      async (request) => {
        const caller = await staffCaller(ctx, request);
        return unwrap(await disputeStatementAsStaff(ctx, caller, request.params.id, request.body.reason));
      },
    );

    registerStatementDocumentRoutes(scope, {
      statementPath: '/api/agency/clearing/statements/:id',
      tags,
      load: async (kind, request) =>
        unwrap<string | Buffer>(await DOCUMENTS[kind](ctx, await region(request), request.params.id)),
    });
  });
}
