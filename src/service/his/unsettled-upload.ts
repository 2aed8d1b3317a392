/**
 * 2210 未直接结算费用明细上传 (yibao extension, R-R3) at the treatment-side institution: the fee details
 * and diagnoses of a patient who paid themselves, run through `uploadUnsettledFeesInTx` inside the
 * message transaction, so the msgid claim and the upload commit together and a refusal is rolled back to
 * the handler's savepoint (then stored as the answer and replayed).
 *
 * The person was not settled through the platform, so there is no mdtrt_id: the visit is named by the
 * institution's own 住院/门诊号 (ipt_otp_no), once per visit. The person must exist, and the insurance
 * type and insured region the HIS states must agree with the register; the person's insured status and
 * the institution's cross-region networking are NOT checked — a self-paid bill is exactly what a
 * non-networked institution or a lapsed card produces, and the insured region decides the claim.
 */
import type { DomainError } from '../../core/errors.ts';
import { domainError, err, ok } from '../../core/errors.ts';
import type { Fen, Quantity } from '../../core/money/index.ts';
import { MedicalType } from '../../core/reference/codes.ts';
import type { CatalogItem } from '../../core/reference/types.ts';
import { findCatalogItems, findPerson } from '../../store/repositories/reference-reads.ts';
import type { UnsettledDiagnosis } from '../../store/repositories/unsettled-uploads.ts';

export type { UnsettledDiagnosis };

import {
  UnsettledErrorCode,
  type UnsettledUploadReceipt,
  uploadUnsettledFeesInTx,
} from '../unsettled-upload/index.ts';
import { hisErrors } from './errors.ts';
import { MEDICAL_TYPE_CATEGORY } from './medical-type.ts';
import type { HisUseCase } from './message.ts';

export interface UnsettledUploadLine {
  readonly lineNo: string;
  readonly itemCode: string;
  /** 医药机构目录编码 — kept for the HIS's own reconciliation only (not stored). */
  readonly institutionItemCode: string;
  readonly itemName?: string;
  readonly unitPriceFen: Fen;
  readonly quantity: Quantity;
  readonly amountFen: Fen;
  readonly diseaseCode?: string;
  /** 'yyyy-MM-dd HH:mm:ss', China time. */
  readonly feeTime: string;
}

export interface UnsettledUploadCommand {
  readonly psnNo: string;
  readonly insuranceType: string;
  /** 参保地医保区划 stated in mdtrtinfo (optional); the envelope's insuplc_admdvs is checked as well. */
  readonly insuredRegionCode: string | null;
  readonly hospitalVisitNo: string;
  readonly medTypeCode: string;
  /** 'yyyy-MM-dd HH:mm:ss', China time. */
  readonly beginTime: string;
  /** Discharge (inpatient) or end of the visit (outpatient), 'yyyy-MM-dd HH:mm:ss', China time. */
  readonly endTime: string;
  readonly emergency: boolean;
  readonly referral: boolean;
  readonly accident: boolean;
  /** Main diagnosis first. */
  readonly diagnoses: readonly UnsettledDiagnosis[];
  readonly lines: readonly UnsettledUploadLine[];
}

export interface UnsettledUploadAnswer {
  readonly receipt: UnsettledUploadReceipt;
  readonly psnNo: string;
  readonly hospitalVisitNo: string;
  /** Catalog kind (drug / consumable / service_item) of each uploaded item code, for med_chrgitm_type. */
  readonly kinds: ReadonlyMap<string, CatalogItem['kind']>;
}

const F = (field: string) => `«${field}»`;

/** 'yyyy-MM-dd HH:mm:ss' China time → ISO with the +08:00 offset the service expects. */
const iso = (chinaDateTime: string): string => `${chinaDateTime.replace(' ', 'T')}+08:00`;

/** The service's field names (`lines[2].feeTime`) → the national node paths (`feedetail[2].fee_ocur_time`). */
const LINE_FIELD: Readonly<Record<string, string>> = {
  lineNo: 'feedetl_sn',
  feeTime: 'fee_ocur_time',
  amountFen: 'det_item_fee_sumamt',
  unitPriceFen: 'pric',
  quantity: 'cnt',
  itemCode: 'med_list_codg',
};

function nationalPath(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const m = /^lines\[(\d+)\]\.(.+)$/.exec(field);
  if (m === null) return field;
  return `feedetail[${m[1]}].${LINE_FIELD[m[2]!] ?? m[2]}`;
}

