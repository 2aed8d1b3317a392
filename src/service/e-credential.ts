/**
 * 医保电子凭证 — the insured person's e-credential as a short-lived signed token, shown as a QR code and
 * read at the counter as certificate type 01 (national 1101). The token is
 * `YB1.<psn_no>.<expires epoch seconds>.<nonce>.<HMAC-SHA256 of the first four parts>`; it expires
 * 2 minutes after issue (the page refreshes it every minute), so a photographed code is useless soon
 * after. The HMAC key is generated once per deployment and kept in the settings table.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import type { Person } from '../core/reference/types.ts';
import { findPerson } from '../store/repositories/reference-reads.ts';
import { readSettings } from '../store/repositories/settings.ts';
import type { AppContext } from './context.ts';

export const E_CREDENTIAL_TTL_MS = 2 * 60 * 1000;
export const E_CREDENTIAL_REFRESH_MS = 60 * 1000;
const KEY_SETTING = 'e_credential_hmac_key';
const PREFIX = 'YB1';

export const ECredentialErrorCode = {
  Malformed: 'E_CREDENTIAL_MALFORMED',
  Forged: 'E_CREDENTIAL_FORGED',
  Expired: 'E_CREDENTIAL_EXPIRED',
  PersonNotFound: 'E_CREDENTIAL_PERSON_NOT_FOUND',
} as const;

/** The deployment's key; created on first use (insert-if-missing, so concurrent starters agree). */
async function signingKey(ctx: AppContext): Promise<Buffer> {
  const found = (await readSettings(ctx.store.db, [KEY_SETTING])).get(KEY_SETTING);
  if (found) return Buffer.from(found, 'base64url');
  await ctx.store.db
    .insertInto('settings')
    .values({
      key: KEY_SETTING,
      value: randomBytes(32).toString('base64url'),
      updated_at: ctx.now().toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = (await readSettings(ctx.store.db, [KEY_SETTING])).get(KEY_SETTING);
  if (!stored) throw new Error('e-credential key could not be stored');
  return Buffer.from(stored, 'base64url');
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export interface ECredentialToken {
  readonly token: string;
  readonly expiresAt: string;
  /** When the page should fetch a new one. */
  readonly refreshAfterMs: number;
}

export async function issueECredentialToken(
  ctx: AppContext,
  personNo: string,
  now: Date,
): Promise<ECredentialToken> {
  const key = await signingKey(ctx);
  const expires = Math.floor((now.getTime() + E_CREDENTIAL_TTL_MS) / 1000);
  const body = `${PREFIX}.${personNo}.${expires}.${randomBytes(9).toString('base64url')}`;
  return {
    token: `${body}.${sign(key, body)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
    refreshAfterMs: E_CREDENTIAL_REFRESH_MS,
  };
}

/**
 * Checks an e-credential token as read from the QR code: signature first (a forged token learns
 * nothing about expiry), then expiry, then that the person exists. For the national 1101 (cert type 01).
 */
export async function verifyECredentialToken(
  ctx: AppContext,
  token: string,
  now: Date,
): Promise<Result<Person>> {
  const parts = token.trim().split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX || !/^\d{1,12}$/.test(parts[2] ?? '')) {
    return err(
      domainError(
        ECredentialErrorCode.Malformed,
        '医保电子凭证码格式不正确，请让参保人刷新医保码后重新扫码。',
        {
          field: 'mdtrt_cert_no',
        },
      ),
    );
  }
  const body = parts.slice(0, 4).join('.');
  const given = Buffer.from(parts[4] ?? '');
  const expected = Buffer.from(sign(await signingKey(ctx), body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return err(
      domainError(
        ECredentialErrorCode.Forged,
        '医保电子凭证码校验未通过（签名不符），请让参保人出示本人实时医保码。',
        {
          field: 'mdtrt_cert_no',
        },
      ),
    );
  }
  if (Number(parts[2]) * 1000 <= now.getTime()) {
    return err(
      domainError(
        ECredentialErrorCode.Expired,
        '医保电子凭证码已过期（有效期 2 分钟），请让参保人刷新医保码后重新扫码。',
        {
          field: 'mdtrt_cert_no',
        },
      ),
    );
  }
  const person = await findPerson(ctx.store.db, { by: 'psn_no', value: parts[1] ?? '' });
  if (person === undefined) {
    return err(
      domainError(
        ECredentialErrorCode.PersonNotFound,
        '医保电子凭证对应的参保人不存在，请改用身份证或社保卡。',
        {
          field: 'mdtrt_cert_no',
        },
      ),
    );
  }
  return ok(person);
}
