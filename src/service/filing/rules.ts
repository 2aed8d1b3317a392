/** 备案须知 — the filing rules in plain words, for the public page; with a region's own parameters and lists. */
import type { FilingPolicy } from '../../core/filing/index.ts';
import type { AppContext } from '../context.ts';
import { type FilingListEntry, filingList } from './lists.ts';
import { loadFilingPolicy } from './policy.ts';

export interface FilingRules {
  readonly regionCode: string | null;
  readonly policy: FilingPolicy | null;
  readonly rules: readonly { readonly ruleId: string; readonly text: string }[];
  readonly unconditionalReferralDiseases: readonly FilingListEntry[];
  readonly criticalIllnesses: readonly FilingListEntry[];
}

function validityText(policy: FilingPolicy | null): string {
  if (policy === null) return '临时外出就医备案的有效期由参保地规定（常见为 6 个月），有效期内可多次就医';
  const v = policy.temporaryValidity;
  return `本统筹区临时外出就医备案有效期为 ${'months' in v ? `${v.months} 个月` : `${v.days} 天`}，有效期内可多次就医`;
}

function rulesText(policy: FilingPolicy | null) {
  const days = policy?.reviewWorkingDays ?? 2;
  return [
    {
      ruleId: 'R-F1',
      text: '异地长期居住人员（异地安置退休、异地长期居住、常驻异地工作）备案长期有效，直至本人申请变更；同一时间只能备案一处长期居住地。',
    },
    {
      ruleId: 'R-F1',
      text: `${validityText(policy)}。备案到就医城市（或省份）后，当地所有联网定点医药机构均可使用。`,
    },
    {
      ruleId: 'R-F2',
      text: `可通过国家医保服务平台 App、国家异地就医备案小程序或参保地服务平台在线办理，也可在就医医院指引下办理或到参保地经办窗口办理；一次备案同时开通住院、普通门诊和门诊慢特病直接结算。需要审核的线上备案在 ${days} 个工作日内办结（按国家法定节假日和调休计算）。`,
    },
    {
      ruleId: 'R-F3',
      text: '在本省内其他城市临时自行就医的，无需备案，凭医保电子凭证、社会保障卡或身份证直接结算。',
    },
    {
      ruleId: 'R-F4',
      text: '异地急诊抢救未备案的，视同已备案，按参保地急诊抢救待遇直接结算；符合急危重病种标准的，可在入院后、出院前补办备案。',
    },
    {
      ruleId: 'R-F5',
      text: '入院时未备案的，出院结算前补办备案，仍可直接结算；已自费出院的，补办备案后可向参保地申请手工报销。',
    },
    {
      ruleId: 'R-F6',
      text: '转诊转院：病种在无条件转诊转院病种目录内的，无需转诊证明；其他病种须由转出定点医院出具并上传转诊证明。在参保城市内就医不属于异地就医。',
    },
    {
      ruleId: 'R-F7',
      text: '异地长期居住人员在备案地和参保地均可享受医保待遇，回参保地就医不受备案限制。',
    },
    {
      ruleId: 'R-F8',
      text: '未经转诊的临时外出就医，支付比例可能低于转诊转院人员，具体按参保地政策执行。',
    },
    {
      ruleId: 'R-F1',
      text: '备案可以变更或撤销，办理记录全部保留；与已有备案在时间和地点上重叠的申请会被拒绝并说明原因。',
    },
  ];
}

export async function filingRules(ctx: AppContext, regionCode?: string): Promise<FilingRules> {
  if (regionCode === undefined) {
    return {
      regionCode: null,
      policy: null,
      rules: rulesText(null),
      unconditionalReferralDiseases: [],
      criticalIllnesses: [],
    };
  }
  const policy = await loadFilingPolicy(ctx.store.db, regionCode);
  return {
    regionCode,
    policy,
    rules: rulesText(policy),
    unconditionalReferralDiseases: await filingList(ctx, regionCode, 'unconditional_referral'),
    criticalIllnesses: await filingList(ctx, regionCode, 'critical_illness'),
  };
}
