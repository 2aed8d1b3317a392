/** The public portal's queries (R-P1, R-P2): no login, no personal data, coded Chinese errors. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/http/server.ts';
import { type AppContext, closeAppContext, openAppContext } from '../../src/service/context.ts';
import { DIALECTS, freshStoreLocation } from '../support/stores.ts';
import { seedWebFixture } from '../web/fixture.ts';

describe.each(DIALECTS)('public portal queries on %s', (dialect) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await openAppContext(await freshStoreLocation(dialect));
    await seedWebFixture(ctx);
    app = await build(ctx, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppContext(ctx);
  });

  const get = async (url: string) => app.inject({ method: 'GET', url });

  it('lists regions with their provinces', async () => {
    const res = await get('/api/public/regions');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual(['340100', '341700', '420100']);
  });

  it('finds networked institutions of a region (R-P1)', async () => {
    const res = await get('/api/public/institutions?regionCode=341700&crossRegionNetworked=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({
      name: '池州市人民医院',
      levelZh: '三级',
      kindZh: '定点医疗机构',
      crossRegionNetworked: true,
    });
  });

  it('finds employee outpatient pooling pharmacies (R-P1)', async () => {
    const res = await get('/api/public/institutions?kind=pharmacy&employeeOutpatientPooling=1');
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual(['P34170000002']);
  });

  it('finds institutions serving a chronic disease, across provinces', async () => {
    const res = await get('/api/public/institutions?chronicDisease=M07801');
    const items = res.json().items;
    expect(items.map((i: { code: string }) => i.code)).toEqual(['H42010000001']);
    expect(items[0].chronicDiseases).toContainEqual({ code: 'M07801', name: '透析' });
  });

  it('filters by province, level and keyword, and pages', async () => {
    const byProvince = await get('/api/public/institutions?provinceCode=340000&level=2');
    expect(byProvince.json().items.map((i: { code: string }) => i.code)).toEqual(['H34010000001']);
    const byKeyword = await get(`/api/public/institutions?keyword=${encodeURIComponent('协和')}`);
    expect(byKeyword.json().total).toBe(1);
    const paged = await get('/api/public/institutions?pageSize=2&page=2');
    expect(paged.json()).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(2);
  });

  it('refuses a malformed disease code with a Chinese message naming the field', async () => {
    const res = await get('/api/public/institutions?chronicDisease=X1');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'QUERY_PARAM_INVALID', field: 'chronicDisease' });
    expect(res.json().message).toMatch(/M03900/);
  });

  it('searches the treatment region catalog with class, copay ratio and price limit (R-M2)', async () => {
    const res = await get(`/api/public/catalog?regionCode=420100&keyword=${encodeURIComponent('支架')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      code: 'CB03',
      classZh: '乙类',
      copayRatioBp: 2000,
      copayRatioText: '20%',
      priceLimitFen: 100000,
      priceLimitYuan: '1000.00',
    });
    expect(res.json().items[0].plainZh).toMatch(/先由个人自付 20%/);
    const classC = await get('/api/public/catalog?regionCode=420100&catalogClass=03');
    expect(classC.json().items.map((i: { code: string }) => i.code)).toEqual(['SC04']);
  });

  it('needs a region for the catalog', async () => {
    const res = await get('/api/public/catalog');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'regionCode' });
  });

  it('explains the filing rules in plain words with rule ids', async () => {
    const res = await get('/api/public/filing-rules');
    const sections = res.json().sections;
    expect(sections.length).toBeGreaterThan(4);
    expect(sections.flatMap((s: { ruleIds: string[] }) => s.ruleIds)).toEqual(
      expect.arrayContaining(['R-F2', 'R-F3', 'R-F4']),
    );
    expect(JSON.stringify(sections)).toMatch(/2 个工作日/);
  });

  it('keeps JSON 404s for unknown API paths while serving pages', async () => {
    const api = await get('/api/public/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
    const page = await get('/portal/institutions');
    expect([200, 503]).toContain(page.statusCode);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
