/**
 * 个人账户 — the employee account pays what the policy lets it, up to the balance (R-M5). The
 * in-scope personal share includes the class-B copay (examples/settlement E-2).
 */
import { type Fen, fen, minFen, subFen } from '../money/index.ts';
import type { PersonalAccountSpec } from '../policy/index.ts';
import type { MedicalType } from '../reference/codes.ts';
import { type TraceStep, TraceStepKind, yuan } from './trace.ts';

export interface AccountOutcome {
  readonly payFen: Fen;
  readonly balanceAfterFen: Fen;
  readonly step: TraceStep;
}

export interface AccountContext {
  readonly spec: PersonalAccountSpec | null;
  readonly useAccount: boolean;
  readonly medicalType: MedicalType;
  readonly balanceFen: Fen;
  readonly totalFen: Fen;
  readonly inScopeFen: Fen;
  readonly classBCopayFen: Fen;
  readonly fundTotalFen: Fen;
}

export function payFromAccount(ctx: AccountContext, partNo: number): AccountOutcome {
  const blocked = blockReason(ctx);
  const scope = ctx.spec?.scope ?? null;
  const eligibleFen =
    blocked !== null
      ? fen(0)
      : scope === 'all_personal'
        ? subFen(ctx.totalFen, ctx.fundTotalFen)
        : fen(Math.max(0, ctx.inScopeFen + ctx.classBCopayFen - ctx.fundTotalFen));
  const payFen = minFen(eligibleFen, fen(Math.max(0, ctx.balanceFen)));
  const balanceAfterFen = subFen(ctx.balanceFen, payFen);
  const eligibleText =
    scope === 'all_personal'
      ? `个人负担 ${yuan(ctx.totalFen)} − 基金 ${yuan(ctx.fundTotalFen)}`
      : `符合范围 ${yuan(ctx.inScopeFen)} + 乙类先行自付 ${yuan(ctx.classBCopayFen)} − 基金 ${yuan(ctx.fundTotalFen)}`;
  const step: TraceStep = {
    step: TraceStepKind.Account,
    ruleId: 'R-M5',
    partNo,
    params: { scope, blockedReason: blocked },
    formulaZh:
      blocked !== null
        ? `个人账户不支付：${blocked}`
        : `个人账户：可支付 ${eligibleText} = ${yuan(eligibleFen)}，支付 min(${yuan(eligibleFen)}, 余额 ${yuan(ctx.balanceFen)}) = ${yuan(payFen)}，余额 ${yuan(balanceAfterFen)}`,
    amounts: {
      totalFen: ctx.totalFen,
      inScopeFen: ctx.inScopeFen,
      classBCopayFen: ctx.classBCopayFen,
      fundTotalFen: ctx.fundTotalFen,
      eligibleFen,
      balanceBeforeFen: ctx.balanceFen,
      payFen,
      balanceAfterFen,
    },
  };
  return { payFen, balanceAfterFen, step };
}

function blockReason(ctx: AccountContext): string | null {
  if (ctx.spec === null) return '参保地政策无个人账户';
  if (!ctx.useAccount) return '本次未选择使用个人账户';
  if (!ctx.spec.medicalTypes.includes(ctx.medicalType))
    return `参保地政策不允许个人账户支付医疗类别 ${ctx.medicalType}`;
  return null;
}
