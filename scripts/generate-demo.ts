/**
 * Generates the demo data set (data/demo/) in the documented import formats, and the published JSON
 * Schemas of those formats (docs/import/*.schema.json) from the import service's schemas.
 *
 *   node bin/run-ts.mjs scripts/generate-demo.ts
 *
 * Deterministic: every choice comes from a seeded PRNG (no Math.random, no clock), so each run writes
 * byte-identical files and the committed data can be checked against the generator (test/import).
 * The data is plausible, not official: names, codes and policy parameters are made up to look real.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { idCardCheckChar } from '../src/service/import/id-card.ts';
import { fileSchema, IMPORT_KINDS } from '../src/service/import/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_DIR = join(ROOT, 'data', 'demo');
export const SCHEMA_DIR = join(ROOT, 'docs', 'import');

// ── Seeded randomness ────────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast, good enough for demo data, and the same on every platform. */
function prng(seedText: string): () => number {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of options) {
      x -= w;
      if (x < 0) return value;
    }
    return options[options.length - 1]![0];
  }
}

// ── Regions ──────────────────────────────────────────────────────────────────────────────────────

interface DemoRegion {
  readonly code: string;
  readonly name: string;
  readonly short: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly capital: boolean;
  /** County-level districts: [admdvs, name]; used for addresses, ID-card address codes, branch names. */
  readonly districts: readonly (readonly [string, string])[];
}

// biome-ignore format: a data table reads best as a table
const REGIONS: readonly DemoRegion[] = [
  { code: '340100', name: '合肥市', short: '合肥', provinceCode: '340000', provinceName: '安徽省', capital: true, districts: [['340102', '瑶海区'], ['340103', '庐阳区'], ['340104', '蜀山区'], ['340111', '包河区']] },
  { code: '340200', name: '芜湖市', short: '芜湖', provinceCode: '340000', provinceName: '安徽省', capital: false, districts: [['340202', '镜湖区'], ['340207', '鸠江区'], ['340209', '弋江区']] },
  { code: '341700', name: '池州市', short: '池州', provinceCode: '340000', provinceName: '安徽省', capital: false, districts: [['341702', '贵池区'], ['341721', '东至县'], ['341722', '石台县'], ['341723', '青阳县']] },
  { code: '210100', name: '沈阳市', short: '沈阳', provinceCode: '210000', provinceName: '辽宁省', capital: true, districts: [['210102', '和平区'], ['210103', '沈河区'], ['210105', '皇姑区'], ['210106', '铁西区']] },
  { code: '210300', name: '鞍山市', short: '鞍山', provinceCode: '210000', provinceName: '辽宁省', capital: false, districts: [['210302', '铁东区'], ['210303', '铁西区'], ['210304', '立山区'], ['210311', '千山区']] },
  { code: '420100', name: '武汉市', short: '武汉', provinceCode: '420000', provinceName: '湖北省', capital: true, districts: [['420102', '江岸区'], ['420106', '武昌区'], ['420111', '洪山区'], ['420103', '江汉区']] },
  { code: '420500', name: '宜昌市', short: '宜昌', provinceCode: '420000', provinceName: '湖北省', capital: false, districts: [['420502', '西陵区'], ['420503', '伍家岗区'], ['420504', '点军区']] },
  { code: '410100', name: '郑州市', short: '郑州', provinceCode: '410000', provinceName: '河南省', capital: true, districts: [['410102', '中原区'], ['410103', '二七区'], ['410105', '金水区'], ['410108', '惠济区']] },
  { code: '320100', name: '南京市', short: '南京', provinceCode: '320000', provinceName: '江苏省', capital: true, districts: [['320102', '玄武区'], ['320104', '秦淮区'], ['320105', '建邺区'], ['320106', '鼓楼区']] },
];

const PROVINCES = [...new Map(REGIONS.map((r) => [r.provinceCode, r.provinceName])).entries()];

// ── Output helpers ───────────────────────────────────────────────────────────────────────────────

