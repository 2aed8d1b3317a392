/** What to tell a person whose cross-province visit has no valid filing: how to file, and what still works. */
import type { Filing } from './types.ts';

export interface GuidanceFacts {
  readonly treatmentRegionCode: string;
  /** Still in hospital: filing before discharge settles the whole stay directly (R-F5). */
  readonly inpatientNotDischarged: boolean;
  readonly backfilledId: string | null;
  readonly pending: Filing | null;
  /** The visit is a referral, or rests on a referral filing whose conditions are not met (R-F6). */
  readonly referral: boolean;
}

const HOW_TO_FILE =
  '办理方式：通过国家医保服务平台 App、国家异地就医备案小程序或参保地医保服务平台在线备案（2 个工作日内办结），也可在就医医院医保办指引下办理，或到参保地医保经办窗口办理；';

export function unfiledGuidance(facts: GuidanceFacts): string {
  if (facts.backfilledId !== null) {
    return `您已补办备案（编号 ${facts.backfilledId}）。请持医疗费用票据、费用明细清单和诊断证明等材料，向参保地医保经办机构申请手工报销。`;
  }
  const lines: string[] = [];
  if (facts.pending !== null) {
    const due =
      facts.pending.reviewDeadlineDate === null
        ? ''
        : `，经办机构应于 ${facts.pending.reviewDeadlineDate} 前办结`;
    lines.push(`您的备案（编号 ${facts.pending.id}）正在审核${due}；审核通过后即可直接结算。`);
  } else {
    lines.push(
      `您本次在 ${facts.treatmentRegionCode} 就医尚未办理异地就医备案。${HOW_TO_FILE}备案时选择就医地城市，备案后在当地所有联网定点医药机构均可直接结算住院、普通门诊和门诊慢特病费用。`,
    );
  }
  if (facts.referral) {
    lines.push(
      '转诊转院须办理转诊备案：病种在无条件转诊转院病种目录内的无需转诊证明；其他病种须由转出定点医院出具并上传转诊证明。',
    );
  }
  lines.push(
    facts.inpatientNotDischarged
      ? '住院期间在出院结算前完成备案的，本次住院仍可直接结算。'
      : '已自费结算的，可补办备案后向参保地申请手工报销。',
  );
  return lines.join('');
}
