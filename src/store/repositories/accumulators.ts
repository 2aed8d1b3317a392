/**
 * 年度累计 — a person-year's accumulators (R-M6): the current value per key, and an append-only
 * movement for every change with before/after/version, so "value = Σ movements" and "no lost update"
 * are checkable. Callers hold the person lock (PostgreSQL FOR UPDATE; SQLite's single writer).
 */
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
 */
export async function applyAccumulatorDeltas(
  db: Executor,
  target: AccumulatorTarget & MovementSource,
  current: readonly AccumulatorValue[],
  deltas: Readonly<Record<string, number>>,
): Promise<void> {
  const byKey = new Map(current.map((c) => [c.key, c]));
  for (const key of Object.keys(deltas).sort()) {
    const delta = deltas[key] ?? 0;
    if (delta === 0) continue;
    const before = byKey.get(key);
    const valueBefore = before?.value ?? 0;
    const version = (before?.version ?? 0) + 1;
    const valueAfter = valueBefore + delta;
    if (before === undefined) {
      await db
        .insertInto('accumulators')
        .values({
          psn_no: target.psnNo,
          year: target.year,
          key,
          insured_region_code: target.insuredRegionCode,
          value: valueAfter,
          version,
        })
        .execute();
    } else {
      const updated = await db
        .updateTable('accumulators')
        .set({ value: valueAfter, version })
        .where('psn_no', '=', target.psnNo)
        .where('year', '=', target.year)
        .where('key', '=', key)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new Error(`accumulator ${key} changed under the person lock (lost update prevented)`);
      }
    }
    await db
      .insertInto('accumulator_movements')
      .values({
        psn_no: target.psnNo,
        year: target.year,
        key,
        settlement_id: 'settlementId' in target ? target.settlementId : null,
        claim_id: 'claimId' in target ? target.claimId : null,
        delta,
        value_before: valueBefore,
        value_after: valueAfter,
        version,
      })
      .execute();
    byKey.set(key, { key, value: valueAfter, version });
  }
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
