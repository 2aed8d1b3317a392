import { describe, expect, it } from 'vitest';
import { decideApplication } from './application.ts';
import { applyCandidateEvent } from './candidate.ts';
import { checkPharmacyPrescription } from './pharmacy.ts';
import { benefitStartDate, isEffectiveOn } from './qualification.ts';
import { planRecognition } from './recognition.ts';
import { buildRuleBook, screenDischarge } from './screening.ts';
import {
  type ChronicApplication,
  type ChronicDisease,
  GrantMode,
  type Qualification,
  type ScreeningCandidate,
} from './types.ts';

const staff = { id: 's1', role: 'staff' as const };
const glaucoma: ChronicDisease = {
  code: 'M03100',
  name: '青光眼',
  categoryName: '青光眼',
  grantMode: GrantMode.InstantOnApplication,
  crossProvince: false,
  icd10: ['H40-H42'],
};
const diabetes: ChronicDisease = {
  ...glaucoma,
  code: 'M01600',
  name: '糖尿病',
  grantMode: GrantMode.Standard,
  crossProvince: true,
};
const application: ChronicApplication = {
  applicationId: 'A1',
  psnNo: 'P1',
  regionCode: '341700',
  diseaseCode: 'M03100',
  appliedOn: '2026-03-02',
  channel: 'online',
  status: 'pending_review',
  decidedAt: null,
  decidedBy: null,
  decisionNote: null,
  qualificationId: null,
};

describe('R-C6 benefit start', () => {
  it('instant-on-application starts on the application date; a standard disease on the decision date', () => {
    expect(benefitStartDate(GrantMode.InstantOnApplication, '2026-03-02', '2026-03-09')).toBe('2026-03-02');
    expect(benefitStartDate(GrantMode.Standard, '2026-03-02', '2026-03-09')).toBe('2026-03-09');
    const approved = decideApplication(
      application,
      glaucoma,
      { kind: 'approve', actor: staff },
      '2026-03-09T02:00:00Z',
    );
    expect(approved.ok && approved.value.grant).toEqual({ startDate: '2026-03-02' });
    const standard = decideApplication(
      { ...application, diseaseCode: 'M01600' },
      diabetes,
      { kind: 'approve', actor: staff },
      '2026-03-09T02:00:00Z',
    );
    expect(standard.ok && standard.value.grant).toEqual({ startDate: '2026-03-09' });
  });

  it('an effective window includes both ends and ignores revoked rows', () => {
    const q = { status: 'active' as const, startDate: '2026-03-02', endDate: '2026-03-31' };
    expect([
      isEffectiveOn(q, '2026-03-01'),
      isEffectiveOn(q, '2026-03-02'),
      isEffectiveOn(q, '2026-03-31'),
      isEffectiveOn(q, '2026-04-01'),
    ]).toEqual([false, true, true, false]);
    expect(isEffectiveOn({ ...q, status: 'revoked' }, '2026-03-10')).toBe(false);
  });
});

describe('R-C5 candidates', () => {
  const candidate: ScreeningCandidate = {
    candidateId: 'C1',
    psnNo: 'P1',
    regionCode: '341700',
    diseaseCode: 'M05300',
    visitId: 'V1',
    icdCode: 'G20',
    dischargeDate: '2026-03-01',
    status: 'pending_contact',
    contactNote: null,
    decisionNote: null,
    qualificationId: null,
  };
  it('consent grants from the day recorded (China date); refusal and grant are final', () => {
    const consent = applyCandidateEvent(candidate, { kind: 'consent', actor: staff }, '2026-03-02T17:00:00Z');
    expect(consent.ok && consent.value.grant).toEqual({ startDate: '2026-03-03' });
    const refused = applyCandidateEvent(candidate, { kind: 'refuse', actor: staff }, '2026-03-02T01:00:00Z');
    expect(refused.ok && refused.value.candidate.status).toBe('refused');
    if (!refused.ok) return;
    const after = applyCandidateEvent(
      refused.value.candidate,
      { kind: 'consent', actor: staff },
      '2026-03-03T01:00:00Z',
    );
    expect(after.ok ? null : after.error.code).toBe('CHRONIC_INVALID_TRANSITION');
    const blank = applyCandidateEvent(
      candidate,
      { kind: 'contact', actor: staff, note: ' ' },
      '2026-03-02T01:00:00Z',
    );
    expect(blank.ok ? null : blank.error.code).toBe('CHRONIC_REASON_REQUIRED');
  });

  it('screens each region with its own list', () => {
    const parkinson: ChronicDisease = {
      ...glaucoma,
      code: 'M05300',
      name: '帕金森综合征',
      grantMode: GrantMode.NoApplication,
      icd10: ['G20-G22'],
    };
    const book = buildRuleBook(
      [parkinson, glaucoma],
      [{ regionCode: '420100', diseaseCode: 'M05300', icd10: [] }],
    );
    expect(book.ok).toBe(true);
    if (!book.ok) return;
    const record = {
      visitId: 'V',
      psnNo: 'P',
      regionCode: '341700',
      diagnosesJson: '[{"diag_code":"G20.x00"},{"diag_code":"H40.1"}]',
    };
    expect(screenDischarge(record, book.value).map((h) => h.diseaseCode)).toEqual(['M05300']);
    expect(screenDischarge({ ...record, regionCode: '420100' }, book.value)).toEqual([]);
  });
});

