/**
 * 参保人自助服务 — the logged-in person's settlements with their explanation, the cost estimate, the
 * e-credential QR token and the personal account. The person is always the session's, never a
 * parameter, so nobody can read another person's records by editing a URL.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import { issueECredentialToken } from '../../service/e-credential.ts';
import { myContributions } from '../../service/person-contributions.ts';
import { estimateCost } from '../../service/person-estimate.ts';
import { myAccount, mySettlement, mySettlements } from '../../service/person-self-service.ts';
import { fail } from '../errors.ts';
import { requireSession } from '../web-session.ts';

interface EstimateBody {
  institutionCode: string;
  medicalType: string;
  declaredSituation?: string;
  useAccount?: boolean;
  items: { itemCode: string; unitPriceYuan: string; quantity: string; diseaseCode?: string }[];
}

export function registerPersonRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    // Personal answers must not be kept by shared caches or a shared phone's browser cache.
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    scope.get(
      '/api/person/settlements',
      { schema: { tags: ['person'], summary: '我的结算记录' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        return { items: await mySettlements(ctx, session.subject) };
      },
    );

    scope.get<{ Params: { id: string } }>(
      '/api/person/settlements/:id',
      {
        schema: {
          tags: ['person'],
          summary: '结算明细与计算过程（为什么我付这么多）',
          params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } },
        },
      },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        const found = await mySettlement(ctx, session.subject, request.params.id);
        if (!found.ok) fail(404, found.error);
        return found.value;
      },
    );

    scope.post<{ Body: EstimateBody }>(
      '/api/person/estimate',
      {
        schema: {
          tags: ['person'],
          summary: '就医前费用预估（同一结算核心）',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['institutionCode', 'medicalType', 'items'],
            properties: {
              institutionCode: { type: 'string', minLength: 1, maxLength: 40 },
              medicalType: { type: 'string', maxLength: 4 },
              declaredSituation: { type: 'string', maxLength: 40 },
              useAccount: { type: 'boolean' },
              items: {
                type: 'array',
                maxItems: 50,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['itemCode', 'unitPriceYuan', 'quantity'],
                  properties: {
                    itemCode: { type: 'string', minLength: 1, maxLength: 60 },
                    unitPriceYuan: { type: 'string', maxLength: 20 },
                    quantity: { type: 'string', maxLength: 20 },
                    diseaseCode: { type: 'string', maxLength: 20 },
                  },
                },
              },
            },
          },
        },
      },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        const answer = await estimateCost(ctx, session.subject, request.body);
        if (!answer.ok) fail(422, answer.error);
        return answer.value;
      },
    );

    scope.get(
      '/api/person/e-credential',
      { schema: { tags: ['person'], summary: '我的医保码（2 分钟有效）' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        return issueECredentialToken(ctx, session.subject, ctx.now());
      },
    );

    scope.get(
      '/api/person/account',
      { schema: { tags: ['person'], summary: '我的个人账户' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        const account = await myAccount(ctx, session.subject);
        if (!account) fail(401, { code: 'SESSION_REQUIRED', message: '参保信息已不存在，请重新登录。' });
        return account;
      },
    );

    scope.get<{ Querystring: { year?: string } }>(
      '/api/person/contributions',
      {
        schema: {
          tags: ['person'],
          summary: '我的缴费记录：按年度的缴费明细、合计与断缴月份',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { year: { type: 'string', maxLength: 8, description: '年度 YYYY，默认本年' } },
          },
        },
      },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        const answer = await myContributions(ctx, session.subject, request.query.year);
        if (!answer.ok) fail(400, answer.error);
        return answer.value;
      },
    );
  });
}
