/** Chinese names of the fund payment types (基金支付类型) that statements show to people. */
const NAMES: Readonly<Record<string, string>> = {
  '310100': '职工基本医疗保险统筹基金',
  '310101': '职工统筹基金（预付金）',
  '310102': '职工门诊统筹基金',
  '310200': '职工基本医疗保险个人账户',
  '310300': '职工大病补助基金',
  '320100': '公务员医疗补助基金',
  '330100': '大额医疗费用补助基金',
  '340100': '离休人员医疗保障基金',
  '370100': '企业补充医疗保险基金',
  '390100': '城乡居民基本医疗保险基金',
  '390102': '居民门诊统筹基金',
  '390200': '城乡居民大病医疗保险基金',
  '610100': '医疗救助基金',
  '610200': '优抚对象医疗补助基金',
};

export function fundTypeName(code: string): string {
  return NAMES[code] ?? `基金类型 ${code}`;
}