/** One row per line: compact, yet every changed row shows as one changed line in a diff. */
function jsonFile(kind: string, rows: readonly unknown[]): string {
  const body = rows.map((row) => `  ${JSON.stringify(row)}`).join(',\n');
  return `{\n "$schema": "../../docs/import/${kind}.schema.json",\n "kind": "${kind}",\n "rows": [\n${body}\n ]\n}\n`;
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvFile(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Integer fen → yuan text with two decimals, without floats. */
function yuanText(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(fenAmount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function bpText(bp: number): string {
  return `0.${String(bp).padStart(4, '0')}`.replace(/0+$/, '').replace(/\.$/, '.0');
}

// ── Code tables ──────────────────────────────────────────────────────────────────────────────────

// biome-ignore format: a data table reads best as a table
const CODE_TABLES: Record<string, readonly (readonly [string, string])[]> = {
  insutype: [['310', '职工基本医疗保险'], ['390', '城乡居民基本医疗保险']],
  med_type: [['11', '普通门诊'], ['13', '急诊'], ['14', '门诊慢特病'], ['21', '住院'], ['41', '定点药店购药']],
  mdtrt_cert_type: [['01', '医保电子凭证'], ['02', '居民身份证'], ['03', '社会保障卡']],
  psn_cert_type: [['01', '居民身份证（户口簿）'], ['02', '中国人民解放军军官证'], ['03', '中国人民武装警察警官证'], ['04', '香港特区护照/港澳居民来往内地通行证'], ['05', '澳门特区护照/港澳居民来往内地通行证'], ['06', '台湾居民来往大陆通行证'], ['07', '外国人永久居留身份证'], ['08', '外国人护照'], ['13', '港澳台居民居住证'], ['90', '社会保障卡'], ['99', '其他身份证件']],
  fund_pay_type: [['310100', '职工基本医疗保险统筹基金'], ['310200', '职工基本医疗保险个人账户'], ['320100', '公务员医疗补助资金'], ['330100', '职工大额医疗费用补助'], ['390100', '城乡居民基本医疗保险基金'], ['390200', '城乡居民大病医疗保险资金'], ['610100', '医疗救助基金']],
  chrgitm_lv: [['01', '甲类'], ['02', '乙类'], ['03', '丙类（自费）']],
  list_type: [['drug', '药品'], ['service_item', '医疗服务项目'], ['consumable', '医用耗材']],
  gend: [['0', '未知的性别'], ['1', '男性'], ['2', '女性'], ['9', '未说明的性别']],
  hosp_lv: [['0', '未定级'], ['1', '一级'], ['2', '二级'], ['3', '三级']],
  opsp_dise: [['M00500', '恶性肿瘤门诊治疗'], ['M01600', '糖尿病'], ['M03900', '高血压'], ['M07801', '慢性肾功能衰竭（透析）'], ['M08301', '器官移植抗排异治疗（肾移植）'], ['M08302', '器官移植抗排异治疗（骨髓移植）'], ['M08303', '器官移植抗排异治疗（心脏移植）'], ['M08304', '器官移植抗排异治疗（肝移植）'], ['M08305', '器官移植抗排异治疗（肺移植）'], ['M08306', '器官移植抗排异治疗（肝肾联合移植）']],
  psn_type: [['employed', '在职'], ['retired', '退休']],
  insu_stas: [['active', '正常参保'], ['suspended', '暂停参保'], ['terminated', '终止参保']],
  mdcl_asst_type: [['none', '无'], ['extreme_poverty', '特困人员'], ['subsistence', '低保对象'], ['low_income', '低收入人口'], ['other', '其他救助对象']],
};

function codeTablesFile(): string {
  const rows = Object.entries(CODE_TABLES).flatMap(([table, entries]) =>
    entries.map(([code, name]) => ({ table, code, name })),
  );
  return jsonFile('code_tables', rows);
}

function regionsFile(): string {
  const rows = REGIONS.map((r) => ({
    code: r.code,
    name: r.name,
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
  }));
  return jsonFile('regions', rows);
}

// ── Institutions ─────────────────────────────────────────────────────────────────────────────────

const CHRONIC_ALL = [
  'M00500',
  'M01600',
  'M03900',
  'M07801',
  'M08301',
  'M08302',
  'M08303',
  'M08304',
  'M08305',
  'M08306',
];
const CHRONIC_COMMON = ['M01600', 'M03900'];
const PHARMACY_CHAINS = [
  '国大药房',
  '老百姓大药房',
  '益丰大药房',
  '大参林',
  '一心堂',
  '华润堂',
  '海王星辰',
  '同仁堂',
  '九州通好药师',
];

interface InstitutionOut {
  code: string;
  name: string;
  regionCode: string;
  kind: 'hospital' | 'pharmacy' | 'internet_hospital';
  level: '0' | '1' | '2' | '3';
  crossRegionNetworked: boolean;
  chronicDiseases: string[];
  employeeOutpatientPooling: boolean;
  address: string;
}

function institutionsFor(region: DemoRegion): InstitutionOut[] {
  const dice = new Dice(`institutions-${region.code}`);
  const out: InstitutionOut[] = [];
  let h = 0;
  let p = 0;
  const address = (district: string) =>
    `${region.provinceName}${region.name}${district}${dice.pick(['人民路', '长江路', '中山路', '解放路', '建设路', '和平路', '文化路', '胜利街'])}${dice.int(1, 399)}号`;
  const district = (i: number) => region.districts[i % region.districts.length]!;
  const hospital = (
    name: string,
    level: InstitutionOut['level'],
    chronic: string[],
    networked: boolean,
    d: string,
    kind: InstitutionOut['kind'] = 'hospital',
  ) => {
    h++;
    out.push({
      code: `H${region.code}${String(h).padStart(5, '0')}`,
      name,
      regionCode: region.code,
      kind,
      level,
      crossRegionNetworked: networked,
      chronicDiseases: chronic,
      employeeOutpatientPooling: kind !== 'internet_hospital',
      address: address(d),
    });
  };
  const [d0, d1, d2] = [district(0)[1], district(1)[1], district(2)[1]];
  hospital(`${region.name}第一人民医院`, '3', CHRONIC_ALL, true, d0);
  hospital(`${region.name}中医医院`, '3', ['M00500', 'M01600', 'M03900', 'M07801'], true, d1);
  if (region.capital)
    hospital(`${region.provinceName.replace('省', '')}医科大学第一附属医院`, '3', CHRONIC_ALL, true, d2);
  hospital(`${region.name}第二人民医院`, '2', ['M01600', 'M03900', 'M07801'], true, d1);
  hospital(`${region.name}妇幼保健院`, '2', [], dice.chance(0.6), d0);
  hospital(`${d2}人民医院`, '2', CHRONIC_COMMON, dice.chance(0.7), d2);
  hospital(
    `${d0}${dice.pick(['东城', '西城', '南湖', '北山', '滨江'])}街道社区卫生服务中心`,
    '1',
    CHRONIC_COMMON,
    dice.chance(0.5),
    d0,
  );
  hospital(
    `${district(3)[1]}${dice.pick(['城关', '新河', '永安', '白沙'])}镇卫生院`,
    '1',
    CHRONIC_COMMON,
    false,
    district(3)[1],
  );
  hospital(`${region.name}第一人民医院互联网医院`, '3', [], true, d0, 'internet_hospital');
  const pharmacies = region.capital ? 4 : 3;
  for (let i = 0; i < pharmacies; i++) {
    p++;
    const chain = PHARMACY_CHAINS[(Number(region.code.slice(0, 4)) + i * 3) % PHARMACY_CHAINS.length]!;
    const d = district(i)[1];
    const dtp = i === 0; // the first is a "双通道" pharmacy that also serves chronic and cancer patients
    out.push({
      code: `P${region.code}${String(p).padStart(5, '0')}`,
      name: `${chain}（${region.short}${d}${dice.pick(['一', '二', '三', '中心', '旗舰'])}店）`,
      regionCode: region.code,
      kind: 'pharmacy',
      level: '0',
      crossRegionNetworked: i < 2,
      chronicDiseases: dtp ? ['M00500', 'M01600', 'M03900'] : [],
      employeeOutpatientPooling: i !== pharmacies - 1,
      address: address(d),
    });
  }
  return out;
}

function institutionsFile(): { content: string; count: number } {
  const rows = REGIONS.flatMap(institutionsFor);
  return { content: jsonFile('institutions', rows), count: rows.length };
}

// ── Catalog ──────────────────────────────────────────────────────────────────────────────────────

/** [generic name, ATC code (5 chars), dosage forms]. Class A/B/C is decided per drug, nationally. */
// biome-ignore format: a data table reads best as a table
const WESTERN_DRUGS: readonly (readonly [string, string, string])[] = [
  ['阿莫西林', 'J01CA', '胶囊,片,颗粒'], ['头孢呋辛酯', 'J01DC', '片'], ['头孢克肟', 'J01DD', '胶囊,颗粒'], ['头孢曲松钠', 'J01DD', '注射剂'],
  ['阿奇霉素', 'J01FA', '片,注射剂'], ['左氧氟沙星', 'J01MA', '片,注射剂'], ['莫西沙星', 'J01MA', '片'], ['克林霉素', 'J01FF', '注射剂'],
  ['甲硝唑', 'J01XD', '片,注射剂'], ['哌拉西林他唑巴坦', 'J01CR', '注射剂'], ['美罗培南', 'J01DH', '注射剂'], ['万古霉素', 'J01XA', '注射剂'],
  ['奥司他韦', 'J05AH', '胶囊'], ['阿昔洛韦', 'J05AB', '片,注射剂'], ['恩替卡韦', 'J05AF', '片'], ['替诺福韦', 'J05AF', '片'],
  ['氟康唑', 'J02AC', '胶囊'], ['二甲双胍', 'A10BA', '片,缓释片'], ['格列美脲', 'A10BB', '片'], ['阿卡波糖', 'A10BF', '片'],
  ['西格列汀', 'A10BH', '片'], ['达格列净', 'A10BK', '片'], ['恩格列净', 'A10BK', '片'], ['利拉鲁肽', 'A10BJ', '注射剂'],
  ['门冬胰岛素', 'A10AB', '注射剂'], ['甘精胰岛素', 'A10AE', '注射剂'], ['精蛋白生物合成人胰岛素', 'A10AC', '注射剂'], ['硝苯地平', 'C08CA', '缓释片,控释片'],
  ['氨氯地平', 'C08CA', '片'], ['非洛地平', 'C08CA', '缓释片'], ['缬沙坦', 'C09CA', '胶囊'], ['厄贝沙坦', 'C09CA', '片'],
  ['氯沙坦钾', 'C09CA', '片'], ['替米沙坦', 'C09CA', '片'], ['依那普利', 'C09AA', '片'], ['贝那普利', 'C09AA', '片'],
  ['美托洛尔', 'C07AB', '片,缓释片'], ['比索洛尔', 'C07AB', '片'], ['氢氯噻嗪', 'C03AA', '片'], ['螺内酯', 'C03DA', '片'],
  ['呋塞米', 'C03CA', '片,注射剂'], ['阿托伐他汀钙', 'C10AA', '片'], ['瑞舒伐他汀钙', 'C10AA', '片'], ['辛伐他汀', 'C10AA', '片'],
  ['依折麦布', 'C10AX', '片'], ['阿司匹林', 'B01AC', '肠溶片'], ['氯吡格雷', 'B01AC', '片'], ['替格瑞洛', 'B01AC', '片'],
  ['华法林钠', 'B01AA', '片'], ['利伐沙班', 'B01AF', '片'], ['低分子量肝素钙', 'B01AB', '注射剂'], ['单硝酸异山梨酯', 'C01DA', '缓释片'],
  ['硝酸甘油', 'C01DA', '片,注射剂'], ['地高辛', 'C01AA', '片'], ['胺碘酮', 'C01BD', '片,注射剂'], ['沙库巴曲缬沙坦钠', 'C09DX', '片'],
  ['奥美拉唑', 'A02BC', '肠溶胶囊,注射剂'], ['泮托拉唑', 'A02BC', '肠溶片,注射剂'], ['雷贝拉唑钠', 'A02BC', '肠溶片'], ['艾司奥美拉唑', 'A02BC', '肠溶片'],
  ['铝碳酸镁', 'A02AD', '咀嚼片'], ['蒙脱石', 'A07BC', '散'], ['多潘立酮', 'A03FA', '片'], ['莫沙必利', 'A03FA', '片'],
  ['乳果糖', 'A06AD', '口服溶液'], ['双歧杆菌三联活菌', 'A07FA', '胶囊'], ['布洛芬', 'M01AE', '缓释胶囊,混悬液'], ['对乙酰氨基酚', 'N02BE', '片,混悬滴剂'],
  ['塞来昔布', 'M01AH', '胶囊'], ['双氯芬酸钠', 'M01AB', '缓释片'], ['曲马多', 'N02AX', '缓释片'], ['吗啡', 'N02AA', '缓释片,注射剂'],
  ['氨溴索', 'R05CB', '片,口服溶液,注射剂'], ['乙酰半胱氨酸', 'R05CB', '泡腾片'], ['孟鲁司特钠', 'R03DC', '片,咀嚼片'], ['沙丁胺醇', 'R03AC', '气雾剂'],
  ['布地奈德', 'R03BA', '吸入混悬液'], ['噻托溴铵', 'R03BB', '吸入粉雾剂'], ['氯雷他定', 'R06AX', '片'], ['西替利嗪', 'R06AE', '片'],
  ['左甲状腺素钠', 'H03AA', '片'], ['甲巯咪唑', 'H03BB', '片'], ['泼尼松', 'H02AB', '片'], ['甲泼尼龙', 'H02AB', '片,注射剂'],
  ['地塞米松', 'H02AB', '注射剂'], ['阿仑膦酸钠', 'M05BA', '片'], ['碳酸钙D3', 'A12AX', '片'], ['骨化三醇', 'A11CC', '软胶囊'],
  ['别嘌醇', 'M04AA', '片'], ['非布司他', 'M04AA', '片'], ['坦索罗辛', 'G04CA', '缓释胶囊'], ['非那雄胺', 'G04CB', '片'],
  ['艾司唑仑', 'N05CD', '片'], ['右佐匹克隆', 'N05CF', '片'], ['舍曲林', 'N06AB', '片'], ['帕罗西汀', 'N06AB', '片'],
  ['奥氮平', 'N05AH', '片'], ['喹硫平', 'N05AH', '片'], ['丙戊酸钠', 'N03AG', '缓释片'], ['左乙拉西坦', 'N03AX', '片'],
  ['多奈哌齐', 'N06DA', '片'], ['美金刚', 'N06DX', '片'], ['多巴丝肼', 'N04BA', '片'], ['普拉克索', 'N04BC', '片'],
  ['甲钴胺', 'B03BA', '片'], ['叶酸', 'B03BB', '片'], ['琥珀酸亚铁', 'B03AA', '片'], ['重组人促红素', 'B03XA', '注射剂'],
  ['氯化钠', 'B05XA', '注射剂'], ['葡萄糖', 'B05BA', '注射剂'], ['复方氯化钠', 'B05BB', '注射剂'], ['人血白蛋白', 'B05AA', '注射剂'],
  ['他克莫司', 'L04AD', '胶囊'], ['环孢素', 'L04AD', '软胶囊'], ['吗替麦考酚酯', 'L04AA', '片'], ['西罗莫司', 'L04AA', '片'],
  ['甲氨蝶呤', 'L01BA', '片'], ['卡培他滨', 'L01BC', '片'], ['替吉奥', 'L01BC', '胶囊'], ['奥沙利铂', 'L01XA', '注射剂'],
  ['紫杉醇', 'L01CD', '注射剂'], ['吉非替尼', 'L01EB', '片'], ['奥希替尼', 'L01EB', '片'], ['伊马替尼', 'L01EA', '片'],
  ['来曲唑', 'L02BG', '片'], ['他莫昔芬', 'L02BA', '片'], ['曲妥珠单抗', 'L01FD', '注射剂'], ['贝伐珠单抗', 'L01FG', '注射剂'],
  ['信迪利单抗', 'L01FF', '注射剂'], ['司美格鲁肽', 'A10BJ', '注射剂'], ['托法替布', 'L04AF', '片'], ['阿达木单抗', 'L04AB', '注射剂'],
];

// biome-ignore format: a data table reads best as a table
const TCM_DRUGS: readonly (readonly [string, string])[] = [
  ['连花清瘟胶囊', 'ZA01'], ['复方丹参滴丸', 'ZA12'], ['六味地黄丸', 'ZA09'], ['板蓝根颗粒', 'ZA01'], ['藿香正气水', 'ZA02'],
  ['安宫牛黄丸', 'ZA06'], ['速效救心丸', 'ZA12'], ['银杏叶片', 'ZA12'], ['血塞通软胶囊', 'ZA12'], ['通心络胶囊', 'ZA12'],
  ['麝香保心丸', 'ZA12'], ['脑心通胶囊', 'ZA12'], ['蒲地蓝消炎口服液', 'ZA01'], ['金花清感颗粒', 'ZA01'], ['小柴胡颗粒', 'ZA01'],
  ['感冒清热颗粒', 'ZA01'], ['蓝芩口服液', 'ZA01'], ['急支糖浆', 'ZA03'], ['苏黄止咳胶囊', 'ZA03'], ['香砂养胃丸', 'ZA04'],
  ['保和丸', 'ZA04'], ['逍遥丸', 'ZA07'], ['归脾丸', 'ZA09'], ['补中益气丸', 'ZA09'], ['金水宝胶囊', 'ZA09'],
  ['百令胶囊', 'ZA09'], ['尿毒清颗粒', 'ZA10'], ['黄葵胶囊', 'ZA10'], ['前列康片', 'ZA10'], ['独一味胶囊', 'ZA11'],
  ['云南白药胶囊', 'ZA11'], ['活血止痛胶囊', 'ZA11'], ['仙灵骨葆胶囊', 'ZA14'], ['颈舒颗粒', 'ZA14'], ['参松养心胶囊', 'ZA12'],
  ['稳心颗粒', 'ZA12'], ['丹红注射液', 'ZA12'], ['参附注射液', 'ZA06'], ['华蟾素胶囊', 'ZA15'], ['康莱特软胶囊', 'ZA15'],
  ['槐耳颗粒', 'ZA15'], ['复方苦参注射液', 'ZA15'], ['消渴丸', 'ZA10'], ['天麻素注射液', 'ZA13'], ['养血清脑颗粒', 'ZA13'],
];

// biome-ignore format: a data table reads best as a table
const FORM_SPECS: Record<string, readonly string[]> = {
  片: ['0.5g×24片', '0.25g×20片', '10mg×28片', '5mg×30片', '20mg×14片'],
  缓释片: ['30mg×7片', '0.5g×30片', '47.5mg×7片'],
  控释片: ['30mg×7片'],
  肠溶片: ['100mg×30片', '20mg×14片', '40mg×7片'],
  肠溶胶囊: ['20mg×14粒'],
  咀嚼片: ['0.5g×20片', '4mg×10片'],
  泡腾片: ['0.6g×10片'],
  胶囊: ['0.25g×24粒', '0.5g×12粒', '0.2g×10粒', '1mg×50粒'],
  缓释胶囊: ['0.3g×20粒', '0.2mg×10粒'],
  软胶囊: ['0.25μg×10粒', '25mg×50粒'],
  颗粒: ['0.125g×12袋', '50mg×6袋'],
  注射剂: ['1g/支', '0.5g/支', '2ml:10mg/支', '100ml:0.9g/瓶', '250ml:12.5g/瓶', '100mg/4ml/瓶'],
  混悬液: ['100ml:2g/瓶'],
  混悬滴剂: ['15ml:1.5g/瓶'],
  口服溶液: ['100ml:0.6g/瓶', '200ml:133.4g/瓶'],
  散: ['3g×10袋'],
  气雾剂: ['100μg×200揿'],
  吸入混悬液: ['2ml:1mg×5支'],
  吸入粉雾剂: ['18μg×30粒'],
};

// biome-ignore format: a data table reads best as a table
const SERVICE_ITEMS: readonly (readonly [string, string])[] = [
  ['普通门诊诊查费', '1102'], ['副主任医师门诊诊查费', '1102'], ['主任医师门诊诊查费', '1102'], ['急诊诊查费', '1102'], ['住院诊查费', '1102'],
  ['中医辨证论治', '1102'], ['远程会诊', '1102'], ['互联网复诊', '1102'], ['床位费（三人间）', '1103'], ['床位费（双人间）', '1103'],
  ['床位费（单人间）', '1103'], ['重症监护病房床位费', '1103'], ['特级护理', '1202'], ['一级护理', '1202'], ['二级护理', '1202'],
  ['三级护理', '1202'], ['静脉输液', '1203'], ['静脉注射', '1203'], ['肌肉注射', '1203'], ['皮下注射', '1203'],
  ['静脉采血', '1203'], ['雾化吸入', '1203'], ['吸氧', '1204'], ['换药（中）', '1204'], ['导尿', '1204'],
  ['灌肠', '1204'], ['鼻饲管置管', '1204'], ['血常规', '2503'], ['尿常规', '2503'], ['粪便常规', '2503'],
  ['肝功能', '2504'], ['肾功能', '2504'], ['血脂四项', '2504'], ['空腹血糖', '2504'], ['糖化血红蛋白', '2504'],
  ['电解质', '2504'], ['心肌酶谱', '2504'], ['肌钙蛋白I测定', '2504'], ['凝血四项', '2502'], ['C反应蛋白测定', '2505'],
  ['降钙素原测定', '2505'], ['乙肝两对半', '2505'], ['甲状腺功能五项', '2504'], ['肿瘤标志物（CEA）', '2505'], ['新型冠状病毒核酸检测', '2505'],
  ['血型鉴定', '2601'], ['交叉配血', '2601'], ['心电图', '3101'], ['动态心电图', '3101'], ['动态血压监测', '3101'],
  ['脑电图', '3101'], ['肺功能检查', '3101'], ['胃镜检查', '3101'], ['肠镜检查', '3101'], ['支气管镜检查', '3101'],
  ['X线摄影（胸部正位）', '2101'], ['数字化摄影（DR）', '2101'], ['CT平扫（头部）', '2103'], ['CT平扫（胸部）', '2103'], ['CT增强扫描', '2103'],
  ['磁共振平扫', '2104'], ['磁共振增强扫描', '2104'], ['彩色多普勒超声（腹部）', '2202'], ['心脏彩色多普勒超声', '2202'], ['甲状腺彩超', '2202'],
  ['血管彩色多普勒超声', '2202'], ['骨密度测定', '2101'], ['PET-CT', '2301'], ['血液透析', '3109'], ['腹膜透析', '3109'],
  ['连续性血液净化', '3109'], ['心电监护', '3101'], ['无创呼吸机辅助通气', '3109'], ['有创呼吸机辅助通气', '3109'], ['心肺复苏术', '3109'],
  ['电除颤', '3109'], ['气管插管术', '3109'], ['清创缝合术（小）', '3302'], ['清创缝合术（中）', '3302'], ['阑尾切除术', '3313'],
  ['腹腔镜胆囊切除术', '3313'], ['疝修补术', '3313'], ['甲状腺部分切除术', '3307'], ['乳腺肿物切除术', '3311'], ['剖宫产术', '3314'],
  ['经阴道分娩', '3314'], ['白内障超声乳化摘除术', '3304'], ['人工晶体植入术', '3304'], ['经皮冠状动脉支架置入术', '3310'], ['冠状动脉造影术', '3310'],
  ['心脏起搏器置入术', '3310'], ['人工全髋关节置换术', '3315'], ['人工膝关节置换术', '3315'], ['股骨骨折切开复位内固定术', '3315'], ['腰椎间盘突出摘除术', '3315'],
  ['经尿道前列腺电切术', '3313'], ['体外冲击波碎石', '3313'], ['全身麻醉', '3301'], ['椎管内麻醉', '3301'], ['局部浸润麻醉', '3301'],
  ['针刺', '4101'], ['电针', '4101'], ['艾灸', '4101'], ['拔罐', '4101'], ['推拿治疗', '4102'],
  ['中药熏洗', '4103'], ['中频脉冲电治疗', '3402'], ['超短波治疗', '3402'], ['运动疗法', '3404'], ['作业疗法', '3404'],
  ['言语训练', '3404'], ['吞咽功能障碍训练', '3404'], ['心理咨询', '3501'], ['精神科量表测评', '3501'], ['健康体检（一般检查）', '1101'],
  ['口腔检查', '3105'], ['牙周洁治', '3105'], ['根管治疗', '3105'], ['烤瓷冠修复', '3105'], ['种植牙', '3105'],
  ['近视激光矫正术', '3304'], ['美容性重睑术', '3306'], ['化学治疗', '3110'], ['放射治疗（调强）', '3110'], ['自体输血', '2601'],
];

/** [name, category, typical unit price in yuan, high-value?] */
// biome-ignore format: a data table reads best as a table
const CONSUMABLES: readonly (readonly [string, string, number, boolean])[] = [
  ['一次性使用输液器', '0101', 2, false], ['一次性使用无菌注射器 5ml', '0101', 1, false], ['一次性使用静脉留置针', '0101', 18, false], ['一次性使用采血针', '0101', 1, false],
  ['医用脱脂纱布', '0102', 3, false], ['医用棉签', '0102', 2, false], ['医用胶带', '0102', 5, false], ['一次性使用医用口罩', '0102', 1, false],
  ['医用外科口罩', '0102', 2, false], ['一次性使用导尿包', '0103', 25, false], ['一次性使用吸痰管', '0103', 6, false], ['一次性使用鼻氧管', '0103', 5, false],
  ['一次性使用胃管', '0103', 12, false], ['中心静脉导管套件', '0104', 380, true], ['经外周置入中心静脉导管（PICC）', '0104', 1200, true], ['输液港', '0104', 4500, true],
  ['医用敷料（水胶体）', '0105', 45, false], ['藻酸盐敷料', '0105', 60, false], ['负压引流装置', '0105', 800, true], ['一次性使用手术衣', '0106', 35, false],
  ['可吸收缝合线', '0107', 120, false], ['皮肤吻合器', '0107', 260, true], ['腔镜直线切割吻合器', '0107', 2800, true], ['管型吻合器', '0107', 3200, true],
  ['冠状动脉药物洗脱支架', '0301', 800, true], ['冠状动脉球囊扩张导管', '0301', 1500, true], ['指引导管', '0301', 900, true], ['指引导丝', '0301', 650, true],
  ['心脏起搏器（单腔）', '0302', 12000, true], ['心脏起搏器（双腔）', '0302', 28000, true], ['植入式心律转复除颤器', '0302', 65000, true], ['人工心脏瓣膜', '0302', 26000, true],
  ['外周血管支架', '0303', 6500, true], ['颅内动脉瘤栓塞弹簧圈', '0303', 9800, true], ['血管鞘', '0303', 260, false], ['造影导管', '0303', 320, false],
  ['人工髋关节假体', '0401', 7000, true], ['人工膝关节假体', '0401', 5000, true], ['骨科接骨板', '0402', 1600, true], ['骨科螺钉', '0402', 280, true],
  ['髓内钉', '0402', 3800, true], ['椎间融合器', '0403', 2600, true], ['脊柱内固定系统', '0403', 18000, true], ['人工骨', '0404', 3200, true],
  ['人工晶体（单焦点）', '0501', 800, true], ['人工晶体（多焦点）', '0501', 9000, true], ['眼用粘弹剂', '0501', 260, false], ['角膜接触镜', '0501', 150, false],
  ['血液透析器', '0601', 120, false], ['血液透析管路', '0601', 60, false], ['动静脉内瘘穿刺针', '0601', 15, false], ['腹膜透析液', '0601', 45, false],
  ['血液灌流器', '0601', 900, true], ['连续性血液净化滤器', '0601', 1600, true], ['气管插管', '0701', 35, false], ['喉罩', '0701', 120, false],
  ['呼吸机管路', '0701', 80, false], ['麻醉穿刺包', '0701', 90, false], ['一次性使用电极片', '0702', 2, false], ['血氧探头', '0702', 260, false],
  ['有创血压传感器', '0702', 320, false], ['胰岛素笔用针头', '0801', 2, false], ['血糖试纸', '0801', 3, false], ['动态血糖监测传感器', '0801', 450, false],
  ['胰岛素泵耗材', '0801', 300, false], ['医用弹力袜', '0901', 180, false], ['医用护腰', '0901', 120, false], ['助听器', '0902', 3500, false],
  ['牙科种植体', '1001', 4500, false], ['正畸托槽', '1001', 3000, false], ['牙科充填材料', '1002', 60, false], ['根管锉', '1002', 40, false],
  ['疝修补补片', '1101', 1800, true], ['止血夹', '1101', 180, false], ['电凝切割器', '1101', 1200, true], ['超声刀头', '1101', 3800, true],
  ['输尿管支架管', '1201', 600, true], ['前列腺电切环', '1201', 300, false], ['宫内节育器', '1301', 50, false], ['一次性使用阴道扩张器', '1301', 3, false],
  ['医用冰袋', '1401', 10, false], ['医用退热贴', '1401', 8, false], ['轮椅', '1402', 800, false], ['拐杖', '1402', 120, false],
];

interface CatalogOut {
  regionCode: string;
  code: string;
  name: string;
  kind: 'drug' | 'service_item' | 'consumable';
  catalogClass: '01' | '02' | '03';
  copayRatio: string;
  priceLimit: string;
  validFrom: string;
  validTo: string;
}

type ItemTemplate = Omit<CatalogOut, 'regionCode'>;

/** Class-B copay bases differ by province (乙类先行自付 5–20 %). */
const PROVINCE_COPAY_BP: Record<string, readonly number[]> = {
  '340000': [1000, 1000, 1500],
  '210000': [500, 1000, 1000],
  '420000': [1000, 1000, 2000],
  '410000': [1000, 1500, 1500],
  '320000': [500, 500, 1000],
};

/** Drug classes are national: decided by a PRNG keyed by the drug only, the same in every province. */
function drugClass(key: string): CatalogOut['catalogClass'] {
  return new Dice(`drug-class-${key}`).weighted([
    ['01', 50],
    ['02', 40],
    ['03', 10],
  ] as const);
}

function provinceItems(provinceCode: string): ItemTemplate[] {
  const dice = new Dice(`catalog-${provinceCode}`);
  const copays = PROVINCE_COPAY_BP[provinceCode] ?? [1000];
  const copayFor = (klass: string, highValue: boolean) =>
    klass === '02' ? bpText(highValue ? 2000 : dice.pick(copays)) : '';
  const items: ItemTemplate[] = [];
  WESTERN_DRUGS.forEach(([name, atc, forms], i) => {
    // Every other drug also comes in a second strength of its first form, as real catalogs list them.
    const variants = forms.split(',');
    if (i % 2 === 0) variants.push(variants[0]!);
    variants.forEach((form, j) => {
      const specs = FORM_SPECS[form] ?? ['1盒'];
      const spec = specs[(i + j) % specs.length]!;
      const klass = drugClass(`${name}${form}`);
      const expensive = atc.startsWith('L0') || atc === 'A10BJ' || atc === 'B05AA';
      const limitFen = expensive && klass !== '03' ? new Dice(`limit-${name}`).int(80, 3000) * 100 : null;
      const fullName = `${name}${form === '注射剂' ? '注射液' : form} ${spec}`;
      items.push({
        code: `X${atc}${'ABCDEFGHIJKLMNOPQRST'[j]}${String(i + 1).padStart(3, '0')}A${String(1000 + i * 7 + j).padStart(4, '0')}01010${String(j).padStart(4, '0')}`,
        name: fullName,
        kind: 'drug',
        catalogClass: klass,
        copayRatio: copayFor(klass, expensive),
        priceLimit: limitFen === null ? '' : yuanText(limitFen),
        validFrom: '2024-01-01',
        validTo: '',
      });
    });
  });
  TCM_DRUGS.forEach(([name, group], i) => {
    for (const pack of ['小包装', '大包装']) {
      const klass = drugClass(`${name}${pack}`);
      items.push({
        code: `Z${group}${String(i + 1).padStart(3, '0')}0${pack === '小包装' ? 1 : 2}0${String(2000 + i).padStart(4, '0')}010100`,
        name: `${name}（${pack}）`,
        kind: 'drug',
        catalogClass: klass,
        copayRatio: copayFor(klass, false),
        priceLimit: '',
        validFrom: '2024-01-01',
        validTo: '',
      });
    }
  });
  SERVICE_ITEMS.forEach(([name, section], i) => {
    const cosmetic = /美容|种植牙|烤瓷|近视激光|健康体检|正畸/.test(name);
    const klass = cosmetic
      ? '03'
      : dice.weighted([
          ['01', 62],
          ['02', 30],
          ['03', 8],
        ] as const);
    items.push({
      code: `00${section}${String(i + 1).padStart(5, '0')}0000`,
      name,
      kind: 'service_item',
      catalogClass: klass,
      copayRatio: copayFor(klass, false),
      priceLimit: '',
      validFrom: '2024-01-01',
      validTo: '',
    });
  });
  CONSUMABLES.forEach(([name, category, priceYuan, highValue], i) => {
    const klass = dice.weighted(
      highValue
        ? ([
            ['01', 5],
            ['02', 80],
            ['03', 15],
          ] as const)
        : ([
            ['01', 30],
            ['02', 35],
            ['03', 35],
          ] as const),
    );
    // Most high-value consumables carry a price limit (限价) a little under their typical price.
    const limited = klass !== '03' && (highValue || dice.chance(0.15));
    const limitFen = limited
      ? Math.max(100, Math.round((priceYuan * 100 * dice.int(80, 100)) / 100 / 100) * 100)
      : null;
    items.push({
      code: `C${category}${String(i + 1).padStart(4, '0')}${provinceCode.slice(0, 2)}${String(100000 + i * 37).padStart(9, '0')}`,
      name,
      kind: 'consumable',
      catalogClass: klass,
      copayRatio: copayFor(klass, highValue),
      priceLimit: limitFen === null ? '' : yuanText(limitFen),
      validFrom: '2024-01-01',
      validTo: '',
    });
  });
  return items;
}

const CATALOG_COLUMNS = [
  'regionCode',
  'code',
  'name',
  'kind',
  'catalogClass',
  'copayRatio',
  'priceLimit',
  'validFrom',
  'validTo',
];

// ── Policies ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Policies follow the settlement core's example policies (data/examples/policies/, one per insurance
 * type at least): a region that has an example uses it as is; every other region gets the example of its
 * insurance type with its own parameters — caps and deductibles scaled by city tier plus a seeded spread.
 * Each region has the current version (from 2026-01-01, open) and the previous year's, closed.
 */
const EXAMPLES_DIR = join(ROOT, 'data', 'examples', 'policies');

type PolicyDoc = Record<string, unknown> & { regionCode: string; insuranceType: string };

function examplePolicies(): PolicyDoc[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(EXAMPLES_DIR, n), 'utf8')) as PolicyDoc);
}