describe('R-C4 recognition plan', () => {
  const q: Qualification = {
    qualificationId: 'Q1',
    psnNo: 'P1',
    regionCode: '341700',
    insuranceType: '310',
    diseaseCode: 'M03900',
    localCode: 'L1',
    startDate: '2025-05-01',
    endDate: null,
    originalStartDate: '2024-01-01',
    source: 'application',
    sourceRef: 'A',
    status: 'active',
    endReason: null,
  };
  const local = () => 'L9';
  it('carries over within the province from the change day, keeping the original start', () => {
    const plan = planRecognition(
      [q],
      { fromRegion: '341700', toRegion: '340200', newInsuranceType: '390', onDate: '2026-03-02' },
      local,
    );
    expect(plan.carried[0]).toMatchObject({
      endDate: '2026-03-01',
      next: {
        regionCode: '340200',
        insuranceType: '390',
        localCode: 'L9',
        startDate: '2026-03-02',
        originalStartDate: '2024-01-01',
      },
    });
  });
  it('an insurance-type change in the same region is recognised too; nothing changes when nothing changed', () => {
    expect(
      planRecognition(
        [q],
        { fromRegion: '341700', toRegion: '341700', newInsuranceType: '390', onDate: '2026-03-02' },
        local,
      ).carried,
    ).toHaveLength(1);
    expect(
      planRecognition(
        [q],
        { fromRegion: '341700', toRegion: '341700', newInsuranceType: '310', onDate: '2026-03-02' },
        local,
      ).carried,
    ).toHaveLength(0);
  });
  it('another province: not recognised, ended the day before', () => {
    const plan = planRecognition(
      [q],
      { fromRegion: '341700', toRegion: '420100', newInsuranceType: '310', onDate: '2026-03-02' },
      local,
    );
    expect(plan.carried).toEqual([]);
    expect(plan.notRecognised).toEqual([{ from: q, endDate: '2026-03-01' }]);
  });
});

describe('R-C2 pharmacy chronic purchase needs a prescription', () => {
  const base = { qualifiedDiseases: ['M03900'], onDate: '2026-03-02', diseaseName: () => '高血压' };
  it('refuses a chronic line without a prescription number, with a plain message naming the line', () => {
    const result = checkPharmacyPrescription({
      ...base,
      lines: [{ lineNo: '1', diseaseCode: 'M03900', prescriptionNo: null }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'CHRONIC_PRESCRIPTION_REQUIRED',
      ruleId: 'R-C2',
      field: 'lines[0].prescriptionNo',
    });
    expect(result.error.message).toContain('第 1 条费用明细（病种 高血压M03900）未填写处方号');
  });
  it('lets general lines and unqualified diseases through, records the prescription of chronic lines', () => {
    const result = checkPharmacyPrescription({
      ...base,
      lines: [
        { lineNo: '1', diseaseCode: null },
        { lineNo: '2', diseaseCode: 'M01600' },
        { lineNo: '3', diseaseCode: 'M03900', prescriptionNo: 'RX1' },
      ],
    });
    expect(result.ok && result.value.chronicLines).toEqual([{ lineNo: '3', prescriptionNo: 'RX1' }]);
  });
  it('refuses a prescription from a pharmacy or an out-of-date one', () => {
    const rx = (issuerKind: string, issuedOn: string) =>
      new Map([
        [
          'RX1',
          {
            prescriptionNo: 'RX1',
            issuerInstitutionCode: 'P1',
            issuerKind,
            issuerDesignated: true,
            issuedOn,
          },
        ],
      ]);
    const lines = [{ lineNo: '1', diseaseCode: 'M03900', prescriptionNo: 'RX1' }];
    const fromPharmacy = checkPharmacyPrescription({
      ...base,
      lines,
      prescriptions: rx('pharmacy', '2026-03-01'),
    });
    expect(fromPharmacy.ok ? null : fromPharmacy.error.code).toBe('CHRONIC_PRESCRIPTION_ISSUER_INVALID');
    const old = checkPharmacyPrescription({ ...base, lines, prescriptions: rx('hospital', '2025-11-01') });
    expect(old.ok ? null : old.error.code).toBe('CHRONIC_PRESCRIPTION_EXPIRED');
    const online = checkPharmacyPrescription({
      ...base,
      lines,
      prescriptions: rx('internet_hospital', '2026-02-20'),
    });
    expect(online.ok).toBe(true);
  });
});
