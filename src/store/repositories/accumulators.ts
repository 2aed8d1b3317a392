/**
 * 年度累计 — a person-year's accumulators (R-M6): the current value per key, and an append-only
 * movement for every change with before/after/version, so "value = Σ movements" and "no lost update"
 * are checkable. Callers hold the person lock (PostgreSQL FOR UPDATE; SQLite's single writer).
 */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface AccumulatorValue {
  readonly key: string;
  readonly value: number;
  readonly version: number;
}

export async function readAccumulators(
  db: Executor,
  psnNo: string,
  year: number,
): Promise<AccumulatorValue[]> {
  const rows = await db
    .selectFrom('accumulators')
    .select(['key', 'value', 'version'])
    .where('psn_no', '=', psnNo)
    .where('year', '=', year)
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, value: Number(r.value), version: Number(r.version) }));
}

/**
 * What moved an accumulator: a settlement row (a settlement or its reversal), or a manual
 * reimbursement claim (its approval, or the withdrawal of its effect when fully recovered) — which is
 * paid by the insured region itself and never becomes a settlement row (clearing reads those).
 */
export type MovementSource = { readonly settlementId: string } | { readonly claimId: string };

export interface AccumulatorTarget {
  readonly psnNo: string;
  readonly year: number;
  readonly insuredRegionCode: string;
}

/**
 * Applies deltas in key order (a fixed order, so concurrent writers could never deadlock on these rows)
 * and appends one movement per changed key, all attributed to one source (a settlement row or a claim).
 *
 * Two statements whatever the number of keys: one upsert of the new values, where an existing row is
 * only overwritten if it still has the version that was read (else it counts as not written, and the
 * lost update is refused), and one insert of all the movements. Returns the values after.
 */
export async function applyAccumulatorDeltas(
  db: Executor,
  target: AccumulatorTarget & MovementSource,
  current: readonly AccumulatorValue[],
  deltas: Readonly<Record<string, number>>,
): Promise<AccumulatorValue[]> {
  const byKey = new Map(current.map((c) => [c.key, c]));
  const changes = Object.keys(deltas)
    .sort()
    .filter((key) => (deltas[key] ?? 0) !== 0)
    .map((key) => {
      const delta = deltas[key] ?? 0;
      const before = byKey.get(key);
      const valueBefore = before?.value ?? 0;
      return {
        key,
        delta,
        valueBefore,
        valueAfter: valueBefore + delta,
        version: (before?.version ?? 0) + 1,
      };
    });
  if (changes.length === 0) return [...current];
  const written = await db
    .insertInto('accumulators')
    .values(
      changes.map((c) => ({
        psn_no: target.psnNo,
        year: target.year,
        key: c.key,
        insured_region_code: target.insuredRegionCode,
        value: c.valueAfter,
        version: c.version,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['psn_no', 'year', 'key'])
        .doUpdateSet({ value: sql`excluded.value`, version: sql`excluded.version` })
        .where('accumulators.version', '=', sql<number>`excluded.version - 1`),
    )
    .executeTakeFirst();
  if (Number(written.numInsertedOrUpdatedRows) !== changes.length) {
    throw new Error(
      `accumulators of ${target.psnNo}/${target.year} changed under the person lock (lost update prevented)`,
    );
  }
  await db
    .insertInto('accumulator_movements')
    .values(
      changes.map((c) => ({
        psn_no: target.psnNo,
        year: target.year,
        key: c.key,
        settlement_id: 'settlementId' in target ? target.settlementId : null,
        claim_id: 'claimId' in target ? target.claimId : null,
        delta: c.delta,
        value_before: c.valueBefore,
        value_after: c.valueAfter,
        version: c.version,
      })),
    )
    .execute();
  for (const c of changes) byKey.set(c.key, { key: c.key, value: c.valueAfter, version: c.version });
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The net of a claim's movements per key (zero entries dropped): what the claim has moved so far. */
export async function claimMovementTotals(
  db: Executor,
  claimId: string,
): Promise<{ year: number; deltas: Record<string, number> }[]> {
  const rows = await db
    .selectFrom('accumulator_movements')
    .select(['year', 'key', 'delta'])
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
  const byYear = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const year = Number(r.year);
    const deltas = byYear.get(year) ?? {};
    deltas[r.key] = (deltas[r.key] ?? 0) + Number(r.delta);
    byYear.set(year, deltas);
  }
  return [...byYear.entries()].map(([year, deltas]) => ({
    year,
    deltas: Object.fromEntries(Object.entries(deltas).filter(([, d]) => d !== 0)),
  }));
}
