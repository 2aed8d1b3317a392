/**
 * Login endpoints are rate-limited per client address (guessing codes or passwords), in their own
 * encapsulated scope so no other route is affected.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const LOGIN_ATTEMPTS_PER_MINUTE = 30;

export function loginScope(app: FastifyInstance, routes: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    await scope.register(rateLimit, { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' });
    routes(scope);
  });
}
