/**
 * The agency works the pre-qualified list (R-C5): records each contact, then the person's (or family's)
 * wish. Consent grants the qualification and queues exactly one SMS notice in the same transaction; the
 * candidate's status guard makes a repeated or concurrent consent fail instead of granting twice.
 */
import { applyCandidateEvent, type CandidateEvent } from '../../core/chronic/candidate.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { grantNoticeText } from '../../core/chronic/notice.ts';
import {
  type Qualification,
  QualificationSource,
  type ScreeningCandidate,
} from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { findChronicDisease } from '../../store/repositories/chronic-catalog.ts';
import { findCandidate, saveCandidate } from '../../store/repositories/chronic-screening.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { grantQualification } from './grant.ts';
import { type ChronicCaller, findPerson, outOfScope, personNotFound } from './support.ts';

export interface CandidateAction {
  readonly candidateId: string;
  readonly action: 'contact' | 'consent' | 'refuse';
  readonly note?: string;
}

export interface CandidateOutcome {
  readonly candidate: ScreeningCandidate;
  readonly qualification: Qualification | null;
  readonly smsQueued: boolean;
}

export async function actOnCandidate(
  ctx: AppContext,
  input: CandidateAction,
  caller: ChronicCaller,
): Promise<Result<CandidateOutcome>> {
  const now = ctx.now();
  const at = now.toISOString();
  return inTransaction(ctx.store.db, async (tx) => {
    const candidate = await findCandidate(tx, input.candidateId);
    if (!candidate) {
      return err(
        domainError(
          ChronicErrorCode.CandidateNotFound,
          `未找到预享受名单记录 ${input.candidateId}，请刷新名单后重试。`,
          { field: 'candidateId' },
        ),
      );
    }
    const scope = outOfScope(caller, candidate.regionCode);
    if (scope) return err(scope);
    const event: CandidateEvent =
      input.action === 'contact'
        ? { kind: 'contact', actor: caller, note: input.note ?? '' }
        : { kind: input.action, actor: caller, ...(input.note ? { note: input.note } : {}) };
    const moved = applyCandidateEvent(candidate, event, at);
    if (!moved.ok) return moved;
    let next = moved.value.candidate;
    let qualification: Qualification | null = null;
    let smsQueued = false;
    if (moved.value.grant) {
      const person = await findPerson(tx, candidate.psnNo);
      if (!person) return err(personNotFound(candidate.psnNo));
      const disease = (await findChronicDisease(tx, candidate.diseaseCode))!;
      const startDate = moved.value.grant.startDate;
      const granted = await grantQualification(
        tx,
        ctx.store.dialect,
        {
          person,
          diseaseCode: disease.code,
          diseaseName: disease.name,
          startDate,
          source: QualificationSource.AutomaticGrant,
          sourceRef: candidate.candidateId,
          notice: { template: 'chronic_grant', text: grantNoticeText(disease.name, startDate) },
        },
        caller,
        now,
      );
      if (!granted.ok) return granted;
      qualification = granted.value.qualification;
      smsQueued = granted.value.smsQueued;
      next = { ...next, qualificationId: qualification.qualificationId };
    }
    const saved = await saveCandidate(tx, next, candidate.status, {
      actor: caller.id,
      at,
      contact: input.action === 'contact',
    });
    // Lost a race with another caseworker: roll back the grant and its SMS rather than send a second one.
    if (!saved) throw new Error(`candidate ${candidate.candidateId} changed concurrently`);
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: caller.id,
      role: caller.role,
      action: `chronic.candidate.${input.action}`,
      subject: candidate.psnNo,
      requestId: caller.requestId ?? null,
      detail: {
        candidateId: candidate.candidateId,
        diseaseCode: candidate.diseaseCode,
        note: input.note ?? null,
      },
    });
    return ok({ candidate: next, qualification, smsQueued });
  });
}
