/** 定点医药机构 — designated institutions. Natural key: code. */
import type { Insertable } from 'kysely';
import { upsertInstitutions } from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import type { InstitutionRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';

type Rec = Insertable<DB['institutions']>;

export const institutionsKind: KindSpec<Rec> = {
  kind: 'institutions',
  title: '定点医药机构',
  csv: true,
  keyField: 'code',
  toRecord(value, issue) {
    const row = value as InstitutionRow;
    let ok = true;
    const expectedPrefix = row.kind === 'pharmacy' ? 'P' : 'H';
    if (!row.code.startsWith(expectedPrefix)) {
      issue(
        'code',
        `机构编码（code）${row.code} 与机构类型不符：${row.kind === 'pharmacy' ? '药店编码以 P 开头' : '医疗机构编码以 H 开头'}`,
      );
      ok = false;
    }
    if (row.kind === 'pharmacy' && row.level !== '0') {
      issue('level', '医院等级（level）：药店没有医院等级，请填 0');
      ok = false;
    }
    if (!ok) return undefined;
    return {
      code: row.code,
      name: row.name,
      region_code: row.regionCode,
      kind: row.kind,
      level: row.level,
      cross_region_networked: row.crossRegionNetworked ? 1 : 0,
      chronic_diseases: JSON.stringify([...row.chronicDiseases].sort()),
      employee_outpatient_pooling: row.employeeOutpatientPooling ? 1 : 0,
      address: row.address ?? null,
    };
  },
  naturalKey: (r) => r.code,
  describeKey: (r) => `机构编码 ${r.code}`,
  regionRefs: (r) => [{ field: 'regionCode', code: r.region_code }],
  write: (tx, records) => upsertInstitutions(tx, records),
};
