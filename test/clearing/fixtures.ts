/**
 * Test data for clearing: minimal reference rows (regions, institutions, persons) and consistent
 * posted settlements written directly (the settlement service is built elsewhere): conservation holds,
 * fund lines add up to the fund payment, and a reversal mirrors its original with negative amounts.
 */
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../../src/service/context.ts';
import type { Store } from '../../src/store/database.ts';
import type { DB, SettlementsTable } from '../../src/store/schema.ts';

export const REGIONS = ['341700', '210300', '420100', '410100'] as const;
export const FUND_TYPES = ['310100', '330100', '390100', '390200'] as const;

export function institutionOf(region: string, n: number): string {
  return `H${region}${String(n).padStart(5, '0')}`;
}

export function personOf(region: string): string {
  return `P${region}`;
}

/** Mulberry32: a seeded PRNG, so a failing seed reproduces. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function insertReference(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('regions')
    .values(
      REGIONS.map((code) => ({
        code,
        name: `区划${code}`,
        province_code: `${code.slice(0, 2)}0000`,
        province_name: '省',
      })),
    )
    .execute();
  await db
    .insertInto('institutions')
    .values(
      REGIONS.flatMap((region) =>
        [1, 2].map((n) => ({
          code: institutionOf(region, n),
          name: `医院${region}-${n}`,
          region_code: region,
          kind: 'hospital',
          level: '3',
          cross_region_networked: 1,
          chronic_diseases: '[]',
          employee_outpatient_pooling: 0,
          address: null,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('persons')
    .values(
      REGIONS.map((region, i) => ({
        psn_no: personOf(region),
        name: `参保人${i}`,
        certificate_type: '01',
        certificate_no: `${region}19900101${String(1000 + i)}`,
        social_security_card_no: null,
        phone: null,
        gender: '1',
        birth_date: '1990-01-01',
        insured_region_code: region,
        insurance_type: '310',
        employment: 'employed',
        civil_servant: 0,
        assistance_category: 'none',
        status: 'active',
        account_balance_fen: 0,
      })),
    )
    .execute();
}

export interface SettlementSpec {
  readonly id: string;
  readonly insured: string;
  readonly treatment: string;
  readonly institution: string;
  readonly settledAt: string;
  readonly funds: Readonly<Record<string, number>>;
  readonly accountFen: number;
  readonly cashFen: number;
  readonly insuranceType?: string;
  readonly clearingType?: string;
}

export interface PostedSettlement extends SettlementSpec {
  readonly kind: 'settlement' | 'reversal';
  readonly reversesId: string | null;
  readonly visitId: string;
  readonly psnNo: string;
  readonly msgid: string;
  readonly totalFen: number;
  readonly fundPayFen: number;
}

function settlementRow(p: PostedSettlement): Insertable<SettlementsTable> {
  const sign = p.kind === 'reversal' ? -1 : 1;
  return {
    settlement_id: p.id,
    group_id: p.id,
    visit_id: p.visitId,
    institution_code: p.institution,
    psn_no: p.psnNo,
    insured_region_code: p.insured,
    treatment_region_code: p.treatment,
    insurance_type: p.insuranceType ?? '310',
    med_type: '11',
    category: 'general_outpatient',
    disease_code: null,
    situation: p.insured === p.treatment ? 'local' : 'cross_region',
    clearing_type: p.clearingType ?? (p.insured === p.treatment ? '11' : '99963'),
    year: 2026,
    settled_at: p.settledAt,
    kind: p.kind,
    reverses_id: p.reversesId,
    msgid: p.msgid,
    total_fen: p.totalFen,
    full_own_pay_fen: 0,
    over_limit_fen: 0,
    class_b_copay_fen: 0,
    in_scope_fen: p.totalFen,
    deductible_fen: 0,
    fund_pay_fen: p.fundPayFen,
    account_pay_fen: sign * p.accountFen,
    cash_fen: sign * p.cashFen,
    hospital_part_fen: 0,
    account_balance_after_fen: 0,
    result: '{}',
  };
}

/** Posts settlements (with their visits and fund lines) in one go; returns them as posted. */
export async function postSettlements(
  db: Kysely<DB>,
  specs: readonly SettlementSpec[],
): Promise<PostedSettlement[]> {
  const posted = specs.map((s): PostedSettlement => {
    const fundPay = Object.values(s.funds).reduce((a, b) => a + b, 0);
    return {
      ...s,
      kind: 'settlement',
      reversesId: null,
      visitId: `V${s.id}`,
      psnNo: personOf(s.insured),
      msgid: `M${s.id}`,
      fundPayFen: fundPay,
      totalFen: fundPay + s.accountFen + s.cashFen,
    };
  });
  await insertPosted(db, posted, true);
  return posted;
}

