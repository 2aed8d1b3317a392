/**
 * The chronic paths end to end, on SQLite and PostgreSQL (issue 6 "done when"):
 * apply → approve → qualified from the application date (R-C6); discharge with an ICD match → next-day
 * screen → consent → grant → exactly one SMS (R-C5); transfer → still qualified (R-C4); 2503/2504; R-S5.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  actOnCandidate,
  applyForChronic,
  type ChronicCaller,
  cancelChronicFilingByInstitution,
  fileChronicByInstitution,
  isQualified,
  listScreeningCandidates,
  listScreeningRuns,
  pendingChronicRecomputations,
  processChronicRecomputations,
  qualificationsOf,
  queryQualifications,
  recogniseOnTransfer,
  reviewChronicApplication,
  runChronicScreen,
  setScreeningRule,
} from '../../src/service/chronic/index.ts';
import type { AppContext } from '../../src/service/context.ts';
import type { Store } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/transaction.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';
import {
  addDischarge,
  addOutpatientSettlement,
  addPerson,
  contextOf,
  seedReference,
  steppingClock,
} from './fixtures.ts';

const STAFF: ChronicCaller = { id: 'staff341700', role: 'staff', regionCode: '341700' };
const OTHER_STAFF: ChronicCaller = { id: 'staff420100', role: 'staff', regionCode: '420100' };
const PDF = Buffer.from('%PDF-1.4 诊断证明').toString('base64');

async function smsRows(store: Store) {
  const rows = await store.db.selectFrom('outbox').selectAll().where('topic', '=', 'sms').execute();
  return rows.map((r) => JSON.parse(r.payload) as { template: string; psnNo: string; text: string });
}

describe.each(DIALECTS)('chronic paths (%s)', (dialect) => {
  let store: Store;
  let ctx: AppContext;
  const clock = steppingClock('2026-03-02T02:00:00.000Z');

  beforeEach(async () => {
    store = await openTestStore(dialect);
    await seedReference(store);
    clock.set('2026-03-02T02:00:00.000Z');
    ctx = contextOf(store, clock);
  });
  afterEach(async () => {
    await store.close();
  });

  it('R-C6: apply → approve → qualified from the application date, with the settlements in between queued', async () => {
    await addPerson(store, { psnNo: 'P0001' });
    const applied = await applyForChronic(
      ctx,
      {
        psnNo: 'P0001',
        diseaseCode: 'M03100',
        channel: 'online',
        materials: [{ fileName: '诊断证明.pdf', mimeType: 'application/pdf', contentBase64: PDF }],
      },
      { id: 'P0001', role: 'person', regionCode: '341700' },
    );
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.value.appliedOn).toBe('2026-03-02');
    expect(applied.value.benefitsFrom).toBe('application_date');

    // Paid between application and approval: one glaucoma purchase (recompute), one unrelated (not).
    const glaucoma = await addOutpatientSettlement(store, {
      psnNo: 'P0001',
      settledAt: '2026-03-04T10:00:00+08:00',
      lineDisease: 'M03100',
    });
    await addOutpatientSettlement(store, {
      psnNo: 'P0001',
      settledAt: '2026-03-04T11:00:00+08:00',
      lineDisease: null,
    });
    await addOutpatientSettlement(store, {
      psnNo: 'P0001',
      settledAt: '2026-03-01T10:00:00+08:00',
      lineDisease: 'M03100',
    });

    clock.set('2026-03-06T03:00:00.000Z');
    expect(await isQualified(store.db, 'P0001', 'M03100', '2026-03-03')).toBe(false);
    const reviewed = await reviewChronicApplication(
      ctx,
      { applicationId: applied.value.applicationId, decision: 'approve' },
      STAFF,
    );
    expect(reviewed.ok).toBe(true);
    if (!reviewed.ok) return;
    expect(reviewed.value.qualification?.startDate).toBe('2026-03-02');
    expect(reviewed.value.toRecompute.map((s) => s.settlementId)).toEqual([glaucoma]);
    expect(await isQualified(store.db, 'P0001', 'M03100', '2026-03-02')).toBe(true);
    expect(await isQualified(store.db, 'P0001', 'M03100', '2026-03-01')).toBe(false);
    // The local code of the person's region answers the same.
    expect(await isQualified(store.db, 'P0001', 'AH341700MT018', '2026-03-03')).toBe(true);

    expect((await pendingChronicRecomputations(ctx)).map((r) => r.settlementId)).toEqual([glaucoma]);
    const seen: string[] = [];
    const processed = await processChronicRecomputations(ctx, {
      recompute: async (_ctx, request) => {
        seen.push(request.settlementId);
        return { ok: true, value: { resultRef: `R${request.settlementId}` } };
      },
    });
    expect(processed).toEqual({ done: 1, failed: [] });
    expect(seen).toEqual([glaucoma]);
    expect(await pendingChronicRecomputations(ctx)).toEqual([]);

    const again = await reviewChronicApplication(
      ctx,
      { applicationId: applied.value.applicationId, decision: 'reject', reason: 'x' },
      STAFF,
    );
    expect(again.ok ? null : again.error.code).toBe('CHRONIC_INVALID_TRANSITION');
    const audit = await store.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'chronic.application.submit',
        'chronic.qualification.grant',
        'chronic.application.approve',
      ]),
    );
  });

  it('R-C6: refuses a second application, no material, another region’s staff; rejection needs a reason', async () => {
    await addPerson(store, { psnNo: 'P0002' });
    const person: ChronicCaller = { id: 'P0002', role: 'person', regionCode: '341700' };
    const none = await applyForChronic(
      ctx,
      { psnNo: 'P0002', diseaseCode: 'M06900', channel: 'online', materials: [] },
      person,
    );
    expect(none.ok ? null : none.error.code).toBe('CHRONIC_MATERIAL_REQUIRED');
    const materials = [{ fileName: 'a.png', mimeType: 'image/png', contentBase64: PDF }];
    const first = await applyForChronic(
      ctx,
      { psnNo: 'P0002', diseaseCode: 'M06900', channel: 'window', materials },
      STAFF,
    );
    expect(first.ok).toBe(true);
    const second = await applyForChronic(
      ctx,
      { psnNo: 'P0002', diseaseCode: 'M06900', channel: 'online', materials },
      person,
    );
    expect(second.ok ? null : second.error.code).toBe('CHRONIC_APPLICATION_PENDING');
    if (!first.ok) return;
    const foreign = await reviewChronicApplication(
      ctx,
      { applicationId: first.value.applicationId, decision: 'approve' },
      OTHER_STAFF,
    );
    expect(foreign.ok ? null : foreign.error.code).toBe('CHRONIC_REGION_MISMATCH');
    const noReason = await reviewChronicApplication(
      ctx,
      { applicationId: first.value.applicationId, decision: 'reject' },
      STAFF,
    );
    expect(noReason.ok ? null : noReason.error.code).toBe('CHRONIC_REASON_REQUIRED');
    const rejected = await reviewChronicApplication(
      ctx,
      { applicationId: first.value.applicationId, decision: 'reject', reason: '诊断材料不清晰' },
      STAFF,
    );
    expect(rejected.ok && rejected.value.application.status).toBe('rejected');
    expect(await qualificationsOf(store.db, 'P0002', '2026-03-02')).toEqual([]);
  });

  it('R-C5: discharge with an ICD match → next-day screen → consent → grant → exactly one SMS; re-run adds nothing', async () => {
    await addPerson(store, { psnNo: 'P0003' });
    await addPerson(store, { psnNo: 'P0004' });
    await addPerson(store, { psnNo: 'P0005' });
    await addDischarge(store, {
      psnNo: 'P0003',
      endTime: '2026-03-01T16:30:00',
      diagnoses: [{ diag_code: 'G20.x00', diag_name: '帕金森病' }],
    });
    await addDischarge(store, {
      psnNo: 'P0004',
      endTime: '2026-03-01T09:00:00+08:00',
      diagnoses: [{ diag_code: 'J18.900' }],
    });
    // The day before, and a cancelled visit: not screened.
    await addDischarge(store, {
      psnNo: 'P0005',
      endTime: '2026-02-28T09:00:00',
      diagnoses: [{ diag_code: 'D61.901' }],
    });
    await addDischarge(store, {
      psnNo: 'P0005',
      endTime: '2026-03-01T09:00:00',
      diagnoses: [{ diag_code: 'D61.901' }],
      status: 'cancelled',
    });
    // 23:30 UTC on 28 Feb is 07:30 on 1 March in China: screened.
    await addDischarge(store, {
      psnNo: 'P0004',
      endTime: '2026-02-28T23:30:00Z',
      diagnoses: [{ diag_code: 'Z95.501' }],
    });

    const run = await runChronicScreen(ctx, {}, STAFF);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    // Scanned counts every inpatient visit ending that day (the cancelled one too); only live ones can match.
    expect(run.value).toMatchObject({
      dischargeDate: '2026-03-01',
      scannedCount: 4,
      matchedCount: 2,
      addedCount: 2,
    });
    const rerun = await runChronicScreen(ctx, { dischargeDate: '2026-03-01' }, STAFF);
    expect(rerun.ok && rerun.value.addedCount).toBe(0);
    expect((await listScreeningRuns(ctx)).length).toBe(2);

    const list = await listScreeningCandidates(ctx, { status: 'pending_contact' }, STAFF);
    expect(list.map((c) => [c.psnNo, c.diseaseCode, c.icdCode]).sort()).toEqual([
      ['P0003', 'M05300', 'G20.X00'],
      ['P0004', 'M04303', 'Z95.501'],
    ]);
    expect(await listScreeningCandidates(ctx, {}, OTHER_STAFF)).toEqual([]);
    const parkinson = list.find((c) => c.psnNo === 'P0003')!;
    const contacted = await actOnCandidate(
      ctx,
      { candidateId: parkinson.candidateId, action: 'contact', note: '电话联系家属，同意办理' },
      STAFF,
    );
    expect(contacted.ok && contacted.value.candidate.status).toBe('contacted');
    const consent = await actOnCandidate(
      ctx,
      { candidateId: parkinson.candidateId, action: 'consent' },
      STAFF,
    );
    expect(consent.ok).toBe(true);
    if (!consent.ok) return;
    expect(consent.value.qualification).toMatchObject({
      diseaseCode: 'M05300',
      startDate: '2026-03-02',
      source: 'automatic_grant',
    });
    const twice = await actOnCandidate(ctx, { candidateId: parkinson.candidateId, action: 'consent' }, STAFF);
    expect(twice.ok ? null : twice.error.code).toBe('CHRONIC_INVALID_TRANSITION');

    const stent = list.find((c) => c.psnNo === 'P0004')!;
    const refused = await actOnCandidate(
      ctx,
      { candidateId: stent.candidateId, action: 'refuse', note: '本人暂不需要' },
      STAFF,
    );
    expect(refused.ok && refused.value.qualification).toBeNull();

    const third = await runChronicScreen(ctx, { dischargeDate: '2026-03-01' }, STAFF);
    expect(third.ok && third.value.addedCount).toBe(0);
    const sms = await smsRows(store);
    expect(sms.filter((m) => m.template === 'chronic_grant')).toHaveLength(1);
    expect(sms[0]).toMatchObject({ psnNo: 'P0003' });
    expect(sms[0]!.text).toContain('帕金森综合征');
    expect(await isQualified(store.db, 'P0003', 'M05300', '2026-03-02')).toBe(true);
  });

  it('R-C5: a region may change the ICD-10 list; the screen refuses today and the future', async () => {
    await addPerson(store, { psnNo: 'P0006' });
    await addDischarge(store, {
      psnNo: 'P0006',
      endTime: '2026-03-01T10:00:00',
      diagnoses: [{ diag_code: 'G23.1' }],
    });
    const before = await runChronicScreen(ctx, {}, STAFF);
    expect(before.ok && before.value.matchedCount).toBe(0);
    const set = await setScreeningRule(
      ctx,
      { regionCode: '341700', diseaseCode: 'M05300', icd10: ['G20-G23'] },
      STAFF,
    );
    expect(set.ok).toBe(true);
    const foreign = await setScreeningRule(
      ctx,
      { regionCode: '341700', diseaseCode: 'M05300', icd10: ['G20'] },
      OTHER_STAFF,
    );
    expect(foreign.ok ? null : foreign.error.code).toBe('CHRONIC_REGION_MISMATCH');
    const after = await runChronicScreen(ctx, {}, STAFF);
    expect(after.ok && after.value.addedCount).toBe(1);
    const today = await runChronicScreen(ctx, { dischargeDate: '2026-03-02' }, STAFF);
    expect(today.ok ? null : today.error.code).toBe('CHRONIC_INVALID_DATE');
  });

  it('R-C4: transfer within the province keeps the qualification; across provinces it ends', async () => {
    await addPerson(store, { psnNo: 'P0007', idCard: '341702198001017777', ssCard: 'SS7777' });
    const filed = await fileChronicByInstitution(ctx, {
      institutionCode: 'H34170000001',
      psnNo: 'P0007',
      insuranceType: '310',
      diseaseCode: 'M03900',
      insuredRegionCode: '341700',
      assessingInstitutionCode: 'H34170000001',
      assessedOn: '2026-01-10',
      doctorCode: 'D001',
      doctorName: '王医生',
      beginDate: '2026-01-10',
    });
    expect(filed.ok).toBe(true);
    const result = await inTransaction(store.db, (tx) =>
      recogniseOnTransfer(tx, {
        psnNo: 'P0007',
        fromRegion: '341700',
        toRegion: '340100',
        newInsuranceType: '390',
        at: '2026-03-02T09:00:00+08:00',
        now: clock.now(),
      }),
    );
    expect(result.carried).toHaveLength(1);
    expect(result.carried[0]!.to).toMatchObject({
      regionCode: '340100',
      insuranceType: '390',
      localCode: 'AH340100MT001',
      startDate: '2026-03-02',
      originalStartDate: '2026-01-10',
      source: 'recognised',
    });
    for (const day of ['2026-02-01', '2026-03-01', '2026-03-02', '2026-12-31']) {
      expect(await isQualified(store.db, 'P0007', 'M03900', day)).toBe(true);
    }
    const now = await qualificationsOf(store.db, 'P0007', '2026-03-05');
    expect(now.map((q) => [q.regionCode, q.diseaseName, q.crossProvince])).toEqual([
      ['340100', '高血压', true],
    ]);

    // R-S5: by ID card and by social-security card.
    const byId = await queryQualifications(
      ctx,
      { certificateType: '02', certificateNo: '341702198001017777' },
      { id: 'admin', role: 'admin' },
    );
    expect(byId.ok && byId.value.qualifications.map((q) => q.diseaseCode)).toEqual(['M03900']);
    const byCard = await queryQualifications(
      ctx,
      { certificateType: '03', certificateNo: 'SS7777', history: true },
      { id: 'admin', role: 'admin' },
    );
    expect(byCard.ok && byCard.value.qualifications.map((q) => q.status)).toEqual(['ended', 'active']);
    const token = await queryQualifications(
      ctx,
      { certificateType: '01', certificateNo: 'QR' },
      { id: 'admin', role: 'admin' },
    );
    expect(token.ok ? null : token.error.code).toBe('CHRONIC_CERTIFICATE_UNSUPPORTED');

    const away = await inTransaction(store.db, (tx) =>
      recogniseOnTransfer(tx, {
        psnNo: 'P0007',
        fromRegion: '340100',
        toRegion: '420100',
        newInsuranceType: '390',
        at: '2026-04-01',
        now: clock.now(),
      }),
    );
    expect(away.carried).toEqual([]);
    expect(away.notRecognised).toHaveLength(1);
    expect(await isQualified(store.db, 'P0007', 'M03900', '2026-03-31')).toBe(true);
    expect(await isQualified(store.db, 'P0007', 'M03900', '2026-04-01')).toBe(false);
  });

  it('2503/2504: an institution files and cancels; the serial is checked and unknown codes are refused', async () => {
    await addPerson(store, { psnNo: 'P0008' });
    const base = {
      institutionCode: 'H34170000001',
      psnNo: 'P0008',
      insuranceType: '310',
      insuredRegionCode: '341700',
      assessingInstitutionCode: 'H34170000001',
      assessedOn: '2026-03-01',
      doctorCode: 'D001',
      doctorName: '王医生',
      beginDate: '2026-03-01',
    };
    const unknown = await fileChronicByInstitution(ctx, { ...base, diseaseCode: 'M99999' });
    expect(unknown.ok ? null : unknown.error.code).toBe('CHRONIC_DISEASE_UNKNOWN');
    const wrongRegion = await fileChronicByInstitution(ctx, {
      ...base,
      diseaseCode: 'M01600',
      insuredRegionCode: '340100',
    });
    expect(wrongRegion.ok ? null : wrongRegion.error.code).toBe('CHRONIC_REGION_MISMATCH');
    const filed = await fileChronicByInstitution(ctx, { ...base, diseaseCode: 'AH341700MT002' });
    expect(filed.ok).toBe(true);
    if (!filed.ok) return;
    expect(filed.value.filingSerial).toMatch(/^CF20260302/);
    const dup = await fileChronicByInstitution(ctx, { ...base, diseaseCode: 'M01600' });
    expect(dup.ok ? null : dup.error.code).toBe('CHRONIC_ALREADY_QUALIFIED');
    const wrongPerson = await cancelChronicFilingByInstitution(ctx, {
      institutionCode: 'H34170000001',
      filingSerial: filed.value.filingSerial,
      psnNo: 'P0001',
      reason: '录入错误',
    });
    expect(wrongPerson.ok ? null : wrongPerson.error.code).toBe('CHRONIC_FILING_NOT_FOUND');
    const cancelled = await cancelChronicFilingByInstitution(ctx, {
      institutionCode: 'H34170000001',
      filingSerial: filed.value.filingSerial,
      psnNo: 'P0008',
      reason: '录入错误',
    });
    expect(cancelled.ok).toBe(true);
    expect(await isQualified(store.db, 'P0008', 'M01600', '2026-03-02')).toBe(false);
    const again = await cancelChronicFilingByInstitution(ctx, {
      institutionCode: 'H34170000001',
      filingSerial: filed.value.filingSerial,
      psnNo: 'P0008',
      reason: '录入错误',
    });
    expect(again.ok ? null : again.error.code).toBe('CHRONIC_INVALID_TRANSITION');
  });
});
