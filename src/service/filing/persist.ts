/**
 * Remembering what the core decided: the filing's new state and history, its effects (a change
 * superseding its predecessor, notices to the person through the outbox), and the audit record.
 */
import { type DomainError, err, ok, type Result } from '../../core/errors.ts';
import { applyFilingEvent, type Filing, type FilingEffect, FilingStatus } from '../../core/filing/index.ts';
import type { DialectName } from '../../store/database.ts';
import { findFiling, type StoredFiling, updateFiling } from '../../store/repositories/filings.ts';
import type { Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import { auditRole, callerId, type FilingCaller } from './caller.ts';
import { concurrentUpdate } from './errors.ts';

export const FILING_NOTICE_TOPIC = 'filing.notice';

/** Outbox payload of a notice to the insured person (delivered by SMS / in-app by the outbox sender). */
export interface FilingNotice {
  readonly psnNo: string;
  readonly filingId: string;
  readonly message: string;
}

export async function saveMove(
  tx: Tx,
  before: StoredFiling,
  after: Filing,
  caller: FilingCaller,
): Promise<Result<void, DomainError>> {
  const saved = await updateFiling(tx, before, after, callerId(caller));
  return saved ? ok(undefined) : err(concurrentUpdate(after.id));
}

/** Carries out the core's effects inside the same transaction. */
export async function carryOut(
  tx: Tx,
  dialect: DialectName,
  effects: readonly FilingEffect[],
  caller: FilingCaller,
  now: string,
): Promise<Result<string[]>> {
  const notices: string[] = [];
  for (const effect of effects) {
    if (effect.type === 'notify_person') {
      const notice: FilingNotice = {
        psnNo: effect.personNo,
        filingId: effect.filingId,
        message: effect.message,
      };
      await tx
        .insertInto('outbox')
        .values({
          topic: FILING_NOTICE_TOPIC,
          payload: JSON.stringify(notice),
          created_at: now,
          delivered_at: null,
        })
        .execute();
      notices.push(effect.message);
    } else if (effect.type === 'supersede_previous') {
      const done = await supersede(tx, dialect, effect, caller, now);
      if (!done.ok) return done;
    }
    // review_queued / review_closed: the queue is the set of pending filings, nothing else to write.
  }
  return ok(notices);
}

async function supersede(
  tx: Tx,
  dialect: DialectName,
  effect: Extract<FilingEffect, { type: 'supersede_previous' }>,
  caller: FilingCaller,
  now: string,
): Promise<Result<void>> {
  const before = await findFiling(tx, dialect, effect.filingId, { forUpdate: true });
  // Revoked meanwhile: the change stands on its own, there is nothing left to end.
  if (before === undefined || before.filing.status !== FilingStatus.Approved) return ok(undefined);
  const moved = applyFilingEvent(
    before.filing,
    { kind: 'supersede', byFilingId: effect.byFilingId, effectiveOn: effect.effectiveOn },
    now,
  );
  if (!moved.ok) return moved;
  const saved = await saveMove(tx, before, moved.value.filing, caller);
  if (!saved.ok) return saved;
  await auditFiling(tx, dialect, caller, 'filing.supersede', moved.value.filing, now, {
    byFilingId: effect.byFilingId,
  });
  return ok(undefined);
}

export async function auditFiling(
  tx: Tx,
  dialect: DialectName,
  caller: FilingCaller,
  action: string,
  filing: Filing,
  now: string,
  detail: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await appendAudit(tx, dialect, {
    at: now,
    actor: callerId(caller),
    role: auditRole(caller),
    action,
    subject: filing.id,
    requestId: caller.requestId ?? null,
    detail: { psnNo: filing.personNo, status: filing.status, ...detail },
  });
}
