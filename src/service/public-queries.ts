/**
 * 公共服务查询 — what anyone may ask around the clock without logging in (R-P1, R-P2): pooling regions,
 * designated institutions by region, kind, level and service, the treatment region's catalog, and the
 * filing rules in plain words. Answers carry fen integers and display strings; no personal data.
 */
import { chinaDateOf } from '../core/calendar/index.ts';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { type Fen, formatRatio, formatYuan, type RatioBp } from '../core/money/index.ts';
import { CHRONIC_DISEASE_NAMES } from '../core/settlement/index.ts';
import type { AppContext } from './context.ts';

export const PublicQueryErrorCode = {
  RegionRequired: 'CATALOG_REGION_REQUIRED',
  ParamInvalid: 'QUERY_PARAM_INVALID',
} as const;

export interface RegionView {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly provinceName: string;
}

export async function listRegions(ctx: AppContext): Promise<RegionView[]> {
  const rows = await ctx.store.db.selectFrom('regions').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    provinceCode: r.province_code,
    provinceName: r.province_name,
  }));
}

export const INSTITUTION_KIND_ZH: Readonly<Record<string, string>> = {
  hospital: '定点医疗机构',
  pharmacy: '定点零售药店',
  internet_hospital: '互联网医院',
};

export const INSTITUTION_LEVEL_ZH: Readonly<Record<string, string>> = {
  '0': '未定级',
  '1': '一级',
  '2': '二级',
  '3': '三级',
};

export function chronicDiseaseList(): { code: string; name: string }[] {
  return Object.entries(CHRONIC_DISEASE_NAMES).map(([code, name]) => ({ code, name }));
}

export interface InstitutionQuery {
  readonly regionCode?: string;
  readonly provinceCode?: string;
  readonly kind?: string;
  readonly level?: string;
  /** 异地联网 only. */
  readonly crossRegionNetworked?: boolean;
  /** 职工门诊统筹 only. */
  readonly employeeOutpatientPooling?: boolean;
  /** Serves this national chronic-disease code (门慢特). */
  readonly chronicDisease?: string;
  readonly keyword?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface InstitutionView {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly level: string;
  readonly levelZh: string;
  readonly crossRegionNetworked: boolean;
  readonly employeeOutpatientPooling: boolean;
  readonly chronicDiseases: readonly { code: string; name: string }[];
  readonly address: string | null;
}

export interface Page<T> {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly T[];
}

/** LIKE patterns from user text: wildcards are dropped rather than escaped (both dialects, no ESCAPE clause). */
function containsPattern(keyword: string): string {
  return `%${keyword.replace(/[%_\\]/g, '').trim()}%`;
}

function paging(q: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Math.trunc(q.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.trunc(q.pageSize ?? 20)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

function paramInvalid(field: string, hint: string) {
  return domainError(PublicQueryErrorCode.ParamInvalid, `查询参数 ${field} 不正确：${hint}`, { field });
}

/** 定点医药机构查询 (R-P1). */
export async function searchInstitutions(
  ctx: AppContext,
  q: InstitutionQuery,
): Promise<Result<Page<InstitutionView>>> {
  if (q.chronicDisease !== undefined && !/^M\d{5}$/.test(q.chronicDisease)) {
    return err(paramInvalid('chronicDisease', '请填写国家门慢特病种编码，如 M03900（高血压）。'));
  }
  if (q.provinceCode !== undefined && !/^\d{2}0000$/.test(q.provinceCode)) {
    return err(paramInvalid('provinceCode', '省份代码为 6 位数字且以 0000 结尾，如 340000。'));
  }
  const { page, pageSize, offset } = paging(q);
  let query = ctx.store.db
    .selectFrom('institutions')
    .innerJoin('regions', 'regions.code', 'institutions.region_code');
  if (q.regionCode) query = query.where('institutions.region_code', '=', q.regionCode);
  if (q.provinceCode) query = query.where('regions.province_code', '=', q.provinceCode);
  if (q.kind) query = query.where('institutions.kind', '=', q.kind);
  if (q.level) query = query.where('institutions.level', '=', q.level);
  if (q.crossRegionNetworked) query = query.where('institutions.cross_region_networked', '=', 1);
  if (q.employeeOutpatientPooling) query = query.where('institutions.employee_outpatient_pooling', '=', 1);
  // chronic_diseases is a JSON array of codes; the quoted code cannot match a longer code by accident.
  if (q.chronicDisease)
    query = query.where('institutions.chronic_diseases', 'like', `%"${q.chronicDisease}"%`);
  if (q.keyword?.trim()) {
    const pattern = containsPattern(q.keyword);
    query = query.where((eb) =>
      eb.or([eb('institutions.name', 'like', pattern), eb('institutions.address', 'like', pattern)]),
    );
  }
  const counted = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await query
    .select([
      'institutions.code',
      'institutions.name',
      'institutions.region_code',
      'institutions.kind',
      'institutions.level',
      'institutions.cross_region_networked',
      'institutions.employee_outpatient_pooling',
      'institutions.chronic_diseases',
      'institutions.address',
      'regions.name as region_name',
    ])
    .orderBy('institutions.region_code')
    .orderBy('institutions.level', 'desc')
    .orderBy('institutions.code')
    .limit(pageSize)
    .offset(offset)
    .execute();
  return ok({
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      regionCode: r.region_code,
      regionName: r.region_name,
      kind: r.kind,
      kindZh: INSTITUTION_KIND_ZH[r.kind] ?? r.kind,
      level: r.level,
      levelZh: INSTITUTION_LEVEL_ZH[r.level] ?? r.level,
      crossRegionNetworked: Number(r.cross_region_networked) === 1,
      employeeOutpatientPooling: Number(r.employee_outpatient_pooling) === 1,
      chronicDiseases: (JSON.parse(r.chronic_diseases) as string[]).map((code) => ({
        code,
        name: CHRONIC_DISEASE_NAMES[code] ?? code,
      })),
      address: r.address,
    })),
  });
}

