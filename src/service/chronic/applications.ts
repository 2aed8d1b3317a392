/**
 * 即申即享 (R-C6): a person (online) or a window clerk applies for a disease with diagnosis material; the
 * agency approves or rejects. Approval grants the qualification — from the application date for an
 * instant-on-application disease — queues an SMS, and lists the settlements since the application that
 * must be refunded by recomputation (queued for the settlement service).
 */
import { createHash } from 'node:crypto';
import { chinaDateOf } from '../../core/calendar/index.ts';
import { checkMaterials, decideApplication } from '../../core/chronic/application.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { compileIcdMatcher } from '../../core/chronic/icd.ts';
import { approvalNoticeText } from '../../core/chronic/notice.ts';
import {
  type ApplicationChannel,
  ApplicationStatus,
  type ChronicApplication,
  GrantMode,
  type Qualification,
  QualificationSource,
} from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import {
  findApplication,
  insertApplication,
  insertRecomputeRequests,
  listApplications,
  type MaterialFile,
  pendingApplicationFor,
  saveDecision,
} from '../../store/repositories/chronic-applications.ts';
import { findChronicDisease, resolveNationalCode } from '../../store/repositories/chronic-catalog.ts';
import { activeQualification } from '../../store/repositories/chronic-qualifications.ts';
import { inTransaction } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { grantQualification } from './grant.ts';
import { findSettlementsToRecompute, type SettlementToRecompute } from './recompute.ts';
import { type ChronicCaller, findPerson, newId, outOfScope, personNotFound } from './support.ts';

export interface MaterialUpload {
  readonly fileName: string;
  readonly mimeType: string;
  readonly contentBase64: string;
}

