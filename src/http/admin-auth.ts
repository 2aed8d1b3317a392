/**
 * The administrator's role at the HTTP edge: admin routes need `Authorization: Bearer <admin token>`.
 * The token is configured by the operator (YIBAO_ADMIN_TOKEN) or generated on first start and kept in
 * the data directory; it is compared in constant time and never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fail } from './errors.ts';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireAdmin(adminToken: string | undefined) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (!adminToken || !token || !sameSecret(token, adminToken)) {
      fail(401, {
        code: 'ADMIN_AUTH_REQUIRED',
        message: '此操作需要管理员权限：请在请求头 Authorization 中携带 “Bearer 管理员令牌”。',
      });
    }
  };
}
