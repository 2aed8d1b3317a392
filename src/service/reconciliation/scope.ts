/** The common scope of both reconciliations: one institution, a date range, optional filters. */
import { parseDateRange } from '../../core/clearing/index.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import type { InstitutionScope } from '../../store/repositories/clearing-details.ts';

export interface ReconciliationScopeInput {
  readonly institutionCode: string;
  /** yyyy-MM-dd, inclusive (Beijing time). */
  readonly beginDate: string;
  /** yyyy-MM-dd, inclusive (Beijing time). */
  readonly endDate: string;
  /** 险种 insutype. */
  readonly insuranceType?: string | undefined;
  /** 清算类别 clr_type. */
  readonly clearingType?: string | undefined;
  /** 结算经办机构 setl_optins: the insured region whose agency settled the fund side. */
  readonly insuredRegionCode?: string | undefined;
  /** Whether the institution's figures include refunds (fixmedins_refd_setl_flag = 1). */
  readonly includesRefunds: boolean;
}

export function toScope(input: ReconciliationScopeInput): Result<InstitutionScope> {
  if (!/^\S{1,30}$/.test(input.institutionCode)) {
    return err(
      domainError(
        'RECONCILIATION_INSTITUTION_INVALID',
        '定点医药机构编号 institutionCode 不能为空且不超过 30 位。',
        {
          ruleId: 'R-S3',
          field: 'institutionCode',
        },
      ),
    );
  }
  const range = parseDateRange(input.beginDate, input.endDate);
  if (!range.ok) return range;
  return ok({
    institutionCode: input.institutionCode,
    startIso: range.value.startIso,
    endIso: range.value.endIso,
    insuranceType: input.insuranceType || undefined,
    clearingType: input.clearingType || undefined,
    insuredRegionCode: input.insuredRegionCode || undefined,
    includesRefunds: input.includesRefunds,
  });
}
