/**
 * 冲正 (2601): undo a transaction whose outcome the HIS is unsure of, named by its original msgid
 * (omsgid) and infno (oinfno). Reversible: 2207/2304 settlements (cancelled), 2401 admissions
 * (cancelled when nothing is settled), 2208/2305 cancellations (the settlement is posted again).
 * A transaction that was refused, or is already undone, needs nothing: the answer is success.
 * An omsgid never received is refused (the platform cannot know what it would have done).
 */
import { err, ok } from '../../core/errors.ts';
import { findMessage } from '../../store/repositories/message-log.ts';
import { findSettlementsByMessage } from '../../store/repositories/settlements.ts';
import { findVisitsOfPerson } from '../../store/repositories/visits.ts';
import { cancelSettlementGroup } from '../settlement/cancel-settlement.ts';
import { repostCancelledGroup } from '../settlement/repost-settlement.ts';
import { HisErrorCode, hisErrors } from './errors.ts';
import type { HisUseCase } from './message.ts';
import { cancelVisit } from './visits.ts';

export const REVERSIBLE_OPERATIONS = ['2207', '2304', '2401', '2208', '2305'] as const;

export interface ReverseCommand {
  readonly psnNo: string;
  readonly originalMsgid: string;
  readonly originalOperation: string;
}

export type ReversalOutcome = 'reversed' | 'nothing_to_reverse';

export const reverseMessage: HisUseCase<ReverseCommand, { outcome: ReversalOutcome }> = async (
  env,
  command,
) => {
  const { originalMsgid: omsgid, originalOperation: oinfno } = command;
  if (!(REVERSIBLE_OPERATIONS as readonly string[]).includes(oinfno)) {
    return err(
      hisErrors.reversalNotReversible(
        oinfno,
        `只能冲正 ${REVERSIBLE_OPERATIONS.join('、')}；其他交易请使用对应的撤销交易。`,
      ),
    );
  }
  const original = await findMessage(env.tx, env.institution.code, omsgid);
  if (original === undefined) return err(hisErrors.reversalOriginalNotFound(omsgid));
  if (original.operation !== oinfno) {
    return err(
      hisErrors.reversalNotReversible(
        oinfno,
        `原报文ID “${omsgid}” 对应的交易是 ${original.operation}，不是 ${oinfno}，请核对原交易编号 «originalOperation»。`,
      ),
    );
  }
  const posted = (await findSettlementsByMessage(env.tx, env.institution.code, omsgid)).filter(
    (r) => r.psnNo === command.psnNo,
  );

  if (oinfno === '2207' || oinfno === '2304') {
    const first = posted.find((r) => r.kind === 'settlement');
    if (first === undefined) return ok({ outcome: 'nothing_to_reverse' });
    const cancelled = await cancelSettlementGroup(env, {
      kind: oinfno === '2207' ? 'outpatient' : 'inpatient',
      groupId: first.groupId,
      visitId: first.visitId,
      psnNo: command.psnNo,
    });
    if (!cancelled.ok && cancelled.error.code === HisErrorCode.SettlementAlreadyCancelled) {
      return ok({ outcome: 'nothing_to_reverse' });
    }
    return cancelled.ok ? ok({ outcome: 'reversed' }) : cancelled;
  }

  if (oinfno === '2208' || oinfno === '2305') {
    const reversals = posted.filter((r) => r.kind === 'reversal');
    if (reversals.length === 0) return ok({ outcome: 'nothing_to_reverse' });
    const reposted = await repostCancelledGroup(env, oinfno, reversals);
    return reposted.ok ? ok({ outcome: 'reversed' }) : reposted;
  }

  // 2401: the stay this message opened.
  const stays = await findVisitsOfPerson(env.tx, command.psnNo, env.institution.code, {
    from: '',
    to: '9999',
  });
  const stay = stays.find((v) => v.kind === 'inpatient' && v.details.openedByMsgid === omsgid);
  if (stay === undefined || stay.status === 'cancelled') return ok({ outcome: 'nothing_to_reverse' });
  const cancelled = await cancelVisit(env, { visitId: stay.visitId, psnNo: command.psnNo }, 'inpatient');
  return cancelled.ok ? ok({ outcome: 'reversed' }) : cancelled;
};
