/**
 * 参保地待遇政策 — benefit-policy versions of insured regions (R-M4). Natural key: (regionCode,
 * insuranceType, effectiveFrom). The document is validated by core/policy and stored as its JSON.
 */
import type { Insertable } from 'kysely';
import { validatePolicy } from '../../../core/policy/index.ts';
import { policyPeriods, upsertBenefitPolicies } from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import type { KindSpec } from './kind-spec.ts';
import { checkPeriodsAgainstStore, checkPeriodsInFile, type Versioned } from './periods.ts';

type Rec = Insertable<DB['benefit_policies']>;

function versionOf(r: Rec): Versioned {
  return {
    regionCode: r.region_code,
    key: r.insurance_type,
    from: r.effective_from,
    to: r.effective_to ?? null,
  };
}

export const policiesKind: KindSpec<Rec> = {
  kind: 'policies',
  title: '参保地待遇政策',
  csv: false,
  keyField: 'effectiveFrom',
  toRecord(value, issue) {
    const checked = validatePolicy(value);
    if (!checked.ok) {
      // The field is the document path (`rules[0].bands[1].uptoFen`): precise enough to find the spot.
      issue(checked.error.field ?? '', checked.error.message);
      return undefined;
    }
    const policy = checked.value;
    return {
      region_code: policy.regionCode,
      insurance_type: policy.insuranceType,
      effective_from: policy.effectiveFrom,
      effective_to: policy.effectiveTo,
      name: policy.nameZh,
      // The validated value, not the raw row: unknown fields are dropped, so what is stored is what the core reads.
      document: JSON.stringify(policy),
    };
  },
  naturalKey: (r) => `${r.region_code}\u0000${r.insurance_type}\u0000${r.effective_from}`,
  describeKey: (r) => `统筹区 ${r.region_code} 险种 ${r.insurance_type} 自 ${r.effective_from} 起的政策`,
  regionRefs: (r) => [{ field: 'regionCode', code: r.region_code }],
  fileChecks(records, rows, issues) {
    checkPeriodsInFile(records.map(versionOf), rows, 'effectiveFrom', '待遇政策', issues);
  },
  async storeChecks(tx, records, rows, issues) {
    const stored = await policyPeriods(tx, [...new Set(records.map((r) => r.region_code))]);
    checkPeriodsAgainstStore(records.map(versionOf), rows, stored, 'effectiveFrom', '待遇政策', issues);
  },
  write: (tx, records) => upsertBenefitPolicies(tx, records),
};
