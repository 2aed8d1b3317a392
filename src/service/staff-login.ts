/**
 * 经办人员登录 — agency staff log in with a username and password; the account's region scopes every
 * console query on the server. Passwords are kept as scrypt hashes with a per-account salt.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import type { AppContext } from './context.ts';
import { openSession, type WebSession } from './web-session.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const StaffLoginErrorCode = {
  Invalid: 'STAFF_LOGIN_INVALID',
} as const;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const given = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(given, expected);
}

export interface StaffProfile {
  readonly username: string;
  readonly name: string;
  readonly regionCode: string;
  readonly regionName: string;
}

export async function loginStaff(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<Result<{ token: string; session: WebSession; profile: StaffProfile }>> {
  const invalid = err(
    domainError(
      StaffLoginErrorCode.Invalid,
      '用户名或密码不正确，请核对后重试；忘记密码请联系本经办机构管理员。',
      {
        field: 'password',
      },
    ),
  );
  const row = await ctx.store.db
    .selectFrom('staff_accounts')
    .innerJoin('regions', 'regions.code', 'staff_accounts.region_code')
    .select([
      'staff_accounts.username',
      'staff_accounts.name',
      'staff_accounts.region_code',
      'staff_accounts.password_hash',
      'staff_accounts.disabled_at',
      'regions.name as region_name',
    ])
    .where('staff_accounts.username', '=', username.trim())
    .executeTakeFirst();
  if (row === undefined || row.disabled_at !== null) return invalid;
  if (!(await passwordMatches(password, row.password_hash))) return invalid;
  const opened = await openSession(
    ctx,
    { role: 'staff', subject: row.username, regionCode: row.region_code },
    ctx.now(),
  );
  return ok({
    ...opened,
    profile: {
      username: row.username,
      name: row.name,
      regionCode: row.region_code,
      regionName: row.region_name,
    },
  });
}

export async function staffProfile(ctx: AppContext, username: string): Promise<StaffProfile | undefined> {
  const row = await ctx.store.db
    .selectFrom('staff_accounts')
    .innerJoin('regions', 'regions.code', 'staff_accounts.region_code')
    .select([
      'staff_accounts.username',
      'staff_accounts.name',
      'staff_accounts.region_code',
      'regions.name as rn',
    ])
    .where('staff_accounts.username', '=', username)
    .executeTakeFirst();
  return row && { username: row.username, name: row.name, regionCode: row.region_code, regionName: row.rn };
}

/** Creates (or leaves alone) one staff account; for seeding and the admin CLI. */
export async function ensureStaffAccount(
  ctx: AppContext,
  account: { username: string; name: string; regionCode: string; password: string },
): Promise<boolean> {
  const existing = await ctx.store.db
    .selectFrom('staff_accounts')
    .select('username')
    .where('username', '=', account.username)
    .executeTakeFirst();
  if (existing) return false;
  await ctx.store.db
    .insertInto('staff_accounts')
    .values({
      username: account.username,
      name: account.name,
      region_code: account.regionCode,
      password_hash: await hashPassword(account.password),
      created_at: ctx.now().toISOString(),
      disabled_at: null,
    })
    .execute();
  return true;
}

/** Demo credentials of a region's staff account: username `staff<region>`, password `demo<region>`. */
export function demoStaffCredentials(regionCode: string): { username: string; password: string } {
  return { username: `staff${regionCode}`, password: `demo${regionCode}` };
}

/**
 * 演示经办账号 — one staff account per region in the store (call after the demo data is seeded).
 * Idempotent. The passwords are public demo values: never call this on a production store.
 */
export async function seedDemoStaffAccounts(ctx: AppContext): Promise<string[]> {
  const regions = await ctx.store.db.selectFrom('regions').select(['code', 'name']).orderBy('code').execute();
  const created: string[] = [];
  for (const region of regions) {
    const { username, password } = demoStaffCredentials(region.code);
    const made = await ensureStaffAccount(ctx, {
      username,
      name: `${region.name}医保经办演示账号`,
      regionCode: region.code,
      password,
    });
    if (made) created.push(username);
  }
  return created;
}