export const CATALOG_CLASS_ZH: Readonly<Record<string, string>> = {
  '01': '甲类',
  '02': '乙类',
  '03': '丙类（自费）',
};
export const CATALOG_KIND_ZH: Readonly<Record<string, string>> = {
  drug: '药品',
  service_item: '诊疗项目',
  consumable: '医用耗材',
};

export interface CatalogQuery {
  readonly regionCode: string;
  readonly keyword?: string;
  readonly kind?: string;
  readonly catalogClass?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface CatalogItemView {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly catalogClass: string;
  readonly classZh: string;
  readonly copayRatioBp: number;
  readonly copayRatioText: string;
  readonly priceLimitFen: number | null;
  readonly priceLimitYuan: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** One plain sentence: how this item is paid. */
  readonly plainZh: string;
}

function catalogPlain(cls: string, copayBp: number, limitFen: number | null): string {
  const limit = limitFen === null ? '' : `；单价超过限价 ${formatYuan(limitFen as Fen)} 元的部分需自付`;
  if (cls === '01') return `全部纳入医保支付范围，按待遇比例报销${limit}`;
  if (cls === '02') return `先由个人自付 ${formatRatio(copayBp as RatioBp)}，其余纳入医保支付范围${limit}`;
  return '不在医保支付范围内，费用由个人全部自付';
}

/** 就医地目录查询 — the catalog of one treatment region, in force today (R-M2, R-P2). */
export async function searchCatalog(
  ctx: AppContext,
  q: CatalogQuery,
): Promise<Result<Page<CatalogItemView>>> {
  if (!/^\d{6}$/.test(q.regionCode ?? '')) {
    return err(
      domainError(
        PublicQueryErrorCode.RegionRequired,
        '请先选择就医地（6 位统筹区代码）：目录按就医地公布。',
        {
          field: 'regionCode',
        },
      ),
    );
  }
  const today = chinaDateOf(ctx.now().toISOString());
  const { page, pageSize, offset } = paging(q);
  let query = ctx.store.db
    .selectFrom('catalog_items')
    .where('region_code', '=', q.regionCode)
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]));
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.catalogClass) query = query.where('catalog_class', '=', q.catalogClass);
  if (q.keyword?.trim()) {
    const pattern = containsPattern(q.keyword);
    query = query.where((eb) => eb.or([eb('name', 'like', pattern), eb('code', 'like', pattern)]));
  }
  const counted = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await query.selectAll().orderBy('code').limit(pageSize).offset(offset).execute();
  return ok({
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
    items: rows.map((r) => {
      const limit = r.price_limit_fen === null ? null : Number(r.price_limit_fen);
      return {
        code: r.code,
        name: r.name,
        kind: r.kind,
        kindZh: CATALOG_KIND_ZH[r.kind] ?? r.kind,
        catalogClass: r.catalog_class,
        classZh: CATALOG_CLASS_ZH[r.catalog_class] ?? r.catalog_class,
        copayRatioBp: Number(r.copay_ratio_bp),
        copayRatioText: formatRatio(Number(r.copay_ratio_bp) as RatioBp),
        priceLimitFen: limit,
        priceLimitYuan: limit === null ? null : formatYuan(limit as Fen),
        validFrom: r.valid_from,
        validTo: r.valid_to,
        plainZh: catalogPlain(r.catalog_class, Number(r.copay_ratio_bp), limit),
      };
    }),
  });
}

