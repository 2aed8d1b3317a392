import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import { checkHealth } from '../../service/health.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/health',
    {
      schema: {
        summary: '健康检查',
        tags: ['platform'],
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, store: { type: 'string' }, time: { type: 'string' } },
            required: ['status', 'store', 'time'],
          },
        },
      },
    },
    () => checkHealth(ctx),
  );
}