/** amount × percent / 100, rounded to a whole `stepFen` (demo parameters are round numbers). */
function scaleFen(amountFen: number, percent: number, stepFen: number): number {
  return Math.max(stepFen, Math.round((amountFen * percent) / 100 / stepFen) * stepFen);
}

type Json = Record<string, unknown>;

function scaleCaps(caps: readonly Json[], percent: number): Json[] {
  return caps.map((c) => ({ ...c, amountFen: scaleFen(c.amountFen as number, percent, 100_000) }));
}

function scaleDeductible(d: Json, percent: number): Json {
  if (d.kind === 'per_admission')
    return { ...d, amountsFen: (d.amountsFen as number[]).map((a) => scaleFen(a, percent, 1_000)) };
  if ((d.kind === 'annual' || d.kind === 'per_visit') && (d.amountFen as number) > 0) {
    return { ...d, amountFen: scaleFen(d.amountFen as number, percent, 1_000) };
  }
  return d;
}

function adaptPolicy(template: PolicyDoc, region: DemoRegion): PolicyDoc {
  const dice = new Dice(`policy-${region.code}-${template.insuranceType}`);
  const capPercent = (region.capital ? 120 : 100) + dice.int(-2, 4) * 5;
  const deductiblePercent = (region.capital ? 120 : 100) + dice.int(-1, 2) * 10;
  const typeName = template.insuranceType === '310' ? '职工基本医疗保险' : '城乡居民基本医疗保险';
  const largeAmount = template.largeAmount as Json | null;
  return {
    ...template,
    policyId: `${region.code}-${template.insuranceType}-demo`,
    regionCode: region.code,
    nameZh: `${region.name}${typeName}待遇（演示）`,
    caps: scaleCaps(template.caps as Json[], capPercent),
    rules: (template.rules as Json[]).map((r) => ({
      ...r,
      deductible: scaleDeductible(r.deductible as Json, deductiblePercent),
    })),
    largeAmount: largeAmount && {
      ...largeAmount,
      capFen: scaleFen(largeAmount.capFen as number, capPercent, 100_000),
    },
  };
}

