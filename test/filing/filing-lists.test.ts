import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  filingList,
  importFilingLists,
  seedFilingListsIfEmpty,
  situationForVisit,
  validateFilingListFile,
} from '../../src/service/filing/index.ts';
import { DIALECTS } from '../support/stores.ts';
import { CHIZHOU, type FilingFixture, openFilingFixture, WUHAN } from './fixture.ts';

describe.each(DIALECTS)('filing lists as data on %s (R-F4, R-F6)', (dialect) => {
  let fx: FilingFixture;
  beforeAll(async () => {
    fx = await openFilingFixture(dialect);
  });
  afterAll(async () => {
    await fx.close();
  });

  it('seeds data/lists/ into an empty store once', async () => {
    const first = await seedFilingListsIfEmpty(fx.ctx.store);
    expect(first.seeded).toBe(true);
    expect(first.entries).toBeGreaterThan(0);
    expect(await seedFilingListsIfEmpty(fx.ctx.store)).toEqual({ seeded: false, entries: 0 });
    const critical = await filingList(fx.ctx, CHIZHOU, 'critical_illness');
    expect(critical).toContainEqual({ code: 'I21.9', name: '急性心肌梗死' });
  });

  it('R-F6: the seeded unconditional list lets a listed diagnosis settle as a referral without certificate', async () => {
    await fx.ctx.store.db
      .insertInto('filings')
      .values({
        id: 'BA-REF-1',
        psn_no: 'P1',
        insured_region_code: CHIZHOU,
        type: 'referral',
        target_scope: 'city',
        target_code: WUHAN,
        channel: 'online',
        status: 'approved',
        valid_from: '2026-03-01',
        valid_to: '2026-08-31',
        submitted_at: '2026-03-01T01:00:00.000Z',
        review_deadline_date: null,
        review_working_days: 2,
        approved_at: '2026-03-01T01:00:00.000Z',
        ended_on: null,
        supersedes: null,
        superseded_by: null,
        referral_disease_code: 'J18.9',
        referral_institution_code: null,
        rejection_reason: null,
        submitted_by: 'P1',
        person_seq: 1,
      })
      .execute();
    const base = {
      psnNo: 'P1',
      insuredRegionCode: CHIZHOU,
      treatmentRegionCode: WUHAN,
      treatmentDate: '2026-03-10',
      emergencyFlag: false,
      referralFlag: true,
    };
    const unlisted = await situationForVisit(fx.ctx.store.db, base);
    expect(unlisted).toMatchObject({ situation: 'unfiled', directSettlement: false });
    expect(unlisted.guidance).toContain('转诊证明');
    const listed = await situationForVisit(fx.ctx.store.db, { ...base, diagnosisCodes: ['C34.9'] });
    expect(listed).toMatchObject({ situation: 'referral', filingId: 'BA-REF-1' });
  });

  it('an import replaces a region’s list whole and leaves other regions alone', async () => {
    const out = await importFilingLists(fx.ctx, {
      list: 'critical_illness',
      regions: [{ regionCode: CHIZHOU, entries: [{ code: 'I71.0', name: '主动脉夹层' }] }],
    });
    expect(out).toMatchObject({ ok: true, value: { regions: [CHIZHOU], entries: 1 } });
    expect(await filingList(fx.ctx, CHIZHOU, 'critical_illness')).toEqual([
      { code: 'I71.0', name: '主动脉夹层' },
    ]);
    expect((await filingList(fx.ctx, WUHAN, 'critical_illness')).length).toBeGreaterThan(1);
  });

  it('a bad file is refused whole, naming the entry at fault', async () => {
    const bad = await importFilingLists(fx.ctx, {
      list: 'critical_illness',
      regions: [
        { regionCode: WUHAN, entries: [] },
        {
          regionCode: CHIZHOU,
          entries: [
            { code: 'I21.9', name: '急性心肌梗死' },
            { code: 'I21.9', name: '重复' },
          ],
        },
      ],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'FILING_LIST_INVALID', field: 'regions[1].entries[1].code' },
    });
    expect((await filingList(fx.ctx, WUHAN, 'critical_illness')).length).toBeGreaterThan(1);
    expect(validateFilingListFile({ list: 'vip', regions: [] })).toMatchObject({
      ok: false,
      error: { field: 'list' },
    });
    expect(
      validateFilingListFile({ list: 'critical_illness', regions: [{ regionCode: '4201', entries: [] }] }),
    ).toMatchObject({ ok: false, error: { field: 'regions[0].regionCode' } });
  });

  it('a shipped list that is invalid fails the seed loudly; a store with lists never reads the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-lists-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ list: 'critical_illness', regions: [] }));
    await expect(seedFilingListsIfEmpty(fx.ctx.store, { dir })).resolves.toEqual({
      seeded: false,
      entries: 0,
    });
    const empty = await openFilingFixture(dialect);
    try {
      await expect(seedFilingListsIfEmpty(empty.ctx.store, { dir })).rejects.toThrow(/broken\.json/);
    } finally {
      await empty.close();
    }
  });
});
