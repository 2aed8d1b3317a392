/** Contribution rows for the web fixture's two persons, as an import CSV (R-P2). */
export const CONTRIBUTION_HEADER =
  'contributionId,psnNo,insuredRegionCode,insuranceType,period,base,employerPart,personalPart,accountCredit,status,paidDate,payerName,correctsId';

export interface Line {
  id: string;
  psn: string;
  region: string;
  type?: '310' | '390';
  period: string;
  base?: string;
  employer?: string;
  personal?: string;
  credit?: string;
  status?: 'paid' | 'unpaid' | 'refunded';
  paidDate?: string;
  payer?: string;
  corrects?: string;
}

/** An employee month on a 6,000-yuan base: employer 8 % = 480.00, personal 2 % = 120.00, all credited. */
export function csvLine(l: Line): string {
  const status = l.status ?? 'paid';
  return [
    l.id,
    l.psn,
    l.region,
    l.type ?? '310',
    l.period,
    l.base ?? '6000.00',
    l.employer ?? '480.00',
    l.personal ?? '120.00',
    l.credit ?? l.personal ?? '120.00',
    status,
    l.paidDate ?? (status === 'unpaid' ? '' : defaultPaidDate(l.period)),
    l.payer ?? '池州长江商贸有限公司',
    l.corrects ?? '',
  ].join(',');
}

/** Employees pay within the month; residents in the autumn before their year. */
function defaultPaidDate(period: string): string {
  return period.length === 4 ? `${Number(period) - 1}-11-15` : `${period}-15`;
}

export function contributionsCsv(lines: readonly Line[]): string {
  return `${[CONTRIBUTION_HEADER, ...lines.map(csvLine)].join('\n')}\n`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * PERSON: 2025-01 … 2026-10, nothing for 2025-06 and 2025-07 (job change), 2026-03 unpaid, and
 * 2025-02 declared on a wrong base then corrected. OTHER: 2026-01 … 2026-10 on a 9,000 base.
 */
export function fixtureLines(person: string, other: string): Line[] {
  const lines: Line[] = [];
  for (let i = 0; i < 22; i++) {
    const year = 2025 + Math.floor(i / 12);
    const month = (i % 12) + 1;
    const period = `${year}-${pad(month)}`;
    if (period === '2025-06' || period === '2025-07') continue;
    const id = `JF-${person}-${year}${pad(month)}`;
    if (period === '2025-02') {
      lines.push({
        id,
        psn: person,
        region: '341700',
        period,
        base: '5000.00',
        employer: '400.00',
        personal: '100.00',
      });
      lines.push({
        id: `${id}-R1`,
        psn: person,
        region: '341700',
        period,
        paidDate: '2025-03-20',
        corrects: id,
      });
      continue;
    }
    lines.push({
      id,
      psn: person,
      region: '341700',
      period,
      status: period === '2026-03' ? 'unpaid' : 'paid',
      payer: year === 2025 && month < 6 ? '池州长江商贸有限公司' : '池州华泰科技有限公司',
    });
  }
  for (let month = 1; month <= 10; month++) {
    const period = `2026-${pad(month)}`;
    lines.push({
      id: `JF-${other}-2026${pad(month)}`,
      psn: other,
      region: '420100',
      period,
      base: '9000.00',
      employer: '720.00',
      personal: '180.00',
      payer: '武汉江城物流有限公司',
    });
  }
  return lines;
}
