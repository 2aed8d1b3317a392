/** The registry of import kinds. */
import type { ImportKind } from '../types.ts';
import { catalogKind } from './catalog.ts';
import { codeTablesKind } from './code-tables.ts';
import { contributionsKind } from './contributions.ts';
import { institutionsKind } from './institutions.ts';
import type { KindSpec } from './kind-spec.ts';
import { personsKind } from './persons.ts';
import { policiesKind } from './policies.ts';
import { regionsKind } from './regions.ts';

export type { KindSpec, RegionRef, WriteBatch } from './kind-spec.ts';

// Each spec is typed by its own record; the pipeline only passes records from a spec back to it.
export const KIND_SPECS: Record<ImportKind, KindSpec<unknown>> = {
  code_tables: codeTablesKind as KindSpec<unknown>,
  regions: regionsKind as KindSpec<unknown>,
  institutions: institutionsKind as KindSpec<unknown>,
  catalog: catalogKind as KindSpec<unknown>,
  policies: policiesKind as KindSpec<unknown>,
  persons: personsKind as KindSpec<unknown>,
  contributions: contributionsKind as KindSpec<unknown>,
};

/** The kind names in dependency order, for help texts and error messages (`code_tables、regions、…`). */
export function importKindNames(separator = '、'): string {
  return Object.values(KIND_SPECS)
    .map((spec) => spec.kind)
    .join(separator);
}

/** The kinds' Chinese titles in the same order (`代码表、统筹区、…`). */
export function importKindTitles(separator = '、'): string {
  return Object.values(KIND_SPECS)
    .map((spec) => spec.title)
    .join(separator);
}
