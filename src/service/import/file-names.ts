/** What a file's name says about its content: `catalog-340100.csv` is a CSV catalog. */
import { basename, extname } from 'node:path';
import { IMPORT_KINDS, type ImportFormat, type ImportKind } from './types.ts';

/** The kind a file name starts with (`persons.csv`, `catalog-340100.csv`, `code-tables.json`). */
export function kindFromFileName(path: string): ImportKind | undefined {
  const stem = basename(path, extname(path)).toLowerCase().replace(/-/g, '_');
  // Longest names first, so that no kind is mistaken for a prefix of another.
  const kinds = [...IMPORT_KINDS].sort((a, b) => b.length - a.length);
  return kinds.find((kind) => stem === kind || stem.startsWith(`${kind}_`) || stem.startsWith(`${kind}.`));
}

export function formatFromFileName(path: string): ImportFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : undefined;
}
