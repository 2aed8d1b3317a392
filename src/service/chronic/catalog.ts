/**
 * 门慢特病种目录 import and reads. An import is validated whole and applied in one transaction
 * (all or nothing); the seed loads data/chronic/catalog.json into an empty store once.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type CatalogRejection, validateChronicCatalog } from '../../core/chronic/catalog.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { parseIcdPattern } from '../../core/chronic/icd.ts';
import type { ChronicDisease, DiseaseMapping, ScreeningRule } from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import type { Store } from '../../store/database.ts';
import {
  countChronicDiseases,
  findChronicDisease,
  listChronicDiseases,
  listDiseaseMappings,
  listScreeningRules,
  replaceChronicCatalog,
  upsertScreeningRule,
} from '../../store/repositories/chronic-catalog.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { type ChronicCaller, outOfScope } from './support.ts';

export const DEFAULT_CHRONIC_CATALOG = fileURLToPath(
  new URL('../../../data/chronic/catalog.json', import.meta.url),
);

export interface CatalogImportSummary {
  readonly version: string;
  readonly diseases: number;
  readonly mappings: number;
  readonly screeningRules: number;
}

export async function importChronicCatalog(
  ctx: AppContext,
  document: unknown,
  caller: ChronicCaller,
): Promise<Result<CatalogImportSummary, CatalogRejection>> {
  const valid = validateChronicCatalog(document);
  if (!valid.ok) return valid;
  const catalog = valid.value;
  const now = ctx.now().toISOString();
  await inTransaction(ctx.store.db, async (tx) => {
    await replaceChronicCatalog(tx, catalog, now);
    await appendAudit(tx, ctx.store.dialect, {
      at: now,
      actor: caller.id,
      role: caller.role,
      action: 'chronic.catalog.import',
      subject: catalog.version,
      requestId: caller.requestId ?? null,
      detail: { diseases: catalog.diseases.length, mappings: catalog.mappings.length },
    });
  });
  return ok({
    version: catalog.version,
    diseases: catalog.diseases.length,
    mappings: catalog.mappings.length,
    screeningRules: catalog.screeningRules.length,
  });
}

/** Loads the repository's catalog when the store has none; called by the lead at start-up. */
export async function seedChronicCatalogIfEmpty(
  store: Store,
  file: string = DEFAULT_CHRONIC_CATALOG,
  now: () => Date = () => new Date(),
): Promise<{ seeded: boolean }> {
  if ((await countChronicDiseases(store.db)) > 0) return { seeded: false };
  const document: unknown = JSON.parse(await readFile(file, 'utf8'));
  const result = await importChronicCatalog({ store, now }, document, { id: 'seed', role: 'system' });
  // The shipped catalog failing validation is a bug in this repository, not a user error.
  if (!result.ok) throw new Error(`chronic catalog ${file} invalid: ${result.error.message}`);
  return { seeded: true };
}

export interface CatalogView {
  readonly diseases: readonly (ChronicDisease & {
    readonly localCode: string | null;
    readonly localName: string | null;
  })[];
  readonly screeningRules: readonly ScreeningRule[];
}

/** The catalog as a region sees it: every disease with the region's local code, and its screening lists. */
export async function chronicCatalogView(ctx: AppContext, regionCode?: string): Promise<CatalogView> {
  const db = ctx.store.db;
  const [diseases, mappings, rules] = await Promise.all([
    listChronicDiseases(db),
    regionCode ? listDiseaseMappings(db, regionCode) : Promise.resolve([] as DiseaseMapping[]),
    listScreeningRules(db),
  ]);
  const byDisease = new Map(mappings.map((m) => [m.diseaseCode, m]));
  return {
    diseases: diseases.map((d) => ({
      ...d,
      localCode: byDisease.get(d.code)?.localCode ?? null,
      localName: byDisease.get(d.code)?.localName ?? null,
    })),
    screeningRules: regionCode ? rules.filter((r) => r.regionCode === regionCode) : rules,
  };
}

/** A region changes the ICD-10 list of one disease for its T-1 screen (R-C5); an empty list stops screening it. */
export async function setScreeningRule(
  ctx: AppContext,
  rule: ScreeningRule,
  caller: ChronicCaller,
): Promise<Result<ScreeningRule>> {
  const scope = outOfScope(caller, rule.regionCode);
  if (scope) return err(scope);
  for (const [i, p] of rule.icd10.entries()) {
    const parsed = parseIcdPattern(p, `icd10[${i}]`);
    if (!parsed.ok) return parsed;
  }
  const now = ctx.now().toISOString();
  return inTransaction(ctx.store.db, async (tx) => {
    const disease = await findChronicDisease(tx, rule.diseaseCode);
    if (!disease) {
      return err(
        domainError(
          ChronicErrorCode.DiseaseUnknown,
          `病种编码 ${rule.diseaseCode} 不在门慢特病种目录中，请先导入目录。`,
          {
            field: 'diseaseCode',
          },
        ),
      );
    }
    await upsertScreeningRule(tx, rule, caller.id, now);
    await appendAudit(tx, ctx.store.dialect, {
      at: now,
      actor: caller.id,
      role: caller.role,
      action: 'chronic.screening_rule.set',
      subject: `${rule.regionCode}/${rule.diseaseCode}`,
      requestId: caller.requestId ?? null,
      detail: { icd10: rule.icd10 },
    });
    return ok(rule);
  });
}
