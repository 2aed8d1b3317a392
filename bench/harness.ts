/** Small helpers shared by the benchmarks: timing, a seeded PRNG, and one printed line per figure. */
import { performance } from 'node:perf_hooks';

/** Mulberry32: deterministic, so every run benchmarks the same generated data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Measurement {
  readonly seconds: number;
  readonly operations: number;
  readonly perSecond: number;
}

export async function measure(
  operations: number,
  work: () => unknown | Promise<unknown>,
): Promise<Measurement> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, operations, perSecond: operations / seconds };
}

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([key, value]) =>
    typeof value === 'number'
      ? `${key}=${Number.isInteger(value) ? value : value.toFixed(2)}`
      : `${key}=${value}`,
  );
  console.log(`${name.padEnd(34)} ${parts.join('  ')}`);
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}
