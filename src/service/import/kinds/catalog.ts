/**
 * 就医地目录 — catalog items of a treatment region (R-M2). Natural key: (regionCode, code, validFrom):
 * a new version of an item is a row with a later validFrom, and the earlier one must be closed.
 */
import type { Insertable } from 'kysely';
import { catalogPeriods, upsertCatalogItems } from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import { checkDateRange, checkNonNegativeYuan, checkRatio } from '../row-checks.ts';
import type { CatalogRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';
import { checkPeriodsAgainstStore, checkPeriodsInFile, type Versioned } from './periods.ts';

type Rec = Insertable<DB['catalog_items']>;

function versionOf(r: Rec): Versioned {
  return { regionCode: r.region_code, key: r.code, from: r.valid_from, to: r.valid_to ?? null };
}

const CLASS_NAMES = { '01': '甲类', '02': '乙类', '03': '丙类' } as const;

export const catalogKind: KindSpec<Rec> = {
  kind: 'catalog',
  title: '就医地目录条目',
  csv: true,
  keyField: 'code',
  toRecord(value, issue) {
    const row = value as CatalogRow;
    let ok = checkDateRange(
      row.validFrom,
      row.validTo,
      { from: 'validFrom', to: 'validTo', fromLabel: '生效日期', toLabel: '失效日期（validTo）' },
      issue,
    );
    const copay =
      row.copayRatio === undefined
        ? 0
        : checkRatio(row.copayRatio, 'copayRatio', '乙类先行自付比例（copayRatio）', issue);
    if (copay === undefined) ok = false;
    else if (copay !== 0 && row.catalogClass !== '02') {
      issue(
        'copayRatio',
        `乙类先行自付比例（copayRatio）只适用于乙类，${CLASS_NAMES[row.catalogClass]}项目请填 0 或留空`,
      );
      ok = false;
    }
    let limit: number | null = null;
    if (row.priceLimit !== undefined && row.priceLimit !== null) {
      const parsed = checkNonNegativeYuan(row.priceLimit, 'priceLimit', '限价（priceLimit）', issue);
      if (parsed === undefined) ok = false;
      else limit = parsed;
    }
    if (!ok) return undefined;
    return {
      region_code: row.regionCode,
      code: row.code,
      valid_from: row.validFrom,
      valid_to: row.validTo ?? null,
      name: row.name,
      kind: row.kind,
      catalog_class: row.catalogClass,
      copay_ratio_bp: copay ?? 0,
      price_limit_fen: limit,
    };
  },
  naturalKey: (r) => `${r.region_code}\u0000${r.code}\u0000${r.valid_from}`,
  describeKey: (r) => `统筹区 ${r.region_code} 的目录编码 ${r.code}（生效日期 ${r.valid_from}）`,
  regionRefs: (r) => [{ field: 'regionCode', code: r.region_code }],
  fileChecks(records, rows, issues) {
    checkPeriodsInFile(records.map(versionOf), rows, 'validFrom', '目录条目', issues);
  },
  async storeChecks(tx, records, rows, issues) {
    const regions = [...new Set(records.map((r) => r.region_code))];
    const stored = await catalogPeriods(tx, regions);
    checkPeriodsAgainstStore(records.map(versionOf), rows, stored, 'validFrom', '目录条目', issues);
  },
  write: (tx, records) => upsertCatalogItems(tx, records),
};
