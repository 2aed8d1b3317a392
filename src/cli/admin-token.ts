/**
 * Where the administrator's token comes from: YIBAO_ADMIN_TOKEN, else a token generated on first start
 * and kept in `<data dir>/admin-token` (mode 0600), so the operator can read it and restarts keep it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function resolveAdminToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.YIBAO_ADMIN_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
