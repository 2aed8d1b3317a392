/**
 * Seeded generators of hostile input for T16: wrong types, missing and unknown fields, negative and
 * over-precise amounts, huge numbers, bad region codes and dates, non-JSON, oversized bodies.
 */
import { seededRandom } from '../../src/store/fault-injection.ts';

export class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  string(maxLength = 20): string {
    const alphabet = 'aZ09-_ .,;:"\'\\/<>{}[]()%$#@!~`^&*+=?|中文医保１２３\u0000\u200b\ud83d\ude00';
    const n = this.int(0, maxLength);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }
}

/** Values that are wrong for almost any field. */
export function hostileValue(g: Gen): unknown {
  switch (g.int(0, 24)) {
    case 0:
      return null;
    case 1:
      return g.int(-1_000_000, 1_000_000);
    case 2:
      return -g.int(1, 100_000) / 100;
    case 3:
      return 1.005 + g.int(0, 1000) / 1000;
    case 4:
      return 1e21 * g.int(1, 9);
    case 5:
      // biome-ignore lint/correctness/noPrecisionLoss: the hostile value IS 2^53 + 1, beyond a safe integer.
      return 9_007_199_254_740_993;
    case 6:
      return '9007199254740993';
    case 7:
      return '1e3';
    case 8:
      return '１００.00';
    case 9:
      return 'NaN';
    case 10:
      return true;
    case 11:
      return [];
    case 12:
      return { nested: g.string() };
    case 13:
      return '';
    case 14:
      return g.string(40);
    case 15:
      return 'x'.repeat(g.int(100, 5000));
    case 16:
      return g.pick([
        '2026-02-30 10:00:00',
        '2026-13-01',
        '20260506',
        'yesterday',
        '2026/05/06',
        '0000-00-00 00:00:00',
      ]);
    case 17:
      return g.pick(['12345', 'ABCDEF', '999999', '4201000', '-420100', '42 01 00']);
    case 18:
      return -0.001;
    case 19:
      return '12.345';
    case 20:
      return ' 100 ';
    case 21:
      return Number.MAX_VALUE;
    case 22:
      return -1;
    case 23:
      return '0x1F';
    default:
      return [g.string(), g.int(0, 9)];
  }
}

/** Deep-copies `value` and applies 1–3 mutations (remove, replace with hostile value, add unknown key). */
export function mutate(g: Gen, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const mutations = g.int(1, 3);
  let root = copy;
  for (let m = 0; m < mutations; m++) root = mutateOnce(g, root);
  return root;
}

function containers(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value !== null && typeof value === 'object') {
    if (!Array.isArray(value)) out.push(value as Record<string, unknown>);
    for (const v of Object.values(value as object)) containers(v, out);
  }
  return out;
}

function mutateOnce(g: Gen, root: unknown): unknown {
  const all = containers(root);
  if (all.length === 0 || g.chance(0.03)) return hostileValue(g);
  const target = g.pick(all);
  const keys = Object.keys(target);
  const action = g.int(0, 9);
  if (keys.length === 0 || action === 0) {
    target[`unknown_${g.int(0, 99)}`] = hostileValue(g);
  } else if (action <= 3) {
    delete target[g.pick(keys)];
  } else {
    target[g.pick(keys)] = hostileValue(g);
  }
  return root;
}

/** A raw body that is not the JSON asked for. */
export function hostileBody(g: Gen): string {
  switch (g.int(0, 7)) {
    case 0:
      return '';
    case 1:
      return '{"infno": "2207", ';
    case 2:
      return g.string(200);
    case 3:
      return '=%7B%22infno%22%3A';
    case 4:
      return '[1,2,3]';
    case 5:
      return '"just a string"';
    case 6:
      return '{"a":'.repeat(g.int(10, 2000));
    default:
      return `\ufeff{${g.string(50)}}`;
  }
}

/** True when `text` contains at least one CJK character. */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fa5]/.test(text);
}