/** Posts the reversal (refund) of a settlement at `settledAt`. */
export async function postReversal(
  db: Kysely<DB>,
  original: PostedSettlement,
  id: string,
  settledAt: string,
): Promise<PostedSettlement> {
  const reversal: PostedSettlement = {
    ...original,
    id,
    settledAt,
    kind: 'reversal',
    reversesId: original.id,
    msgid: `M${id}`,
    funds: Object.fromEntries(Object.entries(original.funds).map(([k, v]) => [k, -v])),
    fundPayFen: -original.fundPayFen,
    totalFen: -original.totalFen,
  };
  await insertPosted(db, [reversal], false);
  return reversal;
}

async function insertPosted(
  db: Kysely<DB>,
  posted: readonly PostedSettlement[],
  withVisits: boolean,
): Promise<void> {
  for (let i = 0; i < posted.length; i += 200) {
    const chunk = posted.slice(i, i + 200);
    if (withVisits) {
      await db
        .insertInto('visits')
        .values(
          chunk.map((p) => ({
            visit_id: p.visitId,
            institution_code: p.institution,
            psn_no: p.psnNo,
            insured_region_code: p.insured,
            treatment_region_code: p.treatment,
            insurance_type: p.insuranceType ?? '310',
            kind: 'outpatient' as const,
            med_type: '11',
            hospital_visit_no: `MZ${p.id}`,
            certificate_type: '02',
            begin_time: p.settledAt,
            end_time: null,
            status: 'settled',
            disease_code: null,
            created_at: p.settledAt,
          })),
        )
        .execute();
    }
    await db.insertInto('settlements').values(chunk.map(settlementRow)).execute();
    const funds = chunk.flatMap((p) =>
      Object.entries(p.funds)
        .filter(([, v]) => v !== 0)
        .map(([fund_type, pay_fen]) => ({
          settlement_id: p.id,
          fund_type,
          pay_fen,
          in_scope_fen: p.totalFen,
          payable_limit_fen: 0,
        })),
    );
    if (funds.length > 0) await db.insertInto('settlement_funds').values(funds).execute();
  }
}

/** A test context whose clock the test moves. */
export function testContext(store: Store, start: string): AppContext & { setNow(iso: string): void } {
  let now = new Date(start);
  return {
    store,
    now: () => now,
    setNow(iso: string) {
      now = new Date(iso);
    },
  };
}

/** Random settlements of one Beijing month, most cross-region, some local. */
export function randomMonth(
  random: () => number,
  count: number,
  idPrefix: string,
  month: string,
): SettlementSpec[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const insured = pick(REGIONS);
    const treatment = random() < 0.15 ? insured : pick(REGIONS);
    const day = 1 + Math.floor(random() * 28);
    // Beijing day `day` → UTC instant somewhere within it.
    const settledAt = new Date(
      Date.UTC(y, m - 1, day, 0, 0, 0) - 8 * 3_600_000 + Math.floor(random() * 86_399_000),
    ).toISOString();
    const funds: Record<string, number> = {};
    for (const f of FUND_TYPES) if (random() < 0.5) funds[f] = Math.floor(random() * 5_000_000);
    return {
      id: `${idPrefix}${String(i).padStart(6, '0')}`,
      insured,
      treatment,
      institution: institutionOf(treatment, 1 + Math.floor(random() * 2)),
      settledAt,
      funds,
      accountFen: random() < 0.4 ? Math.floor(random() * 50_000) : 0,
      cashFen: Math.floor(random() * 100_000),
    };
  });
}