/** Service errors name REST fields; say which national field each one is. */
function forHis(error: DomainError, command: UnsettledUploadCommand): DomainError {
  const field = nationalPath(error.field);
  const at = (message: string, f: string) =>
    domainError(error.code, message, { ...(error.ruleId ? { ruleId: error.ruleId } : {}), field: f });
  switch (error.code) {
    case UnsettledErrorCode.PersonNotFound:
      return at(
        `没有人员编号 ${F('personNo')} 为 “${command.psnNo}” 的参保人，请核对人员编号（可先调用 1101 查询）。`,
        'personNo',
      );
    case UnsettledErrorCode.AlreadyUploaded:
      return at(
        `${error.message}如需更正，请联系就医地医保经办机构（住院/门诊号 ${F('hospitalVisitNo')}）。`,
        'hospitalVisitNo',
      );
    case UnsettledErrorCode.LineDuplicate: {
      const index = Number(/^lines\[(\d+)\]/.exec(error.field ?? '')?.[1] ?? -1);
      return at(
        `费用明细流水号 ${F('lineNo')} “${command.lines[index]?.lineNo ?? ''}” 重复（input.${field}），同一次上传内每条明细的流水号须唯一。`,
        field ?? 'lineNo',
      );
    }
    case UnsettledErrorCode.TimeInvalid:
      return error.field === 'endTime'
        ? at(
            `结束时间 ${F('endTime')} “${command.endTime}” 早于开始时间 ${F('beginTime')} “${command.beginTime}”；出院（就诊结束）不能早于入院（就诊开始），请核对后重新上传。`,
            'endTime',
          )
        : at(`时间无效（字段 input.${field}），格式应为 yyyy-MM-dd HH:mm:ss。`, field ?? 'endTime');
    default:
      // Fee-split errors (FEE_LINE_*) already name the national fee-detail fields.
      return field === error.field ? error : { ...error, ...(field === undefined ? {} : { field }) };
  }
}

/** Each stated insured region (envelope insuplc_admdvs, mdtrtinfo insuplc_admdvs) must be the register's. */
function checkStatedRegions(
  stated: readonly (string | null)[],
  actual: string,
  treatmentRegionCode: string,
): DomainError | null {
  const given = stated.filter((s): s is string => s !== null);
  // Absent everywhere = local business (§1.1).
  for (const g of given.length === 0 ? [treatmentRegionCode] : given) {
    if (g !== actual) return hisErrors.insuredRegionMismatch(g, actual);
  }
  return null;
}

export const uploadUnsettled: HisUseCase<UnsettledUploadCommand, UnsettledUploadAnswer> = async (
  env,
  command,
) => {
  const person = await findPerson(env.tx, { by: 'psn_no', value: command.psnNo });
  if (person !== undefined) {
    if (person.insuranceType !== command.insuranceType) {
      return err(hisErrors.insuranceTypeMismatch(command.insuranceType, person.insuranceType));
    }
    const region = checkStatedRegions(
      [env.call.insuredRegionCode, command.insuredRegionCode],
      person.insuredRegionCode,
      env.call.treatmentRegionCode,
    );
    if (region !== null) return err(region);
  }
  // An unknown person is the upload service's answer (mapped below).
  const uploaded = await uploadUnsettledFeesInTx(
    env.tx,
    env.ctx,
    env.institution.code,
    {
      psnNo: command.psnNo,
      hospitalVisitNo: command.hospitalVisitNo,
      kind: MEDICAL_TYPE_CATEGORY[command.medTypeCode] === MedicalType.Inpatient ? 'inpatient' : 'outpatient',
      medType: command.medTypeCode,
      beginTime: iso(command.beginTime),
      endTime: iso(command.endTime),
      emergency: command.emergency,
      referral: command.referral,
      accident: command.accident,
      diagnoses: command.diagnoses,
      lines: command.lines.map((l) => ({
        lineNo: l.lineNo,
        itemCode: l.itemCode,
        ...(l.itemName === undefined ? {} : { itemName: l.itemName }),
        unitPriceFen: l.unitPriceFen,
        quantity: l.quantity,
        amountFen: l.amountFen,
        ...(l.diseaseCode === undefined ? {} : { diseaseCode: l.diseaseCode }),
        feeTime: iso(l.feeTime),
      })),
    },
    { actorId: env.institution.code, role: 'institution', requestId: env.call.msgid },
  );
  if (!uploaded.ok) return err(forHis(uploaded.error, command));
  const items = await findCatalogItems(
    env.tx,
    env.institution.regionCode,
    command.lines.map((l) => l.itemCode),
  );
  return ok({
    receipt: uploaded.value,
    psnNo: command.psnNo,
    hospitalVisitNo: command.hospitalVisitNo,
    kinds: new Map(items.map((i) => [i.code, i.kind])),
  });
};