export interface ApplyInput {
  readonly psnNo: string;
  /** National code, or the local code of the person's region. */
  readonly diseaseCode: string;
  readonly channel: ApplicationChannel;
  readonly materials: readonly MaterialUpload[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeMaterials(uploads: readonly MaterialUpload[]): Result<MaterialFile[]> {
  const files: MaterialFile[] = [];
  for (const [i, u] of uploads.entries()) {
    const content = u.contentBase64.replace(/\s/g, '');
    if (!BASE64.test(content) || content.length % 4 !== 0) {
      return err(
        domainError(
          ChronicErrorCode.MaterialInvalid,
          `诊断材料“${u.fileName}”的内容不是有效的 Base64 编码，请重新上传。`,
          {
            ruleId: 'R-C6',
            field: `materials[${i}].contentBase64`,
          },
        ),
      );
    }
    const bytes = Buffer.from(content, 'base64');
    files.push({
      fileName: u.fileName.trim() || `材料${i + 1}`,
      mimeType: u.mimeType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentBase64: content,
    });
  }
  const checked = checkMaterials(files);
  return checked.ok ? ok(files) : checked;
}

export async function applyForChronic(
  ctx: AppContext,
  input: ApplyInput,
  caller: ChronicCaller,
): Promise<Result<ChronicApplication & { benefitsFrom: 'application_date' | 'approval_date' }>> {
  const files = decodeMaterials(input.materials);
  if (!files.ok) return files;
  const now = ctx.now();
  return inTransaction(ctx.store.db, async (tx) => {
    const person = await findPerson(tx, input.psnNo);
    if (!person) return err(personNotFound(input.psnNo));
    const scope = outOfScope(caller, person.regionCode);
    if (scope) return err(scope);
    const code = await resolveNationalCode(tx, person.regionCode, input.diseaseCode);
    const disease = code ? await findChronicDisease(tx, code) : undefined;
    if (!disease) {
      return err(
        domainError(
          ChronicErrorCode.DiseaseUnknown,
          `病种编码 ${input.diseaseCode} 不在门慢特病种目录中，请核对病种（可用国家编码或本地编码）。`,
          {
            field: 'diseaseCode',
          },
        ),
      );
    }
    const existing = await activeQualification(tx, person.psnNo, disease.code);
    if (existing) {
      return err(
        domainError(
          ChronicErrorCode.AlreadyQualified,
          `您已有门诊慢特病“${disease.name}”待遇资格（自 ${existing.startDate} 起），无需再次申报。`,
          {
            field: 'diseaseCode',
          },
        ),
      );
    }
    const pending = await pendingApplicationFor(tx, person.psnNo, disease.code);
    if (pending) {
      return err(
        domainError(
          ChronicErrorCode.ApplicationPending,
          `“${disease.name}”的申请（编号 ${pending}）正在审核中，请勿重复申报，可在申请记录中查看进度。`,
          {
            field: 'diseaseCode',
          },
        ),
      );
    }
    const application: ChronicApplication = {
      applicationId: newId('CA'),
      psnNo: person.psnNo,
      regionCode: person.regionCode,
      diseaseCode: disease.code,
      appliedOn: chinaDateOf(now.toISOString()),
      channel: input.channel,
      status: ApplicationStatus.PendingReview,
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      qualificationId: null,
    };
    await insertApplication(
      tx,
      application,
      { appliedAt: now.toISOString(), submittedBy: caller.id },
      files.value,
    );
    await appendAudit(tx, ctx.store.dialect, {
      at: now.toISOString(),
      actor: caller.id,
      role: caller.role,
      action: 'chronic.application.submit',
      subject: person.psnNo,
      requestId: caller.requestId ?? null,
      detail: {
        applicationId: application.applicationId,
        diseaseCode: disease.code,
        channel: input.channel,
        materials: files.value.length,
      },
    });
    const benefitsFrom =
      disease.grantMode === GrantMode.InstantOnApplication ? 'application_date' : 'approval_date';
    return ok({ ...application, benefitsFrom });
  });
}

export interface ReviewInput {
  readonly applicationId: string;
  readonly decision: 'approve' | 'reject';
  readonly reason?: string;
}

export interface ReviewOutcome {
  readonly application: ChronicApplication;
  readonly qualification: Qualification | null;
  /** Chronic-eligible settlements between application and approval, queued for refund by recomputation. */
  readonly toRecompute: readonly SettlementToRecompute[];
}

export async function reviewChronicApplication(
  ctx: AppContext,
  input: ReviewInput,
  caller: ChronicCaller,
): Promise<Result<ReviewOutcome>> {
  const now = ctx.now();
  const at = now.toISOString();
  return inTransaction(ctx.store.db, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    if (!application) {
      return err(
        domainError(
          ChronicErrorCode.ApplicationNotFound,
          `未找到编号为 ${input.applicationId} 的门慢特申请，请核对编号。`,
          { field: 'applicationId' },
        ),
      );
    }
    const scope = outOfScope(caller, application.regionCode);
    if (scope) return err(scope);
    const disease = (await findChronicDisease(tx, application.diseaseCode))!;
    const event =
      input.decision === 'approve'
        ? { kind: 'approve' as const, actor: caller, ...(input.reason ? { note: input.reason } : {}) }
        : { kind: 'reject' as const, actor: caller, reason: input.reason ?? '' };
    const decided = decideApplication(application, disease, event, at);
    if (!decided.ok) return decided;
    let next = decided.value.application;
    let qualification: Qualification | null = null;
    let toRecompute: SettlementToRecompute[] = [];
    if (decided.value.grant) {
      const person = await findPerson(tx, application.psnNo);
      if (!person) return err(personNotFound(application.psnNo));
      const startDate = decided.value.grant.startDate;
      const granted = await grantQualification(
        tx,
        ctx.store.dialect,
        {
          person,
          diseaseCode: disease.code,
          diseaseName: disease.name,
          startDate,
          source: QualificationSource.Application,
          sourceRef: application.applicationId,
          notice: { template: 'chronic_approval', text: approvalNoticeText(disease.name, startDate) },
        },
        caller,
        now,
      );
      if (!granted.ok) return granted;
      qualification = granted.value.qualification;
      next = { ...next, qualificationId: qualification.qualificationId };
      const matcher = compileIcdMatcher([{ diseaseCode: disease.code, patterns: disease.icd10 }]);
      toRecompute = await findSettlementsToRecompute(tx, {
        psnNo: person.psnNo,
        diseaseCode: disease.code,
        localCode: qualification.localCode,
        from: startDate,
        to: chinaDateOf(at),
        matcher: matcher.ok ? matcher.value : null,
      });
      await insertRecomputeRequests(
        tx,
        toRecompute.map((s) => ({
          applicationId: application.applicationId,
          settlementId: s.settlementId,
          psnNo: person.psnNo,
          diseaseCode: disease.code,
        })),
        at,
      );
    }
    if (!(await saveDecision(tx, next))) {
      // Another reviewer decided first: the caller's answer must not pretend this one counted.
      throw new Error(`application ${application.applicationId} changed during review`);
    }
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: caller.id,
      role: caller.role,
      action: `chronic.application.${input.decision}`,
      subject: application.psnNo,
      requestId: caller.requestId ?? null,
      detail: {
        applicationId: application.applicationId,
        diseaseCode: disease.code,
        note: next.decisionNote,
        qualificationId: qualification?.qualificationId ?? null,
        toRecompute: toRecompute.map((s) => s.settlementId),
      },
    });
    return ok({ application: next, qualification, toRecompute });
  });
}

export async function listChronicApplications(
  ctx: AppContext,
  filter: { status?: string; psnNo?: string },
  caller: ChronicCaller,
) {
  const regionCode = caller.role === 'staff' ? caller.regionCode : undefined;
  return listApplications(ctx.store.db, { ...filter, ...(regionCode ? { regionCode } : {}) });
}
