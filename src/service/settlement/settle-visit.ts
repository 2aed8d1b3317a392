/**
 * 结算 / 预结算 (2206/2207 outpatient, 2303/2304 inpatient incl. mid-stay): one transaction, already
 * opened by the message handler with the msgid claimed. Loads the visit and its unsettled lines (split
 * at upload by the treatment region's catalog), derives the cross-region situation, asks the insured
 * region's peer for the benefits (person locked, policy and accumulators loaded, core called), then —
 * for a real settlement — posts one row per part, the fund lines, the insured side's movements, and
 * marks the lines settled.
 */
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { type Fen, formatYuan } from '../../core/money/index.ts';
import { InstitutionKind } from '../../core/reference/codes.ts';
import type { Institution } from '../../core/reference/types.ts';
import type { SettlementPart, SettlementResult } from '../../core/settlement/index.ts';
import { qualificationsOfPerson } from '../../store/repositories/chronic-qualifications.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import { findFeeLines, markFeeLinesSettled } from '../../store/repositories/fee-lines.ts';
import { findPerson } from '../../store/repositories/reference-reads.ts';
import { findSettlementsOfVisit, insertSettlement } from '../../store/repositories/settlements.ts';
import { updateVisit, type Visit } from '../../store/repositories/visits.ts';
import { hisErrors, visitStatusZh } from '../his/errors.ts';
import { lineSplitOf } from '../his/fee-lines.ts';
import { issueId } from '../his/ids.ts';
import { checkInsuredPerson } from '../his/insured-person.ts';
import { medicalTypeCategory } from '../his/medical-type.ts';
import type { HisEnv } from '../his/message.ts';
import { assertUpdated, loadOwnVisit } from '../his/visit-access.ts';
import { clearingTypeOf } from './clearing-type.ts';
import { inProcessPeer } from './in-process-peer.ts';
import type { InsuredRegionPeer } from './insured-region-peer.ts';
import { checkPharmacyPrescriptions } from './pharmacy-prescription.ts';
import type { GroupPart, SettlementGroup } from './settlement-group.ts';
import { situationOf } from './situation.ts';

export interface SettleVisitCommand {
  readonly kind: 'outpatient' | 'inpatient';
  readonly visitId: string;
  readonly psnNo: string;
  readonly insuranceType: string;
  /** med_type as sent with the settlement; null keeps the visit's. */
  readonly medTypeCode: string | null;
  /** medfee_sumamt: must equal the unsettled lines being settled. */
  readonly totalFen: Fen;
  readonly useAccount: boolean;
  /** Outpatient charge batch (chrg_bchno); null settles every unsettled line. */
  readonly batchNo: string | null;
  /** 中途结算: settle the lines so far and keep the stay open. */
  readonly midStay: boolean;
  /** Flags newly stated with the settlement (exp_content); they only ever add to the visit's. */
  readonly flags: { readonly emergency: boolean; readonly referral: boolean; readonly trauma: boolean };
}

/**
 * 门慢特资格 (R-C1, R-C2): the person's qualifications in force on the date, for diseases the
 * institution serves; other chronic lines settle as general outpatient.
 */
export async function chronicDiseasesOf(
  tx: Executor,
  institution: Institution,
  psnNo: string,
  onDate: string,
): Promise<string[]> {
  const qualifications = await qualificationsOfPerson(tx, psnNo);
  return qualifications
    .filter(
      (q) => q.status === 'active' && q.startDate <= onDate && (q.endDate === null || onDate <= q.endDate),
    )
    .map((q) => q.diseaseCode)
    .filter((d) => institution.chronicDiseases.includes(d));
}

function statusAllows(visit: Visit, command: SettleVisitCommand, commit: boolean): boolean {
  if (visit.kind === 'outpatient') return visit.status === 'registered';
  if (!commit || command.midStay) return visit.status === 'admitted' || visit.status === 'discharged';
  return visit.status === 'discharged';
}

