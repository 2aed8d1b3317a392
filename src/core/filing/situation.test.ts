import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCrossRegionSituation, CrossRegionSituation as S, type SituationInput } from './situation.ts';
import { CHIZHOU, filing, HEFEI, longTerm, WUHAN, YICHANG, ZHENGZHOU } from './test-fixtures.ts';
import { FilingStatus, FilingType } from './types.ts';

function derive(over: Partial<SituationInput>) {
  return deriveCrossRegionSituation({
    insuredRegionCode: CHIZHOU,
    treatmentRegionCode: WUHAN,
    treatmentDate: '2026-05-20',
    filings: [],
    emergencyFlag: false,
    referralFlag: false,
    ...over,
  });
}

describe('local and in-province (R-F6, R-F3)', () => {
  it('R-F6: same pooling region is not cross-region, whatever the filings say', () => {
    const a = derive({ treatmentRegionCode: CHIZHOU, emergencyFlag: true, filings: [filing()] });
    expect(a).toMatchObject({
      situation: S.Local,
      ruleIds: ['R-F6'],
      directSettlement: true,
      guidance: null,
    });
  });

  it('R-F3: an in-province self-initiated visit needs no filing', () => {
    const a = derive({ treatmentRegionCode: HEFEI });
    expect(a).toMatchObject({ situation: S.InProvinceExempt, ruleIds: ['R-F3'], directSettlement: true });
  });

  it('R-F3 edge: the same visit one province over is unfiled', () => {
    const a = derive({ treatmentRegionCode: ZHENGZHOU });
    expect(a.situation).toBe(S.Unfiled);
    expect(a.directSettlement).toBe(false);
  });

  it('an in-province filing makes the visit in_province_filed', () => {
    const f = longTerm({ target: { scope: 'city', regionCode: HEFEI } });
    expect(derive({ treatmentRegionCode: HEFEI, filings: [f] })).toMatchObject({
      situation: S.InProvinceFiled,
      filingId: 'L1',
      filingType: FilingType.LongTermResident,
    });
  });
});

describe('unfiled cross-province visits get guidance (R-F1)', () => {
  it('tells the person how to file, in Chinese', () => {
    const a = derive({});
    expect(a).toMatchObject({ situation: S.Unfiled, directSettlement: false, manualReimbursement: false });
    expect(a.guidance).toContain('国家医保服务平台');
    expect(a.guidance).toContain(WUHAN);
    expect(a.guidance).toContain('手工报销');
  });

  it('while still in hospital, says that filing before discharge still settles directly (R-F5)', () => {
    const a = derive({ admittedAt: '2026-05-18', treatmentDate: '2026-05-20' });
    expect(a.guidance).toContain('出院结算前完成备案');
  });

  it('a filing under review is named with its deadline', () => {
    const pending = filing({
      status: FilingStatus.PendingReview,
      approvedAt: null,
      reviewDeadlineDate: '2026-05-22',
    });
    const a = derive({ filings: [pending] });
    expect(a.situation).toBe(S.Unfiled);
    expect(a.guidance).toContain('2026-05-22');
  });

  it('rejected filings never count', () => {
    const a = derive({ filings: [filing({ status: FilingStatus.Rejected, approvedAt: null })] });
    expect(a.situation).toBe(S.Unfiled);
  });

  it("a filing of the person's former insured region does not count", () => {
    expect(derive({ filings: [filing({ insuredRegionCode: '340800' })] }).situation).toBe(S.Unfiled);
  });
});

