/**
 * 办理进度 (R-T1: "随时在网上查询办理进度"): the steps of a transfer as the person sees them, with the
 * deadline, working days left and the at-risk flag. The at-risk thresholds are yibao's early warning,
 * not a legal rule: the law fixes only the 15 working days end to end.
 */
import { type Calendar, chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { OPEN_TRANSFER_STATUSES, type Transfer, TransferStatus, transferStatusNames } from './types.ts';

/** Flag at risk when this few working days are left and the transfer is still open. */
export const AT_RISK_DAYS_LEFT = 3;
/** …or when the outgoing side has not confirmed after this many working days (the incoming side needs time too). */
export const OUTGOING_BUDGET_DAYS = 10;

export interface TransferClock {
  readonly deadlineDate: IsoDate;
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  readonly atRisk: boolean;
  readonly atRiskReasonZh: string | null;
}

export function transferClock(t: Transfer, today: IsoDate, calendar: Calendar): TransferClock {
  const open = OPEN_TRANSFER_STATUSES.includes(t.status);
  const closedAt = t.completedAt ?? t.history.at(-1)?.at;
  const end = open || closedAt === undefined ? today : chinaDateOf(closedAt);
  const left = calendar.workingDaysLeft(end, t.deadlineDate);
  if (!open)
    return {
      deadlineDate: t.deadlineDate,
      workingDaysLeft: left.days,
      overdue: false,
      atRisk: false,
      atRiskReasonZh: null,
    };
  const elapsed = calendar.countWorkingDays(chinaDateOf(t.appliedAt), today).days;
  let reason: string | null = null;
  if (left.overdue) reason = `已超过办结期限 ${t.deadlineDate}`;
  else if (left.days <= AT_RISK_DAYS_LEFT) reason = `距办结期限仅剩 ${left.days} 个工作日`;
  else if (t.status === TransferStatus.Applied && elapsed >= OUTGOING_BUDGET_DAYS) {
    reason = `申请已 ${elapsed} 个工作日，转出地仍未确认`;
  }
  return {
    deadlineDate: t.deadlineDate,
    workingDaysLeft: left.days,
    overdue: left.overdue,
    atRisk: reason !== null,
    atRiskReasonZh: reason,
  };
}

export interface ProgressStep {
  readonly step: 'applied' | 'out_confirmed' | 'in_accepted' | 'account_moved' | 'qualifications_recognised';
  readonly labelZh: string;
  readonly done: boolean;
  readonly at: string | null;
  readonly detailZh: string | null;
}

export interface TransferProgress {
  readonly transferId: string;
  readonly status: Transfer['status'];
  readonly statusZh: string;
  readonly fromRegionCode: string;
  readonly toRegionCode: string;
  readonly steps: readonly ProgressStep[];
  readonly clock: TransferClock;
  readonly closedReason: string | null;
}

function at(t: Transfer, event: string): string | null {
  return t.history.find((h) => h.event === event)?.at ?? null;
}

export function transferProgress(
  t: Transfer,
  today: IsoDate,
  calendar: Calendar,
  formatFen: (f: number) => string,
): TransferProgress {
  const done = t.status === TransferStatus.Completed;
  const outcome = t.outcome;
  const steps: ProgressStep[] = [
    {
      step: 'applied',
      labelZh: '提交申请（无需参保凭证和联系函）',
      done: true,
      at: t.appliedAt,
      detailZh: t.history[0]?.note ?? null,
    },
    {
      step: 'out_confirmed',
      labelZh: `转出地 ${t.fromRegionCode} 确认`,
      done: t.outConfirmedAt !== null,
      at: t.outConfirmedAt,
      detailZh: null,
    },
    {
      step: 'in_accepted',
      labelZh: `转入地 ${t.toRegionCode} 接收`,
      done,
      at: at(t, 'accept_in'),
      detailZh: null,
    },
    {
      step: 'account_moved',
      labelZh: '个人账户余额转移',
      done: done && outcome !== null,
      at: done ? t.completedAt : null,
      detailZh: outcome === null ? null : `转移余额 ${formatFen(outcome.balanceMovedFen)} 元`,
    },
    {
      step: 'qualifications_recognised',
      labelZh: '门诊慢特病资格互认',
      done: done && outcome !== null,
      at: done ? t.completedAt : null,
      detailZh:
        outcome === null
          ? null
          : outcome.recognisedDiseases.length + outcome.notRecognisedDiseases.length === 0
            ? '无门诊慢特病资格'
            : [
                outcome.recognisedDiseases.length > 0
                  ? `已互认：${outcome.recognisedDiseases.join('、')}`
                  : '',
                outcome.notRecognisedDiseases.length > 0
                  ? `跨省转移须在新参保地重新认定：${outcome.notRecognisedDiseases.join('、')}`
                  : '',
              ]
                .filter(Boolean)
                .join('；'),
    },
  ];
  return {
    transferId: t.transferId,
    status: t.status,
    statusZh: transferStatusNames[t.status],
    fromRegionCode: t.fromRegionCode,
    toRegionCode: t.toRegionCode,
    steps,
    clock: transferClock(t, today, calendar),
    closedReason: t.closedReason,
  };
}
