/**
 * 经办后台 — the agency console's queue and dashboard. The region is the staff session's, never a
 * parameter: staff see only their own region's cases and figures.
 */
import type { FastifyInstance } from 'fastify';
import { agencyDashboard } from '../../service/agency-dashboard.ts';
import { caseQueue } from '../../service/case-queue.ts';
import type { AppContext } from '../../service/context.ts';
import { requireSession } from '../web-session.ts';

export function registerAgencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    scope.get(
      '/api/agency/queue',
      { schema: { tags: ['agency'], summary: '综合待办（按期限排序）' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        return caseQueue(ctx, session.regionCode);
      },
    );

    scope.get(
      '/api/agency/dashboard',
      { schema: { tags: ['agency'], summary: '统计：直接结算率、结算与基金支付' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        return agencyDashboard(ctx, session.regionCode);
      },
    );
  });
}
