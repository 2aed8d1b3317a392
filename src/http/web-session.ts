/**
 * Sessions at the HTTP edge: a signed-in browser holds an HttpOnly, SameSite=Strict cookie (one per
 * role); API clients may send the same token as `Authorization: Bearer`. The token is checked against
 * its stored hash on every request, so logging out or expiry takes effect at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../service/context.ts';
import {
  closeSession,
  findSession,
  SESSION_TTL_MS,
  type WebRole,
  type WebSession,
} from '../service/web-session.ts';
import { fail } from './errors.ts';

export const COOKIE_NAMES: Readonly<Record<WebRole, string>> = {
  person: 'yibao_person',
  staff: 'yibao_staff',
  institution: 'yibao_institution',
};

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionToken(request: FastifyRequest, role: WebRole): string | undefined {
  const fromCookie = cookieValue(request, COOKIE_NAMES[role]);
  if (fromCookie) return fromCookie;
  const auth = request.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
}

function cookie(request: FastifyRequest, role: WebRole, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${COOKIE_NAMES[role]}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  role: WebRole,
  token: string,
): void {
  reply.header('set-cookie', cookie(request, role, token, Math.floor(SESSION_TTL_MS[role] / 1000)));
}

export async function endSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  role: WebRole,
): Promise<void> {
  await closeSession(ctx, sessionToken(request, role));
  reply.header('set-cookie', cookie(request, role, '', 0));
}

/** The request's live session of `role`, or a 401 with a Chinese message. */
export async function requireSession(
  ctx: AppContext,
  request: FastifyRequest,
  role: WebRole,
): Promise<WebSession> {
  const found = await findSession(ctx, role, sessionToken(request, role));
  if (!found.ok) fail(401, found.error);
  return found.value;
}
