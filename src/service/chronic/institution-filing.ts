/**
 * 人员慢特病备案 by a designated institution (national 2503) and its cancellation (2504). The national
 * layer translates the envelope and calls these; the *InTx variants run inside its transaction (message
 * log and idempotency), the ctx variants open their own.
 */
import { chinaDateOf, type IsoDate, isIsoDate } from '../../core/calendar/index.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { QualificationSource } from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import type { DialectName } from '../../store/database.ts';
import { findChronicDisease, resolveNationalCode } from '../../store/repositories/chronic-catalog.ts';
import { closeQualification, findByFilingSerial } from '../../store/repositories/chronic-qualifications.ts';
import { inTransaction, type Tx } from '../../store/transaction.ts';
import { appendAudit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { grantQualification } from './grant.ts';
import { findPerson, newId, personNotFound } from './support.ts';

/** 2503 input in domain terms (national field in brackets). */
export interface InstitutionChronicFiling {
  readonly institutionCode: string; // fixmedins_code of the envelope (the caller)
  readonly psnNo: string; // psn_no
  readonly insuranceType: string; // insutype
  readonly diseaseCode: string; // opsp_dise_code (national or local)
  readonly insuredRegionCode: string; // insu_optins
  readonly assessingInstitutionCode: string; // ide_fixmedins_no
  readonly assessedOn: IsoDate; // hosp_ide_date
  readonly doctorCode: string; // diag_dr_codg
  readonly doctorName: string; // diag_dr_name
  readonly beginDate: IsoDate; // begndate
  readonly endDate?: IsoDate | null; // enddate
  readonly memo?: string; // memo
  readonly requestId?: string | null;
}

export interface InstitutionFilingReceipt {
  /** trt_dcla_detl_sn 待遇申报明细流水号 */
  readonly filingSerial: string;
  readonly qualificationId: string;
  readonly startDate: IsoDate;
}

function dateError(field: string, value: string) {
  return domainError(
    ChronicErrorCode.InvalidDate,
    `${field} 的值 ${value} 不是有效日期，请使用 yyyy-MM-dd 格式。`,
    { field },
  );
}

export async function fileChronicByInstitutionInTx(
  tx: Tx,
  dialect: DialectName,
  now: Date,
  input: InstitutionChronicFiling,
): Promise<Result<InstitutionFilingReceipt>> {
  for (const [field, value] of [
    ['begndate', input.beginDate],
    ['hosp_ide_date', input.assessedOn],
    ['enddate', input.endDate ?? ''],
  ] as const) {
    if (value !== '' && !isIsoDate(value)) return err(dateError(field, value));
  }
  if (input.endDate && input.endDate < input.beginDate) {
    return err(
      domainError(
        ChronicErrorCode.InvalidDate,
        `结束日期 ${input.endDate} 早于开始日期 ${input.beginDate}，请核对。`,
        { field: 'enddate' },
      ),
    );
  }
  const person = await findPerson(tx, input.psnNo);
  if (!person) return err(personNotFound(input.psnNo));
  if (person.regionCode !== input.insuredRegionCode) {
    return err(
      domainError(
        ChronicErrorCode.RegionMismatch,
        `参保机构医保区划 insu_optins=${input.insuredRegionCode} 与该参保人的参保地 ${person.regionCode} 不一致，请按 1101 返回的参保地填写。`,
        {
          field: 'insu_optins',
        },
      ),
    );
  }
  const code = await resolveNationalCode(tx, person.regionCode, input.diseaseCode);
  const disease = code ? await findChronicDisease(tx, code) : undefined;
  if (!disease) {
    return err(
      domainError(
        ChronicErrorCode.DiseaseUnknown,
        `门慢门特病种目录代码 ${input.diseaseCode} 不在病种目录中，请核对后重新备案。`,
        { field: 'opsp_dise_code' },
      ),
    );
  }
  const filingSerial = `CF${chinaDateOf(now.toISOString()).replaceAll('-', '')}${newId('').slice(0, 12)}`;
  const granted = await grantQualification(
    tx,
    dialect,
    {
      person: { ...person, insuranceType: input.insuranceType || person.insuranceType },
      diseaseCode: disease.code,
      diseaseName: disease.name,
      startDate: input.beginDate,
      endDate: input.endDate ?? null,
      source: QualificationSource.InstitutionFiling,
      sourceRef: filingSerial,
      filingSerial,
      filingInstitutionCode: input.institutionCode,
    },
    { id: input.institutionCode, role: 'institution', requestId: input.requestId ?? null },
    now,
  );
  if (!granted.ok) return granted;
  return ok({
    filingSerial,
    qualificationId: granted.value.qualification.qualificationId,
    startDate: input.beginDate,
  });
}

export async function fileChronicByInstitution(
  ctx: AppContext,
  input: InstitutionChronicFiling,
): Promise<Result<InstitutionFilingReceipt>> {
  return inTransaction(ctx.store.db, (tx) =>
    fileChronicByInstitutionInTx(tx, ctx.store.dialect, ctx.now(), input),
  );
}

/** 2504 input. */
export interface InstitutionFilingCancel {
  readonly institutionCode: string;
  readonly filingSerial: string; // trt_dcla_detl_sn
  readonly psnNo: string; // psn_no
  readonly reason: string; // memo (required: 撤销原因)
  readonly requestId?: string | null;
}

export async function cancelChronicFilingByInstitutionInTx(
  tx: Tx,
  dialect: DialectName,
  now: Date,
  input: InstitutionFilingCancel,
): Promise<Result<{ filingSerial: string; qualificationId: string }>> {
  if (input.reason.trim() === '') {
    return err(
      domainError(ChronicErrorCode.ReasonRequired, '撤销慢特病备案须在 memo 中填写撤销原因。', {
        field: 'memo',
      }),
    );
  }
  const q = await findByFilingSerial(tx, input.filingSerial);
  if (!q || q.psnNo !== input.psnNo || q.filingInstitutionCode !== input.institutionCode) {
    return err(
      domainError(
        ChronicErrorCode.FilingNotFound,
        `未找到本机构为人员 ${input.psnNo} 办理的慢特病备案（流水号 ${input.filingSerial}），请核对待遇申报明细流水号。`,
        {
          field: 'trt_dcla_detl_sn',
        },
      ),
    );
  }
  if (q.status !== 'active') {
    return err(
      domainError(
        ChronicErrorCode.InvalidTransition,
        `慢特病备案 ${input.filingSerial} 已撤销或已终止，无需再次撤销。`,
        { field: 'trt_dcla_detl_sn' },
      ),
    );
  }
  // A filing already used by a chronic settlement cannot vanish: the settlement would lose its basis.
  const used = await tx
    .selectFrom('settlements as s')
    .select('s.settlement_id')
    .where('s.psn_no', '=', q.psnNo)
    .where('s.disease_code', '=', q.diseaseCode)
    .where('s.category', '=', 'chronic_outpatient')
    .where('s.kind', '=', 'settlement')
    .where('s.settled_at', '>=', q.startDate)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('settlements as r')
            .select('r.settlement_id')
            .whereRef('r.reverses_id', '=', 's.settlement_id'),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  if (used) {
    return err(
      domainError(
        ChronicErrorCode.FilingInUse,
        `该慢特病备案已用于结算（结算 ID ${used.settlement_id}），不能撤销；如需撤销，请先按时间倒序撤销相关门诊慢特病结算。`,
        {
          ruleId: 'R-C3',
          field: 'trt_dcla_detl_sn',
        },
      ),
    );
  }
  const at = now.toISOString();
  await closeQualification(
    tx,
    q.qualificationId,
    { status: 'revoked', endDate: q.endDate, reason: input.reason.trim() },
    at,
  );
  await appendAudit(tx, dialect, {
    at,
    actor: input.institutionCode,
    role: 'institution',
    action: 'chronic.filing.cancel',
    subject: q.psnNo,
    requestId: input.requestId ?? null,
    detail: {
      filingSerial: input.filingSerial,
      qualificationId: q.qualificationId,
      reason: input.reason.trim(),
    },
  });
  return ok({ filingSerial: input.filingSerial, qualificationId: q.qualificationId });
}

export async function cancelChronicFilingByInstitution(
  ctx: AppContext,
  input: InstitutionFilingCancel,
): Promise<Result<{ filingSerial: string; qualificationId: string }>> {
  return inTransaction(ctx.store.db, (tx) =>
    cancelChronicFilingByInstitutionInTx(tx, ctx.store.dialect, ctx.now(), input),
  );
}
