/**
 * 定点医药机构 web API: login with the gateway key pair (cookie `yibao_institution`), then the
 * institution's own reconciliation (3201 totals per insurance type and clearing category, 3202 detail
 * reconciliation by settlement group of an uploaded CSV/JSON list), upload status (message log, open visits, 2210 uploads)
 * and its settlements per day. The institution is always the session's: no route takes an institution code.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainError } from '../../core/errors.ts';
import type { Fen } from '../../core/money/index.ts';
import { readDetailList, readLoggedAnswer, transactionName } from '../../national/institution-files.ts';
import type { AppContext } from '../../service/context.ts';
import {
  type InstitutionProfile,
  institutionOfSession,
  loginInstitution,
} from '../../service/institution-login.ts';
import {
  institutionDetailReconciliation,
  institutionSettlementDays,
  institutionTotals,
  institutionTotalsCheck,
  institutionUploadStatus,
} from '../../service/institution-view.ts';
import { fail } from '../errors.ts';
import { loginScope } from '../login-rate-limit.ts';
import { endSession, requireSession, setSessionCookie } from '../web-session.ts';

const tags = ['institution'];
const date = { type: 'string', minLength: 10, maxLength: 10 } as const;
const flagText = { type: 'string', enum: ['true', 'false', '1', '0'] } as const;
const intText = { type: 'string', pattern: '^[0-9]{1,3}$' } as const;

function refused(error: DomainError): never {
  return fail(error.code === 'SESSION_REQUIRED' || error.code === 'SESSION_EXPIRED' ? 401 : 400, error);
}

/** The session's institution, or 401 (no session, expired, or its key revoked since login). */
export async function requireInstitution(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<InstitutionProfile> {
  const session = await requireSession(ctx, request, 'institution');
  const profile = await institutionOfSession(ctx, session);
  if (!profile.ok) fail(401, profile.error);
  return profile.value;
}

const fenSchema = { type: 'integer', minimum: -999_999_999_999_999, maximum: 999_999_999_999_999 } as const;

interface TotalsBody {
  beginDate: string;
  endDate: string;
  insuranceType: string;
  clearingType: string;
  includesRefunds?: boolean;
  institution: { settlementCount: number; medicalTotalFen: Fen; fundPayFen: Fen; accountPayFen: Fen };
}

interface DetailsBody {
  beginDate: string;
  endDate: string;
  insuranceType?: string;
  clearingType?: string;
  includesRefunds?: boolean;
  format: 'csv' | 'json';
  content: string;
}

export function registerInstitutionRoutes(app: FastifyInstance, ctx: AppContext): void {
  loginScope(app, (scope) =>
    scope.post<{ Body: { accessKey: string; secretKey: string } }>(
      '/api/institution/login',
      {
        schema: {
          tags,
          summary: '定点医药机构登录（接入凭证：访问密钥 + 密钥）',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['accessKey', 'secretKey'],
            properties: {
              accessKey: { type: 'string', minLength: 1, maxLength: 64 },
              secretKey: { type: 'string', minLength: 1, maxLength: 128 },
            },
          },
        },
      },
      async (request, reply) => {
        const done = await loginInstitution(ctx, request.body.accessKey, request.body.secretKey);
        if (!done.ok) fail(401, done.error);
        setSessionCookie(request, reply, 'institution', done.value.token);
        return done.value.profile;
      },
    ),
  );

  app.post('/api/institution/logout', { schema: { tags, summary: '退出登录' } }, async (request, reply) => {
    await endSession(ctx, request, reply, 'institution');
    return { ok: true };
  });

  app.get(
    '/api/institution/me',
    { schema: { tags, summary: '当前定点医药机构' } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return requireInstitution(ctx, request);
    },
  );

  app.get<{ Querystring: { beginDate: string; endDate: string; includesRefunds?: string } }>(
    '/api/institution/reconciliation/totals',
    {
      schema: {
        tags,
        summary: '对总账（3201）：按险种与清算类别汇总本机构结算',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['beginDate', 'endDate'],
          properties: { beginDate: date, endDate: date, includesRefunds: flagText },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const me = await requireInstitution(ctx, request);
      const { beginDate, endDate, includesRefunds } = request.query;
      const answer = await institutionTotals(ctx, me.institutionCode, {
        beginDate,
        endDate,
        includesRefunds:
          includesRefunds === undefined ? true : includesRefunds === 'true' || includesRefunds === '1',
      });
      return answer.ok ? answer.value : refused(answer.error);
    },
  );

  app.post<{ Body: TotalsBody }>(
    '/api/institution/reconciliation/totals',
    {
      schema: {
        tags,
        summary: '对总账（3201）：本机构填报一个险种与清算类别的笔数与金额（分），返回平或不平及差异',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['beginDate', 'endDate', 'insuranceType', 'clearingType', 'institution'],
          properties: {
            beginDate: date,
            endDate: date,
            insuranceType: { type: 'string', minLength: 1, maxLength: 6 },
            clearingType: { type: 'string', minLength: 1, maxLength: 6 },
            includesRefunds: { type: 'boolean' },
            institution: {
              type: 'object',
              additionalProperties: false,
              required: ['settlementCount', 'medicalTotalFen', 'fundPayFen', 'accountPayFen'],
              properties: {
                settlementCount: { type: 'integer', minimum: 0, maximum: 9_999_999_999 },
                medicalTotalFen: fenSchema,
                fundPayFen: fenSchema,
                accountPayFen: fenSchema,
              },
            },
          },
        },
      },
    },
    async (request) => {
      const me = await requireInstitution(ctx, request);
      const answer = await institutionTotalsCheck(ctx, me.institutionCode, request.body);
      return answer.ok ? answer.value : refused(answer.error);
    },
  );

  app.post<{ Body: DetailsBody }>(
    '/api/institution/reconciliation/details',
    {
      // A busy hospital's month of settlements is larger than the default body limit.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary:
          '对明细账（3202）：上传本机构结算明细（CSV 或 JSON，国家接口字段名；setl_id 为 2207/2304 返回的结算ID），按结算查看全部差异',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['beginDate', 'endDate', 'format', 'content'],
          properties: {
            beginDate: date,
            endDate: date,
            insuranceType: { type: 'string', maxLength: 6 },
            clearingType: { type: 'string', maxLength: 6 },
            includesRefunds: { type: 'boolean' },
            format: { type: 'string', enum: ['csv', 'json'] },
            content: { type: 'string', minLength: 1, maxLength: 12 * 1024 * 1024 },
          },
        },
      },
    },
    async (request) => {
      const me = await requireInstitution(ctx, request);
      const { format, content, ...period } = request.body;
      const items = readDetailList(format, content);
      if (!items.ok) refused(items.error);
      const answer = await institutionDetailReconciliation(ctx, me.institutionCode, {
        ...period,
        items: items.value,
      });
      return answer.ok ? answer.value : refused(answer.error);
    },
  );

  app.get<{ Querystring: { limit?: string } }>(
    '/api/institution/upload-status',
    {
      schema: {
        tags,
        summary: '上传状态：最近交易（成功/失败）、已上传未结算的就诊、未直接结算费用上传（2210）',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: intText },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const me = await requireInstitution(ctx, request);
      const status = await institutionUploadStatus(
        ctx,
        me.institutionCode,
        Number(request.query.limit ?? 50),
      );
      return {
        transactions: status.transactions.map((t) => ({
          msgid: t.msgid,
          infno: t.operation,
          name: transactionName(t.operation),
          at: t.createdAt,
          ...readLoggedAnswer(t.response),
        })),
        openVisits: status.openVisits,
        unsettledUploads: status.unsettledUploads,
      };
    },
  );

  app.get<{ Querystring: { days?: string } }>(
    '/api/institution/settlement-days',
    {
      schema: {
        tags,
        summary: '结算日报：今天与最近几天的结算笔数与金额',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days: intText },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const me = await requireInstitution(ctx, request);
      return institutionSettlementDays(ctx, me.institutionCode, Number(request.query.days ?? 7));
    },
  );
}
