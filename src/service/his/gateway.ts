/**
 * The gateway in front of the national interface: the maintenance switch (R-S1), the authentication
 * mode (none, or CSB HMAC-SHA1 header signing), and the institutions' gateway credentials.
 *
 * Settings live in the `settings` table so an operator can flip them on a running server; they are
 * cached per store for one second, and the setters here clear the cache at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import type { Store } from '../../store/database.ts';
import { findCredential, insertCredential } from '../../store/repositories/institution-credentials.ts';
import { findInstitution } from '../../store/repositories/reference-reads.ts';
import { deleteSetting, readSettings, writeSetting } from '../../store/repositories/settings.ts';
import { inTransaction, type Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { issueKeyPair } from './ids.ts';

export type GatewayAuthMode = 'none' | 'csb';

/** Who changes gateway settings or issues credentials, for the audit trail. */
export interface AdminActor {
  readonly actor: string;
  readonly requestId?: string | null;
}

const SYSTEM_ADMIN: AdminActor = { actor: 'admin' };

async function auditAdmin(
  tx: Tx,
  ctx: AppContext,
  by: AdminActor,
  action: string,
  subject: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, ctx.store.dialect, {
    at: ctx.now().toISOString(),
    actor: by.actor,
    role: 'admin',
    action,
    subject,
    requestId: by.requestId ?? null,
    detail,
  });
}

export interface Maintenance {
  /** Expected end, as shown to the cashier (e.g. '2026-03-05 06:00'). */
  readonly until: string;
  readonly message: string;
}

export interface GatewaySettings {
  readonly authMode: GatewayAuthMode;
  readonly maintenance: Maintenance | null;
}

const KEY_AUTH = 'national.gateway_auth';
const KEY_MAINTENANCE = 'national.maintenance';
const CACHE_MS = 1000;

const cache = new WeakMap<Store, { at: number; settings: GatewaySettings }>();

export async function readGatewaySettings(ctx: AppContext): Promise<GatewaySettings> {
  const hit = cache.get(ctx.store);
  const nowMs = Date.now();
  if (hit !== undefined && nowMs - hit.at < CACHE_MS) return hit.settings;
  const rows = await readSettings(ctx.store.db, [KEY_AUTH, KEY_MAINTENANCE]);
  const maintenanceText = rows.get(KEY_MAINTENANCE);
  const settings: GatewaySettings = {
    authMode: rows.get(KEY_AUTH) === 'csb' ? 'csb' : 'none',
    maintenance: maintenanceText === undefined ? null : (JSON.parse(maintenanceText) as Maintenance),
  };
  cache.set(ctx.store, { at: nowMs, settings });
  return settings;
}

/** Turns maintenance on (every national call answers with the message and end time) or off (null). */
export async function setMaintenance(
  ctx: AppContext,
  maintenance: Maintenance | null,
  by: AdminActor = SYSTEM_ADMIN,
): Promise<void> {
  await inTransaction(ctx.store.db, async (tx) => {
    if (maintenance === null) await deleteSetting(tx, KEY_MAINTENANCE);
    else await writeSetting(tx, KEY_MAINTENANCE, JSON.stringify(maintenance), ctx.now().toISOString());
    await auditAdmin(tx, ctx, by, maintenance === null ? 'maintenance.off' : 'maintenance.on', 'national', {
      ...(maintenance ?? {}),
    });
  });
  cache.delete(ctx.store);
}

export async function setGatewayAuthMode(
  ctx: AppContext,
  mode: GatewayAuthMode,
  by: AdminActor = SYSTEM_ADMIN,
): Promise<void> {
  await inTransaction(ctx.store.db, async (tx) => {
    await writeSetting(tx, KEY_AUTH, mode, ctx.now().toISOString());
    await auditAdmin(tx, ctx, by, 'gateway_auth.set', 'national', { mode });
  });
  cache.delete(ctx.store);
}

export interface IssuedCredentials {
  readonly institutionCode: string;
  readonly accessKey: string;
  /** Shown once, to be handed to the institution; never returned again. */
  readonly secretKey: string;
}

