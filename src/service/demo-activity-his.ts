/**
 * The demo's HIS: sends each planned step through `handleHisMessage` — the same message transaction the
 * national interface uses (institution and sign-in checked, msgid claimed in the message log, the use
 * case rolled back on a business rejection, the answer stored) — with the clock set to the step's
 * simulated instant. Filings and chronic qualifications go through their own services. Nothing here
 * writes a table directly, so every invariant the use cases keep holds for the demo rows too.
 *
 * The stored answer of a demo message is this module's compact JSON ({infcode, output | err_msg}), not
 * the national envelope bytes: the national renderer lives at the edge, and no HIS will ever replay a
 * demo msgid.
 */
import type { Result } from '../core/errors.ts';
import { FilingType } from '../core/filing/index.ts';
import { type Fen, fen, QUANTITY_SCALE, quantity } from '../core/money/index.ts';
import { fileChronicByInstitution } from './chronic/index.ts';
import { hisDate, hisDateTime, type PlannedJourney, type PlannedVisit } from './demo-activity-plan.ts';
import { submitFilingOnline } from './filing/index.ts';
import { chinaTime } from './his/clock.ts';
import type { HisContext } from './his/context.ts';
import { type UploadedLine, uploadFeeLines } from './his/fee-lines.ts';
import { type HisCall, type HisUseCase, handleHisMessage } from './his/message.ts';
import { cancelSettlement, type SettlementGroup, settle } from './his/settlement.ts';
import { signIn } from './his/sign-in.ts';
import { admit, discharge, registerOutpatient, uploadVisit } from './his/visits.ts';
import { requestHash } from './idempotency.ts';

export interface DemoTally {
  visits: number;
  /** Settlement groups posted (a re-settlement after a cancellation counts again). */
  settlements: number;
  /** Cancellations (2208/2305): reversal groups posted. */
  reversals: number;
  /** Cross-region visits refused at settlement (not filed), left unsettled. */
  refused: number;
  filings: number;
  qualifications: number;
  /** Unexpected refusals: the plan asked for something the rules did not allow. */
  failures: string[];
}

export function emptyTally(): DemoTally {
  return { visits: 0, settlements: 0, reversals: 0, refused: 0, filings: 0, qualifications: 0, failures: [] };
}

const MINUTE_MS = 60_000;
const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE_MS);

interface Sender {
  readonly institutionCode: string;
  readonly regionCode: string;
  /** 参保地 as the HIS declares it: null for a local person (§1.1). */
  readonly insuredRegionCode: string | null;
}

/** The answer stored under a demo msgid. */
function renderAnswer(outcome: Result<unknown>): string {
  return JSON.stringify(
    outcome.ok
      ? { infcode: 0, output: outcome.value }
      : { infcode: -1, err_msg: `[${outcome.error.code}] ${outcome.error.message}` },
  );
}

export class DemoHis {
  readonly #ctx: HisContext;
  readonly #signNos = new Map<string, string>();
  readonly #regionOf: ReadonlyMap<string, string>;

  constructor(ctx: HisContext, institutionRegions: ReadonlyMap<string, string>) {
    this.#ctx = ctx;
    this.#regionOf = institutionRegions;
  }

