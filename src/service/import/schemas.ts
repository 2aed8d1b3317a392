/**
 * One JSON Schema per kind of import row — the single source of truth: the validator compiles these,
 * and docs/import/<kind>.schema.json are generated from them (see fileSchema and the generator).
 * Field names are the file's (camelCase, same in JSON and as CSV headers); the store's columns differ.
 */
import { type Static, type TObject, Type } from '@sinclair/typebox';
import {
  flag,
  isoDate,
  nullableIsoDate,
  nullableText,
  nullableYuan,
  ratio,
  regionCode,
  row,
  stringEnum,
  text,
  yuan,
} from './schema-types.ts';
import type { ImportKind } from './types.ts';

export const regionRow = row('统筹区', {
  code: regionCode({ title: '统筹区代码', description: '6 位医保区划代码（admdvs），如 341700 池州' }),
  name: text({ title: '统筹区名称' }, { maxLength: 50 }),
  provinceCode: regionCode({
    title: '省份代码',
    description: '前两位与统筹区代码相同、后四位为 0000，如 340000',
  }),
  provinceName: text({ title: '省份名称' }, { maxLength: 50 }),
});

export const institutionRow = row('定点医药机构', {
  code: text(
    {
      title: '机构编码',
      description: '定点医药机构编号：医疗机构 H、药店 P，后接 11 位数字，如 H34170000001',
    },
    { pattern: '^[HP][0-9]{11}$' },
  ),
  name: text({ title: '机构名称' }, { maxLength: 100 }),
  regionCode: regionCode({ title: '所在统筹区', description: '必须是已导入（或同一文件中）的统筹区' }),
  kind: stringEnum(['hospital', 'pharmacy', 'internet_hospital'] as const, {
    title: '机构类型',
    description: 'hospital 定点医疗机构、pharmacy 定点零售药店、internet_hospital 互联网医院',
  }),
  level: stringEnum(['0', '1', '2', '3'] as const, {
    title: '医院等级',
    description: '1 一级、2 二级、3 三级；0 未定级（药店必须为 0）',
  }),
  crossRegionNetworked: flag({ title: '异地联网结算', description: '是否开通异地就医直接结算' }),
  chronicDiseases: Type.Array(Type.String({ pattern: '^M[0-9]{5}$' }), {
    uniqueItems: true,
    title: '门慢特病种',
    description: '可结算的国家门慢特病种编码，如 M03900；CSV 中用 | 分隔',
  }),
  employeeOutpatientPooling: flag({ title: '职工门诊统筹', description: '是否纳入职工门诊统筹' }),
  address: Type.Optional(nullableText({ title: '地址' })),
});

export const catalogRow = row('就医地目录条目', {
  regionCode: regionCode({ title: '目录所属统筹区', description: '就医地统筹区代码' }),
  code: text(
    { title: '医保目录编码', description: '国家医保编码：药品 X/Z 开头、医疗服务项目为数字、耗材 C 开头' },
    { maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
  ),
  name: text({ title: '名称' }),
  kind: stringEnum(['drug', 'service_item', 'consumable'] as const, {
    title: '目录类别',
    description: 'drug 药品、service_item 医疗服务项目、consumable 医用耗材',
  }),
  catalogClass: stringEnum(['01', '02', '03'] as const, {
    title: '收费项目等级',
    description: '01 甲类、02 乙类、03 丙类（自费）',
  }),
  copayRatio: Type.Optional(
    ratio({
      title: '乙类先行自付比例',
      description: '0 到 1 的小数，如 0.1 表示 10%；甲类、丙类为 0 或留空',
    }),
  ),
  priceLimit: Type.Optional(
    nullableYuan({ title: '限价', description: '单价上限，单位元，最多两位小数；不限价留空' }),
  ),
  validFrom: isoDate({ title: '生效日期', description: 'YYYY-MM-DD' }),
  validTo: Type.Optional(
    nullableIsoDate({ title: '失效日期', description: 'YYYY-MM-DD（含当日），长期有效留空' }),
  ),
});

/**
 * A policy row is the benefit-policy document itself (the shape of core/policy, amounts in integer fen
 * and ratios in basis points, as the settlement core reads them). The schema names the fields that
 * identify the version; the whole document is then checked by core/policy's validatePolicy, which is
 * the authority on the rest (docs/policy.schema.json).
 */
export const policyRow = Type.Object(
  {
    policyId: text({ title: '政策编号' }, { maxLength: 100 }),
    version: text({ title: '政策版本' }, { maxLength: 50 }),
    regionCode: regionCode({ title: '参保地统筹区' }),
    insuranceType: stringEnum(['310', '390'] as const, {
      title: '险种类型',
      description: '310 职工基本医疗保险、390 城乡居民基本医疗保险',
    }),
    nameZh: text({ title: '政策名称' }),
    effectiveFrom: isoDate({ title: '生效日期', description: 'YYYY-MM-DD' }),
    effectiveTo: nullableIsoDate({ title: '失效日期', description: 'YYYY-MM-DD（含当日），长期有效填 null' }),
  },
  {
    additionalProperties: true,
    title: '参保地待遇政策',
    description:
      '待遇政策文档；caps、rules、adjustments 等其余字段见 docs/policy.schema.json，由 validatePolicy 校验',
  },
);

export const PERSON_CERTIFICATE_TYPES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '90',
  '99',
] as const;

