/**
 * THE mapping table between national field names and domain names, for everything the interface
 * says about a field: error messages name the national field (service errors mark fields as «domain»),
 * and contracts read and write through these names. Values are [national name, Chinese label].
 */
export const NATIONAL_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  // envelope
  operation: ['infno', '交易编号'],
  msgid: ['msgid', '发送方报文ID'],
  institutionCode: ['fixmedins_code', '定点医药机构编号'],
  treatmentRegionCode: ['mdtrtarea_admvs', '就医地医保区划'],
  insuredRegionCode: ['insuplc_admdvs', '参保地医保区划'],
  signNo: ['sign_no', '签到编号'],
  gateway: ['_api_signature', '服务网关签名'],
  // person
  personNo: ['psn_no', '人员编号'],
  certificateType: ['mdtrt_cert_type', '就诊凭证类型'],
  certificateNo: ['mdtrt_cert_no', '就诊凭证编号'],
  insuranceType: ['insutype', '险种类型'],
  // visit
  visitId: ['mdtrt_id', '就诊ID'],
  hospitalVisitNo: ['ipt_otp_no', '住院/门诊号'],
  medicalType: ['med_type', '医疗类别'],
  diseaseCode: ['dise_codg', '病种编码'],
  beginTime: ['begntime', '开始时间'],
  endTime: ['endtime', '结束时间'],
  // fee lines
  lineNo: ['feedetl_sn', '费用明细流水号'],
  batchNo: ['chrg_bchno', '收费批次号'],
  itemCode: ['med_list_codg', '医疗目录编码'],
  amountFen: ['det_item_fee_sumamt', '明细项目费用总额'],
  unitPriceFen: ['pric', '单价'],
  quantity: ['cnt', '数量'],
  // settlement
  settlementId: ['setl_id', '结算ID'],
  totalFen: ['medfee_sumamt', '医疗费总额'],
  useAccount: ['acct_used_flag', '个人账户使用标志'],
  midStay: ['mid_setl_flag', '中途结算标志'],
  originalMsgid: ['omsgid', '原发送方报文ID'],
  originalOperation: ['oinfno', '原交易编号'],
  // filings (2501/2502)
  filingSerial: ['trt_dcla_detl_sn', '待遇申报明细流水号'],
  referralRegionCode: ['mdtrtarea_admdvs', '就医地行政区划'],
  referralBeginDate: ['begndate', '开始日期'],
  referralDiagnosisCode: ['diag_code', '诊断代码'],
  referralAgreed: ['hosp_agre_refl_flag', '医院同意转院标志'],
  insuranceAgencyRegionCode: ['insu_optins', '参保机构医保区划'],
  // files (9101/9102) and 对明细账 (3202)
  fileId: ['file_qury_no', '文件查询号'],
  fileName: ['filename', '文件名'],
  fileContent: ['in', '文件数据'],
  settlementCount: ['fixmedins_setl_cnt', '定点医药机构结算笔数'],
  medicalTotalFen: ['medfee_sumamt', '医疗费总额'],
  fundPayFen: ['fund_pay_sumamt', '基金支付总额'],
};

/** «visitId» → 就诊ID mdtrt_id; unknown names are shown as they are. */
export function nationalFieldText(domainName: string): string {
  const known = NATIONAL_FIELDS[domainName];
  return known === undefined ? domainName : `${known[1]} ${known[0]}`;
}

/** The national name of a domain field, for the `field` a message names. */
export function nationalFieldName(domainName: string): string {
  return NATIONAL_FIELDS[domainName]?.[0] ?? domainName;
}

/** Replaces every «domainName» marker of a service message with the national field. */
export function nationalizeMessage(message: string): string {
  return message.replace(/«([A-Za-z]+)»/g, (_, name: string) => {
    const known = NATIONAL_FIELDS[name];
    return known === undefined ? name : known[0];
  });
}

// ---------------------------------------------------------------------------------------------------
// Code values: domain value → national code (§3 code tables).

/** 人员参保状态 psn_insu_stas */
export const INSURED_STATUS_CODE: Readonly<Record<string, string>> = {
  active: '1',
  suspended: '2',
  terminated: '4',
};

/** 人员类别 psn_type: employees in service / retired (Hunan 11/12), residents (1701 城乡居民). */
export function personTypeCode(insuranceType: string, employment: string): string {
  if (insuranceType === '390') return '1701';
  return employment === 'retired' ? '12' : '11';
}

