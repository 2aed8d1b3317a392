import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveFiling,
  cancelReferralByInstitution,
  changeFiling,
  FILING_NOTICE_TOPIC,
  fileReferralByInstitution,
  importFilingLists,
  listMyFilings,
  rejectFiling,
  revokeFiling,
  setFilingPolicy,
  situationForVisit,
  submitFilingAtWindow,
  submitFilingOnline,
  type VisitSituationQuery,
} from '../../src/service/filing/index.ts';
import { DIALECTS } from '../support/stores.ts';
import {
  CHIZHOU,
  chizhouStaff,
  type FilingFixture,
  HEFEI,
  openFilingFixture,
  WUHAN,
  wuhanStaff,
  ZHENGZHOU,
} from './fixture.ts';

const wuhan = { scope: 'city', regionCode: WUHAN } as const;
const zhengzhou = { scope: 'city', regionCode: ZHENGZHOU } as const;
const p1 = { role: 'person', psnNo: 'P1' } as const;
const p2 = { role: 'person', psnNo: 'P2' } as const;

function visit(over: Partial<VisitSituationQuery> = {}): VisitSituationQuery {
  return {
    psnNo: 'P1',
    insuredRegionCode: CHIZHOU,
    treatmentRegionCode: WUHAN,
    treatmentDate: '2026-03-10',
    emergencyFlag: false,
    referralFlag: false,
    ...over,
  };
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe.each(DIALECTS)('filing service on %s', (dialect) => {
  let fx: FilingFixture;
  beforeAll(async () => {
    fx = await openFilingFixture(dialect);
  });
  afterAll(async () => {
    await fx.close();
  });

  it('R-F2: an online temporary filing is approved at once, records its channel, audits and notifies', async () => {
    fx.setNow('2026-03-02T09:00:00+08:00');
    const out = value(await submitFilingOnline(fx.ctx, p1, { type: 'other_temporary', target: wuhan }));
    expect(out.decision).toBe('approved');
    expect(out.filing).toMatchObject({
      channel: 'online',
      status: 'approved',
      validFrom: '2026-03-02',
      validTo: '2026-09-01',
      typeName: '其他临时外出就医',
    });
    expect(out.notices[0]).toContain('可在备案地所有联网定点医药机构直接结算');
    const audit = await fx.ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject', '=', out.filing.id)
      .execute();
    expect(audit.map((a) => [a.action, a.role, a.actor])).toEqual([['filing.submit', 'person', 'P1']]);
    const outbox = await fx.ctx.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', FILING_NOTICE_TOPIC)
      .execute();
    expect(outbox.some((o) => JSON.parse(o.payload).filingId === out.filing.id)).toBe(true);
  });

  it('R-F1 validity boundary: covered on the last valid day, unfiled the day after', async () => {
    const db = fx.ctx.store.db;
    expect((await situationForVisit(db, visit({ treatmentDate: '2026-09-01' }))).situation).toBe(
      'other_temporary',
    );
    const after = await situationForVisit(db, visit({ treatmentDate: '2026-09-02' }));
    expect(after).toMatchObject({ situation: 'unfiled', directSettlement: false });
    expect(after.guidance).toContain('国家医保服务平台');
    expect((await situationForVisit(db, visit({ treatmentDate: '2026-03-01' }))).situation).toBe('unfiled');
  });

  it('R-F1: an overlapping filing is refused with a clear reason naming the filing it clashes with', async () => {
    const [held] = await listMyFilings(fx.ctx, p1);
    const again = await submitFilingOnline(fx.ctx, p1, {
      type: 'other_temporary',
      target: { scope: 'province', provinceCode: '420000' },
      validFrom: '2026-05-01',
    });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error).toMatchObject({ code: 'FILING_OVERLAP', ruleId: 'R-F1' });
    expect(again.error.message).toContain(held!.id);
    expect(again.error.message).toContain('重叠');
    // A refusal writes nothing: no second filing, no audit record.
    expect(await listMyFilings(fx.ctx, p1)).toHaveLength(1);
  });

  it('R-F1 edge: a filing for another place or after the first expires is accepted', async () => {
    const other = value(
      await submitFilingOnline(fx.ctx, p1, {
        type: 'other_temporary',
        target: zhengzhou,
        validFrom: '2026-03-02',
      }),
    );
    expect(other.decision).toBe('approved');
    const later = value(
      await submitFilingOnline(fx.ctx, p1, {
        type: 'other_temporary',
        target: wuhan,
        validFrom: '2026-09-02',
      }),
    );
    expect(later.filing.validFrom).toBe('2026-09-02');
    expect(value(await revokeFiling(fx.ctx, p1, later.filing.id, '不去了')).filing.status).toBe('revoked');
    expect(value(await revokeFiling(fx.ctx, p1, other.filing.id)).filing.status).toBe('revoked');
  });

  it('R-F3: in-province self-initiated trips need no filing; the same trip across the border does', async () => {
    const refused = await submitFilingOnline(fx.ctx, p2, {
      type: 'other_temporary',
      target: { scope: 'city', regionCode: HEFEI },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FILING_NOT_NEEDED_IN_PROVINCE', ruleId: 'R-F3' },
    });
    const db = fx.ctx.store.db;
    expect(await situationForVisit(db, visit({ psnNo: 'P2', treatmentRegionCode: HEFEI }))).toMatchObject({
      situation: 'in_province_exempt',
      directSettlement: true,
      ruleIds: ['R-F3'],
    });
    expect(await situationForVisit(db, visit({ psnNo: 'P2', treatmentRegionCode: ZHENGZHOU }))).toMatchObject(
      {
        situation: 'unfiled',
        directSettlement: false,
      },
    );
  });

  it('R-F6: treatment in the home city is not cross-region and cannot be filed', async () => {
    const home = await submitFilingOnline(fx.ctx, p2, {
      type: 'long_term_resident',
      target: { scope: 'city', regionCode: CHIZHOU },
    });
    expect(home).toMatchObject({ ok: false, error: { code: 'FILING_TARGET_IS_HOME' } });
    expect(
      (await situationForVisit(fx.ctx.store.db, visit({ treatmentRegionCode: CHIZHOU }))).situation,
    ).toBe('local');
  });

  it('R-F4: an emergency without a filing counts as filed', async () => {
    const a = await situationForVisit(fx.ctx.store.db, visit({ psnNo: 'P2', emergencyFlag: true }));
    expect(a).toMatchObject({ situation: 'emergency', directSettlement: true, ruleIds: ['R-F4'] });
  });

  it('R-F5: filed after admission and before discharge, the stay settles directly', async () => {
    fx.setNow('2026-04-13T10:00:00+08:00');
    const filed = value(await submitFilingOnline(fx.ctx, p2, { type: 'other_temporary', target: wuhan }));
    const stay = await situationForVisit(
      fx.ctx.store.db,
      visit({
        psnNo: 'P2',
        treatmentDate: '2026-04-20',
        admittedAt: '2026-04-10',
        dischargeAt: '2026-04-20',
      }),
    );
    expect(stay).toMatchObject({
      situation: 'other_temporary',
      filingId: filed.filing.id,
      directSettlement: true,
    });
    expect(stay.ruleIds).toContain('R-F5');
    value(await revokeFiling(fx.ctx, p2, filed.filing.id));
  });

  it('R-F5 edge: backfilled after a self-paid discharge, the stay opens manual reimbursement only', async () => {
    fx.setNow('2026-05-11T10:00:00+08:00');
    value(
      await submitFilingAtWindow(fx.ctx, chizhouStaff, 'P2', {
        type: 'other_temporary',
        target: zhengzhou,
        validFrom: '2026-05-06',
      }),
    );
    const stay = await situationForVisit(
      fx.ctx.store.db,
      visit({
        psnNo: 'P2',
        treatmentRegionCode: ZHENGZHOU,
        treatmentDate: '2026-05-08',
        admittedAt: '2026-05-06',
        dischargeAt: '2026-05-08',
      }),
    );
    expect(stay).toMatchObject({ situation: 'unfiled', directSettlement: false, manualReimbursement: true });
  });

  it('R-F4: a critical-illness diagnosis still in hospital is told it may file before discharge', async () => {
    await importFilingLists(fx.ctx, {
      list: 'critical_illness',
      regions: [{ regionCode: CHIZHOU, entries: [{ code: 'I21.9', name: '急性心肌梗死' }] }],
    });
    const a = await situationForVisit(
      fx.ctx.store.db,
      visit({
        psnNo: 'P2',
        treatmentDate: '2026-05-20',
        admittedAt: '2026-05-19',
        diagnosisCodes: ['I21.9'],
      }),
    );
    expect(a).toMatchObject({ situation: 'unfiled', criticalIllness: true });
    expect(a.guidance).toContain('急危重病种标准');
  });

  it('R-F6: a referral off the unconditional list needs the hospital certificate; on the list it does not', async () => {
    fx.setNow('2026-06-01T09:00:00+08:00');
    const missing = await submitFilingOnline(fx.ctx, p2, {
      type: 'referral',
      target: wuhan,
      referral: { diseaseCode: 'J18.9', certificateUploaded: false },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILING_REFERRAL_CERTIFICATE_REQUIRED' } });
    await importFilingLists(fx.ctx, {
      list: 'unconditional_referral',
      regions: [{ regionCode: CHIZHOU, entries: [{ code: 'C34.9', name: '肺恶性肿瘤' }] }],
    });
    const listed = value(
      await submitFilingOnline(fx.ctx, p2, {
        type: 'referral',
        target: wuhan,
        referral: { diseaseCode: 'C34.9', certificateUploaded: false },
      }),
    );
    // Online referrals wait for review under the demo policy (R-F2).
    expect(listed.decision).toBe('queued');
    value(await revokeFiling(fx.ctx, p2, listed.filing.id, '改由医院办理'));
  });

  it('2501/2502: the hospital files a referral approved at once, and only it can cancel it', async () => {
    const filed = value(
      await fileReferralByInstitution(fx.ctx, {
        institutionCode: 'H34170000001',
        psnNo: 'P2',
        insuredRegionCode: CHIZHOU,
        diagnosisCode: 'J18.9',
        treatmentRegionCode: WUHAN,
        validFrom: '2026-06-01',
        certificateIssued: true,
      }),
    );
    expect(filed.outcome.filing).toMatchObject({
      channel: 'institution',
      status: 'approved',
      type: 'referral',
    });
    expect(filed.filingId.length).toBeLessThanOrEqual(30);
    const ref = await situationForVisit(
      fx.ctx.store.db,
      visit({ psnNo: 'P2', treatmentDate: '2026-06-05', referralFlag: true }),
    );
    expect(ref).toMatchObject({ situation: 'referral', filingId: filed.filingId });

    const wrongRegion = await fileReferralByInstitution(fx.ctx, {
      institutionCode: 'H34170000001',
      psnNo: 'P2',
      insuredRegionCode: WUHAN,
      diagnosisCode: 'J18.9',
      treatmentRegionCode: ZHENGZHOU,
      validFrom: '2026-06-01',
      certificateIssued: true,
    });
    expect(wrongRegion).toMatchObject({ ok: false, error: { code: 'FILING_INSURED_REGION_MISMATCH' } });
    const byOther = await cancelReferralByInstitution(fx.ctx, {
      institutionCode: 'H42010000001',
      filingId: filed.filingId,
      psnNo: 'P2',
    });
    expect(byOther).toMatchObject({ ok: false, error: { code: 'FILING_NOT_FOUND' } });
    const cancelled = value(
      await cancelReferralByInstitution(fx.ctx, {
        institutionCode: 'H34170000001',
        filingId: filed.filingId,
        psnNo: 'P2',
        reason: '患者放弃转院',
      }),
    );
    expect(cancelled.filing.status).toBe('revoked');
    expect(cancelled.filing.history.map((h) => h.event)).toEqual(['submit', 'revoke']);
  });

  it('R-F1/R-F7: a long-term filing on commitment is valid until changed and settles both ways', async () => {
    fx.setNow('2026-07-01T09:00:00+08:00');
    // The temporary Wuhan filing would contradict a long-term one there: end it first.
    const [temporary] = (await listMyFilings(fx.ctx, p1)).filter((f) => f.status === 'approved');
    value(await revokeFiling(fx.ctx, p1, temporary!.id, '改为异地安置'));
    const lt = value(
      await submitFilingOnline(
        fx.ctx,
        { role: 'person', psnNo: 'P1' },
        {
          type: 'retiree_settled_elsewhere',
          target: wuhan,
          commitmentSigned: true,
        },
      ),
    );
    expect(lt.filing).toMatchObject({ status: 'approved', validTo: null });
    const db = fx.ctx.store.db;
    expect((await situationForVisit(db, visit({ treatmentDate: '2030-01-01' }))).situation).toBe(
      'cross_province_long_term',
    );
    const home = await situationForVisit(
      db,
      visit({ treatmentRegionCode: CHIZHOU, treatmentDate: '2026-08-01' }),
    );
    expect(home).toMatchObject({ situation: 'local', ruleIds: ['R-F6', 'R-F7'] });
  });

  it('R-F1: a second long-term place is refused; a change supersedes the first and keeps its history', async () => {
    const [lt] = (await listMyFilings(fx.ctx, p1)).filter((f) => f.type === 'retiree_settled_elsewhere');
    const second = await submitFilingOnline(fx.ctx, p1, {
      type: 'long_term_resident',
      target: zhengzhou,
      commitmentSigned: true,
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'FILING_LONG_TERM_CONFLICT' } });

    fx.setNow('2026-08-03T09:00:00+08:00');
    const changed = value(await changeFiling(fx.ctx, p1, lt!.id, { target: zhengzhou }));
    expect(changed.filing).toMatchObject({ status: 'approved', supersedes: lt!.id, validFrom: '2026-08-03' });
    const mine = await listMyFilings(fx.ctx, p1);
    const old = mine.find((f) => f.id === lt!.id)!;
    expect(old).toMatchObject({
      status: 'superseded',
      supersededBy: changed.filing.id,
      endedOn: '2026-08-03',
    });
    expect(old.history.map((h) => h.to)).toEqual(['approved', 'superseded']);
    const db = fx.ctx.store.db;
    expect((await situationForVisit(db, visit({ treatmentDate: '2026-08-02' }))).filingId).toBe(lt!.id);
    expect((await situationForVisit(db, visit({ treatmentDate: '2026-08-03' }))).situation).toBe('unfiled');
    expect(
      (await situationForVisit(db, visit({ treatmentRegionCode: ZHENGZHOU, treatmentDate: '2026-08-03' })))
        .filingId,
    ).toBe(changed.filing.id);
  });

  it('R-F5: a filing in use by an unsettled stay cannot be revoked', async () => {
    const [current] = (await listMyFilings(fx.ctx, p1)).filter((f) => f.status === 'approved');
    await fx.ctx.store.db
      .insertInto('visits')
      .values({
        visit_id: 'V-ZZ-1',
        institution_code: 'H42010000001',
        psn_no: 'P1',
        insured_region_code: CHIZHOU,
        treatment_region_code: ZHENGZHOU,
        insurance_type: '310',
        kind: 'inpatient',
        med_type: '21',
        hospital_visit_no: 'ZY9',
        certificate_type: '02',
        begin_time: '2026-08-04 10:00:00',
        end_time: null,
        status: 'admitted',
        disease_code: null,
        created_at: '2026-08-04T02:00:00.000Z',
      })
      .execute();
    const refused = await revokeFiling(fx.ctx, p1, current!.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FILING_IN_USE', ruleId: 'R-F5' } });
  });

  it('persons see only their own filings; staff act only on their region; suspended persons cannot file', async () => {
    const [theirs] = await listMyFilings(fx.ctx, p1);
    expect(await revokeFiling(fx.ctx, p2, theirs!.id)).toMatchObject({
      ok: false,
      error: { code: 'FILING_NOT_FOUND' },
    });
    expect(await revokeFiling(fx.ctx, wuhanStaff, theirs!.id)).toMatchObject({
      ok: false,
      error: { code: 'FILING_OTHER_REGION' },
    });
    const window = await submitFilingAtWindow(fx.ctx, wuhanStaff, 'P2', {
      type: 'emergency',
      target: zhengzhou,
    });
    expect(window).toMatchObject({ ok: false, error: { code: 'FILING_OTHER_REGION' } });
    const suspended = await submitFilingOnline(
      fx.ctx,
      { role: 'person', psnNo: 'P3' },
      {
        type: 'emergency',
        target: wuhan,
      },
    );
    expect(suspended).toMatchObject({ ok: false, error: { code: 'FILING_PERSON_NOT_INSURED' } });
  });

  it('R-F1: the region policy sets the temporary validity period', async () => {
    value(
      await setFilingPolicy(fx.ctx, WUHAN, {
        temporaryValidity: { days: 90 },
        reviewWorkingDays: 2,
        autoApprove: { longTermOnCommitment: true, otherTemporary: true, referralOnline: true },
      }),
    );
    fx.setNow('2026-03-02T09:00:00+08:00');
    const w = value(
      await submitFilingOnline(
        fx.ctx,
        { role: 'person', psnNo: 'W1' },
        { type: 'other_temporary', target: zhengzhou },
      ),
    );
    expect(w.filing).toMatchObject({ validFrom: '2026-03-02', validTo: '2026-05-30' });
    const bad = await setFilingPolicy(fx.ctx, WUHAN, { temporaryValidity: { months: 0 } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'FILING_POLICY_INVALID', field: 'temporaryValidity' },
    });
  });

  it('R-F2: review — a rejection needs a reason, an approval closes the case; only once', async () => {
    fx.setNow('2026-09-01T09:00:00+08:00');
    const queued = value(
      await submitFilingOnline(fx.ctx, p2, {
        type: 'posted_worker',
        target: { scope: 'province', provinceCode: '420000' },
      }),
    );
    expect(queued).toMatchObject({ decision: 'queued', filing: { reviewDeadlineDate: '2026-09-03' } });
    expect(await rejectFiling(fx.ctx, chizhouStaff, queued.filing.id, ' ')).toMatchObject({
      ok: false,
      error: { code: 'FILING_REASON_REQUIRED' },
    });
    expect(await approveFiling(fx.ctx, wuhanStaff, queued.filing.id)).toMatchObject({
      ok: false,
      error: { code: 'FILING_OTHER_REGION' },
    });
    const approved = value(await approveFiling(fx.ctx, chizhouStaff, queued.filing.id, '材料齐全'));
    expect(approved.filing).toMatchObject({ status: 'approved', reviewDeadlineDate: null });
    expect(approved.filing.history.map((h) => [h.event, h.actor])).toEqual([
      ['submit', 'person'],
      ['approve', 'agency'],
    ]);
    expect(await approveFiling(fx.ctx, chizhouStaff, queued.filing.id)).toMatchObject({
      ok: false,
      error: { code: 'FILING_INVALID_TRANSITION' },
    });
    const events = await fx.ctx.store.db
      .selectFrom('filing_events')
      .select(['actor_id'])
      .where('filing_id', '=', queued.filing.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.actor_id)).toEqual(['P2', 'cz-staff']);
  });

  it('the event history is append-only in the database', async () => {
    await expect(fx.ctx.store.db.updateTable('filing_events').set({ note: 'x' }).execute()).rejects.toThrow(
      /APPEND_ONLY/,
    );
    await expect(fx.ctx.store.db.deleteFrom('filing_events').execute()).rejects.toThrow(/APPEND_ONLY/);
  });
});