export async function settleVisit(
  env: HisEnv,
  command: SettleVisitCommand,
  commit: boolean,
): Promise<Result<SettlementGroup>> {
  const loaded = await loadOwnVisit(env, command.visitId, command.psnNo, command.kind);
  if (!loaded.ok) return loaded;
  let visit = loaded.value;
  if (!statusAllows(visit, command, commit)) {
    const action =
      visit.kind === 'inpatient' && visit.status === 'admitted'
        ? '结算（未出院只能中途结算 mid_setl_flag=1）'
        : '结算';
    return err(hisErrors.visitState(visit.visitId, visitStatusZh[visit.status] ?? visit.status, action));
  }
  const person = await findPerson(env.tx, { by: 'psn_no', value: command.psnNo });
  if (person === undefined) return err(hisErrors.personNotFound(`人员编号 ${command.psnNo}`));
  const checked = checkInsuredPerson(env, person, command.insuranceType);
  if (!checked.ok) return checked;

  const medTypeCode = command.medTypeCode ?? visit.medType;
  const flags = {
    emergency: visit.emergency || command.flags.emergency,
    referral: visit.referral || command.flags.referral,
    trauma: visit.trauma || command.flags.trauma,
  };
  if (
    commit &&
    (flags.emergency !== visit.emergency ||
      flags.referral !== visit.referral ||
      flags.trauma !== visit.trauma ||
      medTypeCode !== visit.medType)
  ) {
    assertUpdated(
      await updateVisit(env.tx, visit.visitId, visit.rowVersion, { ...flags, medType: medTypeCode }),
      visit.visitId,
    );
    visit = { ...visit, ...flags, medType: medTypeCode, rowVersion: visit.rowVersion + 1 };
  } else {
    visit = { ...visit, ...flags, medType: medTypeCode };
  }

  const pending = (await findFeeLines(env.tx, visit.visitId)).filter(
    (l) => l.status === 'uploaded' && (command.batchNo === null || l.batchNo === command.batchNo),
  );
  if (pending.length === 0) return err(hisErrors.feeLinesNone());
  const sum = pending.reduce((s, l) => s + l.amountFen, 0);
  if (sum !== command.totalFen)
    return err(hisErrors.totalMismatch(formatYuan(command.totalFen), formatYuan(sum as Fen)));
  const lines = pending.map(lineSplitOf);

  const situation = await situationOf(env.tx, visit, env.now.date);
  if (!situation.directSettlement) {
    return err(
      domainError(
        'CROSS_REGION_NOT_FILED',
        `该参保人本次跨省异地就医不能直接结算：${situation.reason}${situation.guidance ? `。${situation.guidance}` : ''}（规则 ${situation.ruleIds.join('、')}）`,
        { field: 'insuredRegionCode', ruleId: situation.ruleIds[0] ?? 'R-F1' },
      ),
    );
  }

  // R-C2: a pharmacy's chronic lines need a designated medical institution's prescription.
  const chronicDiseases = await chronicDiseasesOf(env.tx, env.institution, person.personNo, env.now.date);
  if (env.institution.kind === InstitutionKind.Pharmacy) {
    const rx = await checkPharmacyPrescriptions(
      env.tx,
      env.institution,
      pending,
      chronicDiseases,
      env.now.date,
    );
    if (!rx.ok) return rx;
  }

  const groupId = commit
    ? issueId(env.institution.regionCode, env.now.compactMs)
    : `preview-${env.call.msgid}`;
  const peer = inProcessPeer(env.tx, env.ctx.store.dialect);
  const computed = await peer.computeBenefits({
    settlementId: groupId,
    settledAt: env.now.iso,
    psnNo: person.personNo,
    insuredRegionCode: person.insuredRegionCode,
    institutionLevel: env.institution.level,
    medicalType: medicalTypeCategory(medTypeCode),
    situation: situation.situation,
    chronicDiseases,
    lines,
    useAccount: command.useAccount,
  });
  if (!computed.ok) return computed;
  const result = computed.value;
  const parts = result.parts.map((p) =>
    groupPart(p, result, visit, commit ? `${groupId}-${p.partNo}` : null),
  );
  if (commit) {
    await postSettlementGroup(env, visit, result, parts, {
      groupId,
      situation: situation.situation,
      medTypeCode,
      midStay: command.midStay,
      peer,
    });
  }
  return ok({
    groupId: commit ? groupId : null,
    kind: commit ? 'settlement' : 'preview',
    reversesGroupId: null,
    settledAt: env.now.dateTime,
    msgid: env.call.msgid,
    person,
    visit,
    medTypeCode,
    situation: situation.situation,
    situationReason: situation.reason,
    parts,
    totals: result.totals,
    accountBalanceAfterFen: result.accountBalanceAfterFen,
    midStay: command.midStay,
  });
}

