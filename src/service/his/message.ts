/**
 * One HIS message, end to end inside ONE transaction: check the institution and its sign-in, claim
 * the msgid, run the use case (rolled back on a business rejection), store the rendered response.
 * Use cases are functions of (env, command) → Result; the edge renders and names the fields.
 */
import { type DomainError, err, type Result } from '../../core/errors.ts';
import type { Institution } from '../../core/reference/types.ts';
import { findInstitution } from '../../store/repositories/reference-reads.ts';
import { findInstitutionAndSignIn } from '../../store/repositories/sign-ins.ts';
import { inTransaction, type Tx } from '../../store/transaction.ts';
import { type MessageOutcome, processOnce } from '../idempotency.ts';
import { type ChinaTime, chinaTime } from './clock.ts';
import type { HisContext } from './context.ts';
import { hisErrors } from './errors.ts';

/** Who sends the message and about what: the envelope, in domain terms. */
export interface HisCall {
  readonly institutionCode: string;
  /** 就医地 — must be the institution's own region. */
  readonly treatmentRegionCode: string;
  /** 参保地 as the envelope says it; null when not sent (local business). */
  readonly insuredRegionCode: string | null;
  readonly signNo: string | null;
  readonly msgid: string;
  /** The transaction asked for (national infno). */
  readonly operation: string;
  /** Hash of the request's business content (see national/envelope.ts for what it covers). */
  readonly requestHash: string;
  readonly operatorNo: string;
  readonly operatorName: string;
}

export interface HisEnv {
  readonly ctx: HisContext;
  readonly tx: Tx;
  readonly call: HisCall;
  readonly institution: Institution;
  readonly now: ChinaTime;
}

export type HisUseCase<C, R> = (env: HisEnv, command: C) => Promise<Result<R>>;

export interface HisMessageOptions {
  /** Business transactions need a valid sign-in of the same institution; 9001 itself does not. */
  readonly requireSignIn: boolean;
}

async function checkSession(
  tx: Tx,
  call: HisCall,
  options: HisMessageOptions,
): Promise<Result<Institution, DomainError>> {
  const signNo = options.requireSignIn ? call.signNo : null;
  // Institution and sign-in in one read: every business message checks both.
  const found =
    signNo === null
      ? { institution: await findInstitution(tx, call.institutionCode), signIn: undefined }
      : await findInstitutionAndSignIn(tx, call.institutionCode, signNo);
  const institution = found?.institution;
  if (institution === undefined) return err(hisErrors.institutionUnknown(call.institutionCode));
  if (institution.regionCode !== call.treatmentRegionCode) {
    return err(hisErrors.institutionRegionMismatch(call.treatmentRegionCode, institution.regionCode));
  }
  if (options.requireSignIn) {
    if (signNo === null) return err(hisErrors.signInRequired());
    const signIn = found?.signIn;
    if (signIn === undefined || signIn.institutionCode !== institution.code) {
      return err(hisErrors.signInInvalid(signNo));
    }
    if (signIn.signedOutAt !== null) return err(hisErrors.signInEnded(signNo));
  }
  return { ok: true, value: institution };
}

/**
 * Handles one message. Session failures are answered but not stored (the msgid stays free for a
 * corrected retry); everything after the claim is stored and replayed byte for byte.
 */
export async function handleHisMessage<C, R>(
  ctx: HisContext,
  call: HisCall,
  useCase: HisUseCase<C, R>,
  command: C,
  render: (outcome: Result<R>, now: ChinaTime) => string,
  options: HisMessageOptions,
): Promise<MessageOutcome> {
  return inTransaction(ctx.store.db, async (tx) => {
    const now = chinaTime(ctx.now());
    const session = await checkSession(tx, call, options);
    if (!session.ok) return { body: render(err(session.error), now), replayed: false };
    const env: HisEnv = { ctx, tx, call, institution: session.value, now };
    return processOnce(
      tx,
      {
        party: call.institutionCode,
        msgid: call.msgid,
        operation: call.operation,
        requestHash: call.requestHash,
      },
      now.dateTime,
      () => useCase(env, command),
      (outcome) => render(outcome, chinaTime(ctx.now())),
    );
  });
}
