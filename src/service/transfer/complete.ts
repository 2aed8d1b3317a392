/**
 * 转移完成 (R-T1, R-C4), inside the acceptance's transaction: the person now belongs to the new region
 * (and insurance type), the personal-account balance leaves the old region and arrives in the new one
 * as two append-only movements ('transfer_out' then 'transfer_in', each with before/after/version),
 * and the chronic qualifications are recognised by the chronic service. All commit together or not at all.
 * Within one deployment the two movements meet in one transaction; across deployments they would be
 * two idempotent messages with a reversal, like every cross-region exchange.
 */
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { fen } from '../../core/money/index.ts';
import type { Transfer, TransferOutcome } from '../../core/transfer/index.ts';
import type { DialectName } from '../../store/database.ts';
import { moveAccount } from '../../store/repositories/accounts.ts';
import { lockPerson } from '../../store/repositories/reference-reads.ts';
import type { Tx } from '../../store/transaction.ts';
import { recogniseOnTransfer } from '../chronic/index.ts';
import { TransferServiceErrorCode } from './errors.ts';

export async function completeRelation(
  tx: Tx,
  dialect: DialectName,
  transfer: Transfer,
  context: { now: Date; actor: string; requestId?: string | null },
): Promise<Result<TransferOutcome>> {
  const at = context.now.toISOString();
  const person = await lockPerson(tx, dialect, transfer.psnNo);
  if (person === undefined)
    throw new Error(`person ${transfer.psnNo} of transfer ${transfer.transferId} vanished`);
  if (person.insuredRegionCode !== transfer.fromRegionCode) {
    return err(
      domainError(
        TransferServiceErrorCode.RelationChanged,
        `参保人当前参保地为 ${person.insuredRegionCode}，已不是本申请的转出地 ${transfer.fromRegionCode}，不能完成转移；请退回本申请后重新申请。`,
        { ruleId: 'R-T1' },
      ),
    );
  }
  const balance = person.accountBalanceFen;
  if (balance > 0) {
    const after = await moveAccount(tx, {
      psnNo: person.personNo,
      settlementId: null,
      reason: 'transfer_out',
      deltaFen: -balance,
      balanceBeforeFen: balance,
      at,
    });
    await moveAccount(tx, {
      psnNo: person.personNo,
      settlementId: null,
      reason: 'transfer_in',
      deltaFen: balance,
      balanceBeforeFen: after,
      at,
    });
  }
  await tx
    .updateTable('persons')
    .set((eb) => ({
      insured_region_code: transfer.toRegionCode,
      insurance_type: transfer.toInsuranceType,
      row_version: eb('row_version', '+', 1),
    }))
    .where('psn_no', '=', person.personNo)
    .execute();
  const recognition = await recogniseOnTransfer(tx, {
    psnNo: person.personNo,
    fromRegion: transfer.fromRegionCode,
    toRegion: transfer.toRegionCode,
    newInsuranceType: transfer.toInsuranceType,
    at,
    actor: context.actor,
    requestId: context.requestId ?? null,
    now: context.now,
  });
  return ok({
    balanceMovedFen: fen(balance),
    recognisedDiseases: recognition.carried.map((c) => c.to.diseaseCode),
    notRecognisedDiseases: recognition.notRecognised.map((q) => q.diseaseCode),
  });
}
