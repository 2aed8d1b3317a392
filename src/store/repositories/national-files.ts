/** Files exchanged over the national interface (migration 0014): insert once, read by id. */
import type { Executor } from './executor.ts';

export type NationalFileOrigin = 'upload' | 'reconciliation_result';

export interface NationalFileInfo {
  readonly fileId: string;
  readonly institutionCode: string;
  readonly fileName: string;
  readonly origin: NationalFileOrigin;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly createdAt: string;
  readonly downloadUntil: string;
}

export async function insertNationalFile(
  db: Executor,
  file: NationalFileInfo & { readonly content: Uint8Array },
): Promise<void> {
  await db
    .insertInto('national_files')
    .values({
      file_id: file.fileId,
      institution_code: file.institutionCode,
      file_name: file.fileName,
      origin: file.origin,
      content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      created_at: file.createdAt,
      download_until: file.downloadUntil,
    })
    .execute();
}

/** The file's description without its content. */
export async function findNationalFile(db: Executor, fileId: string): Promise<NationalFileInfo | undefined> {
  const row = await db
    .selectFrom('national_files')
    .select([
      'file_id',
      'institution_code',
      'file_name',
      'origin',
      'size_bytes',
      'sha256',
      'created_at',
      'download_until',
    ])
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    fileId: row.file_id,
    institutionCode: row.institution_code,
    fileName: row.file_name,
    origin: row.origin,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
    downloadUntil: row.download_until,
  };
}

export async function readNationalFileContent(db: Executor, fileId: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('national_files')
    .select('content')
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return row === undefined ? undefined : new Uint8Array(row.content);
}
