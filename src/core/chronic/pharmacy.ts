/**
 * R-C2 at the pharmacy counter: a chronic-disease purchase settled with the pooled fund at a designated
 * retail pharmacy needs a prescription from a designated MEDICAL institution, which the pharmacy keeps on
 * file (seed 003 §3.1). Pure: the settlement service calls it before settling a pharmacy visit and
 * refuses with the returned error; the prescription numbers are recorded on the fee lines.
 */
import { addDays, type IsoDate } from '../calendar/index.ts';
import { domainError, err, ok, type Result } from '../errors.ts';
import { ChronicErrorCode } from './errors.ts';

/** 长处方: a chronic prescription may cover up to 12 weeks, so it stays usable that long. */
export const PRESCRIPTION_VALID_DAYS = 84;

export interface PharmacyLine {
  readonly lineNo: string;
  readonly diseaseCode?: string | null;
  readonly prescriptionNo?: string | null;
}

/** What is known about a prescription (from an e-prescription platform or the pharmacy's record). */
export interface PrescriptionRecord {
  readonly prescriptionNo: string;
  readonly issuerInstitutionCode: string;
  /** hospital / internet_hospital are medical institutions; a pharmacy cannot issue one. */
  readonly issuerKind: string;
  /** The issuer is a designated (定点) institution. */
  readonly issuerDesignated: boolean;
  readonly issuedOn: IsoDate;
}

export interface PrescriptionCheckInput {
  readonly lines: readonly PharmacyLine[];
  /** National codes of the diseases the person is qualified for on the purchase day. */
  readonly qualifiedDiseases: readonly string[];
  readonly onDate: IsoDate;
  /** Known prescriptions by number; a number not found here is accepted as recorded (kept on file). */
  readonly prescriptions?: ReadonlyMap<string, PrescriptionRecord>;
  readonly diseaseName?: (code: string) => string | undefined;
}

export interface PrescriptionCheck {
  /** Line numbers that settle as chronic and the prescription each carries. */
  readonly chronicLines: readonly { readonly lineNo: string; readonly prescriptionNo: string }[];
}

const MEDICAL_KINDS: readonly string[] = ['hospital', 'internet_hospital'];

export function checkPharmacyPrescription(input: PrescriptionCheckInput): Result<PrescriptionCheck> {
  const chronicLines: { lineNo: string; prescriptionNo: string }[] = [];
  for (const [i, line] of input.lines.entries()) {
    const disease = line.diseaseCode ?? '';
    if (disease === '' || !input.qualifiedDiseases.includes(disease)) continue;
    const what = `第 ${line.lineNo} 条费用明细（病种 ${input.diseaseName?.(disease) ?? ''}${disease}）`;
    const no = line.prescriptionNo?.trim() ?? '';
    if (no === '') {
      return err(
        domainError(
          ChronicErrorCode.PrescriptionRequired,
          `药店按门诊慢特病结算须凭定点医疗机构开具的处方：${what}未填写处方号。请录入处方号并留存处方后重新结算；如无处方，可去掉病种编码按普通药店购药结算。`,
          { ruleId: 'R-C2', field: `lines[${i}].prescriptionNo` },
        ),
      );
    }
    const record = input.prescriptions?.get(no);
    if (record && (!MEDICAL_KINDS.includes(record.issuerKind) || !record.issuerDesignated)) {
      return err(
        domainError(
          ChronicErrorCode.PrescriptionIssuerInvalid,
          `${what}的处方 ${no} 由 ${record.issuerInstitutionCode} 开具，该机构不是定点医疗机构；门诊慢特病购药须凭定点医疗机构（含互联网医院）的处方。`,
          { ruleId: 'R-C2', field: `lines[${i}].prescriptionNo` },
        ),
      );
    }
    if (
      record &&
      (record.issuedOn > input.onDate || addDays(record.issuedOn, PRESCRIPTION_VALID_DAYS) < input.onDate)
    ) {
      return err(
        domainError(
          ChronicErrorCode.PrescriptionExpired,
          `${what}的处方 ${no} 开具于 ${record.issuedOn}，不在有效期内（${PRESCRIPTION_VALID_DAYS} 天）；请持新处方购药。`,
          { ruleId: 'R-C2', field: `lines[${i}].prescriptionNo` },
        ),
      );
    }
    chronicLines.push({ lineNo: line.lineNo, prescriptionNo: no });
  }
  return ok({ chronicLines });
}
