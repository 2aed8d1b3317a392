/**
 * R-C2 at the pharmacy counter: lines of a pharmacy purchase that would settle as chronic (a disease the
 * person is qualified for and the pharmacy serves) need a prescription from a designated MEDICAL
 * institution, kept on file with the line. What the line carried (rxno, rx_circ_flag, and the issuer and
 * date of its exp_content) becomes the core's prescription record; the core decides.
 *
 * - no rxno → CHRONIC_PRESCRIPTION_REQUIRED;
 * - rx_circ_flag = 0 (issued here): the pharmacy itself is the issuer → CHRONIC_PRESCRIPTION_ISSUER_INVALID;
 * - an issuer code that is not a designated institution of the platform, or is a pharmacy → _ISSUER_INVALID;
 * - an issue date after the purchase or more than 84 days before it → CHRONIC_PRESCRIPTION_EXPIRED;
 * - rxno with no issuer stated is accepted as recorded (the pharmacy keeps the paper on file).
 */
import { checkPharmacyPrescription, type PrescriptionRecord } from '../../core/chronic/pharmacy.ts';
import { err, ok, type Result } from '../../core/errors.ts';
import type { Institution } from '../../core/reference/types.ts';
import { CHRONIC_DISEASE_NAMES } from '../../core/settlement/index.ts';
import type { StoredFeeLine } from '../../store/repositories/fee-lines.ts';
import { findInstitution } from '../../store/repositories/reference-reads.ts';
import type { Tx } from '../../store/transaction.ts';
import { linePrescriptionOf } from '../his/fee-lines.ts';

export async function checkPharmacyPrescriptions(
  tx: Tx,
  pharmacy: Institution,
  lines: readonly StoredFeeLine[],
  qualifiedDiseases: readonly string[],
  onDate: string,
): Promise<Result<{ chronicLines: readonly { lineNo: string; prescriptionNo: string }[] }>> {
  const prescriptions = new Map<string, PrescriptionRecord>();
  const selfIssued = new Set<string>();
  for (const line of lines) {
    const rx = linePrescriptionOf(line);
    if (rx === null || prescriptions.has(rx.no)) continue;
    if (rx.circulated === false) {
      selfIssued.add(rx.no);
      prescriptions.set(rx.no, {
        prescriptionNo: rx.no,
        issuerInstitutionCode: pharmacy.code,
        issuerKind: pharmacy.kind,
        issuerDesignated: true,
        issuedOn: rx.issuedOn ?? onDate,
      });
    } else if (rx.issuerInstitutionCode !== null) {
      const issuer = await findInstitution(tx, rx.issuerInstitutionCode);
      prescriptions.set(rx.no, {
        prescriptionNo: rx.no,
        issuerInstitutionCode: rx.issuerInstitutionCode,
        issuerKind: issuer?.kind ?? 'unknown',
        issuerDesignated: issuer !== undefined,
        issuedOn: rx.issuedOn ?? onDate,
      });
    }
  }
  const checked = checkPharmacyPrescription({
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      diseaseCode: l.diseaseCode,
      prescriptionNo: linePrescriptionOf(l)?.no ?? null,
    })),
    qualifiedDiseases,
    onDate,
    prescriptions,
    diseaseName: (code) => CHRONIC_DISEASE_NAMES[code],
  });
  if (checked.ok) return ok(checked.value);
  const e = checked.error;
  const selfHint = [...selfIssued].some((no) => e.message.includes(`处方 ${no} `))
    ? '（该处方的外购处方标志为 0，即由本药店开具；药店不能开具处方，请按外购处方录入开方的定点医疗机构。）'
    : '';
  return err({ ...e, message: `${e.message}${selfHint}` });
}
