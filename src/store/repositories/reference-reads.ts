/**
 * Reads of reference data for the settlement side: institutions, persons, the treatment region's
 * catalog and the insured region's policy versions, mapped to the core's reference types.
 */

import type { Selectable } from 'kysely';
import { fen } from '../../core/money/index.ts';
import type {
  AssistanceCategory,
  CatalogClass,
  CatalogKind,
  EmploymentStatus,
  InstitutionKind,
  InstitutionLevel,
  InsuranceType,
  InsuredStatus,
} from '../../core/reference/codes.ts';
import type { CatalogItem, Institution, Person } from '../../core/reference/types.ts';
import type { DialectName } from '../database.ts';
import type { DB } from '../schema.ts';
import type { Executor } from './executor.ts';

export async function findInstitution(db: Executor, code: string): Promise<Institution | undefined> {
  const row = await db.selectFrom('institutions').selectAll().where('code', '=', code).executeTakeFirst();
  return row === undefined ? undefined : toInstitution(row);
}

/** An institutions row as the core's Institution. */
export function toInstitution(row: Selectable<DB['institutions']>): Institution {
  return {
    code: row.code,
    name: row.name,
    regionCode: row.region_code,
    kind: row.kind as InstitutionKind,
    level: row.level as InstitutionLevel,
    crossRegionNetworked: row.cross_region_networked === 1,
    chronicDiseases: JSON.parse(row.chronic_diseases) as string[],
    employeeOutpatientPooling: row.employee_outpatient_pooling === 1,
  };
}

export async function findRegion(
  db: Executor,
  code: string,
): Promise<{ code: string; name: string; provinceCode: string } | undefined> {
  const row = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  return row === undefined ? undefined : { code: row.code, name: row.name, provinceCode: row.province_code };
}

type PersonRow = {
  psn_no: string;
  name: string;
  certificate_type: string;
  certificate_no: string;
  gender: string;
  birth_date: string;
  insured_region_code: string;
  insurance_type: string;
  employment: string;
  civil_servant: number;
  assistance_category: string;
  status: string;
  account_balance_fen: number;
};

function toPerson(row: PersonRow): Person {
  return {
    personNo: row.psn_no,
    name: row.name,
    certificateType: row.certificate_type,
    certificateNo: row.certificate_no,
    gender: row.gender,
    birthDate: row.birth_date,
    insuredRegionCode: row.insured_region_code,
    insuranceType: row.insurance_type as InsuranceType,
    employment: row.employment as EmploymentStatus,
    civilServant: row.civil_servant === 1,
    assistanceCategory: row.assistance_category as AssistanceCategory,
    status: row.status as InsuredStatus,
    accountBalanceFen: fen(Number(row.account_balance_fen)),
  };
}

export type PersonKey =
  | { readonly by: 'psn_no'; readonly value: string }
  | { readonly by: 'certificate_no'; readonly value: string }
  | { readonly by: 'social_security_card_no'; readonly value: string };

export async function findPerson(db: Executor, key: PersonKey): Promise<Person | undefined> {
  const row = await db.selectFrom('persons').selectAll().where(key.by, '=', key.value).executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

/**
 * Reads the person and, on PostgreSQL, locks the row until commit: every settlement of one person
 * serializes here, so accumulators and the account are read and written without lost updates.
 * SQLite needs no lock: its write transactions (BEGIN IMMEDIATE) already run one at a time.
 */
export async function lockPerson(
  db: Executor,
  dialect: DialectName,
  psnNo: string,
): Promise<Person | undefined> {
  let query = db.selectFrom('persons').selectAll().where('psn_no', '=', psnNo);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

/** The treatment region's catalog entries for the given codes (all versions; the core picks by date). */
export async function findCatalogItems(
  db: Executor,
  regionCode: string,
  codes: readonly string[],
): Promise<CatalogItem[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_items')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('code', 'in', unique)
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    code: row.code,
    name: row.name,
    kind: row.kind as CatalogKind,
    catalogClass: row.catalog_class as CatalogClass,
    copayRatioBp: row.copay_ratio_bp as CatalogItem['copayRatioBp'],
    priceLimitFen: row.price_limit_fen === null ? null : fen(Number(row.price_limit_fen)),
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
}

/** Stored policy documents (JSON text) of an insured region and insurance type, every version. */
export async function findPolicyDocuments(
  db: Executor,
  regionCode: string,
  insuranceType: string,
): Promise<{ effectiveFrom: string; effectiveTo: string | null; document: string }[]> {
  const rows = await db
    .selectFrom('benefit_policies')
    .select(['effective_from', 'effective_to', 'document'])
    .where('region_code', '=', regionCode)
    .where('insurance_type', '=', insuranceType)
    .orderBy('effective_from')
    .execute();
  return rows.map((r) => ({
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    document: r.document,
  }));
}

/** One page of a region's catalog (national 1312/1318/1319), in code order. */
export async function catalogPage(
  db: Executor,
  regionCode: string,
  filter: { code: string | null; onDate: string | null; priceLimited: boolean; withCopay: boolean },
  page: { number: number; size: number },
): Promise<{ items: CatalogItem[]; total: number }> {
  let query = db.selectFrom('catalog_items').where('region_code', '=', regionCode);
  if (filter.code !== null) query = query.where('code', '=', filter.code);
  if (filter.onDate !== null) {
    const onDate = filter.onDate;
    query = query
      .where('valid_from', '<=', onDate)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]));
  }
  if (filter.priceLimited) query = query.where('price_limit_fen', 'is not', null);
  if (filter.withCopay) query = query.where('copay_ratio_bp', '>', 0);
  const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('code')
    .orderBy('valid_from')
    .limit(page.size)
    .offset((page.number - 1) * page.size)
    .execute();
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((row) => ({
      regionCode: row.region_code,
      code: row.code,
      name: row.name,
      kind: row.kind as CatalogKind,
      catalogClass: row.catalog_class as CatalogClass,
      copayRatioBp: row.copay_ratio_bp as CatalogItem['copayRatioBp'],
      priceLimitFen: row.price_limit_fen === null ? null : fen(Number(row.price_limit_fen)),
      validFrom: row.valid_from,
      validTo: row.valid_to,
    })),
  };
}