/** 人员身份类别 psn_idet_type for medical-assistance categories (23xx 医疗救助人员). */
export const ASSISTANCE_IDENTITY_CODE: Readonly<Record<string, string>> = {
  extreme_poverty: '2304',
  subsistence: '2303',
  low_income: '2305',
  other: '2306',
};

/** 就诊凭证类型 mdtrt_cert_type */
export const CERTIFICATE_TYPES = ['01', '02', '03'] as const;

// ---------------------------------------------------------------------------------------------------
// Settlement amounts: setlinfo field ↔ SettlementAmounts key (core/settlement/types.ts), in wire order.

export const SETTLEMENT_AMOUNT_FIELDS = [
  ['medfee_sumamt', 'totalFen'],
  ['fulamt_ownpay_amt', 'fullOwnPayFen'],
  ['overlmt_selfpay', 'overLimitFen'],
  ['preselfpay_amt', 'classBCopayFen'],
  ['inscp_scp_amt', 'inScopeFen'],
  ['act_pay_dedc', 'deductiblePaidFen'],
  ['hifp_pay', 'pooledFen'],
  ['cvlserv_pay', 'civilServantFen'],
  ['hifes_pay', 'enterpriseSupplementFen'],
  ['hifmi_pay', 'seriousIllnessFen'],
  ['hifob_pay', 'largeAmountFen'],
  ['maf_pay', 'assistanceFen'],
  ['oth_pay', 'otherFundFen'],
  ['fund_pay_sumamt', 'fundTotalFen'],
  ['psn_part_amt', 'personalFen'],
  ['acct_pay', 'accountFen'],
  ['psn_cash_pay', 'cashFen'],
  ['hosp_part_amt', 'hospitalBorneFen'],
] as const;

/** Fee split: 2204/2301 `result` field ↔ LineSplit key (core/catalog/types.ts). */
export const LINE_SPLIT_FIELDS = [
  ['fulamt_ownpay_amt', 'fullOwnPayFen'],
  ['overlmt_amt', 'overLimitFen'],
  ['preselfpay_amt', 'classBCopayFen'],
  ['inscp_scp_amt', 'inScopeFen'],
] as const;

/** 基金支付类型名称 fund_pay_type_name */
export const FUND_TYPE_NAMES: Readonly<Record<string, string>> = {
  '310100': '城镇职工基本医疗保险统筹基金',
  '310200': '城镇职工基本医疗保险个人账户基金',
  '320100': '公务员医疗补助基金',
  '330100': '大额医疗费用补助基金',
  '390100': '城乡居民基本医疗保险基金',
  '390200': '城乡居民大病医疗保险基金',
  '610100': '医疗救助基金',
};

/** The personal account's setldetail row (the account is not a fund in the core, but HIS expect a row). */
export const ACCOUNT_FUND_TYPE = '310200';

// ---------------------------------------------------------------------------------------------------
// Filings and catalog kinds as the person-record queries (5205, 5302, 5304) write them.

/**
 * 业务申请类型 biz_appy_type (5302) → the filing types it lists (R-F1): 06 转诊转院登记, 07 异地急诊住院登记,
 * 08 异地安置登记 (the long-term filings: retirees settled elsewhere, long-term residents, posted workers).
 */
export const FILING_TYPES_OF_BIZ_APPY_TYPE: Readonly<Record<string, readonly string[]>> = {
  '06': ['referral'],
  '07': ['emergency'],
  '08': ['retiree_settled_elsewhere', 'long_term_resident', 'posted_worker'],
};

/** 申报来源 dcla_souc of a filing channel: 01 定点医药机构, 02 中心经办系统, 03 网上经办系统. */
export const DECLARATION_SOURCE_OF_CHANNEL: Readonly<Record<string, string>> = {
  institution: '01',
  window: '02',
  online: '03',
};

/** 目录类别 list_type of a catalog kind: 101 西药中成药, 201 医疗服务项目, 301 医用耗材. */
export const LIST_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  drug: '101',
  service_item: '201',
  consumable: '301',
};

/** 医疗收费项目类别 med_chrgitm_type of a catalog kind: 09 西药费, 05 治疗费, 08 卫生材料费. */
export const CHARGE_ITEM_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  drug: '09',
  service_item: '05',
  consumable: '08',
};
