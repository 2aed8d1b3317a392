/**
 * 参保人登录 — request a one-time code by SMS, verify it to get a session cookie, log out. With the
 * YIBAO_DEMO_SMS_ECHO setting on (demonstrations only), GET /api/demo/sms shows the latest SMS of a
 * certificate number, because a demo has no SMS gateway; it is not registered otherwise.
 */
import type { FastifyInstance } from 'fastify';
import { maskPhone } from '../../core/privacy/mask.ts';
import type { AppContext } from '../../service/context.ts';
import { demoLatestSms, requestLoginCode, verifyLoginCode } from '../../service/person-login.ts';
import { personProfile } from '../../service/person-self-service.ts';
import { fail } from '../errors.ts';
import { loginScope } from '../login-rate-limit.ts';
import { endSession, requireSession, setSessionCookie } from '../web-session.ts';

export interface PersonAuthOptions {
  /** Registers the demo SMS log endpoint (YIBAO_DEMO_SMS_ECHO=1). */
  readonly demoSmsEcho?: boolean;
}

const certificate = { type: 'string', minLength: 1, maxLength: 40 } as const;

export function demoSmsEchoFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.YIBAO_DEMO_SMS_ECHO === '1' || env.YIBAO_DEMO_SMS_ECHO === 'true';
}

export function registerPersonAuthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: PersonAuthOptions = {},
): void {
  const demoSmsEcho = options.demoSmsEcho ?? demoSmsEchoFromEnv();

  app.get('/api/person/login-options', { schema: { tags: ['person'], summary: '登录页选项' } }, async () => ({
    demoSmsEcho,
  }));

  loginScope(app, (scope) => {
    scope.post<{ Body: { certificateNo: string } }>(
      '/api/person/login-code',
      {
        schema: {
          tags: ['person'],
          summary: '发送短信验证码',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['certificateNo'],
            properties: { certificateNo: certificate },
          },
        },
      },
      async (request) => {
        const sent = await requestLoginCode(ctx, request.body.certificateNo);
        if (!sent.ok) fail(sent.error.code === 'LOGIN_CODE_TOO_FREQUENT' ? 429 : 400, sent.error);
        return { message: sent.value.message };
      },
    );

    scope.post<{ Body: { certificateNo: string; code: string } }>(
      '/api/person/login',
      {
        schema: {
          tags: ['person'],
          summary: '验证码登录',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['certificateNo', 'code'],
            properties: { certificateNo: certificate, code: { type: 'string', maxLength: 10 } },
          },
        },
      },
      async (request, reply) => {
        const done = await verifyLoginCode(ctx, request.body.certificateNo, request.body.code);
        if (!done.ok) fail(done.error.code === 'CERTIFICATE_NO_INVALID' ? 400 : 401, done.error);
        setSessionCookie(request, reply, 'person', done.value.token);
        // The token travels only in the HttpOnly cookie, out of reach of page scripts.
        return { name: done.value.name, expiresAt: done.value.session.expiresAt };
      },
    );
  });

  app.post(
    '/api/person/logout',
    { schema: { tags: ['person'], summary: '退出登录' } },
    async (request, reply) => {
      await endSession(ctx, request, reply, 'person');
      return { ok: true };
    },
  );

  app.get(
    '/api/person/me',
    { schema: { tags: ['person'], summary: '当前参保人' } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = await requireSession(ctx, request, 'person');
      const profile = await personProfile(ctx, session.subject);
      if (!profile) fail(401, { code: 'SESSION_REQUIRED', message: '参保信息已不存在，请重新登录。' });
      return profile;
    },
  );

  if (!demoSmsEcho) return;
  app.get<{ Querystring: { certificateNo: string } }>(
    '/api/demo/sms',
    {
      schema: {
        tags: ['demo'],
        summary: '演示：查看最近一条短信（仅 YIBAO_DEMO_SMS_ECHO 开启时）',
        querystring: {
          type: 'object',
          required: ['certificateNo'],
          properties: { certificateNo: certificate },
        },
      },
    },
    async (request) => {
      const sms = await demoLatestSms(ctx, request.query.certificateNo);
      if (!sms)
        fail(404, { code: 'DEMO_SMS_NOT_FOUND', message: '没有找到发给该证件号码的短信，请先获取验证码。' });
      return { phoneMasked: maskPhone(sms.phone), text: sms.text };
    },
  );
}
