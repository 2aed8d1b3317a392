/**
 * What the HIS use cases receive beyond the AppContext: pluggable verifiers that later issues replace
 * with real services. They are optional properties of the context object, so the server keeps passing
 * one context everywhere.
 */
import type { AppContext } from '../context.ts';

/**
 * 医保电子凭证 — resolves an e-credential QR token (cert type 01) to the person's certificate (ID-card)
 * number, or null when the token is invalid or expired. The national e-credential service sits
 * behind it in production.
 */
export type ECredentialVerifier = (token: string) => Promise<string | null>;

export interface HisContext extends AppContext {
  readonly eCredentialVerifier?: ECredentialVerifier;
}