/** The previous year's version: same rules, caps 10 % lower, closed at year end. */
function previousYear(policy: PolicyDoc): PolicyDoc {
  return {
    ...policy,
    version: '2025.1',
    effectiveFrom: '2025-01-01',
    effectiveTo: '2025-12-31',
    caps: scaleCaps(policy.caps as Json[], 90),
  };
}

function policiesFile(): { content: string; count: number } {
  const examples = examplePolicies();
  const rows: PolicyDoc[] = [];
  for (const region of REGIONS) {
    for (const type of ['310', '390']) {
      const own = examples.find((e) => e.regionCode === region.code && e.insuranceType === type);
      const template = examples.find((e) => e.insuranceType === type);
      if (!template) throw new Error(`no example policy for insurance type ${type} in ${EXAMPLES_DIR}`);
      const current = {
        ...(own ?? adaptPolicy(template, region)),
        version: '2026.1',
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
      };
      rows.push(previousYear(current), current);
    }
  }
  return { content: jsonFile('policies', rows), count: rows.length };
}

// ── Persons ──────────────────────────────────────────────────────────────────────────────────────

// biome-ignore format: a data table reads best as a table
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 24], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 16], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['高', 10], ['林', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['萧', 4], ['田', 4], ['董', 4], ['潘', 4], ['袁', 4], ['蔡', 3], ['蒋', 3], ['余', 3],
  ['于', 3], ['杜', 3], ['叶', 3], ['程', 3], ['魏', 3], ['苏', 2], ['吕', 2], ['丁', 2], ['任', 2], ['欧阳', 1],
];
const GIVEN_MALE = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波宁浩凯健俊帆帅旭宇晨龙斌建国志文博峰';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀英华慧巧美娅玉萍红玲桂兰琳雪梅婷颖露瑶怡欣佳倩璐';

