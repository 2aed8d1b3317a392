/** Gateway credentials (access key / secret key) of institutions, for CSB HMAC header signing. */
import type { Executor } from './executor.ts';

export interface InstitutionCredential {
  readonly accessKey: string;
  readonly institutionCode: string;
  readonly secretKey: string;
  readonly revokedAt: string | null;
}

export interface NewCredential {
  readonly accessKey: string;
  readonly institutionCode: string;
  readonly secretKey: string;
  readonly issuedAt: string;
}

function newCredentialRow(row: NewCredential) {
  return {
    access_key: row.accessKey,
    institution_code: row.institutionCode,
    secret_key: row.secretKey,
    issued_at: row.issuedAt,
    revoked_at: null,
  };
}

export async function insertCredential(db: Executor, row: NewCredential): Promise<void> {
  await db.insertInto('institution_credentials').values(newCredentialRow(row)).execute();
}

/** Inserts a credential pair unless the access key exists (demo seeding). True when inserted. */
export async function ensureCredential(db: Executor, row: NewCredential): Promise<boolean> {
  const inserted = await db
    .insertInto('institution_credentials')
    .values(newCredentialRow(row))
    .onConflict((oc) => oc.column('access_key').doNothing())
    .returning('access_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Marks an access key revoked (no effect when unknown or already revoked). True when it changed. */
export async function revokeCredential(db: Executor, accessKey: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('institution_credentials')
    .set({ revoked_at: at })
    .where('access_key', '=', accessKey)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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
