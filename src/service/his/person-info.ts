/**
 * 人员信息获取 (1101): find the insured person by e-credential token (01), ID card (02) or
 * social-security card (03), with the insurance and identity facts the counter needs.
 */
import { err, ok, type Result } from '../../core/errors.ts';
import type { Person } from '../../core/reference/types.ts';
import { findPerson, findRegion, type PersonKey } from '../../store/repositories/reference-reads.ts';
import { verifyECredentialToken } from '../e-credential.ts';
import type { HisContext } from './context.ts';
import { hisErrors } from './errors.ts';
import type { HisUseCase } from './message.ts';

export type PersonLookup =
  | { readonly by: 'e_credential'; readonly token: string }
  | { readonly by: 'id_card'; readonly certificateNo: string }
  | { readonly by: 'social_security_card'; readonly cardNo: string };

/** After preparation an e-credential has become the person number it stands for. */
export type ResolvedLookup =
  | Exclude<PersonLookup, { by: 'e_credential' }>
  | { readonly by: 'psn_no'; readonly psnNo: string };

export interface PersonInfo {
  readonly person: Person;
  readonly insuredRegionName: string;
  readonly ageYears: number;
}

/**
 * Resolves an e-credential token before the transaction opens (the verifier may read or write its own
 * key material). An injected verifier (tests, a real e-credential service) takes precedence over the
 * platform's own signed-token scheme.
 */
export async function resolvePersonLookup(
  ctx: HisContext,
  lookup: PersonLookup,
): Promise<Result<ResolvedLookup>> {
  if (lookup.by !== 'e_credential') return ok(lookup);
  if (ctx.eCredentialVerifier !== undefined) {
    const certificateNo = await ctx.eCredentialVerifier(lookup.token);
    return certificateNo === null
      ? err(hisErrors.eCredentialInvalid())
      : ok({ by: 'id_card', certificateNo });
  }
  const verified = await verifyECredentialToken(ctx, lookup.token, ctx.now());
  if (!verified.ok) return err({ ...verified.error, field: 'certificateNo' });
  return ok({ by: 'psn_no', psnNo: verified.value.personNo });
}

function keyOf(lookup: ResolvedLookup): { key: PersonKey; how: string } {
  switch (lookup.by) {
    case 'psn_no':
      return { key: { by: 'psn_no', value: lookup.psnNo }, how: '医保电子凭证' };
    case 'id_card':
      return { key: { by: 'certificate_no', value: lookup.certificateNo }, how: '身份证号' };
    case 'social_security_card':
      return { key: { by: 'social_security_card_no', value: lookup.cardNo }, how: '社会保障卡号' };
  }
}

/** Whole years on a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

export const queryPersonInfo: HisUseCase<ResolvedLookup, PersonInfo> = async (env, lookup) => {
  const { key, how } = keyOf(lookup);
  const person = await findPerson(env.tx, key);
  if (person === undefined) return err(hisErrors.personNotFound(how));
  const region = await findRegion(env.tx, person.insuredRegionCode);
  return ok({
    person,
    insuredRegionName: region?.name ?? '',
    ageYears: ageOn(person.birthDate, env.now.date),
  });
};
