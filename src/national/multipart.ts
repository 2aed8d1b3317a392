/**
 * 9101 as multipart/form-data (§1.4, the baseline demo and openhis-itaii): a text part `jsonStr` with
 * the envelope and a binary part `file` (or `in`) with the ZIP. The file is put where the pure-JSON
 * variant carries it (input.fsUploadIn.in, Base64; filename from the part when the envelope has none),
 * so all three variants are one request to the contract — and hash alike for idempotency.
 */
import type { FastifyRequest } from 'fastify';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { FILE_MAX_BYTES, fileErrors } from '../service/his/exchange-files.ts';
import { absent } from './envelope.ts';

export const MULTIPART_LIMITS = { fileSize: FILE_MAX_BYTES, files: 3, fields: 10, fieldSize: 1024 * 1024 };

const multipartInvalid = (detail: string) =>
  err(
    domainError(
      'MULTIPART_INVALID',
      `multipart/form-data 请求无法读取（${detail}）：请以文本部分 jsonStr 发送交易报文、以文件部分 file（或 in）发送 ZIP 文件。`,
      { field: 'input' },
    ),
  );

export async function readMultipartBody(request: FastifyRequest): Promise<Result<unknown>> {
  let json: string | null = null;
  let file: { content: Buffer; fileName: string } | null = null;
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'jsonStr') json = content.toString('utf8');
        else if (part.fieldname === 'file' || part.fieldname === 'in') {
          file = { content, fileName: part.filename };
        }
      } else if (part.fieldname === 'jsonStr') {
        json = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return err(fileErrors.tooLarge(null));
    return multipartInvalid(typeof code === 'string' ? code : '格式错误');
  }
  if (json === null) return multipartInvalid('缺少文本部分 jsonStr');
  let body: unknown;
  try {
    body = JSON.parse(json.trim());
  } catch {
    return multipartInvalid('jsonStr 不是合法的 JSON');
  }
  if (file === null || body === null || typeof body !== 'object' || Array.isArray(body)) return ok(body);
  const envelope = body as Record<string, unknown>;
  const input = (envelope.input ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ok(body);
  const node = (input.fsUploadIn ?? {}) as Record<string, unknown>;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return ok(body);
  return ok({
    ...envelope,
    input: {
      ...input,
      fsUploadIn: {
        ...node,
        in: file.content.toString('base64'),
        filename: absent(node.filename) ? file.fileName : node.filename,
      },
    },
  });
}
