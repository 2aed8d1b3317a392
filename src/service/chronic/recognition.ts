/**
 * R-C4 省内互认 as a step of someone else's use case: the relation-transfer (or insurance-type change)
 * service calls recogniseOnTransfer inside ITS transaction, so the person's new insurance relation and
 * their carried-over qualifications commit together or not at all.
 */
import { chinaDateOf } from '../../core/calendar/index.ts';
import { planRecognition } from '../../core/chronic/recognition.ts';
import { type Qualification, QualificationSource, QualificationStatus } from '../../core/chronic/types.ts';
import { listDiseaseMappings } from '../../store/repositories/chronic-catalog.ts';
import {
  closeQualification,
  insertQualification,
  qualificationsOfPerson,
} from '../../store/repositories/chronic-qualifications.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { dialectOf, newId } from './support.ts';

export interface TransferRecognitionInput {
  readonly psnNo: string;
  readonly fromRegion: string;
  readonly toRegion: string;
  readonly newInsuranceType: string;
  /** When the change takes effect: an ISO timestamp or date; the China date is the recognition day. */
  readonly at: string;
  readonly actor?: string;
  readonly requestId?: string | null;
  /** The caller's clock (ctx.now()); the transfer service passes it so tests can set time. */
  readonly now?: Date;
}

export interface TransferRecognitionResult {
  readonly carried: readonly { readonly from: Qualification; readonly to: Qualification }[];
  /** Ended because the move leaves the province: the person applies anew in the new region. */
  readonly notRecognised: readonly Qualification[];
}

export async function recogniseOnTransfer(
  tx: Tx,
  input: TransferRecognitionInput,
): Promise<TransferRecognitionResult> {
  const onDate = chinaDateOf(input.at);
  const now = (input.now ?? new Date()).toISOString();
  const mappings = await listDiseaseMappings(tx, input.toRegion);
  const localCodeIn = (_region: string, disease: string) =>
    mappings.find((m) => m.diseaseCode === disease)?.localCode ?? null;
  const plan = planRecognition(
    await qualificationsOfPerson(tx, input.psnNo),
    {
      fromRegion: input.fromRegion,
      toRegion: input.toRegion,
      newInsuranceType: input.newInsuranceType,
      onDate,
    },
    localCodeIn,
  );
  const carried: { from: Qualification; to: Qualification }[] = [];
  for (const c of plan.carried) {
    await closeQualification(
      tx,
      c.from.qualificationId,
      { status: 'ended', endDate: c.endDate, reason: `省内关系变更互认至 ${input.toRegion}` },
      now,
    );
    const to: Qualification = {
      qualificationId: newId('CQ'),
      psnNo: input.psnNo,
      ...c.next,
      diseaseCode: c.from.diseaseCode,
      endDate: c.from.endDate,
      source: QualificationSource.Recognised,
      sourceRef: c.from.qualificationId,
      status: QualificationStatus.Active,
      endReason: null,
    };
    await insertQualification(tx, to, now);
    carried.push({ from: c.from, to });
  }
  for (const n of plan.notRecognised) {
    await closeQualification(
      tx,
      n.from.qualificationId,
      { status: 'ended', endDate: n.endDate, reason: `跨省转移至 ${input.toRegion}，须在新参保地重新认定` },
      now,
    );
  }
  if (carried.length + plan.notRecognised.length > 0) {
    await appendAudit(tx, dialectOf(tx), {
      at: now,
      actor: input.actor ?? 'system',
      role: input.actor ? 'staff' : 'system',
      action: 'chronic.qualification.recognise',
      subject: input.psnNo,
      requestId: input.requestId ?? null,
      detail: {
        fromRegion: input.fromRegion,
        toRegion: input.toRegion,
        insuranceType: input.newInsuranceType,
        onDate,
        carried: carried.map((c) => [c.from.qualificationId, c.to.qualificationId]),
        notRecognised: plan.notRecognised.map((n) => n.from.qualificationId),
      },
    });
  }
  return { carried, notRecognised: plan.notRecognised.map((n) => n.from) };
}