interface PersonOut {
  psnNo: string;
  name: string;
  certificateType: string;
  certificateNo: string;
  socialSecurityCardNo: string;
  phone: string;
  gender: string;
  birthDate: string;
  insuredRegionCode: string;
  insuranceType: '310' | '390';
  employment: 'employed' | 'retired';
  civilServant: boolean;
  assistanceCategory: string;
  status: string;
  accountBalance: string;
}

// biome-ignore format: a data table reads best as a table
const PERSON_COLUMNS = [
  'psnNo', 'name', 'certificateType', 'certificateNo', 'socialSecurityCardNo', 'phone', 'gender', 'birthDate',
  'insuredRegionCode', 'insuranceType', 'employment', 'civilServant', 'assistanceCategory', 'status', 'accountBalance',
];

function isoDate(year: number, dayOfYear: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  return d.toISOString().slice(0, 10);
}

/** Persons per region: more in the capitals, at least 200 everywhere. */
function personCount(region: DemoRegion): number {
  return region.capital ? 300 : 220;
}

function personsFile(): { content: string; count: number; rows: readonly PersonOut[] } {
  const dice = new Dice('persons');
  const rows: PersonOut[] = [];
  const usedCertificates = new Set<string>();
  let card = 0;
  for (const region of REGIONS) {
    for (let n = 1; n <= personCount(region); n++) {
      const insuranceType = dice.chance(0.45) ? '310' : '390';
      const male = dice.chance(0.5);
      let employment: PersonOut['employment'] = 'employed';
      let birthYear: number;
      if (insuranceType === '310') {
        employment = dice.chance(0.3) ? 'retired' : 'employed';
        birthYear = employment === 'retired' ? dice.int(1940, 1964) : dice.int(1966, 2003);
      } else {
        birthYear = dice.weighted([
          [dice.int(2008, 2024), 25],
          [dice.int(1960, 2007), 50],
          [dice.int(1935, 1959), 25],
        ] as const);
      }
      const birthDate = isoDate(birthYear, dice.int(0, 364));
      const [area] = dice.pick(region.districts);
      let certificateNo: string;
      do {
        const sequence = dice.int(0, 499) * 2 + (male ? 1 : 0);
        const first17 = `${area}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
        certificateNo = first17 + idCardCheckChar(first17);
      } while (usedCertificates.has(certificateNo));
      usedCertificates.add(certificateNo);
      const surname = dice.weighted(SURNAMES);
      const pool = male ? GIVEN_MALE : GIVEN_FEMALE;
      const given = dice.chance(0.7) ? dice.pick([...pool]) + dice.pick([...pool]) : dice.pick([...pool]);
      const civilServant = insuranceType === '310' && dice.chance(0.08);
      const assistanceCategory = dice.chance(insuranceType === '390' ? 0.08 : 0.01)
        ? dice.weighted([
            ['extreme_poverty', 1],
            ['subsistence', 4],
            ['low_income', 3],
            ['other', 1],
          ] as const)
        : 'none';
      const balanceFen =
        insuranceType === '310'
          ? employment === 'retired'
            ? dice.int(100_000, 2_000_000)
            : dice.int(5_000, 1_200_000)
          : 0;
      const hasCard = dice.chance(0.9);
      if (hasCard) card++;
      rows.push({
        psnNo: `${region.code}${String(n).padStart(10, '0')}`,
        name: surname + given,
        certificateType: '01',
        certificateNo,
        socialSecurityCardNo: hasCard
          ? `${'ABCDEFGHJK'[Number(region.code[1])]}${String(10_000_000 + card * 7).slice(-8)}`
          : '',
        phone: dice.chance(0.85)
          ? `1${dice.pick(['3', '5', '7', '8', '9'])}${String(dice.int(0, 999_999_999)).padStart(9, '0')}`
          : '',
        gender: male ? '1' : '2',
        birthDate,
        insuredRegionCode: region.code,
        insuranceType,
        employment,
        civilServant,
        assistanceCategory,
        status: dice.weighted([
          ['active', 96],
          ['suspended', 3],
          ['terminated', 1],
        ] as const),
        accountBalance: yuanText(balanceFen),
      });
    }
  }
  return {
    content: csvFile(PERSON_COLUMNS, rows as unknown as Record<string, unknown>[]),
    count: rows.length,
    rows,
  };
}

// ── Contributions ────────────────────────────────────────────────────────────────────────────────

/**
 * 缴费记录 (R-P2). Employees in work (310, employed) pay monthly: the last 24 months up to
 * CONTRIBUTIONS_THROUGH, on a base (缴费基数) between 60 % and 300 % of the city's average wage that is
 * reset each July; the employer pays the region's rate, the person 2 %, and (since the 2021 reform) the
 * whole personal part is credited to the personal account. Flexible workers (灵活就业) pay both parts
 * themselves, 2 % of the base credited. Retirees (310, retired) no longer pay, so they have no rows.
 * Residents (390) pay a fixed yearly amount in the collection period of the year before (380 yuan for
 * 2025, 400 for 2026); medical-assistance persons are paid for by the assistance fund (资助参保).
 * A few persons have gaps (job change, suspended insurance, an unpaid month, a skipped resident year)
 * and a few carry a correction row, so the page has something to say.
 */
const CONTRIBUTIONS_THROUGH = { year: 2026, month: 10 };
const EMPLOYEE_MONTHS = 24;
const RESIDENT_YEARS = [2025, 2026] as const;
const RESIDENT_YEARLY_FEN: Record<number, number> = { 2025: 38_000, 2026: 40_000 };
const PERSONAL_RATE_BP = 200;
// biome-ignore format: a data table reads best as a table
const EMPLOYER_RATE_BP: Record<string, number> = {
  '340100': 800, '340200': 750, '341700': 700, '210100': 800, '210300': 750,
  '420100': 800, '420500': 750, '410100': 800, '320100': 900,
};
/** 社平工资 — the city's average monthly wage in yuan, the reference for bases. */
// biome-ignore format: a data table reads best as a table
const AVERAGE_WAGE_YUAN: Record<string, number> = {
  '340100': 8_600, '340200': 7_300, '341700': 6_500, '210100': 8_100, '210300': 6_600,
  '420100': 8_900, '420500': 7_000, '410100': 7_800, '320100': 11_200,
};
const COMPANY_STEMS = [
  '宏达',
  '恒信',
  '华泰',
  '新世纪',
  '东方',
  '长江',
  '金桥',
  '瑞丰',
  '中天',
  '汇通',
  '天成',
  '永盛',
];
const COMPANY_KINDS = [
  '科技有限公司',
  '建设集团有限公司',
  '商贸有限公司',
  '机械制造有限公司',
  '物流有限公司',
  '医药有限公司',
  '食品有限公司',
  '电子有限公司',
];
const PUBLIC_EMPLOYERS = [
  '财政局',
  '教育局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '市场监督管理局',
  '卫生健康委员会',
];

const CONTRIBUTION_COLUMNS = [
  'contributionId',
  'psnNo',
  'insuredRegionCode',
  'insuranceType',
  'period',
  'base',
  'employerPart',
  'personalPart',
  'accountCredit',
  'status',
  'paidDate',
  'payerName',
  'correctsId',
];

interface ContributionOut {
  contributionId: string;
  psnNo: string;
  insuredRegionCode: string;
  insuranceType: '310' | '390';
  period: string;
  base: string;
  employerPart: string;
  personalPart: string;
  accountCredit: string;
  status: 'paid' | 'unpaid' | 'refunded';
  paidDate: string;
  payerName: string;
  correctsId: string;
}

/** amountFen × bp / 10000, half-up (the product's rounding rule) — integers only. */
function ofBase(baseFen: number, bp: number): number {
  return Math.floor((baseFen * bp + 5_000) / 10_000);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function employeeContributions(person: PersonOut, region: DemoRegion): ContributionOut[] {
  const dice = new Dice(`contributions-${person.psnNo}`);
  const average = AVERAGE_WAGE_YUAN[region.code]!;
  const employerBp = EMPLOYER_RATE_BP[region.code]!;
  const factor = dice.weighted([
    [dice.int(60, 100), 55],
    [dice.int(100, 180), 35],
    [dice.int(180, 300), 10],
  ] as const);
  let baseYuan = Math.round((average * factor) / 100);
  const flexible = !person.civilServant && dice.chance(0.1);
  const employer = () =>
    person.civilServant
      ? `${region.name}${dice.pick(PUBLIC_EMPLOYERS)}`
      : `${region.short}${dice.pick(COMPANY_STEMS)}${dice.pick(COMPANY_KINDS)}`;
  let payer = flexible ? '' : employer();
  const endIndex = CONTRIBUTIONS_THROUGH.year * 12 + CONTRIBUTIONS_THROUGH.month - 1;
  let startIndex = endIndex - EMPLOYEE_MONTHS + 1;
  if (dice.chance(0.05)) startIndex += dice.int(3, 18); // joined later (first job, moved here)
  const skipped = new Set<number>();
  if (dice.chance(0.08)) {
    // A job change with a break: one to three months without contributions, then a new employer.
    const at = dice.int(startIndex + 2, endIndex - 4);
    const len = dice.int(1, 3);
    for (let i = 0; i < len; i++) skipped.add(at + i);
  }
  if (person.status === 'suspended')
    for (let i = endIndex - dice.int(2, 5); i <= endIndex; i++) skipped.add(i);
  const unpaidMonth = dice.chance(0.04) ? endIndex - dice.int(0, 2) : -1;
  const correctedMonth = dice.chance(0.03) ? dice.int(startIndex, endIndex - 2) : -1;
  const rows: ContributionOut[] = [];
  let afterGap = false;
  for (let index = startIndex; index <= endIndex; index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    if (month === 7 && index !== startIndex) baseYuan = Math.round((baseYuan * dice.int(102, 106)) / 100);
    if (skipped.has(index)) {
      afterGap = true;
      continue;
    }
    if (afterGap && !flexible) payer = employer();
    afterGap = false;
    const period = `${year}-${pad2(month)}`;
    const baseFen = baseYuan * 100;
    const employerFen = flexible ? 0 : ofBase(baseFen, employerBp);
    const personalFen = flexible
      ? ofBase(baseFen, employerBp + PERSONAL_RATE_BP)
      : ofBase(baseFen, PERSONAL_RATE_BP);
    const creditFen = flexible ? ofBase(baseFen, PERSONAL_RATE_BP) : personalFen;
    const unpaid = index === unpaidMonth;
    const id = `JF${person.psnNo}${year}${pad2(month)}`;
    const row: ContributionOut = {
      contributionId: id,
      psnNo: person.psnNo,
      insuredRegionCode: region.code,
      insuranceType: '310',
      period,
      base: yuanText(baseFen),
      employerPart: yuanText(employerFen),
      personalPart: yuanText(personalFen),
      accountCredit: yuanText(creditFen),
      status: unpaid ? 'unpaid' : 'paid',
      paidDate: unpaid ? '' : `${period}-${pad2(dice.int(8, 25))}`,
      payerName: payer,
      correctsId: '',
    };
    rows.push(row);
    if (index === correctedMonth) {
      // The unit declared a wrong base (the previous year's); corrected the next month.
      const rightBaseFen = (baseYuan + dice.int(2, 8) * 50) * 100;
      const e = flexible ? 0 : ofBase(rightBaseFen, employerBp);
      const p = flexible
        ? ofBase(rightBaseFen, employerBp + PERSONAL_RATE_BP)
        : ofBase(rightBaseFen, PERSONAL_RATE_BP);
      const next = index + 1;
      rows.push({
        ...row,
        contributionId: `${id}-R1`,
        base: yuanText(rightBaseFen),
        employerPart: yuanText(e),
        personalPart: yuanText(p),
        accountCredit: yuanText(flexible ? ofBase(rightBaseFen, PERSONAL_RATE_BP) : p),
        status: 'paid',
        paidDate: `${Math.floor(next / 12)}-${pad2((next % 12) + 1)}-${pad2(dice.int(8, 25))}`,
        correctsId: id,
      });
    }
  }
  return rows;
}

function residentContributions(person: PersonOut, region: DemoRegion): ContributionOut[] {
  const dice = new Dice(`contributions-${person.psnNo}`);
  const birthYear = Number(person.birthDate.slice(0, 4));
  const rows: ContributionOut[] = [];
  for (const year of RESIDENT_YEARS) {
    if (year < birthYear) continue;
    const last = year === RESIDENT_YEARS[RESIDENT_YEARS.length - 1];
    if (last && (person.status !== 'active' || dice.chance(0.07))) continue; // did not renew
    // Newborns are enrolled within their birth year; everyone else pays in the autumn before.
    const paidDate =
      year === birthYear
        ? `${year}-${pad2(Math.min(12, Number(person.birthDate.slice(5, 7)) + 1))}-${pad2(dice.int(1, 28))}`
        : `${year - 1}-${pad2(dice.int(9, 12))}-${pad2(dice.int(1, 28))}`;
    rows.push({
      contributionId: `JF${person.psnNo}${year}`,
      psnNo: person.psnNo,
      insuredRegionCode: region.code,
      insuranceType: '390',
      period: String(year),
      base: '',
      employerPart: '0.00',
      personalPart: yuanText(RESIDENT_YEARLY_FEN[year]!),
      accountCredit: '0.00',
      status: 'paid',
      paidDate,
      payerName: person.assistanceCategory === 'none' ? '' : '医疗救助基金资助参保',
      correctsId: '',
    });
  }
  return rows;
}

function contributionsFile(persons: readonly PersonOut[]): { content: string; count: number } {
  const regions = new Map(REGIONS.map((r) => [r.code, r]));
  const rows = persons.flatMap((person) => {
    const region = regions.get(person.insuredRegionCode)!;
    if (person.insuranceType === '390') return residentContributions(person, region);
    return person.employment === 'employed' ? employeeContributions(person, region) : [];
  });
  return {
    content: csvFile(CONTRIBUTION_COLUMNS, rows as unknown as Record<string, unknown>[]),
    count: rows.length,
  };
}

// ── Assembly ─────────────────────────────────────────────────────────────────────────────────────

export interface DemoSet {
  /** File name → content, for data/demo/. */
  readonly files: Map<string, string>;
  readonly counts: Record<string, number>;
}

export function buildDemoSet(): DemoSet {
  const files = new Map<string, string>();
  files.set('code-tables.json', codeTablesFile());
  files.set('regions.json', regionsFile());
  const institutions = institutionsFile();
  files.set('institutions.json', institutions.content);
  let catalogRows = 0;
  const perProvince: Record<string, number> = {};
  for (const [provinceCode] of PROVINCES) {
    const items = provinceItems(provinceCode);
    perProvince[provinceCode] = items.length;
    for (const region of REGIONS.filter((r) => r.provinceCode === provinceCode)) {
      const rows = items.map((item) => ({ regionCode: region.code, ...item }));
      files.set(`catalog-${region.code}.csv`, csvFile(CATALOG_COLUMNS, rows));
      catalogRows += rows.length;
    }
  }
  const policies = policiesFile();
  files.set('policies.json', policies.content);
  const persons = personsFile();
  files.set('persons.csv', persons.content);
  const contributions = contributionsFile(persons.rows);
  files.set('contributions.csv', contributions.content);
  return {
    files,
    counts: {
      regions: REGIONS.length,
      provinces: PROVINCES.length,
      institutions: institutions.count,
      catalogRows,
      catalogItemsPerProvinceMin: Math.min(...Object.values(perProvince)),
      policies: policies.count,
      persons: persons.count,
      contributions: contributions.count,
    },
  };
}

/** docs/import/<kind>.schema.json, generated from the schemas the validator compiles. */
export function buildSchemaFiles(): Map<string, string> {
  return new Map(
    IMPORT_KINDS.map((kind) => [`${kind}.schema.json`, `${JSON.stringify(fileSchema(kind), null, 2)}\n`]),
  );
}

function writeAll(dir: string, files: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const demo = buildDemoSet();
  writeAll(DEMO_DIR, demo.files);
  writeAll(SCHEMA_DIR, buildSchemaFiles());
  console.log(`演示数据已写入 ${DEMO_DIR}：`, demo.counts);
}
