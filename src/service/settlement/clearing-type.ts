/**
 * 清算类别 clr_type of a settlement part (§2.9 / §3 codes), recorded on every posted row for
 * clearing (R-S3): local categories by medical type; 域内异地 (same province) and 域外异地 (other
 * province) categories for cross-region parts.
 */
import { SettlementCategory } from '../../core/settlement/index.ts';

export function clearingTypeOf(
  category: SettlementCategory,
  insuredRegionCode: string,
  treatmentRegionCode: string,
): string {
  if (insuredRegionCode === treatmentRegionCode) {
    switch (category) {
      case SettlementCategory.Inpatient:
        return '21';
      case SettlementCategory.ChronicOutpatient:
        return '14';
      case SettlementCategory.Emergency:
        return '13';
      case SettlementCategory.PharmacyPurchase:
        return '41';
      case SettlementCategory.GeneralOutpatient:
        return '11';
    }
  }
  const sameProvince = insuredRegionCode.slice(0, 2) === treatmentRegionCode.slice(0, 2);
  if (category === SettlementCategory.ChronicOutpatient) return sameProvince ? '9975' : '9987';
  if (sameProvince) return '9909';
  if (category === SettlementCategory.PharmacyPurchase) return '9974';
  if (category === SettlementCategory.Inpatient) return '99968';
  return '99963';
}
