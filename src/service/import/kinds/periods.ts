/**
 * Versioned rows (catalog items, policies) must not have two versions valid on the same day: the
 * settlement looks up exactly one version per date. Checked within the file and against the store.
 */
import type { StoredPeriod } from '../../../store/repositories/reference-writer.ts';
import type { IssueList } from '../issues.ts';
import { periodsOverlap } from '../row-checks.ts';

export interface Versioned {
  readonly regionCode: string;
  readonly key: string;
  readonly from: string;
  readonly to: string | null;
}

function groupKey(v: { regionCode: string; key: string }): string {
  return `${v.regionCode}\u0000${v.key}`;
}

export function checkPeriodsInFile(
  versions: readonly Versioned[],
  rows: readonly number[],
  field: string,
  what: string,
  issues: IssueList,
): void {
  const groups = new Map<string, number[]>();
  versions.forEach((v, i) => {
    const list = groups.get(groupKey(v));
    if (list) list.push(i);
    else groups.set(groupKey(v), [i]);
  });
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue;
    indexes.sort((a, b) => (versions[a]!.from < versions[b]!.from ? -1 : 1));
    for (let k = 1; k < indexes.length; k++) {
      const prev = versions[indexes[k - 1]!]!;
      const cur = versions[indexes[k]!]!;
      if (periodsOverlap(prev, cur)) {
        issues.add(
          rows[indexes[k]!]!,
          field,
          `${what}的有效期与本文件第 ${rows[indexes[k - 1]!]} 行（自 ${prev.from} 起）重叠，同一时间只能有一个版本有效，请为较早的版本填写失效日期`,
        );
      }
    }
  }
}

/** Stored versions that the file does not replace (different start date) must not overlap the file's. */
export function checkPeriodsAgainstStore(
  versions: readonly Versioned[],
  rows: readonly number[],
  stored: readonly StoredPeriod[],
  field: string,
  what: string,
  issues: IssueList,
): void {
  const inFile = new Set(versions.map((v) => `${groupKey(v)}\u0000${v.from}`));
  const storedByGroup = new Map<string, StoredPeriod[]>();
  for (const s of stored) {
    if (inFile.has(`${groupKey(s)}\u0000${s.from}`)) continue;
    const list = storedByGroup.get(groupKey(s));
    if (list) list.push(s);
    else storedByGroup.set(groupKey(s), [s]);
  }
  versions.forEach((v, i) => {
    const clash = storedByGroup.get(groupKey(v))?.find((s) => periodsOverlap(s, v));
    if (clash) {
      issues.add(
        rows[i]!,
        field,
        `${what}的有效期与已导入的版本（自 ${clash.from} 起${clash.to ? `至 ${clash.to}` : '长期有效'}）重叠，请在同一文件中为该版本填写失效日期后再导入`,
      );
    }
  });
}
