/**
 * Independent evaluator of a settlement trace, for tests: recomputes every step from the parameters
 * recorded in the trace with its own arithmetic (BigInt half-up, its own band walk), and checks the
 * chain between steps and the part's amounts. Returns the discrepancies; empty means the trace
 * explains every fen. Deliberately imports nothing from the implementation but types.
 */
import type { TraceStep } from './trace.ts';
import type { SettlementPart, SettlementResult } from './types.ts';

function halfUp(amount: number, ratioBp: number): number {
  const n = BigInt(amount) * BigInt(ratioBp);
  const q = n / 10000n;
  return Number((n % 10000n) * 2n >= 10000n ? q + 1n : q);
}

function exactText(amount: number, ratioBp: number): string {
  const n = BigInt(amount) * BigInt(ratioBp);
  const whole = n / 1_000_000n;
  let frac = (n % 1_000_000n).toString().padStart(6, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${whole}.${frac}`;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const numOrNull = (v: unknown): number | null => (v === null ? null : num(v));

export function evaluateTrace(result: SettlementResult): string[] {
  const problems: string[] = [];
  const expect = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  let balance = result.accountBalanceBeforeFen as number;
  for (const part of result.parts) {
    const steps = result.trace.filter((s) => s.partNo === part.partNo);
    balance = evaluatePart(part, steps, balance, expect);
  }
  expect(balance === result.accountBalanceAfterFen, 'balance after the last part ≠ result balance');
  expect(result.trace.filter((s) => s.step === 'grouping').length === 1, 'exactly one grouping step');
  return problems;
}

function evaluatePart(
  part: SettlementPart,
  steps: readonly TraceStep[],
  balanceBefore: number,
  expect: (cond: boolean, what: string) => void,
): number {
  const p = `part ${part.partNo}`;
  const one = (kind: string): TraceStep | undefined => steps.find((s) => s.step === kind);
  const a = (s: TraceStep | undefined, k: string) => num(s?.amounts[k]);

  const split = one('split');
  const inScope = a(split, 'inScopeFen');
  const total = a(split, 'totalFen');
  const sumLines = (k: 'amountFen' | 'inScopeFen' | 'fullOwnPayFen' | 'overLimitFen' | 'classBCopayFen') =>
    part.lines.reduce((s, l) => s + l[k], 0);
  expect(
    total === sumLines('amountFen') && inScope === sumLines('inScopeFen'),
    `${p}: split totals ≠ Σ lines`,
  );
  expect(
    total === inScope + a(split, 'fullOwnPayFen') + a(split, 'overLimitFen') + a(split, 'classBCopayFen'),
    `${p}: split does not partition the total`,
  );
  expect(total === part.totalFen && inScope === part.inScopeFen, `${p}: split ≠ part amounts`);

  const rule = one('rule');
  const delta = num(rule?.params.ratioDeltaBp);
  expect(rule?.params.policyRuleId === part.policyRuleId, `${p}: rule id`);

  // Deductible: due from the standard and what was used before; paid never above the in-scope amount.
  const ded = one('deductible');
  const kind = ded?.params.kind;
  const standard = num(ded?.params.standardFen);
  const due =
    kind === 'none'
      ? 0
      : kind === 'annual'
        ? Math.max(0, standard - num(ded?.params.usedBeforeFen))
        : standard;
  const dedPaid = Math.min(due, inScope);
  expect(a(ded, 'dueFen') === due && a(ded, 'paidFen') === dedPaid, `${p}: deductible`);
  expect(part.deductiblePaidFen === dedPaid, `${p}: deductible paid ≠ part`);

  // Pooled bands must tile [deductible paid, in scope] exactly, each paying its half-up product.
  const bands = steps.filter((s) => s.step === 'band');
  let cursor = dedPaid;
  let computed = 0;
  for (const b of bands) {
    const ratio = Math.min(10000, Math.max(0, num(b.params.baseRatioBp) + num(b.params.deltaBp)));
    const low = num(b.params.lowFen);
    const high = numOrNull(b.params.highFen);
    const overlap = Math.min(high ?? inScope, inScope) - Math.max(low, cursor);
    expect(num(b.params.deltaBp) === delta && ratio === num(b.params.ratioBp), `${p}: band ratio`);
    expect(Math.max(low, cursor) === cursor && overlap === a(b, 'overlapFen'), `${p}: band overlap`);
    expect(a(b, 'payFen') === halfUp(overlap, ratio), `${p}: band half-up`);
    expect(b.params.exactYuan === exactText(overlap, ratio), `${p}: band exact product`);
    cursor += overlap;
    computed += halfUp(overlap, ratio);
  }
  expect(cursor === Math.max(dedPaid, inScope), `${p}: bands do not cover the eligible amount`);

  const pooledStep = one('pooled');
  const remaining = numOrNull(pooledStep?.params.remainingCapFen);
  const pooled = remaining === null ? computed : Math.min(computed, remaining);
  expect(a(pooledStep, 'computedFen') === computed && a(pooledStep, 'payFen') === pooled, `${p}: pooled cap`);
  expect(part.pooledFen === pooled, `${p}: pooled ≠ part`);
  let covered = 0;
  let room = remaining;
  for (const b of bands) {
    const pay = a(b, 'payFen');
    if (room === null || pay <= room) {
      covered += a(b, 'overlapFen');
      if (room !== null) room -= pay;
    } else {
      covered += Math.min(
        a(b, 'overlapFen'),
        Number((BigInt(room) * 10000n) / BigInt(num(b.params.ratioBp))),
      );
      break;
    }
  }
  const overCap = inScope - dedPaid - covered;
  expect(a(pooledStep, 'overCapBaseFen') === overCap, `${p}: over-cap base`);

  // Serious illness: bands over the accumulated share between before and after, above the threshold.
  let si = 0;
  const siStep = one('serious_illness');
  if (siStep) {
    const before = a(siStep, 'accumulatedBeforeFen');
    const share = a(siStep, 'shareFen');
    expect(
      share === inScope - pooled && a(siStep, 'accumulatedAfterFen') === before + share,
      `${p}: SI share`,
    );
    let siComputed = 0;
    for (const b of steps.filter((s) => s.step === 'serious_illness_band')) {
      const from = Math.max(num(b.params.lowFen), before);
      const to = Math.min(numOrNull(b.params.highFen) ?? before + share, before + share);
      expect(
        a(b, 'overlapFen') === to - from && a(b, 'payFen') === halfUp(to - from, num(b.params.ratioBp)),
        `${p}: SI band`,
      );
      expect(from >= num(siStep.params.thresholdFen), `${p}: SI band below threshold`);
      siComputed += a(b, 'payFen');
    }
    const siRemaining = Math.max(0, num(siStep.params.capFen) - num(siStep.params.paidBeforeFen));
    si = Math.min(siComputed, siRemaining);
    expect(a(siStep, 'computedFen') === siComputed && a(siStep, 'payFen') === si, `${p}: SI pay`);
  }
  expect(part.seriousIllnessFen === si, `${p}: SI ≠ part`);

  // Ratio funds: each base is what the funds before it left of the in-scope amount.
  const ratioFund = (kind: string, expectedBase: number): number => {
    const s = one(kind);
    if (!s) return 0;
    const cap = numOrNull(s.params.capFen);
    const left = cap === null ? null : Math.max(0, cap - num(s.params.paidBeforeFen));
    const c = halfUp(a(s, 'baseFen'), num(s.params.ratioBp));
    const pay = left === null ? c : Math.min(c, left);
    expect(a(s, 'baseFen') === expectedBase, `${p}: ${kind} base`);
    expect(a(s, 'computedFen') === c && a(s, 'payFen') === pay, `${p}: ${kind} pay`);
    expect(s.params.exactYuan === exactText(a(s, 'baseFen'), num(s.params.ratioBp)), `${p}: ${kind} exact`);
    return pay;
  };
  const la = ratioFund('large_amount', Math.max(0, overCap));
  const cs = ratioFund('civil_servant', inScope - pooled - si - la);
  const ma = ratioFund('assistance', inScope - pooled - si - la - cs);
  const funds = pooled + si + la + cs + ma;
  expect(
    part.largeAmountFen === la && part.civilServantFen === cs && part.assistanceFen === ma,
    `${p}: funds ≠ part`,
  );
  expect(part.fundTotalFen === funds, `${p}: fund total`);
  expect(part.fundLines.reduce((s, l) => s + l.payFen, 0) === funds, `${p}: fund lines ≠ fund total`);

  const acc = one('account');
  const classB = a(split, 'classBCopayFen');
  const eligible =
    acc?.params.blockedReason !== null
      ? 0
      : acc?.params.scope === 'all_personal'
        ? total - funds
        : Math.max(0, inScope + classB - funds);
  const accountPay = Math.min(eligible, balanceBefore);
  expect(a(acc, 'balanceBeforeFen') === balanceBefore, `${p}: account balance chain`);
  expect(a(acc, 'eligibleFen') === eligible && a(acc, 'payFen') === accountPay, `${p}: account`);
  expect(
    part.accountFen === accountPay && part.accountBalanceAfterFen === balanceBefore - accountPay,
    `${p}: account ≠ part`,
  );

  const cash = one('cash');
  expect(
    a(cash, 'cashFen') === total - funds - accountPay && part.cashFen === total - funds - accountPay,
    `${p}: cash`,
  );
  expect(part.personalFen === part.accountFen + part.cashFen, `${p}: personal = account + cash`);
  return balanceBefore - accountPay;
}
