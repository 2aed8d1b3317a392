/**
 * The national file format (§1.3): a ZIP of UTF-8 TXT files, TAB-separated, one record per line,
 * columns in the documented order, empty values as `null`. Reading checks the archive before anything
 * is inflated: at most 20 entries and 64 MB declared uncompressed (a small ZIP can hold a bomb), and
 * jszip verifies each entry's size and CRC-32 as it inflates.
 */
import JSZip from 'jszip';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';

const MAX_ENTRIES = 20;
const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

export interface ZipText {
  readonly name: string;
  readonly text: string;
}

export const zipInvalid = (detail: string): DomainError =>
  domainError(
    'FILE_ZIP_INVALID',
    `文件 in 不是可读取的 ZIP 压缩包（${detail}）：请将 UTF-8 编码、TAB 分隔的 TXT 文件压缩为 ZIP 后重新上传。`,
    { field: 'in' },
  );

interface LoadedEntry {
  readonly name: string;
  readonly dir: boolean;
  async(type: 'string'): Promise<string>;
  readonly _data?: { readonly uncompressedSize?: number };
}

async function open(bytes: Uint8Array): Promise<Result<LoadedEntry[]>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    return err(zipInvalid('压缩包损坏或格式不符'));
  }
  const entries = (Object.values(zip.files) as unknown as LoadedEntry[]).filter((e) => !e.dir);
  if (entries.length === 0) return err(zipInvalid('压缩包内没有文件'));
  if (entries.length > MAX_ENTRIES) return err(zipInvalid(`压缩包内文件超过 ${MAX_ENTRIES} 个`));
  const declared = entries.reduce((sum, e) => sum + (e._data?.uncompressedSize ?? 0), 0);
  if (declared > MAX_UNCOMPRESSED_BYTES) return err(zipInvalid('解压后超过 64 MB'));
  return ok(entries);
}

/** Whether the bytes are a readable, non-empty ZIP (9101 accepts nothing else). */
export async function checkZip(bytes: Uint8Array): Promise<Result<void>> {
  const entries = await open(bytes);
  return entries.ok ? ok(undefined) : entries;
}

/** The archive's .txt entries (name order), decoded as UTF-8 without a BOM. */
export async function readZipTexts(bytes: Uint8Array): Promise<Result<ZipText[]>> {
  const entries = await open(bytes);
  if (!entries.ok) return entries;
  const texts = entries.value
    .filter((e) => e.name.toLowerCase().endsWith('.txt'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (texts.length === 0) return err(zipInvalid('压缩包内没有 .txt 文件'));
  const out: ZipText[] = [];
  for (const entry of texts) {
    try {
      out.push({ name: entry.name, text: (await entry.async('string')).replace(/^\uFEFF/, '') });
    } catch {
      return err(zipInvalid(`${entry.name} 解压失败`));
    }
  }
  return ok(out);
}

/** One TXT file in a ZIP (DEFLATE), dated `at` so the same content gives the same bytes. */
export async function writeZipText(name: string, text: string, at: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(name, text, { date: at });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Splits a TXT file into rows of TAB-separated cells; `null` and empty cells become ''. */
export function tabRows(text: string): { line: number; cells: string[] }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, raw }))
    .filter((r) => r.raw.trim() !== '')
    .map((r) => ({
      line: r.line,
      cells: r.raw.split('\t').map((c) => {
        const v = c.trim();
        return v === 'null' || v === 'NULL' ? '' : v;
      }),
    }));
}

/** One TXT record: cells TAB-joined, empty values as `null`, TAB and line breaks inside a cell as spaces. */
export function tabLine(cells: readonly (string | null)[]): string {
  return cells.map((c) => (c === null || c === '' ? 'null' : c.replace(/[\t\r\n]+/g, ' '))).join('\t');
}
