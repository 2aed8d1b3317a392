/**
 * 演示业务活动的计划 — which demo persons visit which institutions, when, for what, and how each visit
 * ends (settled, cancelled, cancelled and settled again, refused). Pure: a function of the reference data,
 * the seeding instant and a seed, so the same store seeded on the same day gets the same plan. The
 * driver (demo-activity-his.ts) then sends each step through the real HIS use cases.
 */
import { chinaTime } from './his/clock.ts';

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** A small deterministic PRNG (mulberry32): the demo must not depend on Math.random. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
}

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (xs) => {
      if (xs.length === 0) throw new RangeError('pick from an empty list');
      return xs[int(0, xs.length - 1)]!;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Reference data the plan draws from (loaded by demo-activity.ts)

export interface DemoRegion {
  readonly code: string;
  readonly provinceCode: string;
}

export interface DemoInstitution {
  readonly code: string;
  readonly regionCode: string;
  readonly kind: string;
  readonly networked: boolean;
  readonly chronicDiseases: readonly string[];
}

export interface DemoPerson {
  readonly psnNo: string;
  readonly insuredRegionCode: string;
  readonly insuranceType: string;
  readonly certificateNo: string;
}

export interface DemoCatalogItem {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly catalogClass: string;
  readonly priceLimitFen: number | null;
}

export interface DemoReference {
  readonly regions: readonly DemoRegion[];
  readonly institutions: readonly DemoInstitution[];
  /** Active persons, ordered by psn_no. */
  readonly persons: readonly DemoPerson[];
  /** Catalog items valid over the window, per treatment region, ordered by code. */
  readonly catalog: ReadonlyMap<string, readonly DemoCatalogItem[]>;
}

// ---------------------------------------------------------------------------------------------------
// The plan

/** The disease the demo's chronic patients are qualified for (高血压). */
export const DEMO_CHRONIC_DISEASE = 'M03900';

export type VisitOutcome = 'settle' | 'cancel' | 'cancel_resettle' | 'refused';

export interface PlannedLine {
  readonly lineNo: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly unitPriceFen: number;
  /** Whole units. */
  readonly units: number;
  readonly diseaseCode: string | null;
  readonly feeAt: Date;
}

export interface Diagnosis {
  readonly code: string;
  readonly name: string;
}

export interface PlannedVisit {
  readonly kind: 'outpatient' | 'inpatient';
  readonly institutionCode: string;
  readonly treatmentRegionCode: string;
  readonly start: Date;
  /** Discharge (inpatient); the end of the counter visit (outpatient). */
  readonly end: Date;
  /** National med_type: 11 普通门诊, 13 急诊, 14 门诊慢特病, 41 药店购药, 21 普通住院. */
  readonly medTypeCode: string;
  readonly emergency: boolean;
  readonly diseaseCode: string | null;
  readonly diagnosis: Diagnosis;
  readonly lines: readonly PlannedLine[];
  readonly useAccount: boolean;
  readonly outcome: VisitOutcome;
}

export type Profile =
  | 'local'
  | 'in_province'
  | 'cross_province_filed'
  | 'emergency'
  | 'unfiled_refused'
  | 'chronic'
  | 'pharmacy';

export interface PlannedJourney {
  readonly person: DemoPerson;
  readonly profile: Profile;
  /** 异地长期居住备案 filed online by the person before the first visit. */
  readonly filing: { readonly targetRegionCode: string; readonly at: Date } | null;
  /** 门诊慢特病备案 by a local hospital, starting before the first chronic visit. */
  readonly chronic: {
    readonly institutionCode: string;
    readonly diseaseCode: string;
    readonly at: Date;
  } | null;
  readonly visits: readonly PlannedVisit[];
}

export interface DemoPlan {
  readonly journeys: readonly PlannedJourney[];
  /** Institutions that sign in (9001) before the first visit, and when. */
  readonly signInAt: Date;
  readonly institutionCodes: readonly string[];
}

/** How many persons of each profile; about 340 settlements in all. */
export const PROFILE_COUNTS: Readonly<Record<Profile, number>> = {
  local: 110,
  in_province: 22,
  cross_province_filed: 12,
  emergency: 10,
  unfiled_refused: 9,
  chronic: 8,
  pharmacy: 12,
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;
export const WINDOW_DAYS = 180;
/** An inpatient line's units are capped so that it stays near or below 2,000 yuan. */
const LINE_CAP_FEN = 200_000;

/** 00:00 China time of the day holding `instantMs`. */
function chinaDayStart(instantMs: number): number {
  return Math.floor((instantMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

const atTime = (dayStartMs: number, hour: number, minute: number) =>
  new Date(dayStartMs + hour * HOUR_MS + minute * MINUTE_MS);

const OUTPATIENT_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'J06.900', name: '急性上呼吸道感染' },
  { code: 'K29.700', name: '胃炎' },
  { code: 'M54.500', name: '腰痛' },
  { code: 'J20.900', name: '急性支气管炎' },
  { code: 'L30.900', name: '皮炎' },
  { code: 'H10.900', name: '结膜炎' },
];
const EMERGENCY_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'S06.000', name: '脑震荡' },
  { code: 'K35.800', name: '急性阑尾炎' },
  { code: 'R10.400', name: '急性腹痛' },
];
const INPATIENT_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'J18.900', name: '肺炎' },
  { code: 'K35.800', name: '急性阑尾炎' },
  { code: 'I63.900', name: '脑梗死' },
  { code: 'S72.000', name: '股骨颈骨折' },
  { code: 'N20.000', name: '肾结石' },
];
const CHRONIC_DIAGNOSIS: Diagnosis = { code: 'I10.x00', name: '高血压' };

