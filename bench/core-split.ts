/** Fee-line splitting throughput of the pure core (goal of issue 3: ≥ 1 M fee lines/s on one core). */
import { type FeeLine, splitBill } from '../src/core/catalog/index.ts';
import { bp, fen, quantity } from '../src/core/money/index.ts';
import type { CatalogItem } from '../src/core/reference/types.ts';
import { measure, report, seededRandom } from './harness.ts';

export async function benchCoreSplit(): Promise<void> {
  const random = seededRandom(20261124);
  const catalog = new Map<string, CatalogItem>();
  for (let i = 0; i < 2_000; i++) {
    const roll = random();
    const catalogClass = roll < 0.45 ? '01' : roll < 0.85 ? '02' : '03';
    catalog.set(`X${i}`, {
      regionCode: '341700',
      code: `X${i}`,
      name: `项目${i}`,
      kind: 'drug',
      catalogClass,
      copayRatioBp: bp(catalogClass === '02' ? 1000 : 0),
      priceLimitFen: random() < 0.2 ? fen(5_000) : null,
      validFrom: '2020-01-01',
      validTo: null,
    });
  }
  const bills: FeeLine[][] = [];
  for (let b = 0; b < 2_000; b++) {
    const lines: FeeLine[] = [];
    for (let l = 0; l < 50; l++) {
      const unitPriceFen = fen(100 + Math.floor(random() * 10_000));
      const qty = quantity(10_000 * (1 + Math.floor(random() * 5)));
      lines.push({
        lineNo: String(l + 1),
        itemCode: `X${Math.floor(random() * 2_200)}`,
        unitPriceFen,
        quantity: qty,
        amountFen: fen((unitPriceFen * qty) / 10_000),
      });
    }
    bills.push(lines);
  }
  const lookup = (code: string) => catalog.get(code);
  const lineCount = bills.length * 50;
  // Warm up the JIT, then measure three rounds and keep the best.
  for (const bill of bills.slice(0, 200)) splitBill(bill, lookup, '2026-11-24');
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const m = await measure(lineCount, () => {
      for (const bill of bills) {
        const result = splitBill(bill, lookup, '2026-11-24');
        if (!result.ok) throw new Error(result.error.message);
      }
    });
    best = Math.max(best, m.perSecond);
  }
  report('core: fee-line splitting', { lines: lineCount, bestLinesPerSecond: Math.round(best) });
}
