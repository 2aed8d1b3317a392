/**
 * 公共服务 — the public portal's queries, open 7×24 without login (R-P1, R-P2): regions, designated
 * institutions, the treatment region's catalog, chronic diseases, and the filing rules in plain words.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import {
  chronicDiseaseList,
  filingRules,
  listRegions,
  searchCatalog,
  searchInstitutions,
} from '../../service/public-queries.ts';
import { fail } from '../errors.ts';

const flag = { type: 'string', enum: ['true', 'false', '1', '0'] } as const;
const isOn = (v: string | undefined) => v === 'true' || v === '1';
// The server's validator does not coerce types, so numbers in the query string are checked as digits.
const paging = {
  page: { type: 'string', pattern: '^[1-9]\\d{0,5}$' },
  pageSize: { type: 'string', pattern: '^[1-9]\\d{0,2}$' },
} as const;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

interface InstitutionQs {
  regionCode?: string;
  provinceCode?: string;
  kind?: string;
  level?: string;
  crossRegionNetworked?: string;
  employeeOutpatientPooling?: string;
  chronicDisease?: string;
  keyword?: string;
  page?: string;
  pageSize?: string;
}

interface CatalogQs {
  regionCode: string;
  keyword?: string;
  kind?: string;
  catalogClass?: string;
  page?: string;
  pageSize?: string;
}

export function registerPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/public/regions', { schema: { tags: ['public'], summary: '统筹区列表' } }, async () => ({
    items: await listRegions(ctx),
  }));

  app.get(
    '/api/public/chronic-diseases',
    { schema: { tags: ['public'], summary: '跨省门慢特病种' } },
    async () => ({
      items: chronicDiseaseList(),
    }),
  );

  app.get(
    '/api/public/filing-rules',
    { schema: { tags: ['public'], summary: '异地就医备案规则（通俗说明）' } },
    async () => ({
      sections: filingRules(),
    }),
  );

  app.get<{ Querystring: InstitutionQs }>(
    '/api/public/institutions',
    {
      schema: {
        tags: ['public'],
        summary: '定点医药机构查询（R-P1）',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            regionCode: { type: 'string', pattern: '^\\d{6}$' },
            provinceCode: { type: 'string', pattern: '^\\d{6}$' },
            kind: { type: 'string', enum: ['hospital', 'pharmacy', 'internet_hospital'] },
            level: { type: 'string', enum: ['0', '1', '2', '3'] },
            crossRegionNetworked: flag,
            employeeOutpatientPooling: flag,
            chronicDisease: { type: 'string', maxLength: 10 },
            keyword: { type: 'string', maxLength: 50 },
            ...paging,
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const found = await searchInstitutions(ctx, {
        ...q,
        page: num(q.page),
        pageSize: num(q.pageSize),
        crossRegionNetworked: isOn(q.crossRegionNetworked),
        employeeOutpatientPooling: isOn(q.employeeOutpatientPooling),
      });
      if (!found.ok) fail(400, found.error);
      return found.value;
    },
  );

  app.get<{ Querystring: CatalogQs }>(
    '/api/public/catalog',
    {
      schema: {
        tags: ['public'],
        summary: '就医地医保目录查询（类别、自付比例、限价）',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['regionCode'],
          properties: {
            regionCode: { type: 'string', pattern: '^\\d{6}$' },
            keyword: { type: 'string', maxLength: 50 },
            kind: { type: 'string', enum: ['drug', 'service_item', 'consumable'] },
            catalogClass: { type: 'string', enum: ['01', '02', '03'] },
            ...paging,
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const found = await searchCatalog(ctx, { ...q, page: num(q.page), pageSize: num(q.pageSize) });
      if (!found.ok) fail(400, found.error);
      return found.value;
    },
  );
}