export function groupPart(
  p: SettlementPart,
  result: SettlementResult,
  visit: Visit,
  settlementId: string | null,
): GroupPart {
  return {
    ...pickAmountsOf(p),
    settlementId,
    partNo: p.partNo,
    category: p.category,
    diseaseCode: p.diseaseCode,
    clearingType: clearingTypeOf(p.category, visit.insuredRegionCode, visit.treatmentRegionCode),
    pooledRatioBp: p.pooledRatioBp,
    fundLines: p.fundLines,
    traceZh: result.trace.filter((s) => s.partNo === p.partNo || s.partNo === 0).map((s) => s.formulaZh),
  };
}

function pickAmountsOf(p: SettlementPart) {
  const {
    partNo: _n,
    category: _c,
    medicalType: _m,
    diseaseCode: _d,
    policyRuleId: _r,
    adjustmentIds: _a,
    pooledRatioBp: _p,
    accountBalanceAfterFen: _b,
    fundLines: _f,
    lines: _l,
    ...amounts
  } = p;
  return amounts;
}

export interface PostingOptions {
  readonly groupId: string;
  readonly situation: string;
  readonly medTypeCode: string;
  readonly midStay: boolean;
  /** Extra facts kept with the group's first row (e.g. what a recomputation replaced). */
  readonly note?: Readonly<Record<string, unknown>>;
  /** The peer that computed the group (it still knows the person-year it read). */
  readonly peer: InsuredRegionPeer;
}

/** Posts a computed group: one row per part with its funds, the lines settled, the insured side's movements. */
export async function postSettlementGroup(
  env: HisEnv,
  visit: Visit,
  result: SettlementResult,
  parts: readonly GroupPart[],
  options: PostingOptions,
): Promise<void> {
  const { groupId, situation, medTypeCode, midStay } = options;
  // Position among the visit's posted rows (under the person lock): orders cancellations (R-C3)
  // even when two settlements share a timestamp.
  const visitSeq = (await findSettlementsOfVisit(env.tx, visit.visitId)).length + 1;
  for (const [i, part] of parts.entries()) {
    const core = result.parts[i]!;
    const id = part.settlementId!;
    await insertSettlement(
      env.tx,
      {
        settlementId: id,
        groupId,
        visitId: visit.visitId,
        institutionCode: env.institution.code,
        psnNo: result.personNo,
        insuredRegionCode: visit.insuredRegionCode,
        treatmentRegionCode: visit.treatmentRegionCode,
        insuranceType: visit.insuranceType,
        medType: medTypeCode,
        category: part.category,
        diseaseCode: part.diseaseCode,
        situation,
        clearingType: part.clearingType,
        year: result.year,
        settledAt: env.now.dateTime,
        kind: 'settlement',
        reversesId: null,
        msgid: env.call.msgid,
        totalFen: part.totalFen,
        fullOwnPayFen: part.fullOwnPayFen,
        overLimitFen: part.overLimitFen,
        classBCopayFen: part.classBCopayFen,
        inScopeFen: part.inScopeFen,
        deductibleFen: part.deductiblePaidFen,
        fundPayFen: part.fundTotalFen,
        accountPayFen: part.accountFen,
        cashFen: part.cashFen,
        hospitalPartFen: part.hospitalBorneFen,
        accountBalanceAfterFen: core.accountBalanceAfterFen,
        // The whole core result rides on the first part (a reversal negates it); later parts point to it.
        result:
          i === 0
            ? { midStay, visitSeq, result, ...options.note }
            : { partOf: parts[0]!.settlementId, partNo: part.partNo },
      },
      core.fundLines.map((f) => ({
        settlementId: id,
        fundType: f.fundType,
        payFen: f.payFen,
        inScopeFen: f.inScopeFen,
        payableLimitFen: f.payableLimitFen,
      })),
    );
    await markFeeLinesSettled(
      env.tx,
      visit.visitId,
      core.lines.map((l) => l.lineNo),
      id,
    );
  }
  await options.peer.postBenefits(result, parts[0]!.settlementId!, env.now.dateTime);
  if (visit.kind === 'inpatient' && !midStay) {
    assertUpdated(
      await updateVisit(env.tx, visit.visitId, visit.rowVersion, { status: 'settled' }),
      visit.visitId,
    );
  }
}
