/** 短信通知 texts (R-C5 "短信通知其享受相应待遇"). No codes, no ID numbers: the text is safe to log. */
import type { IsoDate } from '../calendar/index.ts';

export function grantNoticeText(diseaseName: string, startDate: IsoDate): string {
  return `【医保服务】您好！根据您的意愿，参保地医保经办机构已为您办理门诊慢特病“${diseaseName}”待遇认定，自 ${startDate} 起可享受相应门诊慢特病医保待遇，无需另行申请。如有疑问请咨询参保地医保经办机构。`;
}

export function approvalNoticeText(diseaseName: string, startDate: IsoDate): string {
  return `【医保服务】您申报的门诊慢特病“${diseaseName}”已审核通过，自申报之日 ${startDate} 起享受待遇；期间已结算的相关费用将按门诊慢特病重新计算，多付部分予以退还。`;
}