export const personRow = row('参保人', {
  psnNo: text(
    { title: '人员编号', description: '1–30 位字母或数字' },
    { maxLength: 30, pattern: '^[0-9A-Za-z]+$' },
  ),
  name: text({ title: '姓名' }, { maxLength: 50 }),
  certificateType: stringEnum(PERSON_CERTIFICATE_TYPES, {
    title: '证件类型',
    description: '人员证件类型 psn_cert_type：01 居民身份证（户口簿）…；01 时校验身份证号码',
  }),
  certificateNo: text({ title: '证件号码' }, { maxLength: 30 }),
  socialSecurityCardNo: Type.Optional(
    nullableText(
      { title: '社会保障卡号', description: '9–20 位大写字母或数字' },
      { pattern: '^[0-9A-Z]{9,20}$' },
    ),
  ),
  phone: Type.Optional(
    nullableText({ title: '手机号码', description: '11 位手机号' }, { pattern: '^1[3-9][0-9]{9}$' }),
  ),
  gender: stringEnum(['0', '1', '2', '9'] as const, {
    title: '性别',
    description: '1 男、2 女、0 未知、9 未说明',
  }),
  birthDate: isoDate({ title: '出生日期', description: 'YYYY-MM-DD' }),
  insuredRegionCode: regionCode({ title: '参保地统筹区' }),
  insuranceType: stringEnum(['310', '390'] as const, {
    title: '险种类型',
    description: '310 职工基本医疗保险、390 城乡居民基本医疗保险',
  }),
  employment: stringEnum(['employed', 'retired'] as const, {
    title: '在职退休状态',
    description: 'employed 在职（居民填 employed）、retired 退休',
  }),
  civilServant: flag({ title: '公务员医疗补助', description: '仅职工医保（310）可为 true' }),
  assistanceCategory: stringEnum(['none', 'extreme_poverty', 'subsistence', 'low_income', 'other'] as const, {
    title: '医疗救助类别',
    description: 'none 无、extreme_poverty 特困人员、subsistence 低保对象、low_income 低收入人口、other 其他',
  }),
  status: stringEnum(['active', 'suspended', 'terminated'] as const, {
    title: '参保状态',
    description: 'active 正常参保、suspended 暂停、terminated 终止',
  }),
  accountBalance: yuan({
    title: '个人账户余额',
    description: '单位元，最多两位小数，不能为负；居民医保（390）没有个人账户，填 0',
  }),
});

