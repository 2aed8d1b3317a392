/**
 * 门慢特病种目录 — diseases, each region's one-to-one local codes (R-C1) and the regions' own T-1
 * screening lists (R-C5). An import replaces mappings and rules wholesale inside the caller's transaction;
 * diseases are upserted, never deleted, because qualifications and history refer to them.
 */
import type {
  ChronicCatalog,
  ChronicDisease,
  DiseaseMapping,
  GrantMode,
  ScreeningRule,
} from '../../core/chronic/types.ts';
import type { Executor } from './executor.ts';

type DiseaseRow = {
  code: string;
  name: string;
  category_name: string;
  grant_mode: string;
  cross_province: number;
  icd10: string;
};

function toDisease(row: DiseaseRow): ChronicDisease {
  return {
    code: row.code,
    name: row.name,
    categoryName: row.category_name,
    grantMode: row.grant_mode as GrantMode,
    crossProvince: row.cross_province === 1,
    icd10: JSON.parse(row.icd10) as string[],
  };
}

export async function replaceChronicCatalog(
  db: Executor,
  catalog: ChronicCatalog,
  now: string,
): Promise<void> {
  for (const d of catalog.diseases) {
    const values = {
      name: d.name,
      category_name: d.categoryName,
      grant_mode: d.grantMode,
      cross_province: d.crossProvince ? 1 : 0,
      icd10: JSON.stringify(d.icd10),
      catalog_version: catalog.version,
      updated_at: now,
    };
    await db
      .insertInto('chronic_diseases')
      .values({ code: d.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }
  await db.deleteFrom('chronic_disease_mappings').execute();
  for (let i = 0; i < catalog.mappings.length; i += 200) {
    const chunk = catalog.mappings.slice(i, i + 200);
    await db
      .insertInto('chronic_disease_mappings')
      .values(
        chunk.map((m) => ({
          region_code: m.regionCode,
          local_code: m.localCode,
          local_name: m.localName,
          disease_code: m.diseaseCode,
        })),
      )
      .execute();
  }
  await db.deleteFrom('chronic_screening_rules').execute();
  for (const r of catalog.screeningRules) await upsertScreeningRule(db, r, 'catalog-import', now);
}

export async function upsertScreeningRule(
  db: Executor,
  rule: ScreeningRule,
  actor: string,
  now: string,
): Promise<void> {
  const values = { icd10: JSON.stringify(rule.icd10), updated_at: now, updated_by: actor };
  await db
    .insertInto('chronic_screening_rules')
    .values({ region_code: rule.regionCode, disease_code: rule.diseaseCode, ...values })
    .onConflict((oc) => oc.columns(['region_code', 'disease_code']).doUpdateSet(values))
    .execute();
}

export async function countChronicDiseases(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('chronic_diseases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listChronicDiseases(db: Executor): Promise<ChronicDisease[]> {
  const rows = await db.selectFrom('chronic_diseases').selectAll().orderBy('code').execute();
  return rows.map(toDisease);
}

export async function findChronicDisease(db: Executor, code: string): Promise<ChronicDisease | undefined> {
  const row = await db.selectFrom('chronic_diseases').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toDisease(row);
}

export async function listDiseaseMappings(db: Executor, regionCode?: string): Promise<DiseaseMapping[]> {
  let query = db.selectFrom('chronic_disease_mappings').selectAll();
  if (regionCode !== undefined) query = query.where('region_code', '=', regionCode);
  const rows = await query.orderBy('region_code').orderBy('local_code').execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    localCode: r.local_code,
    localName: r.local_name,
    diseaseCode: r.disease_code,
  }));
}

/** The national code for a code given either way: a national code as is, or a region's local code. */
export async function resolveNationalCode(
  db: Executor,
  regionCode: string,
  code: string,
): Promise<string | undefined> {
  const national = await db
    .selectFrom('chronic_diseases')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (national) return national.code;
  const local = await db
    .selectFrom('chronic_disease_mappings')
    .select('disease_code')
    .where('region_code', '=', regionCode)
    .where('local_code', '=', code)
    .executeTakeFirst();
  return local?.disease_code;
}

export async function localCodeOf(
  db: Executor,
  regionCode: string,
  diseaseCode: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('chronic_disease_mappings')
    .select('local_code')
    .where('region_code', '=', regionCode)
    .where('disease_code', '=', diseaseCode)
    .executeTakeFirst();
  return row?.local_code ?? null;
}

export async function listScreeningRules(db: Executor): Promise<ScreeningRule[]> {
  const rows = await db.selectFrom('chronic_screening_rules').selectAll().execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    diseaseCode: r.disease_code,
    icd10: JSON.parse(r.icd10) as string[],
  }));
}
