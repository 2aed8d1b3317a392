/** Gateway credentials (access key / secret key) of institutions, for CSB HMAC header signing. */
import type { Executor } from './executor.ts';

export interface InstitutionCredential {
  readonly accessKey: string;
  readonly institutionCode: string;
  readonly secretKey: string;
  readonly revokedAt: string | null;
}

export async function insertCredential(
  db: Executor,
  row: { accessKey: string; institutionCode: string; secretKey: string; issuedAt: string },
): Promise<void> {
  await db
    .insertInto('institution_credentials')
    .values({
      access_key: row.accessKey,
      institution_code: row.institutionCode,
      secret_key: row.secretKey,
      issued_at: row.issuedAt,
      revoked_at: null,
    })
    .execute();
}

export async function findCredential(
  db: Executor,
  accessKey: string,
): Promise<InstitutionCredential | undefined> {
  const row = await db
    .selectFrom('institution_credentials')
    .selectAll()
    .where('access_key', '=', accessKey)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        accessKey: row.access_key,
        institutionCode: row.institution_code,
        secretKey: row.secret_key,
        revokedAt: row.revoked_at,
      };
}