describe('long-term filings (R-F1, R-F7)', () => {
  it('settle at the filed place', () => {
    expect(derive({ filings: [longTerm()] })).toMatchObject({
      situation: S.CrossProvinceLongTerm,
      ruleIds: ['R-F1', 'R-F7'],
      filingId: 'L1',
    });
  });

  it('stay valid until changed, years later', () => {
    expect(derive({ filings: [longTerm()], treatmentDate: '2031-01-01' }).situation).toBe(
      S.CrossProvinceLongTerm,
    );
  });

  it('R-F7: back home the person is local, not restricted by the filing', () => {
    const a = derive({ filings: [longTerm()], treatmentRegionCode: CHIZHOU });
    expect(a).toMatchObject({ situation: S.Local, ruleIds: ['R-F6', 'R-F7'] });
  });

  it('do not cover a third place', () => {
    expect(derive({ filings: [longTerm()], treatmentRegionCode: ZHENGZHOU }).situation).toBe(S.Unfiled);
  });

  it('a filing to a whole province covers every city there (§9)', () => {
    const f = longTerm({ target: { scope: 'province', provinceCode: '420000' } });
    expect(derive({ filings: [f], treatmentRegionCode: YICHANG }).situation).toBe(S.CrossProvinceLongTerm);
    expect(derive({ filings: [f], treatmentRegionCode: ZHENGZHOU }).situation).toBe(S.Unfiled);
  });

  it('a city filing does not cover another city of that province', () => {
    expect(derive({ filings: [longTerm()], treatmentRegionCode: YICHANG }).situation).toBe(S.Unfiled);
  });

  it('a revoked filing covers up to the day before revocation', () => {
    const f = longTerm({ status: FilingStatus.Revoked, endedOn: '2026-05-20' });
    expect(derive({ filings: [f], treatmentDate: '2026-05-19' }).situation).toBe(S.CrossProvinceLongTerm);
    expect(derive({ filings: [f], treatmentDate: '2026-05-20' }).situation).toBe(S.Unfiled);
  });

  it('a change hands over on its start date', () => {
    const old = longTerm({ status: FilingStatus.Superseded, endedOn: '2026-06-01', supersededBy: 'L2' });
    const changed = longTerm({
      id: 'L2',
      target: { scope: 'city', regionCode: ZHENGZHOU },
      validFrom: '2026-06-01',
    });
    expect(derive({ filings: [old, changed], treatmentDate: '2026-05-31' }).filingId).toBe('L1');
    expect(derive({ filings: [old, changed], treatmentDate: '2026-06-01' }).situation).toBe(S.Unfiled);
    const there = derive({
      filings: [old, changed],
      treatmentDate: '2026-06-01',
      treatmentRegionCode: ZHENGZHOU,
    });
    expect(there.filingId).toBe('L2');
  });
});

describe('temporary validity boundaries (R-F1, R-F8)', () => {
  const f = filing({ validFrom: '2026-03-01', validTo: '2026-08-31' });
  it.each([
    ['2026-02-28', S.Unfiled],
    ['2026-03-01', S.OtherTemporary],
    ['2026-08-31', S.OtherTemporary],
    ['2026-09-01', S.Unfiled],
  ])('treatment on %s → %s', (treatmentDate, situation) => {
    expect(derive({ filings: [f], treatmentDate }).situation).toBe(situation);
  });

  it('R-F8: other temporary is its own situation, so the policy can give it a lower ratio', () => {
    expect(derive({ filings: [f] }).ruleIds).toContain('R-F8');
  });

  it('a stay that began inside the validity is covered to discharge', () => {
    const a = derive({
      filings: [f],
      admittedAt: '2026-08-30',
      dischargeAt: '2026-09-05',
      treatmentDate: '2026-09-05',
    });
    expect(a.situation).toBe(S.OtherTemporary);
  });
});

describe('emergency (R-F4)', () => {
  it('without a filing counts as filed, cross-province', () => {
    expect(derive({ emergencyFlag: true })).toMatchObject({
      situation: S.Emergency,
      ruleIds: ['R-F4'],
      directSettlement: true,
    });
  });

  it('in-province emergencies use the emergency benefit too (exemption is for non-emergencies)', () => {
    expect(derive({ emergencyFlag: true, treatmentRegionCode: HEFEI }).situation).toBe(S.Emergency);
  });

  it('a long-term filing still takes precedence', () => {
    expect(derive({ emergencyFlag: true, filings: [longTerm()] }).situation).toBe(S.CrossProvinceLongTerm);
  });

  it('beats an other-temporary filing', () => {
    expect(derive({ emergencyFlag: true, filings: [filing()] }).situation).toBe(S.Emergency);
  });

  it('an emergency filing made during the stay settles as emergency (critical illness, filed before discharge)', () => {
    const e = filing({
      type: FilingType.Emergency,
      validFrom: '2026-05-18',
      submittedAt: '2026-05-19T10:00:00+08:00',
    });
    const a = derive({ filings: [e], admittedAt: '2026-05-17', dischargeAt: '2026-05-20' });
    expect(a).toMatchObject({ situation: S.Emergency, ruleIds: ['R-F1', 'R-F4', 'R-F5'] });
  });
});

describe('filing after admission (R-F5)', () => {
  const stay = {
    admittedAt: '2026-05-06T22:00:00+08:00',
    dischargeAt: '2026-05-12',
    treatmentDate: '2026-05-12',
  };
  const late = (submittedOn: string) =>
    filing({ validFrom: submittedOn, validTo: '2026-11-07', submittedAt: `${submittedOn}T15:00:00+08:00` });

  it('filed during the stay: the whole stay settles directly', () => {
    const a = derive({ ...stay, filings: [late('2026-05-08')] });
    expect(a).toMatchObject({ situation: S.OtherTemporary, directSettlement: true });
    expect(a.ruleIds).toContain('R-F5');
    expect(a.reason).toContain('入院后');
  });

  it('filed on the discharge day: still in time', () => {
    expect(derive({ ...stay, filings: [late('2026-05-12')] }).situation).toBe(S.OtherTemporary);
  });

  it('filed the day after discharge: no direct settlement, manual reimbursement instead', () => {
    const backfilled = filing({ validFrom: '2026-05-06', submittedAt: '2026-05-13T09:00:00+08:00' });
    const a = derive({ ...stay, filings: [backfilled] });
    expect(a).toMatchObject({ situation: S.Unfiled, directSettlement: false, manualReimbursement: true });
    expect(a.ruleIds).toContain('R-F5');
    expect(a.guidance).toContain('手工报销');
  });

  it('an outpatient visit is not covered by a filing made later with a later start', () => {
    expect(derive({ treatmentDate: '2026-05-07', filings: [late('2026-05-08')] }).situation).toBe(S.Unfiled);
  });
});

