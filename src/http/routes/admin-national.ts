/**
 * Admin endpoints for the national interface's gateway: issue and revoke an institution's access
 * credentials, switch maintenance on/off (R-S1), choose the gateway authentication mode. Each change is
 * audited.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import {
  issueInstitutionCredentials,
  setGatewayAuthMode,
  setMaintenance,
} from '../../service/his/gateway.ts';
import { revokeInstitutionCredentials } from '../../service/institution-login.ts';
import { requireAdmin } from '../admin-auth.ts';
import { fail } from '../errors.ts';

export function registerAdminNationalRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  adminToken: string | undefined,
): void {
  const guard = requireAdmin(adminToken);
  const by = (requestId: string) => ({ actor: 'admin', requestId });

  app.post(
    '/api/admin/institutions/:code/credentials',
    {
      onRequest: guard,
      schema: {
        summary: '签发定点医药机构的接口接入凭证（AK/SK，密钥只显示这一次）',
        tags: ['admin'],
        params: {
          type: 'object',
          properties: { code: { type: 'string', maxLength: 30 } },
          required: ['code'],
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const result = await issueInstitutionCredentials(ctx, code, by(String(request.id)));
      if (!result.ok) fail(404, result.error);
      return reply.status(201).send(result.value);
    },
  );

  app.post(
    '/api/admin/credentials/:accessKey/revoke',
    {
      onRequest: guard,
      schema: {
        summary: '停用定点医药机构的接口接入凭证（不能再签名调用国家接口或登录，已登录的会话随即失效）',
        tags: ['admin'],
        params: {
          type: 'object',
          properties: { accessKey: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['accessKey'],
        },
      },
    },
    async (request) => {
      const { accessKey } = request.params as { accessKey: string };
      const result = await revokeInstitutionCredentials(ctx, accessKey, by(String(request.id)));
      if (!result.ok) fail(404, result.error);
      const { revoked } = result.value;
      return {
        accessKey,
        revoked,
        message: revoked
          ? `接入凭证 ${accessKey} 已停用：不能再签名调用国家接口或登录机构端，已登录的会话已失效。`
          : `接入凭证 ${accessKey} 此前已停用，未作改动。`,
      };
    },
  );

  app.put(
    '/api/admin/maintenance',
    {
      onRequest: guard,
      schema: {
        summary: '开启或关闭国家接口停机维护（维护期间所有交易返回维护提示和预计恢复时间）',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: {
            on: { type: 'boolean' },
            until: { type: 'string', minLength: 1, maxLength: 40 },
            message: { type: 'string', minLength: 1, maxLength: 200 },
          },
          required: ['on'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const body = request.body as { on: boolean; until?: string; message?: string };
      if (body.on && (!body.until || !body.message)) {
        fail(400, {
          code: 'MAINTENANCE_DETAILS_REQUIRED',
          field: body.until ? 'message' : 'until',
          message: '开启维护时必须同时填写预计恢复时间 until 和维护说明 message。',
        });
      }
      await setMaintenance(
        ctx,
        body.on ? { until: body.until!, message: body.message! } : null,
        by(String(request.id)),
      );
      return { on: body.on };
    },
  );

  app.put(
    '/api/admin/gateway-auth',
    {
      onRequest: guard,
      schema: {
        summary: '设置国家接口网关认证方式：none（演示）或 csb（HmacSHA1 请求头签名）',
        tags: ['admin'],
        body: {
          type: 'object',
          properties: { mode: { type: 'string', enum: ['none', 'csb'] } },
          required: ['mode'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { mode } = request.body as { mode: 'none' | 'csb' };
      await setGatewayAuthMode(ctx, mode, by(String(request.id)));
      return { mode };
    },
  );
}
