/**
 * The 免申即享 T-1 screen over 1,000,000 inpatient discharges of one day (goal of issue 6: ≤ 10 s), on the
 * embedded SQLite store. The data is generated in bulk straight into the file (prepared statements, one
 * transaction); the screen itself runs through the real service: paged reads, ICD matching, one write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runChronicScreen, seedChronicCatalogIfEmpty } from '../src/service/chronic/index.ts';
import { openStore } from '../src/store/database.ts';
import { measure, report, seededRandom } from './harness.ts';

const DISCHARGES = 1_000_000;
const PERSONS = 200_000;
const DAY = '2026-03-01';
const REGIONS = ['341700', '340100', '340200'];
/** ~1 % of discharges carry a code of a no-application disease; the rest are ordinary diagnoses. */
const SCREENED = ['G20.x00', 'G21.100', 'D80.300', 'Z95.101', 'G30.000', 'Z95.501', 'D61.900'];
const ORDINARY = [
  'J18.900',
  'I10.x00',
  'E11.900',
  'K35.800',
  'S72.000',
  'N18.500',
  'I63.900',
  'C34.900',
  'O80.000',
  'M17.900',
];

function generate(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const random = seededRandom(20260301);
  const person = db.prepare(
    `insert into persons (psn_no, name, certificate_type, certificate_no, phone, gender, birth_date, insured_region_code,
       insurance_type, employment, civil_servant, assistance_category, status, account_balance_fen)
     values (?, '参保人', '01', ?, '13800000000', '1', '1960-01-01', ?, '310', 'retired', 0, 'none', 'active', 0)`,
  );
  const visit = db.prepare(
    `insert into visits (visit_id, institution_code, psn_no, insured_region_code, treatment_region_code, insurance_type, kind,
       med_type, hospital_visit_no, certificate_type, begin_time, end_time, status, diagnoses, created_at)
     values (?, 'H34170000001', ?, ?, '341700', '310', 'inpatient', '21', ?, '02', ?, ?, 'discharged', ?, ?)`,
  );
  db.transaction(() => {
    for (let p = 0; p < PERSONS; p++) {
      person.run(
        `B${String(p).padStart(9, '0')}`,
        `ID${String(p).padStart(16, '0')}`,
        REGIONS[p % REGIONS.length],
      );
    }
    for (let v = 0; v < DISCHARGES; v++) {
      const p = Math.floor(random() * PERSONS);
      const codes = [ORDINARY[Math.floor(random() * ORDINARY.length)]!];
      if (random() < 0.5) codes.push(ORDINARY[Math.floor(random() * ORDINARY.length)]!);
      if (random() < 0.01) codes.push(SCREENED[Math.floor(random() * SCREENED.length)]!);
      const diagnoses = JSON.stringify(
        codes.map((code, i) => ({
          diag_code: code,
          diag_name: '诊断',
          maindiag_flag: i === 0 ? '1' : '0',
          diag_srt_no: i + 1,
        })),
      );
      const seconds = Math.floor(random() * 86_400);
      const time = `${DAY}T${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
      visit.run(
        `BV${String(v).padStart(9, '0')}`,
        `B${String(p).padStart(9, '0')}`,
        REGIONS[p % REGIONS.length],
        `Z${v}`,
        '2026-02-20T08:00:00',
        time,
        diagnoses,
        time,
      );
    }
  })();
  db.close();
}

export async function benchChronicScreen(): Promise<void> {
  const dir = process.env.YIBAO_BENCH_KEEP ?? mkdtempSync(join(tmpdir(), 'yibao-bench-chronic-'));
  const file = join(dir, 'yibao.sqlite');
  try {
    const setup = await openStore({ sqliteFile: file });
    await setup.db
      .insertInto('regions')
      .values(REGIONS.map((code) => ({ code, name: code, province_code: '340000', province_name: '安徽省' })))
      .execute();
    await setup.db
      .insertInto('institutions')
      .values({
        code: 'H34170000001',
        name: '医院',
        region_code: '341700',
        kind: 'hospital',
        level: '3',
        cross_region_networked: 1,
        chronic_diseases: '[]',
        employee_outpatient_pooling: 0,
        address: null,
      })
      .execute();
    await seedChronicCatalogIfEmpty(setup);
    await setup.close();
    const generated = await measure(DISCHARGES, () => generate(file));
    report('chronic: generate discharges', { records: DISCHARGES, seconds: generated.seconds });

    const store = await openStore({ sqliteFile: file });
    const ctx = { store, now: () => new Date('2026-03-02T01:00:00Z') };
    let result: Awaited<ReturnType<typeof runChronicScreen>> | undefined;
    const screened = await measure(DISCHARGES, async () => {
      result = await runChronicScreen(ctx, { dischargeDate: DAY }, { id: 'bench', role: 'system' });
    });
    if (!result?.ok) throw new Error(result ? result.error.message : 'no result');
    const rerun = await measure(DISCHARGES, () =>
      runChronicScreen(ctx, { dischargeDate: DAY }, { id: 'bench', role: 'system' }),
    );
    await store.close();
    report('chronic: T-1 screen (sqlite)', {
      discharges: result.value.scannedCount,
      matched: result.value.matchedCount,
      added: result.value.addedCount,
      seconds: screened.seconds,
      recordsPerSecond: Math.round(screened.perSecond),
      rerunSeconds: rerun.seconds,
      goal: screened.seconds <= 10 ? 'met (≤ 10 s)' : 'MISSED (> 10 s)',
    });
  } finally {
    if (!process.env.YIBAO_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChronicScreen();
