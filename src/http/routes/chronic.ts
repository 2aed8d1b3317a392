/**
 * 门诊慢特病 REST API (R-C1…R-C6, R-S5). The caller comes from the request, never from the body: a person
 * session acts for that person only; a staff session for its region; the admin token for everything (with
 * an optional `x-yibao-actor` naming the operator for the audit trail). Routes translate and validate;
 * every rule lives in service/chronic and core/chronic.
 */

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  actOnCandidate,
  applyForChronic,
  type ChronicCaller,
  chronicCatalogView,
  deliverSmsOutbox,
  importChronicCatalog,
  listChronicApplications,
  listRecomputeRequests,
  listScreeningCandidates,
  listScreeningRuns,
  logFileSmsSender,
  queryQualifications,
  reviewChronicApplication,
  runChronicScreen,
  type SmsSender,
  setScreeningRule,
} from '../../service/chronic/index.ts';
import type { AppContext } from '../../service/context.ts';
import { processPendingChronicRecomputations } from '../../service/settlement/chronic-recompute.ts';
import { findSession } from '../../service/web-session.ts';
import { fail, unwrapperFor } from '../errors.ts';
import { sessionToken } from '../web-session.ts';

/** HTTP status of a refusal: what does not exist, who may not, what clashes; the rest is a rule (422). */
const STATUS: Readonly<Record<string, number>> = {
  CHRONIC_PERSON_NOT_FOUND: 404,
  CHRONIC_APPLICATION_NOT_FOUND: 404,
  CHRONIC_CANDIDATE_NOT_FOUND: 404,
  CHRONIC_FILING_NOT_FOUND: 404,
  CHRONIC_REGION_MISMATCH: 403,
  CHRONIC_ALREADY_QUALIFIED: 409,
  CHRONIC_APPLICATION_PENDING: 409,
  CHRONIC_INVALID_TRANSITION: 409,
  CHRONIC_FILING_IN_USE: 409,
  VALIDATION_FAILED: 400,
  CHRONIC_INVALID_DATE: 400,
  CHRONIC_CATALOG_INVALID: 400,
};

const unwrap = unwrapperFor(STATUS, 422);

type Role = 'admin' | 'staff' | 'person';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const ACTOR_PATTERN = /^[\p{L}\p{N}._@-]{1,40}$/u;

/** The request's caller among the allowed roles, or 401 with a message saying how to sign in. */
async function callerOf(
  ctx: AppContext,
  request: FastifyRequest,
  adminToken: string | undefined,
  allowed: readonly Role[],
): Promise<ChronicCaller> {
  const requestId = String(request.id);
  const auth = request.headers.authorization ?? '';
  const bearer = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
  if (allowed.includes('admin') && adminToken && bearer && sameSecret(bearer, adminToken)) {
    const named = request.headers['x-yibao-actor'];
    const id = typeof named === 'string' && ACTOR_PATTERN.test(named) ? `admin:${named}` : 'admin';
    return { id, role: 'admin', requestId };
  }
  for (const role of ['staff', 'person'] as const) {
    if (!allowed.includes(role)) continue;
    const session = await findSession(ctx, role, sessionToken(request, role));
    if (session.ok)
      return { id: session.value.subject, role, regionCode: session.value.regionCode, requestId };
  }
  const who = allowed.includes('person') ? '参保人登录或经办人员登录' : '经办人员登录（或管理员令牌）';
  return fail(401, { code: 'CHRONIC_AUTH_REQUIRED', message: `此操作需要${who}，请登录后重试。` });
}

