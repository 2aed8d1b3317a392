/**
 * A contract binds one national transaction (infno as data) to a use case: read the input nodes into
 * a domain command, run the use case through the message handler, write the output nodes.
 */
import type { DomainError, Result } from '../core/errors.ts';
import type { HisContext } from '../service/his/context.ts';
import { type HisCall, type HisUseCase, handleHisMessage } from '../service/his/message.ts';
import type { MessageOutcome } from '../service/idempotency.ts';
import type { Envelope } from './envelope.ts';
import { readInput } from './input-reader.ts';

export interface ContractSpec<C, R, P = C> {
  readonly infno: string;
  /** 交易名称 */
  readonly nameZh: string;
  /** 9001 sign-in is the only transaction without a prior sign-in. */
  readonly requireSignIn?: boolean;
  /** Reads the input nodes; throws InputProblem through the NodeReader helpers. */
  readonly read: (input: Readonly<Record<string, unknown>>, envelope: Envelope) => C;
  /**
   * Work before the transaction opens (e.g. verifying an e-credential token against its own service);
   * a failure is answered like a validation failure and not stored.
   */
  readonly prepare?: (ctx: HisContext, command: C) => Promise<Result<P>>;
  readonly useCase: HisUseCase<P, R>;
  /** The `output` object for a successful result. */
  readonly write: (result: R, envelope: Envelope) => unknown;
}

export type Render = (outcome: Result<unknown>) => string;

/** A file sent as the answer instead of the envelope (9102: application/octet-stream). */
export interface FileAnswer {
  readonly fileName: string;
  readonly content: Uint8Array;
}

export type ContractOutcome =
  | { readonly invalid: DomainError }
  | (MessageOutcome & { readonly file?: FileAnswer });

export interface Contract {
  readonly infno: string;
  readonly nameZh: string;
  /**
   * Validation failures come back as an error (nothing stored); otherwise the message outcome, with
   * the file to send when the transaction answers with one (the body is then what the log keeps).
   */
  run(ctx: HisContext, envelope: Envelope, render: Render): Promise<ContractOutcome>;
}

export function callOf(envelope: Envelope): HisCall {
  return {
    institutionCode: envelope.institutionCode,
    treatmentRegionCode: envelope.treatmentRegionCode,
    insuredRegionCode: envelope.insuredRegionCode,
    signNo: envelope.signNo,
    msgid: envelope.msgid,
    operation: envelope.infno,
    requestHash: envelope.requestHash,
    operatorNo: envelope.operatorNo,
    operatorName: envelope.operatorName,
  };
}

export function defineContract<C, R, P = C>(spec: ContractSpec<C, R, P>): Contract {
  return {
    infno: spec.infno,
    nameZh: spec.nameZh,
    async run(ctx, envelope, render) {
      const command = readInput(() => spec.read(envelope.input, envelope));
      if (!command.ok) return { invalid: command.error };
      const prepared = spec.prepare
        ? await spec.prepare(ctx, command.value)
        : { ok: true as const, value: command.value as unknown as P };
      if (!prepared.ok) return { invalid: prepared.error };
      return handleHisMessage(
        ctx,
        callOf(envelope),
        spec.useCase,
        prepared.value,
        (outcome) => render(outcome.ok ? { ok: true, value: spec.write(outcome.value, envelope) } : outcome),
        { requireSignIn: spec.requireSignIn ?? true },
      );
    },
  };
}
