/**
 * Material files of a claim (R-R1): metadata plus content, as base64 JSON or a multipart upload
 * translated by the edge. Kept in the database (append-only rows), so a backup of the store is a
 * backup of the claim. Each file names the list item it provides.
 */
import { createHash, randomUUID } from 'node:crypto';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import type { StoredMaterial } from '../../store/repositories/reimbursement-claims.ts';
import { ReimbursementServiceErrorCode } from './errors.ts';

export interface MaterialFileInput {
  /** The list item this file provides, e.g. 'RECEIPT'. */
  readonly itemCode: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly contentBase64: string;
}

export const MATERIAL_MAX_BYTES = 5 * 1024 * 1024;
export const MATERIAL_MIME_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function invalid(field: string, message: string) {
  return err(domainError(ReimbursementServiceErrorCode.MaterialInvalid, message, { ruleId: 'R-R1', field }));
}

export type DecodedMaterial = StoredMaterial & { readonly contentBase64: string };

export function decodeMaterials(
  files: readonly MaterialFileInput[],
  owner: { claimId: string; psnNo: string; at: string; by: string },
): Result<DecodedMaterial[]> {
  const out: DecodedMaterial[] = [];
  for (const [i, f] of files.entries()) {
    const at = `materials[${i}]`;
    if (!MATERIAL_MIME_TYPES.includes(f.mimeType)) {
      return invalid(
        `${at}.mimeType`,
        `材料“${f.fileName}”的格式 ${f.mimeType} 不受支持，请上传 PDF、JPEG 或 PNG 文件。`,
      );
    }
    const content = f.contentBase64.replace(/\s/g, '');
    if (!BASE64.test(content) || content.length % 4 !== 0 || content.length === 0) {
      return invalid(`${at}.contentBase64`, `材料“${f.fileName}”的内容不是有效的 Base64 编码，请重新上传。`);
    }
    const bytes = Buffer.from(content, 'base64');
    if (bytes.length > MATERIAL_MAX_BYTES) {
      return invalid(`${at}.contentBase64`, `材料“${f.fileName}”超过 5 MB，请压缩或分页后上传。`);
    }
    out.push({
      materialId: `RM${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
      claimId: owner.claimId,
      psnNo: owner.psnNo,
      itemCode: f.itemCode,
      fileName: f.fileName.trim().slice(0, 200) || `材料${i + 1}`,
      mimeType: f.mimeType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentBase64: content,
      uploadedAt: owner.at,
      uploadedBy: owner.by,
    });
  }
  return ok(out);
}
