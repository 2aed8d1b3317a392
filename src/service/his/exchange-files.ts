/**
 * Files an institution exchanges with the platform (national 9101 文件上传 / 9102 文件下载, and the
 * result files 3202 writes). A file belongs to one institution: another institution's file is answered
 * exactly like a missing one. Files are immutable, so a download replayed under its msgid sends the
 * same bytes. Downloads are open until `downloadUntil` (FILE_KEEP_DAYS after the upload).
 */
import { createHash } from 'node:crypto';
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import {
  findNationalFile,
  insertNationalFile,
  type NationalFileInfo,
  type NationalFileOrigin,
  readNationalFileContent,
} from '../../store/repositories/national-files.ts';
import type { AppContext } from '../context.ts';
import { chinaTime } from './clock.ts';
import { issueId } from './ids.ts';
import type { HisEnv, HisUseCase } from './message.ts';

/** Largest file accepted (the ZIP's bytes). */
export const FILE_MAX_BYTES = 8 * 1024 * 1024;
export const FILE_KEEP_DAYS = 30;

export type StoredFile = NationalFileInfo;

const F = (field: string) => `«${field}»`;

export const fileErrors = {
  notFound: (fileId: string): DomainError =>
    domainError(
      'FILE_NOT_FOUND',
      `文件查询号 ${F('fileId')} “${fileId}” 不存在或不属于本机构：请填写本机构 9101 上传或 3202 返回的文件查询号。`,
      { field: 'fileId' },
    ),
  nameMismatch: (fileId: string, given: string): DomainError =>
    domainError(
      'FILE_NOT_FOUND',
      `文件查询号 ${F('fileId')} “${fileId}” 对应的文件名不是 “${given}”：请填写上传或对账时返回的文件名 ${F('fileName')}，或不填。`,
      { field: 'fileName' },
    ),
  expired: (fileId: string, until: string): DomainError =>
    domainError(
      'FILE_DOWNLOAD_EXPIRED',
      `文件查询号 ${F('fileId')} “${fileId}” 的下载截止时间 ${until} 已过，文件不再提供：请重新上传或重新对账。`,
      { field: 'fileId' },
    ),
  /** `size` null when the upload was cut off at the limit (multipart). */
  tooLarge: (size: number | null): DomainError =>
    domainError(
      'FILE_TOO_LARGE',
      `文件 ${F('fileContent')} ${size === null ? '' : `大小 ${size} 字节，`}超过上限 ${FILE_MAX_BYTES} 字节（${FILE_MAX_BYTES / 1024 / 1024} MB）：请按日期拆分后分批上传。`,
      { field: 'fileContent' },
    ),
};

/** Stores a file of the calling institution; the id is the 文件查询号 (C30). */
export async function storeFile(
  env: HisEnv,
  origin: NationalFileOrigin,
  fileName: string,
  content: Uint8Array,
): Promise<StoredFile> {
  const now = env.ctx.now();
  const info: StoredFile = {
    fileId: issueId(env.institution.regionCode, env.now.compactMs),
    institutionCode: env.institution.code,
    fileName,
    origin,
    sizeBytes: content.byteLength,
    sha256: createHash('sha256').update(content).digest('hex'),
    createdAt: env.now.dateTime,
    downloadUntil: chinaTime(new Date(now.getTime() + FILE_KEEP_DAYS * 86_400_000)).dateTime,
  };
  await insertNationalFile(env.tx, { ...info, content });
  return info;
}

/** The calling institution's own file, still downloadable; anything else is "not found". */
export async function findOwnFile(
  env: HisEnv,
  fileId: string,
  origin?: NationalFileOrigin,
): Promise<Result<StoredFile>> {
  const file = await findNationalFile(env.tx, fileId);
  if (file === undefined || file.institutionCode !== env.institution.code) {
    return err(fileErrors.notFound(fileId));
  }
  if (origin !== undefined && file.origin !== origin) return err(fileErrors.notFound(fileId));
  if (file.downloadUntil < env.now.dateTime) return err(fileErrors.expired(fileId, file.downloadUntil));
  return ok(file);
}

export async function readOwnFileContent(env: HisEnv, file: StoredFile): Promise<Uint8Array> {
  const content = await readNationalFileContent(env.tx, file.fileId);
  if (content === undefined) throw new Error(`file ${file.fileId} vanished inside its transaction`);
  return content;
}

export interface FileUpload {
  readonly fileName: string;
  readonly content: Uint8Array;
}

/** 9101: the (already checked) file, stored for the institution. */
export const uploadFile: HisUseCase<FileUpload, StoredFile> = async (env, upload) => {
  if (upload.content.byteLength > FILE_MAX_BYTES) return err(fileErrors.tooLarge(upload.content.byteLength));
  return ok(await storeFile(env, 'upload', upload.fileName, upload.content));
};

export interface FileDownload {
  readonly fileId: string;
  /** When given, it must be the stored name. */
  readonly fileName: string | null;
}

/** 9102: grants the download of the institution's own file; the bytes are read after the message. */
export const grantFileDownload: HisUseCase<FileDownload, StoredFile> = async (env, request) => {
  const file = await findOwnFile(env, request.fileId);
  if (!file.ok) return file;
  if (request.fileName !== null && request.fileName !== file.value.fileName) {
    return err(fileErrors.nameMismatch(request.fileId, request.fileName));
  }
  return file;
};

/**
 * The content of a file whose download was granted (or replayed) under a msgid. Files never change,
 * so the bytes are those of the first answer.
 */
export async function readGrantedFile(ctx: AppContext, fileId: string): Promise<Uint8Array | undefined> {
  return readNationalFileContent(ctx.store.db, fileId);
}
