/**
 * Qualification reads: the settlement service and the national interface (5301) ask whether a person is
 * qualified for a disease on a day; institutions and agencies query in real time by psn_no, ID card or
 * social-security card (R-S5). The tx-taking functions run inside the caller's transaction.
 */
import { chinaDateOf, type IsoDate, isIsoDate } from '../../core/calendar/index.ts';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import { isEffectiveOn } from '../../core/chronic/qualification.ts';
import type { Qualification } from '../../core/chronic/types.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { CertificateType } from '../../core/reference/codes.ts';
import { listChronicDiseases, resolveNationalCode } from '../../store/repositories/chronic-catalog.ts';
import { qualificationsOfPerson } from '../../store/repositories/chronic-qualifications.ts';
import type { Executor } from '../../store/repositories/executor.ts';
import type { AppContext } from '../context.ts';
import { type ChronicCaller, findPerson, outOfScope, personNotFound } from './support.ts';

/** A qualification as answered to settlement, 5301 and the REST query. */
export interface QualificationView extends Qualification {
  readonly diseaseName: string;
  readonly crossProvince: boolean;
  readonly effective: boolean;
}

/** Whether `psnNo` is qualified for the disease (national code, or the person's region's local code) on `onDate`. */
export async function isQualified(
  tx: Executor,
  psnNo: string,
  diseaseCode: string,
  onDate: IsoDate,
): Promise<boolean> {
  let code = diseaseCode;
  const person = await findPerson(tx, psnNo);
  if (person) code = (await resolveNationalCode(tx, person.regionCode, diseaseCode)) ?? diseaseCode;
  const rows = await tx
    .selectFrom('chronic_qualifications')
    .select(['status', 'start_date', 'end_date'])
    .where('psn_no', '=', psnNo)
    .where('disease_code', '=', code)
    .where('status', '!=', 'revoked')
    .where('start_date', '<=', onDate)
    .execute();
  return rows.some((r) =>
    isEffectiveOn(
      { status: r.status as Qualification['status'], startDate: r.start_date, endDate: r.end_date },
      onDate,
    ),
  );
}

async function describe(
  tx: Executor,
  list: readonly Qualification[],
  onDate: IsoDate,
): Promise<QualificationView[]> {
  const diseases = new Map((await listChronicDiseases(tx)).map((d) => [d.code, d]));
  return list.map((q) => ({
    ...q,
    diseaseName: diseases.get(q.diseaseCode)?.name ?? q.diseaseCode,
    crossProvince: diseases.get(q.diseaseCode)?.crossProvince ?? false,
    effective: isEffectiveOn(q, onDate),
  }));
}

/** The qualifications in force on `onDate` (for settlement's per-disease grouping and 5301). */
export async function qualificationsOf(
  tx: Executor,
  psnNo: string,
  onDate: IsoDate,
): Promise<QualificationView[]> {
  const all = await qualificationsOfPerson(tx, psnNo);
  return describe(
    tx,
    all.filter((q) => isEffectiveOn(q, onDate)),
    onDate,
  );
}

export interface QualificationQuery {
  readonly psnNo?: string;
  /** 02 ID card, 03 social-security card (01 e-credential tokens are resolved by 1101 first). */
  readonly certificateType?: string;
  readonly certificateNo?: string;
  readonly onDate?: IsoDate;
  /** Include ended and revoked history, not only what is in force. */
  readonly history?: boolean;
}

export interface QualificationAnswer {
  readonly psnNo: string;
  readonly name: string;
  readonly regionCode: string;
  readonly onDate: IsoDate;
  readonly qualifications: readonly QualificationView[];
}

async function psnNoOf(ctx: AppContext, q: QualificationQuery): Promise<Result<string>> {
  if (q.psnNo) return ok(q.psnNo);
  const no = q.certificateNo?.trim().toUpperCase() ?? '';
  if (!no) {
    return err(
      domainError('VALIDATION_FAILED', '请提供人员编号 psn_no，或证件类型 cert_type 与证件号码 cert_no。', {
        field: 'psn_no',
      }),
    );
  }
  const column =
    q.certificateType === CertificateType.IdCard
      ? 'certificate_no'
      : q.certificateType === CertificateType.SocialSecurityCard
        ? 'social_security_card_no'
        : undefined;
  if (!column) {
    return err(
      domainError(
        ChronicErrorCode.CertificateUnsupported,
        '按证件查询请使用证件类型 02（身份证）或 03（社会保障卡）；医保电子凭证（01）请先通过 1101 人员信息获取解析出人员编号。',
        { field: 'cert_type' },
      ),
    );
  }
  const row = await ctx.store.db
    .selectFrom('persons')
    .select('psn_no')
    .where(column, '=', no)
    .executeTakeFirst();
  return row ? ok(row.psn_no) : err(personNotFound(`（证件 ${q.certificateType}）`));
}

/** R-S5: real-time query by psn_no or certificate. */
export async function queryQualifications(
  ctx: AppContext,
  query: QualificationQuery,
  caller: ChronicCaller,
): Promise<Result<QualificationAnswer>> {
  const onDate = query.onDate ?? chinaDateOf(ctx.now().toISOString());
  if (!isIsoDate(onDate)) {
    return err(
      domainError(ChronicErrorCode.InvalidDate, `查询日期 ${onDate} 不是有效日期，请使用 YYYY-MM-DD 格式。`, {
        field: 'date',
      }),
    );
  }
  const psnNo = await psnNoOf(ctx, query);
  if (!psnNo.ok) return psnNo;
  const db = ctx.store.db;
  const person = await findPerson(db, psnNo.value);
  if (!person) return err(personNotFound(psnNo.value));
  const scope = outOfScope(caller, person.regionCode);
  if (scope) return err(scope);
  const list = query.history
    ? await describe(db, await qualificationsOfPerson(db, person.psnNo), onDate)
    : await qualificationsOf(db, person.psnNo, onDate);
  return ok({
    psnNo: person.psnNo,
    name: person.name,
    regionCode: person.regionCode,
    onDate,
    qualifications: list,
  });
}
