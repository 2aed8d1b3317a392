/**
 * 定点医药机构登录 — a designated hospital or pharmacy logs in to the web with the gateway key pair the
 * platform issued it (`yibao institution credentials <code>`): access key + secret key. The secret is
 * compared in constant time; a revoked or unknown key gets the same answer as a wrong secret. The
 * session's subject is the access key, so revoking the key also ends the sessions opened with it; the
 * institution (and its region) always comes from the key on the server, never from the browser.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import {
  ensureCredential,
  findCredential,
  revokeCredential,
} from '../store/repositories/institution-credentials.ts';
import { findInstitution, findRegion } from '../store/repositories/reference-reads.ts';
import { inTransaction } from '../store/transaction.ts';
import { appendAudit } from './audit.ts';
import type { AppContext } from './context.ts';
import { DEMO_SEEDED_KEY } from './seed-demo.ts';
import { openSession, sessionRequired, type WebSession } from './web-session.ts';

export const InstitutionLoginErrorCode = {
  Invalid: 'INSTITUTION_LOGIN_INVALID',
} as const;

export interface InstitutionProfile {
  readonly institutionCode: string;
  readonly name: string;
  /** hospital | pharmacy */
  readonly kind: string;
  readonly regionCode: string;
  readonly regionName: string;
  /** The access key this session was opened with (not secret; names which pair is in use). */
  readonly accessKey: string;
}

function invalid() {
  return err(
    domainError(
      InstitutionLoginErrorCode.Invalid,
      '访问密钥或密钥不正确，或该接入凭证已停用：请核对本机构的接入凭证（由医保经办机构签发），停用的凭证请联系经办机构重新签发。',
      { field: 'secretKey' },
    ),
  );
}

/** Equal-length digests, so the comparison takes the same time whatever the lengths given. */
function sameSecret(given: string, stored: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(stored, 'utf8').digest();
  return timingSafeEqual(a, b);
}

async function profileOf(
  ctx: AppContext,
  accessKey: string,
  institutionCode: string,
): Promise<InstitutionProfile | undefined> {
  const institution = await findInstitution(ctx.store.db, institutionCode);
  if (institution === undefined) return undefined;
  const region = await findRegion(ctx.store.db, institution.regionCode);
  return {
    institutionCode: institution.code,
    name: institution.name,
    kind: institution.kind,
    regionCode: institution.regionCode,
    regionName: region?.name ?? institution.regionCode,
    accessKey,
  };
}

export async function loginInstitution(
  ctx: AppContext,
  accessKey: string,
  secretKey: string,
): Promise<Result<{ token: string; session: WebSession; profile: InstitutionProfile }>> {
  const credential = await findCredential(ctx.store.db, accessKey.trim());
  // Compare even when the key is unknown, so the answer's timing does not tell whether it exists.
  const matches = sameSecret(secretKey.trim(), credential?.secretKey ?? '\u0000no-such-key');
  if (credential === undefined || credential.revokedAt !== null || !matches) return invalid();
  const profile = await profileOf(ctx, credential.accessKey, credential.institutionCode);
  if (profile === undefined) return invalid();
  const opened = await openSession(
    ctx,
    { role: 'institution', subject: credential.accessKey, regionCode: profile.regionCode },
    ctx.now(),
  );
  return ok({ ...opened, profile });
}

/** The institution behind a live institution session; a key revoked since login ends the session. */
export async function institutionOfSession(
  ctx: AppContext,
  session: WebSession,
): Promise<Result<InstitutionProfile>> {
  if (session.role !== 'institution') return err(sessionRequired('institution'));
  const credential = await findCredential(ctx.store.db, session.subject);
  if (credential === undefined || credential.revokedAt !== null) return err(sessionRequired('institution'));
  const profile = await profileOf(ctx, credential.accessKey, credential.institutionCode);
  return profile === undefined ? err(sessionRequired('institution')) : ok(profile);
}

/** 停用接入凭证: the key can no longer sign national calls or log in; its web sessions end. */
export async function revokeInstitutionCredentials(
  ctx: AppContext,
  accessKey: string,
  by: { actor: string; requestId?: string | null } = { actor: 'admin' },
): Promise<Result<{ accessKey: string; revoked: boolean }>> {
  return inTransaction(ctx.store.db, async (tx) => {
    const credential = await findCredential(tx, accessKey);
    if (credential === undefined) {
      return err(
        domainError('CREDENTIAL_UNKNOWN', `接入凭证 “${accessKey}” 不存在，请核对访问密钥 accessKey。`, {
          field: 'accessKey',
        }),
      );
    }
    const at = ctx.now().toISOString();
    const revoked = await revokeCredential(tx, accessKey, at);
    if (revoked) {
      await appendAudit(tx, ctx.store.dialect, {
        at,
        actor: by.actor,
        role: 'admin',
        action: 'credentials.revoke',
        subject: credential.institutionCode,
        requestId: by.requestId ?? null,
        detail: { accessKey },
      });
    }
    return ok({ accessKey, revoked });
  });
}

/** Demo key pair of an institution: access key `demo<code>`, secret key `demo-sk-<code>`. */
export function demoInstitutionCredentials(institutionCode: string): {
  accessKey: string;
  secretKey: string;
} {
  return { accessKey: `demo${institutionCode}`, secretKey: `demo-sk-${institutionCode}` };
}

/**
 * 演示机构接入凭证 — the demo key pair for the first hospital of each region, only on a store the demo
 * data was loaded into (the pairs are public: they also sign national calls in `csb` gateway mode).
 * Idempotent; returns the institution codes that got a pair now.
 */
export async function seedDemoInstitutionCredentials(ctx: AppContext): Promise<string[]> {
  const demo = await ctx.store.db
    .selectFrom('meta')
    .select('key')
    .where('key', '=', DEMO_SEEDED_KEY)
    .executeTakeFirst();
  if (demo === undefined) return [];
  const hospitals = await ctx.store.db
    .selectFrom('institutions')
    .select(['code', 'region_code'])
    .where('kind', '=', 'hospital')
    .orderBy('region_code')
    .orderBy('code')
    .execute();
  const firstPerRegion = new Map<string, string>();
  for (const h of hospitals)
    if (!firstPerRegion.has(h.region_code)) firstPerRegion.set(h.region_code, h.code);
  const created: string[] = [];
  for (const code of firstPerRegion.values()) {
    const pair = demoInstitutionCredentials(code);
    const made = await ensureCredential(ctx.store.db, {
      ...pair,
      institutionCode: code,
      issuedAt: ctx.now().toISOString(),
    });
    if (made) created.push(code);
  }
  return created;
}
