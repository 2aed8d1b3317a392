/**
 * Whole-settlement throughput of the pure core: split by the treatment catalog, then every fund, the
 * account, cash and the trace — per settlement, with accumulators carried from one to the next as in a
 * person-year. Uses the example case (data/examples/case-employee-inpatient.json) with varied bills.
 */
import { readFileSync } from 'node:fs';
import { fen, quantity } from '../src/core/money/index.ts';
import { readSettlementCase, type SettlementInput, settle } from '../src/core/settlement/index.ts';
import { measure, report, seededRandom } from './harness.ts';

export async function benchCoreSettle(): Promise<void> {
  const document = JSON.parse(readFileSync('data/examples/case-employee-inpatient.json', 'utf8'));
  const base = readSettlementCase(document);
  if (!base.ok) throw new Error(base.error.message);
  const random = seededRandom(7);
  const template = base.value;
  const inputs: SettlementInput[] = [];
  const total = 40_000;
  for (let i = 0; i < total; i++) {
    const feeLines = template.feeLines.map((line) => {
      const unitPriceFen = fen(100 + Math.floor(random() * 20_000));
      const qty = quantity(10_000 * (1 + Math.floor(random() * 3)));
      return { ...line, unitPriceFen, quantity: qty, amountFen: fen((unitPriceFen * qty) / 10_000) };
    });
    inputs.push({ ...template, settlementId: `B${i}`, feeLines });
  }
  const lines = inputs.reduce((n, input) => n + input.feeLines.length, 0);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const m = await measure(total, () => {
      let accumulators = template.accumulators;
      for (const input of inputs) {
        const result = settle({ ...input, accumulators });
        if (!result.ok) throw new Error(result.error.message);
        // A new person-year every 50 settlements keeps caps from saturating for the whole run.
        accumulators =
          Number(input.settlementId.slice(1)) % 50 === 49
            ? template.accumulators
            : result.value.accumulatorsAfter;
      }
    });
    best = Math.max(best, m.perSecond);
  }
  report('core: whole settlements', {
    settlements: total,
    linesPerSettlement: lines / total,
    bestSettlementsPerSecond: Math.round(best),
  });
}