/** Issues a new access key / secret key pair for an institution (the admin API and CLI call this). */
export async function issueInstitutionCredentials(
  ctx: AppContext,
  institutionCode: string,
  by: AdminActor = SYSTEM_ADMIN,
): Promise<Result<IssuedCredentials>> {
  return inTransaction(ctx.store.db, async (tx) => {
    const institution = await findInstitution(tx, institutionCode);
    if (institution === undefined) {
      return err(
        domainError(
          'INSTITUTION_UNKNOWN',
          `定点医药机构编号 “${institutionCode}” 未登记，请先导入机构信息再签发接入凭证。`,
          { field: 'institutionCode' },
        ),
      );
    }
    const pair = issueKeyPair();
    await insertCredential(tx, { ...pair, institutionCode, issuedAt: ctx.now().toISOString() });
    // The secret never enters the audit record; the access key names which pair was issued.
    await auditAdmin(tx, ctx, by, 'credentials.issue', institutionCode, { accessKey: pair.accessKey });
    return ok({ institutionCode, ...pair });
  });
}

/** The CSB gateway headers (_api_*), as received. */
export interface CsbHeaders {
  readonly accessKey: string | undefined;
  readonly apiName: string | undefined;
  readonly timestamp: string | undefined;
  readonly version: string | undefined;
  readonly signature: string | undefined;
}

const TIMESTAMP_WINDOW_MS = 30 * 60 * 1000;

function gatewayError(code: string, message: string): DomainError {
  return domainError(code, message, { field: 'gateway' });
}

/** Base64(HmacSHA1(secret, "_api_access_key=…&_api_name=…&_api_timestamp=…&_api_version=…")). */
export function csbSignature(
  secretKey: string,
  h: { accessKey: string; apiName: string; timestamp: string; version: string },
): string {
  const text = `_api_access_key=${h.accessKey}&_api_name=${h.apiName}&_api_timestamp=${h.timestamp}&_api_version=${h.version}`;
  return createHmac('sha1', secretKey).update(text, 'utf8').digest('base64');
}

/**
 * Verifies CSB headers: all present, timestamp within 30 minutes, the access key active, the signature
 * right, and the key's institution the one named in the envelope. Returns the institution code.
 */
export async function verifyCsbHeaders(
  ctx: AppContext,
  headers: CsbHeaders,
  envelopeInstitutionCode: string,
): Promise<Result<string>> {
  const { accessKey, apiName, timestamp, version, signature } = headers;
  if (!accessKey || !apiName || !timestamp || !version || !signature) {
    return err(
      gatewayError(
        'GATEWAY_HEADERS_MISSING',
        '缺少服务网关的请求头：请在请求头中提供 _api_access_key、_api_name、_api_timestamp、_api_version 和 _api_signature。',
      ),
    );
  }
  const ts = Number(timestamp);
  if (!/^\d{13}$/.test(timestamp) || Math.abs(ctx.now().getTime() - ts) > TIMESTAMP_WINDOW_MS) {
    return err(
      gatewayError(
        'GATEWAY_TIMESTAMP_EXPIRED',
        '签名时间戳超时：_api_timestamp 须为 13 位毫秒时间戳，且与服务器时间相差不超过 30 分钟，请校准本机时间后重试。',
      ),
    );
  }
  const credential = await findCredential(ctx.store.db, accessKey);
  if (credential === undefined || credential.revokedAt !== null) {
    return err(
      gatewayError('GATEWAY_UNKNOWN_KEY', '非法用户：_api_access_key 不存在或已停用，请核对接入凭证。'),
    );
  }
  const expected = Buffer.from(
    csbSignature(credential.secretKey, { accessKey, apiName, timestamp, version }),
  );
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return err(
      gatewayError(
        'GATEWAY_SIGNATURE_MISMATCH',
        '签名不一致：请用接入凭证的密钥按 HmacSHA1 对 _api_access_key、_api_name、_api_timestamp、_api_version 重新计算 _api_signature。',
      ),
    );
  }
  if (credential.institutionCode !== envelopeInstitutionCode) {
    return err(
      gatewayError(
        'GATEWAY_INSTITUTION_MISMATCH',
        `接入凭证属于机构 ${credential.institutionCode}，与报文中的定点医药机构编号 «institutionCode» 不一致，请使用本机构的接入凭证。`,
      ),
    );
  }
  return ok(credential.institutionCode);
}
