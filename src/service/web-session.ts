/**
 * Browser sessions of persons and staff. The token handed to the browser is 32 random bytes; only its
 * sha256 is stored, so reading the database does not let anyone take over a session. A session carries
 * its role and region, and every self-service or console query is scoped by them on the server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import type { AppContext } from './context.ts';

/** 'institution': a designated hospital or pharmacy (定点医药机构), logged in with its gateway key pair. */
export type WebRole = 'person' | 'staff' | 'institution';

export interface WebSession {
  readonly role: WebRole;
  /** psn_no for a person, username for staff, the institution code for an institution. */
  readonly subject: string;
  readonly regionCode: string;
  readonly expiresAt: string;
}

/** How long a session lives: short for persons (personal data on shared phones), a working day for staff. */
export const SESSION_TTL_MS: Readonly<Record<WebRole, number>> = {
  person: 2 * 60 * 60 * 1000,
  staff: 10 * 60 * 60 * 1000,
  institution: 10 * 60 * 60 * 1000,
};

export const SessionErrorCode = {
  Required: 'SESSION_REQUIRED',
  Expired: 'SESSION_EXPIRED',
} as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionRequired(role: WebRole): DomainError {
  return domainError(
    SessionErrorCode.Required,
    role === 'person'
      ? '请先登录参保人服务（证件号码 + 短信验证码）。'
      : role === 'institution'
        ? '请先使用本机构的接入凭证（访问密钥 + 密钥）登录定点医药机构服务。'
        : '请先使用经办人员账号登录经办后台。',
  );
}

/** Creates a session inside the caller's transaction work and returns the token for the browser. */
export async function openSession(
  ctx: Pick<AppContext, 'store'>,
  session: Omit<WebSession, 'expiresAt'>,
  now: Date,
): Promise<{ token: string; session: WebSession }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS[session.role]).toISOString();
  await ctx.store.db
    .insertInto('web_sessions')
    .values({
      token_hash: hashToken(token),
      role: session.role,
      subject: session.subject,
      region_code: session.regionCode,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, session: { ...session, expiresAt } };
}

/** The live session of a token for the given role, or a coded error (missing, expired, revoked, wrong role). */
export async function findSession(
  ctx: AppContext,
  role: WebRole,
  token: string | undefined,
): Promise<Result<WebSession>> {
  if (!token) return err(sessionRequired(role));
  const row = await ctx.store.db
    .selectFrom('web_sessions')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.role !== role || row.revoked_at !== null) return err(sessionRequired(role));
  if (row.expires_at <= ctx.now().toISOString()) {
    return err(domainError(SessionErrorCode.Expired, '登录已过期，请重新登录。'));
  }
  return ok({ role, subject: row.subject, regionCode: row.region_code, expiresAt: row.expires_at });
}

export async function closeSession(ctx: AppContext, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.store.db
    .updateTable('web_sessions')
    .set({ revoked_at: ctx.now().toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}
