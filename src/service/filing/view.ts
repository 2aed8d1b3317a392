/** A filing as the API and the portal show it: the core's filing plus its names in Chinese. */
import {
  type Filing,
  type FilingChannel,
  type FilingStatus,
  filingTypeNames,
} from '../../core/filing/index.ts';

export const filingStatusNames: Readonly<Record<FilingStatus, string>> = {
  pending_review: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  revoked: '已撤销',
  superseded: '已变更',
};

export const filingChannelNames: Readonly<Record<FilingChannel, string>> = {
  online: '线上办理',
  institution: '定点医疗机构代办',
  window: '经办窗口办理',
};

export interface FilingView extends Filing {
  readonly typeName: string;
  readonly statusName: string;
  readonly channelName: string;
  /** Plain words: '长期有效，直至变更' or '2026-03-01 至 2026-08-31'. */
  readonly validityText: string;
}

export function viewOf(filing: Filing): FilingView {
  return {
    ...filing,
    typeName: filingTypeNames[filing.type],
    statusName: filingStatusNames[filing.status],
    channelName: filingChannelNames[filing.channel],
    validityText:
      filing.validTo === null
        ? `${filing.validFrom} 起长期有效，直至变更`
        : `${filing.validFrom} 至 ${filing.validTo}`,
  };
}
