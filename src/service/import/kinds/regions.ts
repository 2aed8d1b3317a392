/** 统筹区 — pooling regions. Natural key: code. */
import type { Insertable } from 'kysely';
import { upsertRegions } from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import { provinceOf } from '../row-checks.ts';
import type { RegionRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';

type Rec = Insertable<DB['regions']>;

export const regionsKind: KindSpec<Rec> = {
  kind: 'regions',
  title: '统筹区',
  csv: true,
  keyField: 'code',
  toRecord(value, issue) {
    const row = value as RegionRow;
    if (row.provinceCode !== provinceOf(row.code)) {
      issue(
        'provinceCode',
        `省份代码（provinceCode）${row.provinceCode} 与统筹区代码 ${row.code} 不符，应为 ${provinceOf(row.code)}`,
      );
      return undefined;
    }
    return {
      code: row.code,
      name: row.name,
      province_code: row.provinceCode,
      province_name: row.provinceName,
    };
  },
  naturalKey: (r) => r.code,
  describeKey: (r) => `统筹区代码 ${r.code}`,
  regionRefs: () => [],
  fileChecks(records, rows, issues) {
    // One province, one name: a typo in one row would otherwise show two spellings side by side.
    const names = new Map<string, { name: string; row: number }>();
    records.forEach((r, i) => {
      const seen = names.get(r.province_code);
      if (!seen) names.set(r.province_code, { name: r.province_name, row: rows[i]! });
      else if (seen.name !== r.province_name) {
        issues.add(
          rows[i]!,
          'provinceName',
          `省份名称（provinceName）“${r.province_name}”与第 ${seen.row} 行同一省份 ${r.province_code} 的名称“${seen.name}”不一致`,
        );
      }
    });
  },
  write: (tx, records) => upsertRegions(tx, records),
};
