/**
 * 手工报销材料清单 as data (R-R1): each region's published list, imported from JSON (data/materials/ has
 * the demo lists, one file per region). An import replaces the named regions' lists whole, all or
 * nothing, and is audited. Claims read the list of the person's insured region.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { err, ok, type Result } from '../../core/errors.ts';
import { type MaterialList, validateMaterialList } from '../../core/reimbursement/index.ts';
import type { Store } from '../../store/database.ts';
import {
  countMaterialLists,
  readMaterialList,
  replaceMaterialList,
} from '../../store/repositories/reimbursement-claims.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';

export const DEFAULT_MATERIALS_DIR = fileURLToPath(new URL('../../../data/materials/', import.meta.url));
const SEED_LOCK_KEY = 7_242_007;

export interface MaterialListImportSummary {
  readonly regions: readonly string[];
  readonly itemCount: number;
}

/** Validates every document first; nothing is written unless all are valid. */
export function validateMaterialLists(raw: readonly unknown[]): Result<MaterialList[]> {
  const lists: MaterialList[] = [];
  for (const [i, doc] of raw.entries()) {
    const list = validateMaterialList(doc);
    if (!list.ok) {
      const field = raw.length === 1 ? list.error.field : `[${i}].${list.error.field ?? ''}`;
      return err({ ...list.error, ...(field === undefined ? {} : { field }) });
    }
    lists.push(list.value);
  }
  return ok(lists);
}

export async function importMaterialLists(
  ctx: AppContext,
  raw: readonly unknown[],
  actor: { id: string; role: 'admin' | 'system'; requestId?: string | null },
): Promise<Result<MaterialListImportSummary>> {
  const lists = validateMaterialLists(raw);
  if (!lists.ok) return lists;
  const now = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    for (const list of lists.value) await replaceMaterialList(tx, list, now, actor.id);
    await appendAudit(tx, ctx.store.dialect, {
      at: now,
      actor: actor.id,
      role: actor.role,
      action: 'reimbursement.materials.import',
      subject: lists.value.map((l) => l.regionCode).join(','),
      requestId: actor.requestId ?? null,
      detail: {
        regions: lists.value.map((l) => ({ regionCode: l.regionCode, items: l.items.map((i) => i.code) })),
      },
    });
    return ok({
      regions: lists.value.map((l) => l.regionCode),
      itemCount: lists.value.reduce((n, l) => n + l.items.length, 0),
    });
  });
}

export async function readMaterialListFiles(dir: string = DEFAULT_MATERIALS_DIR): Promise<unknown[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as unknown));
}

/** Loads the demo lists when none was ever imported (first start, tests). Safe under concurrent starters. */
export async function seedMaterialListsIfEmpty(
  ctx: Pick<AppContext, 'store' | 'now'>,
  dir: string = DEFAULT_MATERIALS_DIR,
): Promise<number> {
  const docs = await readMaterialListFiles(dir);
  const lists = validateMaterialLists(docs);
  if (!lists.ok) throw new Error(`bundled material lists are invalid: ${lists.error.message}`);
  const store: Store = ctx.store;
  const now = ctx.now().toISOString();
  return store.db.transaction().execute(async (tx) => {
    if (store.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(tx);
    if ((await countMaterialLists(tx)) > 0) return 0;
    for (const list of lists.value) await replaceMaterialList(tx, list, now, 'system');
    return lists.value.length;
  });
}

/** The published list of a region, for the person's "what must I bring" page. */
export async function materialListOf(ctx: AppContext, regionCode: string): Promise<MaterialList | undefined> {
  return readMaterialList(ctx.store.db, regionCode);
}
