/**
 * setlinfo / setldetail of 2206/2207/2208, 2303/2304/2305 and 5203, from a settlement group.
 *
 * Several parts (R-C2: a chronic disease and the general remainder) are ONE answer: `setlinfo` holds
 * the combined totals the cashier charges, `setl_id` names the group (2208/2305/5203 take it), and the
 * parts are listed in `exp_content` (JSON text: setl_parts[] with each part's setl_id, category,
 * dise_codg, clr_type and amounts). `setldetail` has one row per fund per part, plus the personal
 * account row, each with the part's formula trace in `setl_proc_info` (Chinese, ≤ 4000 characters).
 */
import { type Fen, formatRatioDecimal, type RatioBp } from '../../core/money/index.ts';
import { CHRONIC_DISEASE_NAMES, categoryZh } from '../../core/settlement/index.ts';
import { ageOn } from '../../service/his/person-info.ts';
import type { SettlementGroup } from '../../service/his/settlement.ts';
import { ACCOUNT_FUND_TYPE, FUND_TYPE_NAMES, personTypeCode, SETTLEMENT_AMOUNT_FIELDS } from '../mapping.ts';
import { yuan } from './common.ts';

const SITUATION_ZH: Record<string, string> = {
  local: '本地就医',
  in_province_exempt: '省内异地免备案',
  in_province_filed: '省内异地已备案',
  cross_province_long_term: '跨省异地长期备案',
  referral: '转诊转院',
  emergency: '急诊抢救（视同备案）',
  other_temporary: '其他临时外出就医',
  unfiled: '未备案',
};

function amounts(a: object): Record<string, number> {
  const out: Record<string, number> = {};
  const source = a as Record<string, number>;
  for (const [field, key] of SETTLEMENT_AMOUNT_FIELDS) out[field] = yuan(source[key] ?? 0);
  return out;
}

/** 结算过程信息: the part's formula lines, cut to the field's 4000 characters. */
function processInfo(lines: readonly string[]): string | null {
  if (lines.length === 0) return null;
  const text = lines.join('；');
  return text.length <= 4000 ? text : `${text.slice(0, 3999)}…`;
}

export function setlinfoOf(group: SettlementGroup): Record<string, unknown> {
  const { person, visit } = group;
  const first = group.parts[0];
  const settledDate = group.settledAt.slice(0, 10);
  return {
    mdtrt_id: visit.visitId,
    setl_id: group.groupId,
    psn_no: person.personNo,
    psn_name: person.name,
    psn_cert_type: person.certificateType,
    certno: person.certificateNo,
    gend: person.gender,
    naty: '',
    brdy: person.birthDate,
    age: ageOn(person.birthDate, settledDate),
    insutype: person.insuranceType,
    psn_type: personTypeCode(person.insuranceType, person.employment),
    cvlserv_flag: person.civilServant ? '1' : '0',
    setl_time: group.kind === 'preview' ? null : group.settledAt,
    mdtrt_cert_type: visit.certificateType,
    med_type: group.medTypeCode,
    ...amounts(group.totals),
    pool_prop_selfpay: Number(
      formatRatioDecimal(Math.max(0, ...group.parts.map((p) => p.pooledRatioBp)) as RatioBp),
    ),
    balc: yuan(group.accountBalanceAfterFen as Fen),
    acct_mulaid_pay: 0,
    hifdm_pay: 0,
    medins_setl_id: group.msgid,
    clr_optins: visit.insuredRegionCode,
    clr_way: '1',
    clr_type: first?.clearingType ?? '11',
    exp_content: JSON.stringify({
      mdtrt_situation: group.situation,
      mdtrt_situation_name: SITUATION_ZH[group.situation] ?? group.situation,
      mid_setl_flag: group.midStay ? '1' : '0',
      ...(group.reversesGroupId === null ? {} : { orig_setl_id: group.reversesGroupId }),
      setl_parts: group.parts.map((p) => ({
        setl_id: p.settlementId,
        setl_cate: p.category,
        setl_cate_name: categoryZh(p.category, p.diseaseCode),
        dise_codg: p.diseaseCode,
        dise_name: p.diseaseCode === null ? null : (CHRONIC_DISEASE_NAMES[p.diseaseCode] ?? p.diseaseCode),
        clr_type: p.clearingType,
        medfee_sumamt: yuan(p.totalFen),
        fund_pay_sumamt: yuan(p.fundTotalFen),
        acct_pay: yuan(p.accountFen),
        psn_cash_pay: yuan(p.cashFen),
      })),
    }),
  };
}

export function setldetailOf(group: SettlementGroup): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const part of group.parts) {
    const info = processInfo(part.traceZh);
    for (const f of part.fundLines) {
      rows.push({
        fund_pay_type: f.fundType,
        inscp_scp_amt: yuan(f.inScopeFen),
        crt_payb_lmt_amt: yuan(f.payableLimitFen),
        fund_payamt: yuan(f.payFen),
        fund_pay_type_name: FUND_TYPE_NAMES[f.fundType] ?? null,
        setl_proc_info: info,
      });
    }
    if (part.accountFen !== 0) {
      rows.push({
        fund_pay_type: ACCOUNT_FUND_TYPE,
        inscp_scp_amt: yuan(part.inScopeFen),
        crt_payb_lmt_amt: yuan(part.accountFen),
        fund_payamt: yuan(part.accountFen),
        fund_pay_type_name: FUND_TYPE_NAMES[ACCOUNT_FUND_TYPE],
        setl_proc_info: info,
      });
    }
  }
  return rows;
}

export function settlementOutput(group: SettlementGroup) {
  return { setlinfo: setlinfoOf(group), setldetail: setldetailOf(group) };
}
