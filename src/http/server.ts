/**
 * The HTTP server: Fastify, assembled by build() without listening, so tests can inject() requests and
 * the CLI decides where to listen. Every route is registered from src/http/routes/.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { maskIdentifiersInText } from '../core/privacy/mask.ts';
import { registerNationalRoutes } from '../national/routes.ts';
import type { AppContext } from '../service/context.ts';
import { sendError, toErrorReply } from './errors.ts';
import { registerAdminImportRoutes } from './routes/admin-import.ts';
import { registerAdminNationalRoutes } from './routes/admin-national.ts';
import { registerAgencyRoutes } from './routes/agency.ts';
import { registerAgencyClearingRoutes } from './routes/agency-clearing.ts';
import { registerChronicRoutes } from './routes/chronic.ts';
import { registerClearingRoutes } from './routes/clearing.ts';
import { registerComplaintRoutes } from './routes/complaints.ts';
import { registerFilingRoutes } from './routes/filings.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerInstitutionRoutes } from './routes/institution.ts';
import { registerPersonRoutes } from './routes/person.ts';
import { registerPersonAuthRoutes } from './routes/person-auth.ts';
import { registerPublicRoutes } from './routes/public.ts';
import { registerReimbursementRoutes } from './routes/reimbursement.ts';
import { registerStaffAuthRoutes } from './routes/staff-auth.ts';
import { registerTransferRoutes } from './routes/transfer.ts';
import { registerWebRoutes } from './routes/web.ts';

export interface BuildOptions {
  /** pino options, or false to silence logs (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body in bytes. */
  readonly bodyLimitBytes?: number;
  /** Bearer token of the administrator role; admin routes refuse every call when it is absent. */
  readonly adminToken?: string;
  /** Directory of the built web app (default dist/web of this checkout); browser tests build their own. */
  readonly webRoot?: string;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export const DEFAULT_LOGGER: FastifyServerOptions['logger'] = {
  level: process.env.LOG_LEVEL ?? 'info',
  // Bodies are never logged; URLs and headers are masked so no ID-card or phone number appears in clear.
  serializers: {
    req(request: { method: string; url: string; id: string }) {
      return { method: request.method, url: maskIdentifiersInText(request.url), id: request.id };
    },
  },
  redact: ['req.headers.authorization', 'req.headers["x-yibao-signature"]', 'req.headers.cookie'],
};

export async function build(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? DEFAULT_LOGGER,
    bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
    // Router-level refusals (a malformed URL, a path parameter over 100 characters) get the same coded
    // Chinese error as every other refusal instead of Fastify's English one, which echoes the raw path
    // (it may hold an ID-card number). Found by the T16 fuzz (test/reliability/fuzz-rest.test.ts).
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorReply(error, request);
      request.log.info({ code: error.code }, 'request refused by the router');
      return sendError(reply, status, body);
    },
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorReply(error, request);
    if (status >= 500) request.log.error({ err: error }, 'unexpected error');
    else request.log.info({ code: body.code }, 'request refused');
    return sendError(reply, status, body);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, {
      code: 'NOT_FOUND',
      message: `接口 ${request.method} ${maskIdentifiersInText(request.url.split('?')[0] ?? '')} 不存在，请核对地址。`,
      requestId: String(request.id),
    }),
  );

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'yibao 医保服务平台 API',
        description: '异地就医直接结算、备案、门慢特、手工报销、关系转移、清算与公共查询。',
        version: '0.1.0',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerHealthRoutes(app, ctx);
  registerAdminImportRoutes(app, ctx, options.adminToken);
  registerAdminNationalRoutes(app, ctx, options.adminToken);
  registerPublicRoutes(app, ctx);
  registerPersonAuthRoutes(app, ctx);
  registerPersonRoutes(app, ctx);
  registerStaffAuthRoutes(app, ctx);
  registerAgencyRoutes(app, ctx);
  registerFilingRoutes(app, ctx, { adminToken: options.adminToken });
  registerReimbursementRoutes(app, ctx, { adminToken: options.adminToken });
  registerTransferRoutes(app, ctx, {});
  registerChronicRoutes(app, ctx, { adminToken: options.adminToken });
  registerClearingRoutes(app, ctx, options.adminToken);
  registerAgencyClearingRoutes(app, ctx);
  registerComplaintRoutes(app, ctx);
  registerInstitutionRoutes(app, ctx);
  await registerWebRoutes(app, { webRoot: options.webRoot });
  await registerNationalRoutes(app, ctx);
  return app;
}
