/**
 * The error catalogue's shape. Every expected business failure is a value of type DomainError:
 * a stable machine code, a plain Chinese message that names the field and the fix, and the rule id.
 * Each core module declares its own codes next to its rules; edges translate them to the wire.
 */
export interface DomainError {
  /** Stable machine code, UPPER_SNAKE_CASE, never reworded once published. */
  readonly code: string;
  /** Chinese message for people: what is wrong, which field, how to fix it. */
  readonly message: string;
  /** The DOMAIN.md rule this error enforces, where there is one (e.g. 'R-M2'). */
  readonly ruleId?: string;
  /** The input field at fault, as the caller named it. */
  readonly field?: string;
}

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E = DomainError>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

export function domainError(
  code: string,
  message: string,
  extra: { ruleId?: string; field?: string } = {},
): DomainError {
  return { code, message, ...extra };
}
