/**
 * 异地就医备案 REST API (R-F1…R-F8) and the calendar's admin API (R-R2). The caller is always the
 * session's — a person acts on their own filings, staff on their region's — never a parameter. Routes
 * translate and validate; every rule lives in service/filing and the core.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { calendarYear, importCalendarOverrides } from '../../service/calendar/index.ts';
import type { AppContext } from '../../service/context.ts';
import {
  agencyQueue,
  approveFiling,
  changeFiling,
  type FilingCaller,
  type FilingChange,
  type FilingRequest,
  filingRules,
  importFilingLists,
  listMyFilings,
  type PersonCaller,
  rejectFiling,
  revokeFiling,
  type StaffCaller,
  setFilingPolicy,
  submitFilingAtWindow,
  submitFilingOnline,
} from '../../service/filing/index.ts';
import { findSession } from '../../service/web-session.ts';
import { requireAdmin } from '../admin-auth.ts';
import { unwrapperFor } from '../errors.ts';
import { requireSession, sessionToken } from '../web-session.ts';
import * as S from './filing-schemas.ts';

/** HTTP status of a refusal: who may not, what does not exist, what clashes; the rest is a rule (422). */
const STATUS: Readonly<Record<string, number>> = {
  FILING_NOT_FOUND: 404,
  FILING_PERSON_NOT_FOUND: 404,
  FILING_OTHER_REGION: 403,
  FILING_OVERLAP: 409,
  FILING_LONG_TERM_CONFLICT: 409,
  FILING_INVALID_TRANSITION: 409,
  FILING_IN_USE: 409,
  FILING_CONCURRENT_UPDATE: 409,
};

const unwrap = unwrapperFor(STATUS, 422);

async function person(ctx: AppContext, request: FastifyRequest): Promise<PersonCaller> {
  const session = await requireSession(ctx, request, 'person');
  return { role: 'person', psnNo: session.subject, requestId: String(request.id) };
}

async function staff(ctx: AppContext, request: FastifyRequest): Promise<StaffCaller> {
  const session = await requireSession(ctx, request, 'staff');
  return {
    role: 'staff',
    username: session.subject,
    regionCode: session.regionCode,
    requestId: String(request.id),
  };
}

/** Change and revoke serve both the person (online) and staff at the window (for the person). */
async function personOrStaff(ctx: AppContext, request: FastifyRequest): Promise<FilingCaller> {
  const asPerson = await findSession(ctx, 'person', sessionToken(request, 'person'));
  if (asPerson.ok) return { role: 'person', psnNo: asPerson.value.subject, requestId: String(request.id) };
  const asStaff = await findSession(ctx, 'staff', sessionToken(request, 'staff'));
  if (asStaff.ok) {
    const { subject, regionCode } = asStaff.value;
    return { role: 'staff', username: subject, regionCode, requestId: String(request.id) };
  }
  return person(ctx, request); // answers with the person's 401
}

const tags = ['filing'];

export function registerFilingRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: { readonly adminToken?: string | undefined } = {},
): void {
  void app.register(async (scope) => {
    // Personal data: no shared cache may keep these answers.
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    registerPersonRoutes(scope, ctx);
    registerAgencyRoutes(scope, ctx);
    registerAdminRoutes(scope, ctx, options.adminToken);
  });
  registerPublicRoutes(app, ctx);
}

function registerPersonRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: FilingRequest }>(
    '/api/filings',
    {
      schema: {
        tags,
        summary: '线上办理异地就医备案（参保人本人）',
        body: S.filingRequest,
        response: { 201: S.filingOutcome, ...S.errors },
      },
    },
    async (request, reply) => {
      const out = unwrap(await submitFilingOnline(ctx, await person(ctx, request), request.body));
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/filings/mine',
    {
      schema: {
        tags,
        summary: '我的备案（含办理记录）',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: S.filingView } } } },
      },
    },
    async (request) => ({ items: await listMyFilings(ctx, await person(ctx, request)) }),
  );

  app.post<{ Params: { id: string }; Body: FilingChange }>(
    '/api/filings/:id/change',
    {
      schema: {
        tags,
        summary: '变更备案（参保人本人，或本统筹区经办人员代办）',
        params: S.idParams,
        body: S.changeRequest,
        response: { 201: S.filingOutcome, ...S.errors },
      },
    },
    async (request, reply) => {
      const caller = await personOrStaff(ctx, request);
      const out = unwrap(await changeFiling(ctx, caller, request.params.id, request.body));
      return reply.status(201).send(out);
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } }>(
    '/api/filings/:id/revoke',
    {
      schema: {
        tags,
        summary: '撤销备案（参保人本人，或本统筹区经办人员代办）',
        params: S.idParams,
        body: {
          type: 'object',
          properties: { reason: { type: 'string', maxLength: 500 } },
          additionalProperties: false,
        },
        response: { 200: S.filingMove, ...S.errors },
      },
    },
    async (request) => {
      const caller = await personOrStaff(ctx, request);
      return unwrap(await revokeFiling(ctx, caller, request.params.id, request.body?.reason));
    },
  );
}

function registerAgencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: FilingRequest & { psnNo: string } }>(
    '/api/agency/filings',
    {
      schema: {
        tags,
        summary: '经办窗口办理备案（本统筹区参保人员）',
        body: S.windowFilingRequest,
        response: { 201: S.filingOutcome, ...S.errors },
      },
    },
    async (request, reply) => {
      const { psnNo, ...req } = request.body;
      const out = unwrap(await submitFilingAtWindow(ctx, await staff(ctx, request), psnNo, req));
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/agency/filings/queue',
    {
      schema: {
        tags,
        summary: '备案待审核队列（按办结期限排序，标注剩余工作日和逾期）',
        response: { 200: S.queue, 401: S.errorBody },
      },
    },
    async (request) => agencyQueue(ctx, await staff(ctx, request)),
  );

  app.post<{ Params: { id: string }; Body: { note?: string } }>(
    '/api/agency/filings/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过',
        params: S.idParams,
        body: {
          type: 'object',
          properties: { note: { type: 'string', maxLength: 500 } },
          additionalProperties: false,
        },
        response: { 200: S.filingMove, ...S.errors },
      },
    },
    async (request) =>
      unwrap(await approveFiling(ctx, await staff(ctx, request), request.params.id, request.body?.note)),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/agency/filings/:id/reject',
    {
      schema: {
        tags,
        summary: '审核驳回（须填写原因）',
        params: S.idParams,
        body: {
          type: 'object',
          properties: { reason: { type: 'string', maxLength: 500 } },
          required: ['reason'],
          additionalProperties: false,
        },
        response: { 200: S.filingMove, ...S.errors },
      },
    },
    async (request) =>
      unwrap(await rejectFiling(ctx, await staff(ctx, request), request.params.id, request.body.reason)),
  );
}

function registerAdminRoutes(app: FastifyInstance, ctx: AppContext, adminToken: string | undefined): void {
  const admin = { onRequest: requireAdmin(adminToken) };
  const actor = (request: FastifyRequest) => ({ id: 'admin', requestId: String(request.id) });

  app.post<{
    Body: { rows: { date: string; kind: string; name?: string }[]; knownFrom?: string; knownTo?: string };
  }>(
    '/api/admin/calendar/overrides',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: '导入节假日与调休安排（如新公布的下一年度安排），全部成功或全部不导入',
        body: S.calendarImport,
        response: {
          200: {
            type: 'object',
            properties: {
              batchId: { type: 'string' },
              imported: { type: 'integer' },
              knownFrom: { type: 'string' },
              knownTo: { type: 'string' },
              rescheduled: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    filingId: { type: 'string' },
                    from: { type: 'string' },
                    to: { type: 'string' },
                  },
                },
              },
            },
          },
          ...S.errors,
        },
      },
    },
    async (request) => unwrap(await importCalendarOverrides(ctx, request.body, actor(request))),
  );

  app.post<{ Body: unknown }>(
    '/api/admin/filing-lists',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: '导入无条件转诊转院病种目录或急危重病种标准（按统筹区整体替换）',
        body: S.filingListFile,
        response: {
          200: {
            type: 'object',
            properties: {
              list: { type: 'string' },
              regions: { type: 'array', items: { type: 'string' } },
              entries: { type: 'integer' },
            },
          },
          ...S.errors,
        },
      },
    },
    async (request) => unwrap(await importFilingLists(ctx, request.body, actor(request))),
  );

  app.put<{ Params: { regionCode: string }; Body: unknown }>(
    '/api/admin/filing-policies/:regionCode',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: '设置统筹区备案政策（临时备案有效期、审核时限、即时通过规则）',
        params: S.regionParams,
        body: { type: 'object' },
        response: { 200: S.regionRules.properties.policy, ...S.errors },
      },
    },
    async (request) =>
      unwrap(await setFilingPolicy(ctx, request.params.regionCode, request.body, actor(request))),
  );
}

function registerPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { regionCode: string } }>(
    '/api/public/filing-rules/:regionCode',
    {
      schema: {
        tags: ['public'],
        summary: '某统筹区的备案规则（通俗说明）、有效期和病种目录',
        params: S.regionParams,
        response: { 200: S.regionRules, 400: S.errorBody },
      },
    },
    async (request) => filingRules(ctx, request.params.regionCode),
  );

  app.get<{ Params: { year: string } }>(
    '/api/public/calendar/:year',
    {
      schema: {
        tags: ['public'],
        summary: '工作日历：某年的法定节假日和调休上班日',
        params: {
          type: 'object',
          properties: { year: { type: 'string', pattern: '^(19|20)\\d{2}$' } },
          required: ['year'],
        },
        response: { 200: S.calendarYearView, 400: S.errorBody },
      },
    },
    async (request) => calendarYear(ctx, Number(request.params.year)),
  );
}