/** 缴费记录 (R-P2): one payment record of the collecting system; append-only, corrections are new rows. */
export const contributionRow = row('缴费记录', {
  contributionId: text(
    { title: '缴费流水号', description: '征收系统的缴费记录编号，1–40 位字母、数字或 -；同一编号只导入一次' },
    { maxLength: 40, pattern: '^[0-9A-Za-z-]+$' },
  ),
  psnNo: text(
    { title: '人员编号', description: '必须是已导入的参保人' },
    { maxLength: 30, pattern: '^[0-9A-Za-z]+$' },
  ),
  insuredRegionCode: regionCode({ title: '参保地统筹区', description: '缴费时的参保地' }),
  insuranceType: stringEnum(['310', '390'] as const, {
    title: '险种类型',
    description: '310 职工基本医疗保险（按月缴费）、390 城乡居民基本医疗保险（按年缴费）',
  }),
  period: text(
    { title: '费款所属期', description: '职工（310）为 YYYY-MM，居民（390）为 YYYY' },
    { maxLength: 7, pattern: '^[0-9]{4}(-(0[1-9]|1[0-2]))?$' },
  ),
  base: Type.Optional(
    nullableYuan({ title: '缴费基数', description: '单位元，最多两位小数；职工必填且大于 0，居民留空' }),
  ),
  employerPart: yuan({ title: '单位缴费', description: '单位元，不能为负；居民填 0' }),
  personalPart: yuan({ title: '个人缴费', description: '单位元，不能为负' }),
  accountCredit: yuan({
    title: '划入个人账户',
    description: '单位元，不能为负，不超过单位与个人缴费之和；居民没有个人账户，填 0',
  }),
  status: stringEnum(['paid', 'unpaid', 'refunded'] as const, {
    title: '缴费状态',
    description: 'paid 已到账、unpaid 应缴未缴（欠费）、refunded 已退费',
  }),
  paidDate: Type.Optional(
    nullableIsoDate({ title: '到账日期', description: 'YYYY-MM-DD；已到账、已退费必填，欠费留空' }),
  ),
  payerName: Type.Optional(
    nullableText(
      { title: '缴费单位', description: '职工的参保单位名称；灵活就业或居民可留空' },
      { maxLength: 100 },
    ),
  ),
  correctsId: Type.Optional(
    nullableText(
      {
        title: '更正的缴费流水号',
        description: '本行更正的原记录编号（原记录须已导入或在本文件前面）；原记录不再计入',
      },
      { maxLength: 40 },
    ),
  ),
});

export const codeTableRow = row('代码表条目', {
  table: text(
    { title: '代码表', description: '国家代码表名，如 insutype、med_type' },
    { maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' },
  ),
  code: text({ title: '代码值' }, { maxLength: 30 }),
  name: text({ title: '代码名称' }, { maxLength: 100 }),
});

export type RegionRow = Static<typeof regionRow>;
export type InstitutionRow = Static<typeof institutionRow>;
export type CatalogRow = Static<typeof catalogRow>;
export type PolicyRow = Static<typeof policyRow>;
export type PersonRow = Static<typeof personRow>;
export type CodeTableRow = Static<typeof codeTableRow>;
export type ContributionRow = Static<typeof contributionRow>;

export const ROW_SCHEMAS: Record<ImportKind, TObject> = {
  code_tables: codeTableRow,
  regions: regionRow,
  institutions: institutionRow,
  catalog: catalogRow,
  policies: policyRow,
  persons: personRow,
  contributions: contributionRow,
};

/** The Chinese label of a field of a kind's rows, for messages: 「限价（priceLimit）」. */
export function fieldLabel(kind: ImportKind, field: string): string {
  const property = ROW_SCHEMAS[kind].properties[field] as { title?: string } | undefined;
  return property?.title ? `${property.title}（${field}）` : `字段 ${field} `;
}

/**
 * The schema of a whole JSON import file of one kind, as published in docs/import/<kind>.schema.json.
 * Rows are validated one by one against ROW_SCHEMAS[kind] (so each error carries its row number);
 * this envelope only adds `kind` and the array around them.
 */
export function fileSchema(kind: ImportKind): Record<string, unknown> {
  const rowSchema = ROW_SCHEMAS[kind];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://yibao.example/import/${kind}.schema.json`,
    title: `导入文件：${rowSchema.title}`,
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'rows'],
    properties: {
      $schema: { type: 'string', description: '可选：指向本 Schema 的路径，便于编辑器提示' },
      kind: { const: kind },
      rows: { type: 'array', items: JSON.parse(JSON.stringify(rowSchema)) },
    },
  };
}
