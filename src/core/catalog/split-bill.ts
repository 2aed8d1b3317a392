/**
 * Splitting a whole bill (R-M3): every line by the treatment region's catalog, line numbers unique,
 * the first faulty line (in upload order) rejects the bill, since a settlement is all or nothing.
 */
import { err, ok, type Result } from '../errors.ts';
import { duplicateLineNo } from './errors.ts';
import { splitLine } from './split-line.ts';
import { sumSplits } from './totals.ts';
import type { CatalogLookup, FeeLine, LineSplit, SplitBill } from './types.ts';

/**
 * Splits every line of a bill, in order. An empty bill splits to zero totals: whether a settlement
 * needs at least one line is the settlement's rule, not the catalog's.
 */
export function splitBill(
  lines: readonly FeeLine[],
  lookup: CatalogLookup,
  onDate: string,
): Result<SplitBill> {
  const seen = new Set<string>();
  const splits: LineSplit[] = [];
  for (const line of lines) {
    if (seen.has(line.lineNo)) return err(duplicateLineNo(line.lineNo));
    seen.add(line.lineNo);
    const split = splitLine(line, lookup(line.itemCode), onDate);
    if (!split.ok) return split;
    splits.push(split.value);
  }
  return ok({ lines: splits, totals: sumSplits(splits) });
}
