/**
 * Person-record queries an institution may make at the counter: the person's chronic-disease
 * medication at every institution (5205, so a pharmacy sees what was dispensed elsewhere, R-C2), the
 * institution's own inpatients in hospital (5303), and the person's filings — referrals (5304) and
 * filings by kind (5302, R-F1). Read-only use cases inside the message transaction.
 */
import { err, ok } from '../../core/errors.ts';
import { type Filing, FilingStatus, type FilingType } from '../../core/filing/index.ts';
import type { Person } from '../../core/reference/types.ts';
import { filingsOfPerson } from '../../store/repositories/filings.ts';
import {
  type ChronicMedicationLine,
  chronicMedicationLines,
  type InHospitalStay,
  inHospitalStays,
  placeName,
} from '../../store/repositories/person-records.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import { hisErrors } from './errors.ts';
import type { HisEnv, HisUseCase } from './message.ts';
import { ageOn } from './person-info.ts';

export interface TimeRange {
  /** yyyy-MM-dd HH:mm:ss, inclusive. */
  readonly from: string;
  readonly to: string;
}

async function personOf(env: HisEnv, psnNo: string) {
  const person = await findPerson(env.tx, { by: 'psn_no', value: psnNo });
  return person === undefined ? err(hisErrors.personNotFound(`人员编号 ${psnNo}`)) : ok(person);
}

/**
 * 5205 — drug lines (the treatment region's catalog kind `drug`) of the person's live chronic-outpatient
 * settlements, at any institution; a cancelled settlement's lines are back to unsettled and not listed.
 */
export const queryChronicMedication: HisUseCase<
  { readonly psnNo: string } & TimeRange,
  { readonly person: Person; readonly lines: readonly ChronicMedicationLine[] }
> = async (env, q) => {
  const person = await personOf(env, q.psnNo);
  if (!person.ok) return person;
  const lines = (await chronicMedicationLines(env.tx, q.psnNo, q)).filter((l) => l.catalogKind === 'drug');
  return ok({ person: person.value, lines });
};

/** 5303 — the institution's inpatients still in hospital, admitted within the range (of one person, if named). */
export const queryInHospital: HisUseCase<
  { readonly psnNo: string | null } & TimeRange,
  readonly (InHospitalStay & { readonly ageYears: number; readonly crossRegion: boolean })[]
> = async (env, q) => {
  const stays = await inHospitalStays(env.tx, env.institution.code, q, q.psnNo);
  return ok(
    stays.map((s) => ({
      ...s,
      ageYears: ageOn(s.birthDate, env.now.date),
      crossRegion: s.insuredRegionCode !== s.treatmentRegionCode,
    })),
  );
};

export interface FilingRecord {
  readonly filing: Filing;
  /** The name of the filed treatment city or province. */
  readonly targetName: string;
  /** The filed place lies outside the insured region. */
  readonly crossRegion: boolean;
}

async function recordsOf(env: HisEnv, filings: readonly Filing[]): Promise<FilingRecord[]> {
  const names = new Map<string, string>();
  const out: FilingRecord[] = [];
  for (const filing of filings) {
    const code = filing.target.scope === 'city' ? filing.target.regionCode : filing.target.provinceCode;
    if (!names.has(code)) names.set(code, (await placeName(env.tx, code)) ?? code);
    out.push({ filing, targetName: names.get(code)!, crossRegion: code !== filing.insuredRegionCode });
  }
  return out;
}

/** 5304 — the person's approved referral filings whose validity starts within the date range. */
export const queryReferralFilings: HisUseCase<
  { readonly psnNo: string; readonly fromDate: string; readonly toDate: string },
  { readonly person: Person; readonly records: readonly FilingRecord[] }
> = async (env, q) => {
  const person = await personOf(env, q.psnNo);
  if (!person.ok) return person;
  const filings = (await filingsOfPerson(env.tx, q.psnNo, { history: false }))
    .map((s) => s.filing)
    .filter(
      (f) =>
        f.type === 'referral' &&
        f.status === FilingStatus.Approved &&
        f.validFrom >= q.fromDate &&
        f.validFrom <= q.toDate,
    );
  return ok({ person: person.value, records: await recordsOf(env, filings) });
};

/** 5302 — the person's approved filings of the given kinds, in the order they were made. */
export const queryFilingsOfKinds: HisUseCase<
  { readonly psnNo: string; readonly types: readonly FilingType[] },
  { readonly person: Person; readonly records: readonly FilingRecord[] }
> = async (env, q) => {
  const person = await personOf(env, q.psnNo);
  if (!person.ok) return person;
  const filings = (await filingsOfPerson(env.tx, q.psnNo, { history: false }))
    .map((s) => s.filing)
    .filter((f) => q.types.includes(f.type) && f.status === FilingStatus.Approved);
  return ok({ person: person.value, records: await recordsOf(env, filings) });
};
