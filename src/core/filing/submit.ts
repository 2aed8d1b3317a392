/**
 * Making a filing, by any channel (R-F2): check it, refuse what contradicts the person's other filings,
 * then approve it at once or queue it for review with its deadline. A change (变更备案) is a new filing
 * that names the one it replaces; the old one is superseded when the new one is approved.
 */
import { type Calendar, chinaDateOf, type IsoDate, isIsoDate } from '../calendar/index.ts';
import { type DomainError, domainError, err, ok, type Result } from '../errors.ts';
import type { RegionCode } from '../reference/types.ts';
import { decideAutoApproval } from './auto-approval.ts';
import { isRegionCode, provinceOf, validToFor } from './coverage.ts';
import type { FilingEffect } from './effects.ts';
import { FilingErrorCode } from './errors.ts';
import { checkOverlap } from './overlap.ts';
import type { FilingTransition } from './transitions.ts';
import {
  type Filing,
  type FilingChannel,
  type FilingPolicy,
  FilingStatus,
  type FilingTarget,
  FilingType,
  filingTypeNames,
  isLongTerm,
  type ReferralDetails,
} from './types.ts';

/** 备案申请 — what the person, the institution or the window submits. */
export interface FilingApplication {
  readonly id: string;
  readonly personNo: string;
  readonly insuredRegionCode: RegionCode;
  readonly type: FilingType;
  readonly target: FilingTarget;
  readonly channel: FilingChannel;
  /** First valid day; defaults to the submission date. May lie in the past for a backfilled filing (R-F5). */
  readonly validFrom?: IsoDate;
  readonly referral?: ReferralDetails;
  readonly commitmentSigned?: boolean;
  /** Id of the approved filing this application changes. */
  readonly replaces?: string;
}

export interface FilingContext {
  readonly policy: FilingPolicy;
  readonly calendar: Calendar;
  /** The person's filings, in any status. */
  readonly existing: readonly Filing[];
  /** 无条件转诊转院病种目录 of the insured region (R-F6). */
  readonly unconditionalReferralDiseases: readonly string[];
}

function fail(code: string, message: string, ruleId: string, field: string): Result<never> {
  return err(domainError(code, message, { ruleId, field }));
}

function checkTarget(app: FilingApplication): DomainError | null {
  const t = app.target;
  const code = t.scope === 'city' ? t.regionCode : t.provinceCode;
  if (!isRegionCode(code) || (t.scope === 'province' && !code.endsWith('0000'))) {
    const form = t.scope === 'city' ? '6 位统筹区代码（如 420100）' : '省级代码（如 420000）';
    return domainError(FilingErrorCode.InvalidRegionCode, `备案就医地“${code}”无效，请填写${form}。`, {
      ruleId: 'R-F1',
      field: 'target',
    });
  }
  if (t.scope === 'city' && t.regionCode === app.insuredRegionCode) {
    return domainError(
      FilingErrorCode.TargetIsHome,
      `备案就医地 ${code} 就是参保地，在参保地（含同一统筹区内各县区）就医不属于异地就医，无需备案。`,
      { ruleId: 'R-F6', field: 'target' },
    );
  }
  const inProvince = provinceOf(code) === provinceOf(app.insuredRegionCode);
  if (inProvince && app.type === FilingType.OtherTemporary) {
    return domainError(
      FilingErrorCode.NotNeededInProvince,
      '省内异地临时自行外出就医免备案：直接凭医保电子凭证、社会保障卡或身份证在省内联网定点医药机构结算即可。',
      { ruleId: 'R-F3', field: 'target' },
    );
  }
  return null;
}

function checkReferral(app: FilingApplication, ctx: FilingContext): DomainError | null {
  if (app.type !== FilingType.Referral) return null;
  if (app.referral === undefined || app.referral.diseaseCode.trim() === '') {
    return domainError(
      FilingErrorCode.ReferralDetailsMissing,
      '转诊转院备案须填写转诊病种（referral.diseaseCode），以判断是否需要转诊证明。',
      { ruleId: 'R-F6', field: 'referral.diseaseCode' },
    );
  }
  const unconditional = ctx.unconditionalReferralDiseases.includes(app.referral.diseaseCode);
  if (unconditional || app.referral.certificateUploaded) return null;
  return domainError(
    FilingErrorCode.ReferralCertificateRequired,
    `病种 ${app.referral.diseaseCode} 不在无条件转诊转院病种目录内，须由转出定点医院出具并上传转诊证明后再备案；也可改为其他临时外出就医备案（报销比例可能较低）。`,
    { ruleId: 'R-F6', field: 'referral.certificateUploaded' },
  );
}