describe('referral (R-F6)', () => {
  const referral = (certificateUploaded: boolean, diseaseCode = 'C34') =>
    filing({ id: 'R1', type: FilingType.Referral, referral: { diseaseCode, certificateUploaded } });

  it('a disease on the unconditional list needs no certificate', () => {
    const a = derive({
      filings: [referral(false)],
      unconditionalReferralDiseases: ['C34'],
      referralFlag: true,
    });
    expect(a).toMatchObject({ situation: S.Referral, filingId: 'R1' });
    expect(a.ruleIds).toContain('R-F6');
  });

  it("another disease needs the hospital's certificate", () => {
    expect(
      derive({ filings: [referral(false, 'K80')], unconditionalReferralDiseases: ['C34'] }).situation,
    ).toBe(S.Unfiled);
    expect(derive({ filings: [referral(true, 'K80')] }).situation).toBe(S.Referral);
    expect(derive({ filings: [referral(false, 'K80')], certificateUploaded: true }).situation).toBe(
      S.Referral,
    );
  });

  it('without the certificate, the guidance says what is missing', () => {
    const a = derive({ filings: [referral(false, 'K80')], referralFlag: true });
    expect(a.guidance).toContain('转诊证明');
  });

  it('a referral outranks an other-temporary filing for the same place', () => {
    expect(derive({ filings: [filing(), referral(true)] }).situation).toBe(S.Referral);
  });

  it('an unmet referral falls back to an other-temporary filing', () => {
    expect(derive({ filings: [filing(), referral(false, 'K80')] }).situation).toBe(S.OtherTemporary);
  });

  it('a referral flag alone is no filing: cross-province it is unfiled, in-province it is exempt', () => {
    expect(derive({ referralFlag: true }).situation).toBe(S.Unfiled);
    expect(derive({ referralFlag: true, treatmentRegionCode: HEFEI }).situation).toBe(S.InProvinceExempt);
  });

  it('an in-province referral filing is in_province_filed', () => {
    const r = filing({
      type: FilingType.Referral,
      target: { scope: 'city', regionCode: HEFEI },
      referral: { diseaseCode: 'C34', certificateUploaded: true },
    });
    expect(derive({ filings: [r], treatmentRegionCode: HEFEI }).situation).toBe(S.InProvinceFiled);
  });
});

describe('properties', () => {
  const seed = Number(process.env.FC_SEED ?? 5);
  console.info(`situation properties: fast-check seed ${seed}`);
  const region = fc.constantFrom(CHIZHOU, HEFEI, WUHAN, YICHANG, ZHENGZHOU);
  const anyFiling = fc.record({
    type: fc.constantFrom(...Object.values(FilingType)),
    regionCode: region,
    status: fc.constantFrom(...Object.values(FilingStatus)),
  });
  const inputs = fc.record({
    treatmentRegionCode: region,
    emergencyFlag: fc.boolean(),
    referralFlag: fc.boolean(),
    specs: fc.array(anyFiling, { maxLength: 4 }),
  });

  it('local iff same region; unfiled iff no direct settlement; unfiled always explains; emergency never unfiled', () => {
    fc.assert(
      fc.property(inputs, ({ treatmentRegionCode, emergencyFlag, referralFlag, specs }) => {
        const filings = specs.map((s, i) =>
          filing({
            id: `F${i}`,
            type: s.type,
            target: { scope: 'city', regionCode: s.regionCode },
            status: s.status,
            approvedAt:
              s.status === FilingStatus.PendingReview || s.status === FilingStatus.Rejected ? null : 'x',
            referral: { diseaseCode: 'C34', certificateUploaded: true },
          }),
        );
        const a = derive({ treatmentRegionCode, emergencyFlag, referralFlag, filings });
        expect(a.situation === S.Local).toBe(treatmentRegionCode === CHIZHOU);
        expect(a.directSettlement).toBe(a.situation !== S.Unfiled);
        expect(a.guidance !== null).toBe(a.situation === S.Unfiled);
        if (emergencyFlag)
          expect([S.Unfiled, S.InProvinceExempt, S.OtherTemporary]).not.toContain(a.situation);
      }),
      { seed },
    );
  });
});
