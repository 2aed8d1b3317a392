/** 经办人员登录 — username and password to a staff session cookie scoped to the account's region. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import { loginStaff, staffProfile } from '../../service/staff-login.ts';
import { fail } from '../errors.ts';
import { loginScope } from '../login-rate-limit.ts';
import { endSession, requireSession, setSessionCookie } from '../web-session.ts';

export function registerStaffAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  loginScope(app, (scope) =>
    scope.post<{ Body: { username: string; password: string } }>(
      '/api/agency/login',
      {
        schema: {
          tags: ['agency'],
          summary: '经办人员登录',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['username', 'password'],
            properties: {
              username: { type: 'string', minLength: 1, maxLength: 64 },
              password: { type: 'string', minLength: 1, maxLength: 128 },
            },
          },
        },
      },
      async (request, reply) => {
        const done = await loginStaff(ctx, request.body.username, request.body.password);
        if (!done.ok) fail(401, done.error);
        setSessionCookie(request, reply, 'staff', done.value.token);
        return done.value.profile;
      },
    ),
  );

  app.post(
    '/api/agency/logout',
    { schema: { tags: ['agency'], summary: '退出登录' } },
    async (request, reply) => {
      await endSession(ctx, request, reply, 'staff');
      return { ok: true };
    },
  );

  app.get(
    '/api/agency/me',
    { schema: { tags: ['agency'], summary: '当前经办人员' } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = await requireSession(ctx, request, 'staff');
      const profile = await staffProfile(ctx, session.subject);
      if (!profile) fail(401, { code: 'SESSION_REQUIRED', message: '账号已不存在，请重新登录。' });
      return profile;
    },
  );
}
