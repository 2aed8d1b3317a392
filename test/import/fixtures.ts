/** Small builders of import files for the import tests. */
import { idCardCheckChar } from '../../src/service/import/id-card.ts';

export const REGIONS_JSON = JSON.stringify({
  kind: 'regions',
  rows: [
    { code: '341700', name: '池州市', provinceCode: '340000', provinceName: '安徽省' },
    { code: '340100', name: '合肥市', provinceCode: '340000', provinceName: '安徽省' },
    { code: '210300', name: '鞍山市', provinceCode: '210000', provinceName: '辽宁省' },
  ],
});

export const CATALOG_HEADER =
  'regionCode,code,name,kind,catalogClass,copayRatio,priceLimit,validFrom,validTo';

/** A catalog CSV of `count` valid rows; `override(row)` may replace a row's line (1-based data row). */
export function catalogCsv(
  count: number,
  override?: (row: number) => string | undefined,
  name = '阿莫西林胶囊',
): string {
  const lines = [CATALOG_HEADER];
  for (let row = 1; row <= count; row++) {
    const code = `XJ01CAA${String(row).padStart(6, '0')}`;
    const klass = row % 3 === 0 ? '02' : '01';
    const copay = klass === '02' ? '0.1' : '';
    const limit = row % 5 === 0 ? '12.50' : '';
    lines.push(override?.(row) ?? `341700,${code},${name}${row},drug,${klass},${copay},${limit},2024-01-01,`);
  }
  return `${lines.join('\n')}\n`;
}

/** A valid 18-digit ID-card number for a birth date and a sequence (odd = male). */
export function idCardNo(area: string, birth: string, sequence: number): string {
  const first17 = `${area}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export function personRow(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const sequence = 100 + (i % 800);
  const birth = `19${50 + (i % 45)}-0${1 + (i % 9)}-1${i % 10}`;
  return {
    psnNo: `P341700${String(i).padStart(8, '0')}`,
    name: `测试${i}`,
    certificateType: '01',
    certificateNo: idCardNo('341702', birth, (sequence * 10 + (i % 10)) % 1000),
    socialSecurityCardNo: `A${String(i).padStart(8, '0')}`,
    phone: `139${String(i).padStart(8, '0')}`,
    gender: ((sequence * 10 + (i % 10)) % 1000) % 2 === 1 ? '1' : '2',
    birthDate: birth,
    insuredRegionCode: '341700',
    insuranceType: i % 2 === 0 ? '310' : '390',
    employment: 'employed',
    civilServant: false,
    assistanceCategory: 'none',
    status: 'active',
    accountBalance: i % 2 === 0 ? '1234.56' : '0',
    ...overrides,
  };
}