function checkDates(app: FilingApplication, submittedOn: IsoDate): DomainError | null {
  if (app.validFrom === undefined) return null;
  if (!isIsoDate(app.validFrom)) {
    return domainError(
      FilingErrorCode.InvalidDate,
      `备案开始日期“${app.validFrom}”无效，请按 YYYY-MM-DD 填写。`,
      {
        ruleId: 'R-F1',
        field: 'validFrom',
      },
    );
  }
  if (app.replaces !== undefined && app.validFrom < submittedOn) {
    return domainError(
      FilingErrorCode.InvalidDate,
      `变更备案不能追溯生效：开始日期 ${app.validFrom} 早于申请日 ${submittedOn}，请填写申请日或之后的日期。`,
      { ruleId: 'R-F1', field: 'validFrom' },
    );
  }
  return null;
}

function findReplaced(app: FilingApplication, ctx: FilingContext): Result<Filing | null> {
  if (app.replaces === undefined) return ok(null);
  const old = ctx.existing.find((f) => f.id === app.replaces && f.personNo === app.personNo);
  if (old === undefined || old.status !== FilingStatus.Approved) {
    return fail(
      FilingErrorCode.InvalidTransition,
      `要变更的备案 ${app.replaces} 不存在或不是“已通过”状态，只能变更已通过的备案。`,
      'R-F1',
      'replaces',
    );
  }
  return ok(old);
}

/** Checks and records a new filing; approved at once or queued per decideAutoApproval. */
export function submitFiling(
  app: FilingApplication,
  ctx: FilingContext,
  now: string,
): Result<FilingTransition> {
  if (ctx.policy.insuredRegionCode !== app.insuredRegionCode) {
    throw new RangeError(
      `policy of ${ctx.policy.insuredRegionCode} given for a filing of ${app.insuredRegionCode}`,
    );
  }
  if (!isRegionCode(app.insuredRegionCode)) {
    return fail(
      FilingErrorCode.InvalidRegionCode,
      '参保地代码须为 6 位统筹区代码。',
      'R-F1',
      'insuredRegionCode',
    );
  }
  const submittedOn = chinaDateOf(now);
  const problem = checkTarget(app) ?? checkReferral(app, ctx) ?? checkDates(app, submittedOn);
  if (problem !== null) return err(problem);
  const replaced = findReplaced(app, ctx);
  if (!replaced.ok) return replaced;

  const validFrom = app.validFrom ?? submittedOn;
  const validTo = validToFor(app.type, validFrom, ctx.policy);
  const candidate = { ...app, validFrom, validTo };
  const overlap = checkOverlap(
    ctx.existing,
    candidate,
    app.replaces === undefined ? {} : { replacing: app.replaces },
  );
  if (!overlap.ok) return overlap;

  const decision = decideAutoApproval(
    {
      type: app.type,
      channel: app.channel,
      commitmentSigned: app.commitmentSigned ?? false,
      submittedAt: now,
    },
    ctx.policy,
    ctx.calendar,
  );
  const approved = decision.kind === 'approve';
  const status = approved ? FilingStatus.Approved : FilingStatus.PendingReview;
  const filing: Filing = {
    id: app.id,
    personNo: app.personNo,
    insuredRegionCode: app.insuredRegionCode,
    type: app.type,
    target: app.target,
    channel: app.channel,
    status,
    validFrom,
    validTo,
    submittedAt: now,
    reviewDeadlineDate: approved ? null : decision.deadlineDate,
    approvedAt: approved ? now : null,
    endedOn: null,
    supersedes: app.replaces ?? null,
    supersededBy: null,
    referral: app.referral ?? null,
    rejectionReason: null,
    history: [
      {
        at: now,
        event: 'submit',
        from: null,
        to: status,
        actor: actorOf(app.channel),
        note: decision.reason,
      },
    ],
  };
  return ok({ filing, effects: effectsOf(filing, decision) });
}

function actorOf(channel: FilingChannel): 'person' | 'institution' | 'agency' {
  return channel === 'online' ? 'person' : channel === 'institution' ? 'institution' : 'agency';
}

function effectsOf(filing: Filing, decision: ReturnType<typeof decideAutoApproval>): FilingEffect[] {
  const what = `${filingTypeNames[filing.type]}备案（编号 ${filing.id}）`;
  if (decision.kind === 'queue') {
    return [
      {
        type: 'review_queued',
        filingId: filing.id,
        deadlineDate: decision.deadlineDate,
        warnings: decision.warnings,
      },
      {
        type: 'notify_person',
        filingId: filing.id,
        personNo: filing.personNo,
        message: `您的${what}已受理，${decision.reason}`,
      },
    ];
  }
  const validity = isLongTerm(filing.type) ? '长期有效，直至变更' : `有效期至 ${filing.validTo}`;
  const effects: FilingEffect[] = [
    {
      type: 'notify_person',
      filingId: filing.id,
      personNo: filing.personNo,
      message: `您的${what}已通过，${validity}；可在备案地所有联网定点医药机构直接结算住院、普通门诊和门诊慢特病费用。`,
    },
  ];
  if (filing.supersedes !== null) {
    effects.push({
      type: 'supersede_previous',
      filingId: filing.supersedes,
      byFilingId: filing.id,
      effectiveOn: filing.validFrom,
    });
  }
  return effects;
}