export interface RuleSection {
  readonly title: string;
  readonly ruleIds: readonly string[];
  readonly points: readonly string[];
}

/** 异地就医备案政策 — the filing rules in plain words (R-F1…R-F8, R-C1, R-R1, R-R2, R-T1). */
export function filingRules(): RuleSection[] {
  return [
    {
      title: '哪些情况需要备案',
      ruleIds: ['R-F1', 'R-F3'],
      points: [
        '跨省异地就医，想在医院直接结算，需要先办理异地就医备案。',
        '在本省内临时外出看病（自行前往），不需要备案，直接用医保电子凭证、社保卡或身份证结算。',
        '备案分两类：长期（异地安置退休、异地长期居住、常驻异地工作）和临时（转诊转院、急诊抢救、其他临时外出就医）。',
      ],
    },
    {
      title: '怎么办理',
      ruleIds: ['R-F2'],
      points: [
        '可在网上（App、小程序、本网站）、就诊医院的指导下或医保经办窗口办理。',
        '一次备案，住院、普通门诊和门诊慢特病都可以直接结算。',
        '网上提交的备案，经办机构在 2 个工作日内办结。',
        '备案到一个就医城市，覆盖该城市所有开通异地结算的定点医药机构。',
      ],
    },
    {
      title: '备案多久有效',
      ruleIds: ['R-F1', 'R-F7'],
      points: [
        '长期备案在变更或取消之前一直有效；备案后在就医地和参保地都能享受待遇。',
        '临时备案有有效期，过期后如需继续就医请重新备案。',
      ],
    },
    {
      title: '急诊和住院后补办',
      ruleIds: ['R-F4', 'R-F5'],
      points: [
        '异地急诊抢救没有备案的，视同已备案，按参保地急诊待遇直接结算。',
        '已入院但还没备案的，出院结算前补办备案，仍可直接结算。',
        '已经自费出院的，补办备案后可回参保地申请手工报销。',
      ],
    },
    {
      title: '转诊转院',
      ruleIds: ['R-F6', 'R-F8'],
      points: [
        '属于无条件转诊病种目录的，不需要转诊证明；其他情况由转出医院上传转诊证明。',
        '未经转诊的临时外出就医，报销比例可能比备案或转诊的低，具体以参保地政策为准。',
      ],
    },
    {
      title: '门诊慢特病跨省结算',
      ruleIds: ['R-C1', 'R-C2'],
      points: [
        '高血压、糖尿病、恶性肿瘤门诊治疗、透析、器官移植抗排异治疗 5 种门诊慢特病可以跨省直接结算。',
        '慢特病费用按病种分别结算，同一次就诊里与病种无关的费用按普通门诊结算。',
      ],
    },
    {
      title: '没能直接结算怎么办',
      ruleIds: ['R-R1', 'R-R2'],
      points: [
        '先自付，再凭费用明细和票据向参保地申请手工报销；材料以公布的清单为准，清单之外不得要求。',
        '一般 30 个工作日内办结；单张票据超过 5 万元、材料齐全且非意外伤害的，7 个工作日内办结。',
      ],
    },
  ];
}