/** What a person's visits may use: the regions and institutions of their profile. */
interface Setting {
  readonly profile: Profile;
  readonly person: DemoPerson;
  readonly treatmentRegionCode: string;
  readonly institutions: readonly DemoInstitution[];
  readonly chronicInstitution: DemoInstitution | null;
}

class Planner {
  readonly #rng: Rng;
  readonly #ref: DemoReference;
  readonly #firstDay: number;
  readonly #lastDay: number;
  readonly #provinceOf: ReadonlyMap<string, string>;

  constructor(ref: DemoReference, now: Date, seed: number) {
    this.#rng = seededRng(seed);
    this.#ref = ref;
    const today = chinaDayStart(now.getTime());
    this.#firstDay = today - WINDOW_DAYS * DAY_MS;
    this.#lastDay = today - DAY_MS; // every step happens before the seeding instant
    this.#provinceOf = new Map(ref.regions.map((r) => [r.code, r.provinceCode]));
  }

  plan(): DemoPlan {
    const taken = new Set<string>();
    const journeys: PlannedJourney[] = [];
    for (const profile of Object.keys(PROFILE_COUNTS) as Profile[]) {
      for (let i = 0; i < PROFILE_COUNTS[profile]; i++) {
        // Refused visits one per insured region in turn, so every region's rate shows one.
        const home =
          profile === 'unfiled_refused' ? this.#ref.regions[i % this.#ref.regions.length]?.code : undefined;
        const setting = this.#settingFor(profile, taken, home);
        if (setting === null) continue;
        taken.add(setting.person.psnNo);
        const journey = this.#journey(setting);
        if (journey.visits.length > 0) journeys.push(journey);
      }
    }
    const codes = new Set(journeys.flatMap((j) => j.visits.map((v) => v.institutionCode)));
    return {
      journeys,
      signInAt: atTime(this.#firstDay - DAY_MS, 7, 50),
      institutionCodes: [...codes].sort(),
    };
  }

  #hospitals(regionCode: string, networkedOnly: boolean): DemoInstitution[] {
    return this.#ref.institutions.filter(
      (i) => i.regionCode === regionCode && i.kind === 'hospital' && (i.networked || !networkedOnly),
    );
  }

  #sameProvince(a: string, b: string): boolean {
    return this.#provinceOf.get(a) === this.#provinceOf.get(b);
  }

  /** Where a person of the profile is treated: at home, in another region of the province, or farther. */
  #treatmentRegions(profile: Profile, home: string): string[] {
    const codes = this.#ref.regions.map((r) => r.code);
    if (profile === 'local' || profile === 'chronic' || profile === 'pharmacy') return [home];
    if (profile === 'in_province') return codes.filter((c) => c !== home && this.#sameProvince(c, home));
    return codes.filter((c) => !this.#sameProvince(c, home));
  }

  /** The setting of a person treated in a region; null when the region offers nothing for the profile. */
  #setting(profile: Profile, person: DemoPerson, treatmentRegionCode: string): Setting | null {
    const crossRegion = treatmentRegionCode !== person.insuredRegionCode;
    const institutions =
      profile === 'pharmacy'
        ? this.#ref.institutions.filter((i) => i.regionCode === treatmentRegionCode && i.kind === 'pharmacy')
        : this.#hospitals(treatmentRegionCode, crossRegion); // cross-region only at networked ones
    const serving = institutions.filter((i) => i.chronicDiseases.includes(DEMO_CHRONIC_DISEASE));
    const chronicInstitution = profile === 'chronic' && serving.length > 0 ? this.#rng.pick(serving) : null;
    if (institutions.length === 0 || (profile === 'chronic' && chronicInstitution === null)) return null;
    if (!this.#ref.catalog.has(treatmentRegionCode)) return null;
    return { profile, person, treatmentRegionCode, institutions, chronicInstitution };
  }

  /** A not yet chosen person fitting the profile, with where they are treated; null when none is found. */
  #settingFor(profile: Profile, taken: ReadonlySet<string>, homeRegion?: string): Setting | null {
    const persons =
      homeRegion === undefined
        ? this.#ref.persons
        : this.#ref.persons.filter((p) => p.insuredRegionCode === homeRegion);
    for (let attempt = 0; attempt < 200 && persons.length > 0; attempt++) {
      const person = this.#rng.pick(persons);
      if (taken.has(person.psnNo)) continue;
      // Pharmacy purchases for employees: their personal account pays at the counter.
      if (profile === 'pharmacy' && person.insuranceType !== '310') continue;
      const regions = this.#treatmentRegions(profile, person.insuredRegionCode);
      if (regions.length === 0) continue;
      const found = this.#setting(profile, person, this.#rng.pick(regions));
      if (found !== null) return found;
    }
    return null;
  }

  #journey(s: Setting): PlannedJourney {
    const rng = this.#rng;
    const visitsWanted =
      s.profile === 'emergency' || s.profile === 'unfiled_refused'
        ? 1
        : s.profile === 'chronic'
          ? rng.int(2, 3)
          : rng.int(1, 3);
    const visits: PlannedVisit[] = [];
    let day = this.#firstDay + rng.int(0, 150) * DAY_MS;
    for (let n = 0; n < visitsWanted && day <= this.#lastDay; n++) {
      const visit = this.#visit(s, day, n);
      visits.push(visit);
      day = chinaDayStart(visit.end.getTime()) + rng.int(7, 45) * DAY_MS;
    }
    const first = visits[0];
    const filing =
      s.profile === 'cross_province_filed' && first !== undefined
        ? {
            targetRegionCode: s.treatmentRegionCode,
            at: atTime(chinaDayStart(first.start.getTime()) - rng.int(3, 20) * DAY_MS, 10, rng.int(0, 59)),
          }
        : null;
    const chronic =
      s.profile === 'chronic' && first !== undefined && s.chronicInstitution !== null
        ? {
            institutionCode: s.chronicInstitution.code,
            diseaseCode: DEMO_CHRONIC_DISEASE,
            at: atTime(chinaDayStart(first.start.getTime()) - rng.int(10, 60) * DAY_MS, 15, rng.int(0, 59)),
          }
        : null;
    return { person: s.person, profile: s.profile, filing, chronic, visits };
  }

  #visit(s: Setting, dayMs: number, index: number): PlannedVisit {
    const rng = this.#rng;
    const inpatientWanted =
      (s.profile === 'local' || s.profile === 'in_province' || s.profile === 'cross_province_filed'
        ? rng.chance(0.2)
        : s.profile === 'emergency' && rng.chance(0.5)) && dayMs + 10 * DAY_MS <= this.#lastDay;
    const institution = s.profile === 'chronic' ? s.chronicInstitution! : rng.pick(s.institutions);
    const employee = s.person.insuranceType === '310';
    const outcome = this.#outcome(s.profile);
    const base = {
      institutionCode: institution.code,
      treatmentRegionCode: s.treatmentRegionCode,
      emergency: s.profile === 'emergency',
      outcome,
    };
    if (inpatientWanted) {
      const start = atTime(dayMs, rng.int(8, 15), rng.int(0, 59));
      const stayDays = rng.int(2, 9);
      const end = atTime(dayMs + stayDays * DAY_MS, rng.int(9, 11), rng.int(0, 59));
      return {
        ...base,
        kind: 'inpatient',
        start,
        end,
        medTypeCode: '21',
        diseaseCode: null,
        diagnosis: rng.pick(s.profile === 'emergency' ? EMERGENCY_DIAGNOSES : INPATIENT_DIAGNOSES),
        lines: this.#inpatientLines(s.treatmentRegionCode, dayMs, stayDays),
        useAccount: false,
      };
    }
    const start = atTime(dayMs, rng.int(8, 16), rng.int(0, 59));
    const chronic = s.profile === 'chronic';
    const medTypeCode = chronic ? '14' : s.profile === 'pharmacy' ? '41' : base.emergency ? '13' : '11';
    return {
      ...base,
      kind: 'outpatient',
      start,
      end: new Date(start.getTime() + 50 * MINUTE_MS),
      medTypeCode,
      diseaseCode: chronic ? DEMO_CHRONIC_DISEASE : null,
      diagnosis: chronic
        ? CHRONIC_DIAGNOSIS
        : rng.pick(base.emergency ? EMERGENCY_DIAGNOSES : OUTPATIENT_DIAGNOSES),
      lines: this.#outpatientLines(s.treatmentRegionCode, start, chronic, s.profile === 'pharmacy'),
      useAccount: employee && index % 4 !== 3,
    };
  }

  #outcome(profile: Profile): VisitOutcome {
    if (profile === 'unfiled_refused') return 'refused';
    const roll = this.#rng.next();
    return roll < 0.03 ? 'cancel' : roll < 0.07 ? 'cancel_resettle' : 'settle';
  }

  #items(regionCode: string, kinds: readonly string[]): readonly DemoCatalogItem[] {
    const all = this.#ref.catalog.get(regionCode) ?? [];
    const wanted = all.filter((i) => kinds.includes(i.kind) && i.catalogClass !== '03');
    return wanted.length > 0 ? wanted : all;
  }

  /** A unit price: within the price limit mostly, now and then above it (超限价). */
  #price(item: DemoCatalogItem, loFen: number, hiFen: number): number {
    const rng = this.#rng;
    if (item.priceLimitFen === null) return rng.int(loFen, hiFen);
    const percent = rng.chance(0.1) ? rng.int(105, 130) : rng.int(50, 100);
    return Math.max(1, Math.floor((item.priceLimitFen * percent) / 100));
  }

  #line(
    n: number,
    item: DemoCatalogItem,
    priceFen: number,
    units: number,
    at: Date,
    diseaseCode: string | null = null,
  ): PlannedLine {
    return {
      lineNo: String(n),
      itemCode: item.code,
      itemName: item.name,
      unitPriceFen: priceFen,
      units,
      diseaseCode,
      feeAt: at,
    };
  }

  #outpatientLines(regionCode: string, start: Date, chronic: boolean, pharmacy: boolean): PlannedLine[] {
    const rng = this.#rng;
    const drugs = this.#items(regionCode, ['drug']);
    const services = this.#items(regionCode, ['service_item']);
    const feeAt = new Date(start.getTime() + 10 * MINUTE_MS);
    const lines: PlannedLine[] = [];
    if (!pharmacy) {
      const service = rng.pick(services);
      lines.push(this.#line(1, service, this.#price(service, 500, 8000), 1, feeAt));
    }
    const drugCount = chronic ? 2 : rng.int(1, 3);
    for (let i = 0; i < drugCount; i++) {
      const drug = rng.pick(drugs);
      lines.push(
        this.#line(
          lines.length + 1,
          drug,
          this.#price(drug, 800, 9000),
          rng.int(1, 3),
          feeAt,
          chronic ? DEMO_CHRONIC_DISEASE : null,
        ),
      );
    }
    // Now and then something the catalog does not cover at all (丙类, 全自费).
    const all = this.#ref.catalog.get(regionCode) ?? [];
    const classC = all.filter((i) => i.catalogClass === '03');
    if (classC.length > 0 && rng.chance(0.15)) {
      const item = rng.pick(classC);
      lines.push(this.#line(lines.length + 1, item, rng.int(500, 5000), 1, feeAt));
    }
    return lines;
  }

  #inpatientLines(regionCode: string, dayMs: number, stayDays: number): PlannedLine[] {
    const rng = this.#rng;
    const services = this.#items(regionCode, ['service_item']);
    const drugs = this.#items(regionCode, ['drug']);
    const consumables = this.#items(regionCode, ['consumable']);
    const lines: PlannedLine[] = [];
    const on = (d: number) => atTime(dayMs + Math.min(d, stayDays) * DAY_MS, 9, 0);
    const add = (item: DemoCatalogItem, lo: number, hi: number, units: number, day: number) => {
      const price = this.#price(item, lo, hi);
      // Expensive items (targeted drugs, implants) once, not by the box.
      const count = Math.max(1, Math.min(units, Math.floor(LINE_CAP_FEN / price)));
      lines.push(this.#line(lines.length + 1, item, price, count, on(day)));
    };
    const bed = rng.pick(services);
    add(bed, 3000, 12000, stayDays, 0);
    for (let i = 0, n = rng.int(2, 4); i < n; i++)
      add(rng.pick(services), 2000, 60000, 1, rng.int(0, stayDays));
    for (let i = 0, n = rng.int(3, 7); i < n; i++) {
      add(rng.pick(drugs), 1000, 30000, rng.int(1, 6), rng.int(0, stayDays));
    }
    for (let i = 0, n = rng.int(1, 3); i < n; i++) {
      add(rng.pick(consumables), 500, 40000, rng.int(1, 4), rng.int(0, stayDays));
    }
    return lines;
  }
}

/** The plan for a store seeded at `now` (only the China date of `now` matters). */
export function planDemoActivity(ref: DemoReference, now: Date, seed: number): DemoPlan {
  return new Planner(ref, now, seed).plan();
}

/** 'YYYY-MM-DD HH:mm:ss' China time, as the HIS sends it. */
export const hisDateTime = (d: Date): string => chinaTime(d).dateTime;
/** 'YYYY-MM-DD' China time. */
export const hisDate = (d: Date): string => chinaTime(d).date;
