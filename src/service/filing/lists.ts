/**
 * Lists as data: each region's 无条件转诊转院病种目录 (R-F6) and 急危重病种标准 (R-F4), imported from a
 * JSON file (data/lists/ has the demo ones). An import replaces the named regions' lists whole, all or
 * nothing. Format (docs/filing.md):
 *   { "list": "unconditional_referral" | "critical_illness",
 *     "regions": [ { "regionCode": "341700", "entries": [ { "code": "C34.9", "name": "肺恶性肿瘤" } ] } ] }
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import type { Store } from '../../store/database.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import {
  countFilingListEntries,
  type FilingListEntry,
  type FilingListKind,
  readFilingList,
  replaceFilingList,
} from '../../store/repositories/filing-lists.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { FilingServiceErrorCode } from './errors.ts';
import { isObject } from './json-shape.ts';

export type { FilingListEntry, FilingListKind };

export const FILING_LIST_KINDS: readonly FilingListKind[] = ['unconditional_referral', 'critical_illness'];

export const filingListNames: Readonly<Record<FilingListKind, string>> = {
  unconditional_referral: '无条件转诊转院病种目录',
  critical_illness: '急危重病种标准',
};

export interface FilingListFile {
  readonly list: FilingListKind;
  readonly regions: readonly { readonly regionCode: string; readonly entries: readonly FilingListEntry[] }[];
}

const MAX_ENTRIES = 5000;
const SEED_LOCK_KEY = 7_242_003;

function invalid(field: string, message: string): DomainError {
  return domainError(FilingServiceErrorCode.ListInvalid, message, { ruleId: 'R-F6', field });
}

function checkEntries(raw: unknown, at: string): Result<FilingListEntry[]> {
  if (!Array.isArray(raw) || raw.length > MAX_ENTRIES) {
    return err(invalid(`${at}.entries`, `${at}.entries 须为病种数组（最多 ${MAX_ENTRIES} 项）。`));
  }
  const seen = new Set<string>();
  const entries: FilingListEntry[] = [];
  for (const [i, e] of raw.entries()) {
    const field = `${at}.entries[${i}]`;
    const code = isObject(e) && typeof e.code === 'string' ? e.code.trim() : '';
    const name = isObject(e) && typeof e.name === 'string' ? e.name.trim() : '';
    if (code === '' || code.length > 30)
      return err(invalid(`${field}.code`, `${field} 缺少病种代码 code（1–30 个字符）。`));
    if (name === '') return err(invalid(`${field}.name`, `${field}（${code}）缺少病种名称 name。`));
    if (seen.has(code))
      return err(invalid(`${field}.code`, `病种代码 ${code} 在同一统筹区的目录中重复，请只保留一项。`));
    seen.add(code);
    entries.push({ code, name });
  }
  return ok(entries);
}

/** Checks a list file as a whole; nothing is written unless every region and entry is valid. */
export function validateFilingListFile(raw: unknown): Result<FilingListFile> {
  if (!isObject(raw)) return err(invalid('list', '目录文件须为 JSON 对象：{"list": …, "regions": […]}。'));
  if (!FILING_LIST_KINDS.includes(raw.list as FilingListKind)) {
    return err(
      invalid(
        'list',
        `目录类型 list 须为 unconditional_referral（无条件转诊转院病种）或 critical_illness（急危重病种）。`,
      ),
    );
  }
  if (!Array.isArray(raw.regions) || raw.regions.length === 0) {
    return err(invalid('regions', 'regions 须为非空数组，每项包含 regionCode 和 entries。'));
  }
  const regions: FilingListFile['regions'][number][] = [];
  for (const [i, r] of raw.regions.entries()) {
    const at = `regions[${i}]`;
    const regionCode = isObject(r) && typeof r.regionCode === 'string' ? r.regionCode : '';
    if (!/^\d{6}$/.test(regionCode))
      return err(invalid(`${at}.regionCode`, `${at}.regionCode 须为 6 位统筹区代码（如 341700）。`));
    if (regions.some((x) => x.regionCode === regionCode)) {
      return err(invalid(`${at}.regionCode`, `统筹区 ${regionCode} 在文件中出现了不止一次，请合并为一项。`));
    }
    const entries = checkEntries(isObject(r) ? r.entries : undefined, at);
    if (!entries.ok) return entries;
    regions.push({ regionCode, entries: entries.value });
  }
  return ok({ list: raw.list as FilingListKind, regions });
}

async function writeFile(tx: Executor, file: FilingListFile, at: string): Promise<number> {
  let count = 0;
  for (const region of file.regions) {
    await replaceFilingList(tx, region.regionCode, file.list, region.entries, at);
    count += region.entries.length;
  }
  return count;
}

export interface FilingListImportSummary {
  readonly list: FilingListKind;
  readonly regions: readonly string[];
  readonly entries: number;
}

export async function importFilingLists(
  ctx: AppContext,
  raw: unknown,
  actor: { readonly id: string; readonly requestId?: string | null } = { id: 'admin' },
): Promise<Result<FilingListImportSummary>> {
  const checked = validateFilingListFile(raw);
  if (!checked.ok) return checked;
  const file = checked.value;
  const at = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    const entries = await writeFile(tx, file, at);
    const regions = file.regions.map((r) => r.regionCode);
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: actor.id,
      role: 'admin',
      action: 'filing.list.import',
      subject: file.list,
      requestId: actor.requestId ?? null,
      detail: { regions, entries },
    });
    return ok({ list: file.list, regions, entries });
  });
}

export async function filingList(
  ctx: Pick<AppContext, 'store'>,
  regionCode: string,
  list: FilingListKind,
): Promise<FilingListEntry[]> {
  return readFilingList(ctx.store.db, regionCode, list);
}

/** data/lists/ of this checkout. */
export const DEFAULT_LISTS_DIR = fileURLToPath(new URL('../../../data/lists/', import.meta.url));

/**
 * Loads data/lists/*.json into a store that has no list entries yet, in one transaction; a store
 * that already has lists (demo or an administrator's) is left alone. Called by start-up.
 */
export async function seedFilingListsIfEmpty(
  store: Store,
  options: { readonly dir?: string; readonly now?: Date } = {},
): Promise<{ readonly seeded: boolean; readonly entries: number }> {
  if ((await countFilingListEntries(store.db)) > 0) return { seeded: false, entries: 0 };
  const dir = options.dir ?? DEFAULT_LISTS_DIR;
  const files: FilingListFile[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const checked = validateFilingListFile(JSON.parse(await readFile(join(dir, name), 'utf8')));
    // The shipped lists are part of the product: an invalid one is a bug, fail loudly.
    if (!checked.ok) throw new Error(`${name}: ${checked.error.message}`);
    files.push(checked.value);
  }
  const at = (options.now ?? new Date()).toISOString();
  const result = await transact({ store }, async (tx) => {
    // Checked again inside the transaction, under a lock on PostgreSQL: two starters racing seed once.
    if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(tx);
    if ((await countFilingListEntries(tx)) > 0) return ok({ seeded: false, entries: 0 });
    let entries = 0;
    for (const file of files) entries += await writeFile(tx, file, at);
    return ok({ seeded: true, entries });
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
