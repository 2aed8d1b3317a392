/** 代码表 — national code tables. Natural key: (table, code). */
import type { Insertable } from 'kysely';
import { upsertCodeTables } from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import type { CodeTableRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';

type Rec = Insertable<DB['code_tables']>;

export const codeTablesKind: KindSpec<Rec> = {
  kind: 'code_tables',
  title: '代码表',
  csv: true,
  keyField: 'code',
  toRecord(value) {
    const row = value as CodeTableRow;
    return { table_name: row.table, code: row.code, name: row.name };
  },
  naturalKey: (r) => `${r.table_name}\u0000${r.code}`,
  describeKey: (r) => `代码表 ${r.table_name} 的代码 ${r.code}`,
  regionRefs: () => [],
  write: (tx, records) => upsertCodeTables(tx, records),
};
