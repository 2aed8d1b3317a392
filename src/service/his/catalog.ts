/**
 * 目录查询 (1312 医保目录, 1318 限价, 1319 自付比例): pages of the institution's own region's catalog —
 * the catalog that splits its fee lines (就医地目录, R-M2).
 */
import { ok } from '../../core/errors.ts';
import type { CatalogItem } from '../../core/reference/types.ts';
import { catalogPage } from '../../store/repositories/reference-reads.ts';
import type { HisUseCase } from './message.ts';

export interface CatalogQuery {
  readonly itemCode: string | null;
  readonly onDate: string | null;
  /** 1318: items with a price limit only; 1319: items with a copay ratio only. */
  readonly only: 'all' | 'price_limited' | 'with_copay';
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface CatalogPage {
  readonly regionCode: string;
  readonly items: readonly CatalogItem[];
  readonly total: number;
  readonly pageNumber: number;
  readonly pageSize: number;
}

export const queryCatalog: HisUseCase<CatalogQuery, CatalogPage> = async (env, q) => {
  const page = await catalogPage(
    env.tx,
    env.institution.regionCode,
    {
      code: q.itemCode,
      onDate: q.onDate,
      priceLimited: q.only === 'price_limited',
      withCopay: q.only === 'with_copay',
    },
    { number: q.pageNumber, size: q.pageSize },
  );
  return ok({
    regionCode: env.institution.regionCode,
    ...page,
    pageNumber: q.pageNumber,
    pageSize: q.pageSize,
  });
};
