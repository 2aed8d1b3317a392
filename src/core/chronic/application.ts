/**
 * 即申即享 / 门慢特申请 (R-C6): a person applies for a disease with diagnosis material; the agency
 * approves or rejects. The state machine is (application, event, now) → application + the grant to
 * make; approval of an instant-on-application disease grants from the application date.
 */
import { chinaDateOf, type IsoDate } from '../calendar/index.ts';
import { domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';
import { benefitStartDate } from './qualification.ts';
import {
  ApplicationStatus,
  type ChronicActor,
  type ChronicApplication,
  type ChronicDisease,
  type MaterialMeta,
} from './types.ts';

export const MATERIALS_MAX = 5;
export const MATERIAL_BYTES_MAX = 1_048_576;
export const MATERIAL_MIME_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** Diagnosis material is required (R-C6 "凭相关疾病诊断材料"): 1–5 PDF/JPEG/PNG files of at most 1 MiB. */
export function checkMaterials(materials: readonly MaterialMeta[]): Result<readonly MaterialMeta[]> {
  if (materials.length === 0) {
    return err(
      domainError(
        ChronicErrorCode.MaterialRequired,
        '申报门诊慢特病须上传疾病诊断材料（如诊断证明、检查报告），请至少上传 1 份。',
        {
          ruleId: 'R-C6',
          field: 'materials',
        },
      ),
    );
  }
  if (materials.length > MATERIALS_MAX) {
    return err(
      domainError(
        ChronicErrorCode.MaterialInvalid,
        `诊断材料最多上传 ${MATERIALS_MAX} 份，请合并或删减后重试。`,
        {
          ruleId: 'R-C6',
          field: 'materials',
        },
      ),
    );
  }
  for (const [i, m] of materials.entries()) {
    const field = `materials[${i}]`;
    if (!MATERIAL_MIME_TYPES.includes(m.mimeType)) {
      return err(
        domainError(
          ChronicErrorCode.MaterialInvalid,
          `诊断材料“${m.fileName}”的格式不支持：请上传 PDF、JPG 或 PNG 文件。`,
          {
            ruleId: 'R-C6',
            field: `${field}.mimeType`,
          },
        ),
      );
    }
    if (m.sizeBytes <= 0 || m.sizeBytes > MATERIAL_BYTES_MAX) {
      return err(
        domainError(
          ChronicErrorCode.MaterialInvalid,
          `诊断材料“${m.fileName}”为空或超过 1 MB，请压缩或重新扫描后上传。`,
          {
            ruleId: 'R-C6',
            field: `${field}.content`,
          },
        ),
      );
    }
  }
  return ok(materials);
}

export type ApplicationEvent =
  | { readonly kind: 'approve'; readonly actor: ChronicActor; readonly note?: string }
  | { readonly kind: 'reject'; readonly actor: ChronicActor; readonly reason: string };

export interface ApplicationDecision {
  readonly application: ChronicApplication;
  /** Present on approval: the qualification to create. */
  readonly grant: { readonly startDate: IsoDate } | null;
}

export function decideApplication(
  application: ChronicApplication,
  disease: ChronicDisease,
  event: ApplicationEvent,
  now: string,
): Result<ApplicationDecision> {
  if (application.status !== ApplicationStatus.PendingReview) {
    const status = application.status === ApplicationStatus.Approved ? '已通过' : '已驳回';
    return err(
      domainError(
        ChronicErrorCode.InvalidTransition,
        `申请 ${application.applicationId} 已审核（${status}），不能重复审核；请刷新后查看最新状态。`,
        {
          ruleId: 'R-C6',
          field: 'status',
        },
      ),
    );
  }
  const decided = { decidedAt: now, decidedBy: event.actor.id };
  if (event.kind === 'reject') {
    if (event.reason.trim() === '') {
      return err(
        domainError(
          ChronicErrorCode.ReasonRequired,
          '驳回申请须填写驳回原因，以便参保人补充材料后重新申报。',
          { field: 'reason' },
        ),
      );
    }
    return ok({
      application: {
        ...application,
        ...decided,
        status: ApplicationStatus.Rejected,
        decisionNote: event.reason.trim(),
      },
      grant: null,
    });
  }
  const startDate = benefitStartDate(disease.grantMode, application.appliedOn, chinaDateOf(now));
  return ok({
    application: {
      ...application,
      ...decided,
      status: ApplicationStatus.Approved,
      decisionNote: event.note?.trim() || null,
    },
    grant: { startDate },
  });
}