const tags = ['chronic'];
const str = { type: 'string', minLength: 1, maxLength: 64 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export interface ChronicRouteOptions {
  readonly adminToken?: string | undefined;
  /** Where the SMS outbox is delivered by POST /api/chronic/sms/deliver; default: data/runtime/sms.log. */
  readonly smsSender?: SmsSender;
}

export function registerChronicRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: ChronicRouteOptions = {},
): void {
  const { adminToken } = options;
  const caller = (request: FastifyRequest, allowed: readonly Role[]) =>
    callerOf(ctx, request, adminToken, allowed);
  const agency: readonly Role[] = ['admin', 'staff'];

  app.get<{ Querystring: { region?: string } }>(
    '/api/chronic/diseases',
    {
      schema: {
        summary: '门慢特病种目录（含统筹区本地编码、是否跨省结算）',
        tags,
        querystring: {
          type: 'object',
          properties: { region: { type: 'string', pattern: '^\\d{6}$' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => chronicCatalogView(ctx, request.query.region),
  );

  app.put(
    '/api/chronic/catalog',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        summary: '导入门慢特病种目录与本地编码对照（整份校验，全部生效或全部不生效）',
        tags,
        body: { type: 'object' },
      },
    },
    async (request) =>
      unwrap(await importChronicCatalog(ctx, request.body, await caller(request, ['admin']))),
  );

  app.put<{ Params: { regionCode: string; diseaseCode: string }; Body: { icd10: string[] } }>(
    '/api/chronic/screening-rules/:regionCode/:diseaseCode',
    {
      schema: {
        summary: '设置统筹区免申即享 T-1 筛查的 ICD-10 编码（空数组为不筛查该病种）',
        tags,
        params: {
          type: 'object',
          properties: { regionCode: { type: 'string', pattern: '^\\d{6}$' }, diseaseCode: str },
          required: ['regionCode', 'diseaseCode'],
        },
        body: {
          type: 'object',
          properties: { icd10: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 50 } },
          required: ['icd10'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      unwrap(
        await setScreeningRule(
          ctx,
          { ...request.params, icd10: request.body.icd10 },
          await caller(request, agency),
        ),
      ),
  );

  app.get<{
    Querystring: {
      psn_no?: string;
      cert_type?: string;
      cert_no?: string;
      date?: string;
      history?: 'true' | 'false' | '1' | '0';
    };
  }>(
    '/api/chronic/qualifications',
    {
      schema: {
        summary: '实时查询参保人门慢特待遇资格（按人员编号、身份证或社保卡）',
        tags,
        querystring: {
          type: 'object',
          properties: {
            psn_no: str,
            cert_type: { type: 'string', enum: ['01', '02', '03'] },
            cert_no: str,
            date,
            // Query strings are text (ajv coerceTypes: false), so the flag is 'true' / 'false' / '1' / '0'.
            history: {
              type: 'string',
              enum: ['true', 'false', '1', '0'],
              description: '含已终止、已撤销的资格（true/1）',
            },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, ['admin', 'staff', 'person']);
      const q = request.query;
      // A person sees their own qualifications only, whatever the query names.
      const psnNo = who.role === 'person' ? who.id : q.psn_no;
      return unwrap(
        await queryQualifications(
          ctx,
          {
            ...(psnNo ? { psnNo } : {}),
            ...(who.role !== 'person' && q.cert_type ? { certificateType: q.cert_type } : {}),
            ...(who.role !== 'person' && q.cert_no ? { certificateNo: q.cert_no } : {}),
            ...(q.date ? { onDate: q.date } : {}),
            ...(q.history === 'true' || q.history === '1' ? { history: true } : {}),
          },
          who,
        ),
      );
    },
  );

  app.post<{
    Body: {
      psnNo?: string;
      diseaseCode: string;
      channel?: 'online' | 'window';
      materials: { fileName: string; mimeType: string; contentBase64: string }[];
    };
  }>(
    '/api/chronic/applications',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        summary: '申报门诊慢特病（即申即享：审核通过后自申报之日起享受待遇）',
        tags,
        body: {
          type: 'object',
          properties: {
            psnNo: str,
            diseaseCode: str,
            channel: { type: 'string', enum: ['online', 'window'] },
            materials: {
              type: 'array',
              maxItems: 5,
              items: {
                type: 'object',
                properties: {
                  fileName: { type: 'string', minLength: 1, maxLength: 200 },
                  mimeType: { type: 'string', maxLength: 100 },
                  contentBase64: { type: 'string' },
                },
                required: ['fileName', 'mimeType', 'contentBase64'],
                additionalProperties: false,
              },
            },
          },
          required: ['diseaseCode', 'materials'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const who = await caller(request, ['admin', 'staff', 'person']);
      const body = request.body;
      const psnNo = who.role === 'person' ? who.id : body.psnNo;
      if (!psnNo)
        fail(400, {
          code: 'VALIDATION_FAILED',
          message: '窗口代办申报须填写参保人人员编号 psnNo。',
          field: 'psnNo',
        });
      const channel = who.role === 'person' ? 'online' : (body.channel ?? 'window');
      const result = unwrap(
        await applyForChronic(
          ctx,
          { psnNo, diseaseCode: body.diseaseCode, channel, materials: body.materials },
          who,
        ),
      );
      return reply.status(201).send(result);
    },
  );

  app.get<{ Querystring: { status?: string } }>(
    '/api/chronic/applications',
    {
      schema: {
        summary: '门慢特申请列表（经办：本统筹区；参保人：本人）',
        tags,
        querystring: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['pending_review', 'approved', 'rejected'] } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, ['admin', 'staff', 'person']);
      const filter = {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(who.role === 'person' ? { psnNo: who.id } : {}),
      };
      return { applications: await listChronicApplications(ctx, filter, who) };
    },
  );

  app.post<{ Params: { id: string }; Body: { decision: 'approve' | 'reject'; reason?: string } }>(
    '/api/chronic/applications/:id/review',
    {
      schema: {
        summary: '审核门慢特申请（通过：返回需按门慢特重算退费的结算）',
        tags,
        params: { type: 'object', properties: { id: str }, required: ['id'] },
        body: {
          type: 'object',
          properties: {
            decision: { type: 'string', enum: ['approve', 'reject'] },
            reason: { type: 'string', maxLength: 500 },
          },
          required: ['decision'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, agency);
      const { decision, reason } = request.body;
      return unwrap(
        await reviewChronicApplication(
          ctx,
          { applicationId: request.params.id, decision, ...(reason ? { reason } : {}) },
          who,
        ),
      );
    },
  );

  app.post<{ Body: { date?: string } }>(
    '/api/chronic/screening-runs',
    {
      schema: {
        summary: '执行免申即享 T-1 筛查（默认筛查昨日出院；同日重复执行不新增名单）',
        tags,
        body: { type: 'object', properties: { date }, additionalProperties: false },
      },
    },
    async (request) => {
      const who = await caller(request, agency);
      return unwrap(
        await runChronicScreen(ctx, request.body?.date ? { dischargeDate: request.body.date } : {}, who),
      );
    },
  );

  app.get(
    '/api/chronic/screening-runs',
    { schema: { summary: 'T-1 筛查执行记录', tags } },
    async (request) => {
      await caller(request, agency);
      return { runs: await listScreeningRuns(ctx) };
    },
  );

  app.get<{ Querystring: { status?: string; date?: string } }>(
    '/api/chronic/candidates',
    {
      schema: {
        summary: '预享受人员名单（本统筹区）',
        tags,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['pending_contact', 'contacted', 'granted', 'refused'] },
            date,
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, agency);
      const { status, date: day } = request.query;
      return {
        candidates: await listScreeningCandidates(
          ctx,
          { ...(status ? { status } : {}), ...(day ? { dischargeDate: day } : {}) },
          who,
        ),
      };
    },
  );

  app.post<{ Params: { id: string; action: 'contact' | 'consent' | 'refuse' }; Body: { note?: string } }>(
    '/api/chronic/candidates/:id/:action',
    {
      schema: {
        summary: '记录联系情况、本人同意（认定并短信通知）或拒绝',
        tags,
        params: {
          type: 'object',
          properties: { id: str, action: { type: 'string', enum: ['contact', 'consent', 'refuse'] } },
          required: ['id', 'action'],
        },
        body: {
          type: 'object',
          properties: { note: { type: 'string', maxLength: 500 } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, agency);
      const note = request.body?.note;
      return unwrap(
        await actOnCandidate(
          ctx,
          { candidateId: request.params.id, action: request.params.action, ...(note ? { note } : {}) },
          who,
        ),
      );
    },
  );

  app.get<{ Querystring: { status?: 'pending' | 'done' } }>(
    '/api/chronic/recompute-requests',
    {
      schema: {
        summary: '待按门慢特重算退费的结算（即申即享追溯）',
        tags,
        querystring: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['pending', 'done'] } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const who = await caller(request, agency);
      return { requests: await listRecomputeRequests(ctx, request.query.status, who) };
    },
  );

  app.post(
    '/api/chronic/recompute-requests/process',
    {
      schema: {
        summary: '执行待重算：即申即享获批后，把申请日以来按普通门诊结算的费用冲销并按门慢特重新结算（R-C6）',
        tags,
      },
    },
    async (request) => {
      await caller(request, ['admin']);
      return processPendingChronicRecomputations(ctx);
    },
  );

  const sender = options.smsSender ?? logFileSmsSender();
  app.post(
    '/api/chronic/sms/deliver',
    { schema: { summary: '投递待发短信（管理员；正常由后台任务定时投递）', tags } },
    async (request) => {
      await caller(request, ['admin']);
      return deliverSmsOutbox(ctx, sender);
    },
  );
}
