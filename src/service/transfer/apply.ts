/**
 * 申请关系转移 (R-T1): the person online, or a clerk at either end's window for the person. No
 * certificate and no contact letter are asked for: the request has no field for them. The 15-working-day
 * clock starts the day after application.
 */
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { applyForTransfer, type Transfer } from '../../core/transfer/index.ts';
import { findPerson, findRegion } from '../../store/repositories/reference-reads.ts';
import { openTransferOfPerson } from '../../store/repositories/transfers.ts';
import type { AppContext } from '../context.ts';
import { workingCalendar } from '../reimbursement/calendar.ts';
import { actorOf, type CaseCaller, newCaseId } from '../reimbursement/caller.ts';
import { transact } from '../transact.ts';
import { TransferServiceErrorCode } from './errors.ts';
import { saveNewTransfer } from './persist.ts';

export interface TransferRequest {
  /** From the session for a person; required when staff apply at a window. */
  readonly psnNo?: string;
  readonly toRegionCode: string;
  /** Insurance type in the new region; defaults to the current one. */
  readonly toInsuranceType?: string;
}

export async function applyTransfer(
  ctx: AppContext,
  caller: CaseCaller,
  request: TransferRequest,
): Promise<Result<Transfer>> {
  const psnNo = caller.role === 'person' ? caller.psnNo : request.psnNo;
  if (!psnNo)
    return err(
      domainError('VALIDATION_FAILED', '窗口代办须填写参保人的人员编号（字段 psnNo）。', { field: 'psnNo' }),
    );
  const calendar = await workingCalendar(ctx);
  const now = ctx.now();
  const nowIso = now.toISOString();
  return transact(ctx, async (tx) => {
    const person = await findPerson(tx, { by: 'psn_no', value: psnNo });
    if (person === undefined) {
      return err(
        domainError(TransferServiceErrorCode.PersonNotFound, `没有人员编号为 ${psnNo} 的参保人。`, {
          field: 'psnNo',
        }),
      );
    }
    if (person.status !== 'active') {
      return err(
        domainError(
          TransferServiceErrorCode.PersonNotActive,
          '参保人当前不是正常参保状态，请先到参保地经办机构核实参保状态。',
          {
            ruleId: 'R-T1',
            field: 'psnNo',
          },
        ),
      );
    }
    if ((await findRegion(tx, request.toRegionCode)) === undefined) {
      return err(
        domainError(
          TransferServiceErrorCode.RegionUnknown,
          `转入地 ${request.toRegionCode} 不是本平台服务的统筹区，请核对统筹区代码。`,
          {
            ruleId: 'R-T1',
            field: 'toRegionCode',
          },
        ),
      );
    }
    const open = await openTransferOfPerson(tx, psnNo);
    if (open !== undefined) {
      return err(
        domainError(
          TransferServiceErrorCode.AlreadyOpen,
          `已有办理中的关系转移申请 ${open}，可在“办理进度”中查看，无需重复申请。`,
          {
            ruleId: 'R-T1',
          },
        ),
      );
    }
    const applied = applyForTransfer(
      {
        transferId: newCaseId('TR', now),
        psnNo,
        fromRegionCode: person.insuredRegionCode,
        toRegionCode: request.toRegionCode,
        fromInsuranceType: person.insuranceType,
        toInsuranceType: request.toInsuranceType ?? person.insuranceType,
        actor: actorOf(caller),
      },
      nowIso,
      calendar,
    );
    if (!applied.ok) return applied;
    await saveNewTransfer(tx, applied.value.transfer, applied.value.effects, {
      dialect: ctx.store.dialect,
      caller,
      now: nowIso,
    });
    return ok(applied.value.transfer);
  });
}
