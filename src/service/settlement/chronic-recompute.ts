/**
 * 即申即享 refund by recomputation (R-C6): the settlement service's ChronicRecomputer. For each queued
 * settlement: reverse its group (cancel-settlement: negated rows, accumulators and account given back,
 * lines released) and settle the same lines again, now with the chronic qualification, as a new group.
 * One transaction per request, which also marks the request done; the person's difference (what the
 * funds now pay more) is kept on the new group's first row and returned.
 *
 * Order (R-C3): the reversal goes through the same rule as 2208 — the newest group of the visit first;
 * an older group with a later live one in its visit is refused (SETTLEMENT_NOT_LATEST) and stays pending.
 * Later settlements of the person are NOT recomputed (no 隔笔退费 / resettleAfterRefund): the store keeps
 * each settlement's result but not its full BenefitsInput, and rewriting visits already paid would turn
 * one refund into many. The deductible and limits the reversal gives back flow forward through the
 * accumulators instead, so accumulators stay equal to the sum of movements.
 *
 * The recomputation uses the ORIGINAL settlement time for the policy version, the accumulator year and
 * the qualification date; the new rows are posted now (settled_at = the processing time), as every
 * append-only posting is.
 */

import type { LineSplit } from '../../core/catalog/index.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { InstitutionKind } from '../../core/reference/codes.ts';
import { differenceOf, type SettlementResult } from '../../core/settlement/index.ts';
import { markRecomputed } from '../../store/repositories/chronic-applications.ts';
import { findFeeLinesOfSettlements } from '../../store/repositories/fee-lines.ts';
import { findInstitution, lockPerson } from '../../store/repositories/reference-reads.ts';
import {
  findReversalsOf,
  findSettlementGroup,
  findSettlementsOfVisit,
  type PostedSettlement,
} from '../../store/repositories/settlements.ts';
import { findVisit } from '../../store/repositories/visits.ts';
import { inTransaction, type Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import {
  type ChronicRecomputer,
  processChronicRecomputations,
  type RecomputeOutcome,
  type RecomputeRefund,
  type RecomputeRequest,
} from '../chronic/recompute.ts';
import type { AppContext } from '../context.ts';
import { chinaTime } from '../his/clock.ts';
import { issueId } from '../his/ids.ts';
import { medicalTypeCategory } from '../his/medical-type.ts';
import type { HisEnv } from '../his/message.ts';
import { cancelSettlementGroup, storedResult } from './cancel-settlement.ts';
import { inProcessPeer } from './in-process-peer.ts';
import { checkPharmacyPrescriptions } from './pharmacy-prescription.ts';
import { chronicDiseasesOf, groupPart, postSettlementGroup } from './settle-visit.ts';

/** Kept on the first row of the re-posted group (settlements.result). */
export interface RecomputationNote {
  readonly recomputesGroupId: string;
  readonly reversalGroupId: string;
  readonly applicationId: string;
  readonly diseaseCode: string;
  /** The date the benefits were computed for (the original settlement's China date). */
  readonly benefitDate: string;
  readonly refund: RecomputeRefund;
}

const failure = (code: string, message: string) => err(domainError(code, message, { ruleId: 'R-C6' }));

export const settlementRecomputer: ChronicRecomputer = {
  recompute: (ctx, request) => inTransaction(ctx.store.db, (tx) => recomputeInTx(ctx, tx, request)),
};

export interface RecomputationReport {
  readonly done: number;
  readonly failed: readonly { settlementId: string; code: string }[];
  /** One row per request finished in this run, with the person's difference when money moved. */
  readonly recomputed: readonly (RecomputeRequest & RecomputeOutcome)[];
}

/** Runs the pending queue through the settlement recomputer (for the REST route / CLI / a scheduler). */
export async function processPendingChronicRecomputations(ctx: AppContext): Promise<RecomputationReport> {
  const recomputed: (RecomputeRequest & RecomputeOutcome)[] = [];
  const run = await processChronicRecomputations(ctx, {
    recompute: async (c, request) => {
      const outcome = await settlementRecomputer.recompute(c, request);
      if (outcome.ok && outcome.value.marked === true) recomputed.push({ ...request, ...outcome.value });
      return outcome;
    },
  });
  return { ...run, recomputed };
}

function noteOf(row: PostedSettlement): RecomputationNote | undefined {
  return (row.result as { recomputation?: RecomputationNote } | null)?.recomputation;
}

/** The live group now standing for `groupId`: itself, or the re-posting of an earlier recomputation. */
async function liveSuccessor(
  tx: Tx,
  groupId: string,
): Promise<{ rows: PostedSettlement[] } | { reversedBy: string }> {
  let current = groupId;
  for (let hop = 0; hop < 50; hop++) {
    const rows = (await findSettlementGroup(tx, current)).filter((r) => r.kind === 'settlement');
    const reversals = await findReversalsOf(
      tx,
      rows.map((r) => r.settlementId),
    );
    if (reversals.length === 0) return { rows };
    const visitRows = rows[0] === undefined ? [] : await findSettlementsOfVisit(tx, rows[0].visitId);
    const next = visitRows.find((r) => noteOf(r)?.recomputesGroupId === current);
    if (next === undefined) return { reversedBy: reversals[0]!.groupId };
    current = next.groupId;
  }
  throw new Error(`recomputation chain of ${groupId} too long`);
}

async function localCodeOf(tx: Tx, regionCode: string, diseaseCode: string): Promise<string | null> {
  const row = await tx
    .selectFrom('chronic_disease_mappings')
    .select('local_code')
    .where('region_code', '=', regionCode)
    .where('disease_code', '=', diseaseCode)
    .executeTakeFirst();
  return row?.local_code ?? null;
}

/**
 * The lines as they settle now: lines carrying the disease (national or the region's local code) are
 * that disease's; when none carries it (the visit's disease or a diagnosis matched), the lines with no
 * disease code are taken as the disease's. Lines of other diseases stay as they were.
 */
function linesFor(lines: readonly LineSplit[], national: string, local: string | null): LineSplit[] {
  const isDisease = (code: string | undefined) => code === national || (local !== null && code === local);
  const anyCoded = lines.some((l) => isDisease(l.diseaseCode));
  return lines.map((l) =>
    isDisease(l.diseaseCode) || (!anyCoded && (l.diseaseCode === undefined || l.diseaseCode === ''))
      ? { ...l, diseaseCode: national }
      : l,
  );
}

function refundOf(previous: SettlementResult, recomputed: SettlementResult): RecomputeRefund {
  const d = differenceOf(previous, recomputed).amounts;
  return {
    fundsMoreFen: d.fundTotalFen,
    personRefundFen: 0 - d.personalFen,
    accountRefundFen: 0 - d.accountFen,
    cashRefundFen: 0 - d.cashFen,
  };
}

async function recomputeInTx(
  ctx: AppContext,
  tx: Tx,
  request: RecomputeRequest,
): Promise<Result<RecomputeOutcome>> {
  const now = chinaTime(ctx.now());
  const dialect = ctx.store.dialect;
  const person = await lockPerson(tx, dialect, request.psnNo);
  if (person === undefined) return failure('PERSON_NOT_FOUND', `没有人员编号为 ${request.psnNo} 的参保人。`);
  // Under the person lock: a concurrent run that finished this request first is seen here.
  const queued = await tx
    .selectFrom('chronic_recompute_requests')
    .select(['status', 'result_ref'])
    .where('application_id', '=', request.applicationId)
    .where('settlement_id', '=', request.settlementId)
    .executeTakeFirst();
  if (queued?.status === 'done') return ok({ resultRef: queued.result_ref ?? '', marked: false });

  const finish = async (resultRef: string, refund?: RecomputeRefund): Promise<Result<RecomputeOutcome>> => {
    await markRecomputed(tx, request, resultRef, now.iso);
    await appendAudit(tx, dialect, {
      at: now.iso,
      actor: 'system',
      role: 'system',
      action: 'chronic.recompute',
      subject: request.psnNo,
      detail: { ...request, resultRef, ...(refund ? { refund } : {}) },
    });
    return ok({ resultRef, ...(refund ? { refund } : {}), marked: true });
  };

  const original = await tx
    .selectFrom('settlements')
    .select(['group_id', 'psn_no'])
    .where('settlement_id', '=', request.settlementId)
    .executeTakeFirst();
  if (original === undefined || original.psn_no !== request.psnNo) {
    return failure(
      'CHRONIC_RECOMPUTE_SETTLEMENT_NOT_FOUND',
      `待重算的结算 ${request.settlementId} 不存在或不属于参保人 ${request.psnNo}，请核对重算队列。`,
    );
  }
  const live = await liveSuccessor(tx, original.group_id);
  // Cancelled by the institution meanwhile: nothing stands to be refunded.
  if ('reversedBy' in live) return finish(`reversed:${live.reversedBy}`);
  const head = live.rows[0]!;
  const groupId = head.groupId;
  const stored = storedResult(head);
  if (stored.result?.parts === undefined) {
    return failure(
      'CHRONIC_RECOMPUTE_RESULT_MISSING',
      `结算 ${groupId} 没有保存计算结果，不能自动重算；请人工核算退费。`,
    );
  }
  const institution = await findInstitution(tx, head.institutionCode);
  const visit = await findVisit(tx, head.visitId);
  if (institution === undefined || visit === undefined) {
    return failure('CHRONIC_RECOMPUTE_SETTLEMENT_NOT_FOUND', `结算 ${groupId} 的机构或就诊记录不存在。`);
  }
  if (live.rows.some((r) => r.category === 'chronic_outpatient' && r.diseaseCode === request.diseaseCode)) {
    return finish(groupId); // already settled as chronic (e.g. re-settled by the institution)
  }

  const benefitDate = head.settledAt.slice(0, 10);
  const qualified = await chronicDiseasesOf(tx, institution, request.psnNo, benefitDate);
  const lines = linesFor(
    stored.result.parts.flatMap((p) => p.lines),
    request.diseaseCode,
    await localCodeOf(tx, person.insuredRegionCode, request.diseaseCode),
  );
  // Not qualified on that date or not served by the institution, or no line of the disease: as before.
  if (!qualified.includes(request.diseaseCode) || !lines.some((l) => l.diseaseCode === request.diseaseCode)) {
    return finish(`unchanged:${groupId}`);
  }
  if (institution.kind === InstitutionKind.Pharmacy) {
    const byNo = new Map(lines.map((l) => [l.lineNo, l.diseaseCode ?? null]));
    const feeLines = (
      await findFeeLinesOfSettlements(
        tx,
        live.rows.map((r) => r.settlementId),
      )
    ).map((l) => ({ ...l, diseaseCode: byNo.get(l.lineNo) ?? l.diseaseCode }));
    const rx = await checkPharmacyPrescriptions(tx, institution, feeLines, qualified, benefitDate);
    if (!rx.ok) return rx;
  }

  const env: HisEnv = {
    ctx,
    tx,
    institution,
    now,
    call: {
      institutionCode: institution.code,
      treatmentRegionCode: institution.regionCode,
      insuredRegionCode: null,
      signNo: null,
      msgid: `RC-${request.applicationId}`,
      operation: 'chronic-recompute',
      requestHash: '',
      operatorNo: 'system',
      operatorName: '门慢特即申即享重算',
    },
  };
  const reversal = await cancelSettlementGroup(env, {
    kind: visit.kind === 'inpatient' ? 'inpatient' : 'outpatient',
    groupId,
    visitId: visit.visitId,
    psnNo: request.psnNo,
  });
  if (!reversal.ok) return reversal;

  const newGroupId = issueId(institution.regionCode, now.compactMs);
  const peer = inProcessPeer(tx, dialect);
  const computed = await peer.computeBenefits({
    settlementId: newGroupId,
    settledAt: stored.result.settledAt,
    psnNo: request.psnNo,
    insuredRegionCode: visit.insuredRegionCode,
    institutionLevel: institution.level,
    medicalType: medicalTypeCategory(head.medType),
    situation: stored.result.situation,
    chronicDiseases: qualified,
    lines,
    useAccount: stored.result.totals.accountFen > 0,
  });
  if (!computed.ok) return computed;
  const result = computed.value;
  const refund = refundOf(stored.result, result);
  const note: RecomputationNote = {
    recomputesGroupId: groupId,
    reversalGroupId: reversal.value.groupId!,
    applicationId: request.applicationId,
    diseaseCode: request.diseaseCode,
    benefitDate,
    refund,
  };
  await postSettlementGroup(
    env,
    visit,
    result,
    result.parts.map((p) => groupPart(p, result, visit, `${newGroupId}-${p.partNo}`)),
    {
      groupId: newGroupId,
      situation: head.situation,
      medTypeCode: head.medType,
      midStay: stored.midStay,
      note: { recomputation: note },
      peer,
    },
  );
  return finish(newGroupId, refund);
}
