/**
 * 备案政策 — each insured region's filing parameters, stored as a JSON document per region. A region
 * without its own document uses the demo default below (6-month temporary filings, 2 working days of
 * review as R-F2 requires); an administrator sets a region's own with setFilingPolicy.
 */
import { type DomainError, domainError, err, ok, type Result } from '../../core/errors.ts';
import type { FilingPolicy } from '../../core/filing/index.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import {
  readFilingPolicyDocument,
  writeFilingPolicyDocument,
} from '../../store/repositories/filing-lists.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { FilingServiceErrorCode } from './errors.ts';
import { isObject } from './json-shape.ts';

export type FilingPolicyDocument = Omit<FilingPolicy, 'insuredRegionCode'>;

/** Demo parameters, not an official policy: what most regions publish for temporary trips. */
export const DEFAULT_FILING_POLICY: FilingPolicyDocument = {
  temporaryValidity: { months: 6 },
  reviewWorkingDays: 2,
  autoApprove: { longTermOnCommitment: true, otherTemporary: true, referralOnline: false },
};

function invalid(field: string, message: string): DomainError {
  return domainError(FilingServiceErrorCode.PolicyInvalid, message, { ruleId: 'R-F1', field });
}

function validity(v: unknown): Result<FilingPolicyDocument['temporaryValidity']> {
  if (isObject(v) && Number.isInteger(v.months) && (v.months as number) >= 1 && (v.months as number) <= 24) {
    return ok({ months: v.months as number });
  }
  if (isObject(v) && Number.isInteger(v.days) && (v.days as number) >= 1 && (v.days as number) <= 730) {
    return ok({ days: v.days as number });
  }
  return err(
    invalid(
      'temporaryValidity',
      '临时外出就医备案有效期（temporaryValidity）须为 {"months": 1–24} 或 {"days": 1–730}。',
    ),
  );
}

/** Checks a policy document as imported or sent by an administrator. */
export function validateFilingPolicy(doc: unknown): Result<FilingPolicyDocument> {
  if (!isObject(doc)) return err(invalid('policy', '备案政策须为 JSON 对象。'));
  const temporaryValidity = validity(doc.temporaryValidity);
  if (!temporaryValidity.ok) return temporaryValidity;
  const days = doc.reviewWorkingDays;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 30) {
    return err(
      invalid('reviewWorkingDays', '审核时限（reviewWorkingDays）须为 1 至 30 之间的整数个工作日。'),
    );
  }
  const auto = doc.autoApprove;
  const flags = ['longTermOnCommitment', 'otherTemporary', 'referralOnline'] as const;
  if (!isObject(auto) || flags.some((f) => typeof auto[f] !== 'boolean')) {
    return err(
      invalid(
        'autoApprove',
        '即时通过规则（autoApprove）须包含 longTermOnCommitment、otherTemporary、referralOnline 三个 true/false 值。',
      ),
    );
  }
  return ok({
    temporaryValidity: temporaryValidity.value,
    reviewWorkingDays: days as number,
    autoApprove: {
      longTermOnCommitment: auto.longTermOnCommitment as boolean,
      otherTemporary: auto.otherTemporary as boolean,
      referralOnline: auto.referralOnline as boolean,
    },
  });
}

export async function loadFilingPolicy(db: Executor, regionCode: string): Promise<FilingPolicy> {
  const text = await readFilingPolicyDocument(db, regionCode);
  const checked = text === undefined ? ok(DEFAULT_FILING_POLICY) : validateFilingPolicy(JSON.parse(text));
  // Documents are validated before they are written; a bad one in the store is a bug, not user input.
  if (!checked.ok)
    throw new Error(`stored filing policy of ${regionCode} is invalid: ${checked.error.message}`);
  return { insuredRegionCode: regionCode, ...checked.value };
}

export async function setFilingPolicy(
  ctx: AppContext,
  regionCode: string,
  doc: unknown,
  actor: { readonly id: string; readonly requestId?: string | null } = { id: 'admin' },
): Promise<Result<FilingPolicy>> {
  if (!/^\d{6}$/.test(regionCode))
    return err(invalid('regionCode', '统筹区代码须为 6 位数字（如 341700）。'));
  const checked = validateFilingPolicy(doc);
  if (!checked.ok) return checked;
  const at = ctx.now().toISOString();
  return transact(ctx, async (tx) => {
    await writeFilingPolicyDocument(tx, regionCode, JSON.stringify(checked.value), at);
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: actor.id,
      role: 'admin',
      action: 'filing.policy.set',
      subject: regionCode,
      requestId: actor.requestId ?? null,
      detail: { ...checked.value },
    });
    return ok({ insuredRegionCode: regionCode, ...checked.value });
  });
}
