/**
 * Small helpers shared by the person's case pages (门慢特申请、手工报销、关系转移): reading an uploaded
 * file as base64 for the JSON APIs, and showing server timestamps in China time.
 */

/** Types the servers accept for diagnosis and claim materials, and the size each file may have. */
export const MATERIAL_ACCEPT = 'application/pdf,image/jpeg,image/png';
export const MATERIAL_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const MATERIAL_MAX_BYTES = 1_048_576;

export interface Base64File {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** The file's bytes as base64 (without the data: prefix), with its name and type. */
export function readAsBase64(file: File): Promise<Base64File> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`无法读取文件“${file.name}”，请重新选择。`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({
        fileName: file.name,
        mimeType: file.type,
        contentBase64: url.slice(url.indexOf(',') + 1),
      });
    };
    reader.readAsDataURL(file);
  });
}

/** A check before upload, in the words the person needs: type and size. Undefined when the file is fine. */
export function materialProblem(file: File): string | undefined {
  if (!MATERIAL_MIME_TYPES.includes(file.type)) return `“${file.name}”不是 PDF、JPG 或 PNG 文件。`;
  if (file.size > MATERIAL_MAX_BYTES) return `“${file.name}”超过 1 MB，请压缩后再上传。`;
  return undefined;
}

/** 'YYYY-MM-DD HH:mm' in China time for an ISO timestamp; a bare date stays as it is. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "剩 N 个工作日" / "已逾期" for a deadline clock. */
export function daysLeftText(clock: { workingDaysLeft: number; overdue: boolean }): string {
  return clock.overdue ? '已逾期' : `剩 ${clock.workingDaysLeft} 个工作日`;
}