  /**
   * One message at the simulated instant `at`. `summary` picks what the stored answer keeps of a
   * success; the full result is returned to the caller.
   */
  async #send<C, R>(
    at: Date,
    from: Sender,
    operation: string,
    msgSeq: number,
    useCase: HisUseCase<C, R>,
    command: C,
    summary: (r: R) => unknown,
  ): Promise<Result<R>> {
    const call: HisCall = {
      institutionCode: from.institutionCode,
      treatmentRegionCode: from.regionCode,
      insuredRegionCode: from.insuredRegionCode,
      signNo: this.#signNos.get(from.institutionCode) ?? null,
      // institution + yyyyMMddHHmmss + a 4-digit sequence, the shape HIS systems use.
      msgid: `${from.institutionCode}${chinaTime(at).compactMs.slice(0, 14)}${String(msgSeq % 10_000).padStart(4, '0')}`,
      operation,
      requestHash: requestHash({ operation, institution: from.institutionCode, from, command }),
      operatorNo: 'DEMO',
      operatorName: '演示操作员',
    };
    let last: Result<R> | undefined;
    await handleHisMessage(
      { ...this.#ctx, now: () => at },
      call,
      useCase,
      command,
      (outcome) => {
        last = outcome;
        return renderAnswer(outcome.ok ? { ok: true, value: summary(outcome.value) } : outcome);
      },
      { requireSignIn: operation !== '9001' },
    );
    if (last === undefined) throw new Error(`demo message ${call.msgid} was answered from the log`);
    return last;
  }

  /** 9001 for each institution, once, before any visit. */
  async signIn(institutionCode: string, at: Date, msgSeq: number): Promise<void> {
    const regionCode = this.#regionOf.get(institutionCode)!;
    const answer = await this.#send(
      at,
      { institutionCode, regionCode, insuredRegionCode: null },
      '9001',
      msgSeq,
      signIn,
      { operatorNo: 'DEMO', mac: '00-00-00-00-00-00', ip: '127.0.0.1' },
      (r) => ({ sign_no: r.signNo }),
    );
    if (!answer.ok) throw new Error(`demo sign-in of ${institutionCode} refused: ${answer.error.message}`);
    this.#signNos.set(institutionCode, answer.value.signNo);
  }

  /** The person's filing and qualification first, then the visits in time order. */
  async runJourney(journey: PlannedJourney, journeyNo: number, tally: DemoTally): Promise<void> {
    const { person } = journey;
    if (journey.filing !== null) {
      const filed = await submitFilingOnline(
        { ...this.#ctx, now: () => journey.filing!.at },
        { role: 'person', psnNo: person.psnNo },
        {
          type: FilingType.LongTermResident,
          target: { scope: 'city', regionCode: journey.filing.targetRegionCode },
          commitmentSigned: true,
        },
      );
      if (filed.ok && filed.value.decision === 'approved') tally.filings += 1;
      else tally.failures.push(`filing ${person.psnNo}: ${filed.ok ? 'queued' : filed.error.code}`);
    }
    if (journey.chronic !== null) {
      const { at, institutionCode, diseaseCode } = journey.chronic;
      const granted = await fileChronicByInstitution(
        { ...this.#ctx, now: () => at },
        {
          institutionCode,
          psnNo: person.psnNo,
          insuranceType: person.insuranceType,
          diseaseCode,
          insuredRegionCode: person.insuredRegionCode,
          assessingInstitutionCode: institutionCode,
          assessedOn: hisDate(at),
          doctorCode: 'DEMO01',
          doctorName: '演示医生',
          beginDate: hisDate(at),
          endDate: null,
          memo: '演示数据',
        },
      );
      if (granted.ok) tally.qualifications += 1;
      else tally.failures.push(`chronic ${person.psnNo}: ${granted.error.code}`);
    }
    for (const [i, visit] of journey.visits.entries()) {
      await this.#runVisit(journey, visit, (journeyNo * 4 + i) * 10, tally);
    }
  }

  async #runVisit(
    journey: PlannedJourney,
    visit: PlannedVisit,
    seq: number,
    tally: DemoTally,
  ): Promise<void> {
    const { person } = journey;
    const local = person.insuredRegionCode === visit.treatmentRegionCode;
    const from: Sender = {
      institutionCode: visit.institutionCode,
      regionCode: visit.treatmentRegionCode,
      insuredRegionCode: local ? null : person.insuredRegionCode,
    };
    const step = <C, R>(
      at: Date,
      op: string,
      n: number,
      uc: HisUseCase<C, R>,
      cmd: C,
      out: (r: R) => unknown,
    ) => this.#send(at, from, op, seq + n, uc, cmd, out);
    const failed = (op: string, e: { code: string; message: string }) => {
      tally.failures.push(`${op} ${person.psnNo} ${visit.treatmentRegionCode}: [${e.code}] ${e.message}`);
    };
    tally.visits += 1;
    const flags = { emergency: visit.emergency, referral: false, trauma: false };
    const diagnoses = [
      {
        diag_type: '1',
        diag_srt_no: 1,
        diag_code: visit.diagnosis.code,
        diag_name: visit.diagnosis.name,
        diag_time: hisDateTime(later(visit.start, 5)),
        vali_flag: '1',
      },
    ];
    const inpatient = visit.kind === 'inpatient';
    const hospitalVisitNo = `${inpatient ? 'ZY' : 'MZ'}${chinaTime(visit.start).compactMs.slice(2, 12)}${seq % 1000}`;
    const opened = inpatient
      ? await step(
          visit.start,
          '2401',
          0,
          admit,
          {
            psnNo: person.psnNo,
            insuranceType: person.insuranceType,
            beginTime: hisDateTime(visit.start),
            certificateType: '02',
            hospitalVisitNo,
            medTypeCode: visit.medTypeCode,
            flags,
            diseaseCode: visit.diseaseCode,
            diagnoses,
            details: { adm_diag_dscr: visit.diagnosis.name, adm_dept_name: '内科' },
          },
          (r) => ({ mdtrt_id: r.visitId }),
        )
      : await step(
          visit.start,
          '2201',
          0,
          registerOutpatient,
          {
            psnNo: person.psnNo,
            insuranceType: person.insuranceType,
            beginTime: hisDateTime(visit.start),
            certificateType: '02',
            hospitalVisitNo,
            medTypeCode: '11',
            flags,
            details: { dept_name: '门诊部', dr_name: '演示医生' },
          },
          (r) => ({ mdtrt_id: r.visitId }),
        );
    if (!opened.ok) return failed(inpatient ? '2401' : '2201', opened.error);
    const visitId = opened.value.visitId;

    if (!inpatient) {
      const uploaded = await step(
        later(visit.start, 2),
        '2203',
        1,
        uploadVisit,
        {
          visitId,
          psnNo: person.psnNo,
          medTypeCode: visit.medTypeCode,
          beginTime: hisDateTime(visit.start),
          diseaseCode: visit.diseaseCode,
          diagnoses,
          flags,
          details: { dise_name: visit.diagnosis.name },
        },
        () => ({}),
      );
      if (!uploaded.ok) return failed('2203', uploaded.error);
    }

    const batchNo = inpatient ? 'IPT' : `CB${String(seq).padStart(6, '0')}`;
    const lines: UploadedLine[] = visit.lines.map((l) => ({
      lineNo: l.lineNo,
      visitId,
      psnNo: person.psnNo,
      batchNo,
      itemCode: l.itemCode,
      institutionItemCode: `H-${l.itemCode}`,
      itemName: l.itemName,
      unitPriceFen: fen(l.unitPriceFen),
      quantity: quantity(l.units * QUANTITY_SCALE),
      amountFen: fen(l.unitPriceFen * l.units),
      ...(l.diseaseCode === null ? {} : { diseaseCode: l.diseaseCode }),
      prescriptionNo: null,
      prescription: null,
      feeTime: hisDateTime(l.feeAt),
    }));
    const totalFen = fen(lines.reduce((s, l) => s + l.amountFen, 0)) as Fen;
    const uploadAt = inpatient ? later(visit.end, -90) : later(visit.start, 12);
    const fees = await step(
      uploadAt,
      inpatient ? '2301' : '2204',
      2,
      uploadFeeLines,
      { kind: visit.kind, lines },
      (r) => ({ lines: r.length }),
    );
    if (!fees.ok) return failed(inpatient ? '2301' : '2204', fees.error);

    if (inpatient) {
      const discharged = await step(
        visit.end,
        '2402',
        3,
        discharge,
        {
          visitId,
          psnNo: person.psnNo,
          endTime: hisDateTime(visit.end),
          diseaseCode: null,
          diagnoses: [],
          details: {},
        },
        () => ({}),
      );
      if (!discharged.ok) return failed('2402', discharged.error);
    }

    const settleOp = inpatient ? '2304' : '2207';
    const settleAt = inpatient ? later(visit.end, 20) : later(visit.start, 15);
    const settleCommand = {
      kind: visit.kind,
      visitId,
      psnNo: person.psnNo,
      insuranceType: person.insuranceType,
      medTypeCode: inpatient ? null : visit.medTypeCode,
      totalFen,
      useAccount: visit.useAccount,
      batchNo: inpatient ? null : batchNo,
      midStay: false,
      flags,
    };
    const groupOut = (g: SettlementGroup) => ({ setl_id: g.groupId, situation: g.situation });
    const settled = await step(settleAt, settleOp, 4, settle, settleCommand, groupOut);
    if (!settled.ok) {
      if (visit.outcome === 'refused' && settled.error.code === 'CROSS_REGION_NOT_FILED') tally.refused += 1;
      else failed(settleOp, settled.error);
      return;
    }
    if (visit.outcome === 'refused') tally.failures.push(`${settleOp} ${person.psnNo}: expected a refusal`);
    tally.settlements += 1;
    if (visit.outcome === 'settle' || visit.outcome === 'refused') return;

    const cancelOp = inpatient ? '2305' : '2208';
    const cancelled = await step(
      later(settleAt, 25),
      cancelOp,
      5,
      cancelSettlement,
      { kind: visit.kind, groupId: settled.value.groupId!, visitId, psnNo: person.psnNo },
      groupOut,
    );
    if (!cancelled.ok) return failed(cancelOp, cancelled.error);
    tally.reversals += 1;
    if (visit.outcome !== 'cancel_resettle') return;
    const again = await step(later(settleAt, 35), settleOp, 6, settle, settleCommand, groupOut);
    if (!again.ok) return failed(settleOp, again.error);
    tally.settlements += 1;
  }
}
