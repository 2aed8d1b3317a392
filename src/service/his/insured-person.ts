/**
 * Loading the insured person a message is about, with the checks every visit transaction shares:
 * the person exists and is insured, the insurance type and the envelope's insured region agree with the
 * register, and a cross-region person is only served by a networked institution.
 */
import { err, ok, type Result } from '../../core/errors.ts';
import type { Person } from '../../core/reference/types.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import { hisErrors } from './errors.ts';
import type { HisEnv } from './message.ts';

const STATUS_ZH: Record<string, string> = { suspended: '暂停参保', terminated: '终止参保' };

export async function loadInsuredPerson(
  env: HisEnv,
  psnNo: string,
  insuranceType: string | null,
): Promise<Result<Person>> {
  const person = await findPerson(env.tx, { by: 'psn_no', value: psnNo });
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${psnNo}`));
  return checkInsuredPerson(env, person, insuranceType);
}

export function checkInsuredPerson(
  env: HisEnv,
  person: Person,
  insuranceType: string | null,
): Result<Person> {
  if (person.status !== 'active')
    return err(hisErrors.personNotInsured(STATUS_ZH[person.status] ?? person.status));
  if (insuranceType !== null && insuranceType !== person.insuranceType) {
    return err(hisErrors.insuranceTypeMismatch(insuranceType, person.insuranceType));
  }
  // Absent insured region means local business (§1.1); a person from elsewhere must be declared as such.
  const declared = env.call.insuredRegionCode ?? env.call.treatmentRegionCode;
  if (declared !== person.insuredRegionCode) {
    return err(hisErrors.insuredRegionMismatch(declared, person.insuredRegionCode));
  }
  if (person.insuredRegionCode !== env.institution.regionCode && !env.institution.crossRegionNetworked) {
    return err(hisErrors.crossRegionNotNetworked());
  }
  return ok(person);
}
