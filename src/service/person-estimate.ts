/**
 * 费用预估 — before treatment, the person picks an institution and the items they expect, and sees what
 * the funds would pay and what they would pay, computed by the SAME settlement core as a real settlement
 * (就医地目录、参保地政策) on their current year-to-date accumulators. Nothing is written.
 *
 * The cross-region situation comes from the person's stored filings (the filing service's
 * situationForVisit, as for a real settlement); only when no filing covers the visit does the estimate
 * use the situation the person says they will be in ("if I file first"). 门慢特资格 (R-C1, R-C2) are read
 * as a real settlement reads them (chronicDiseasesOf: in force today, for diseases the institution
 * serves): a line the person marks with a qualified disease settles as that disease's part; any other
 * line settles as general outpatient.
 */
import { chinaDateOf } from '../core/calendar/index.ts';
import type { FeeLine } from '../core/catalog/index.ts';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { multiplyQuantity, parseQuantity, parseYuan } from '../core/money/index.ts';
import {
  type BenefitPolicy,
  CrossRegionSituation,
  selectPolicyVersion,
  validatePolicy,
} from '../core/policy/index.ts';
import { MedicalType } from '../core/reference/codes.ts';
import type { CatalogItem, Institution, Person } from '../core/reference/types.ts';
import { settle } from '../core/settlement/index.ts';
import { readAccumulators } from '../store/repositories/accumulators.ts';
import {
  findCatalogItems,
  findInstitution,
  findPerson,
  findPolicyDocuments,
} from '../store/repositories/reference-reads.ts';
import type { AppContext } from './context.ts';
import { situationForVisit } from './filing/index.ts';
import { chronicDiseasesOf } from './settlement/settle-visit.ts';
import { categoryText, explainSettlement, type SettlementExplanation } from './settlement-explanation.ts';

export interface EstimateRequest {
  readonly institutionCode: string;
  readonly medicalType: string;
  /** For a cross-province visit: the situation the person expects (filed long-term, referral, …). */
  readonly declaredSituation?: string;
  readonly useAccount?: boolean;
  readonly items: readonly {
    itemCode: string;
    unitPriceYuan: string;
    quantity: string;
    /** National chronic disease code (e.g. M03900) this item treats, as the HIS would mark the line. */
    diseaseCode?: string;
  }[];
}

export interface EstimateAnswer {
  readonly institutionName: string;
  readonly situation: string;
  readonly situationZh: string;
  /** Why this situation: the filing that covers the visit, or that the person chose it. */
  readonly situationReasonZh: string;
  readonly policyName: string;
  readonly parts: readonly { categoryZh: string }[];
  /** The person's 门慢特 qualifications in force today that this institution serves (R-C1). */
  readonly chronicDiseases: readonly string[];
  readonly explanation: SettlementExplanation;
  readonly noticeZh: string;
}

export const SITUATION_ZH: Readonly<Record<string, string>> = {
  local: '参保地本地就医',
  in_province_exempt: '省内异地临时就医（免备案）',
  in_province_filed: '省内异地已备案',
  cross_province_long_term: '跨省异地长期备案',
  referral: '跨省转诊转院',
  emergency: '异地急诊抢救',
  other_temporary: '跨省其他临时外出就医',
  unfiled: '跨省未备案',
};

const DECLARABLE: readonly string[] = [
  CrossRegionSituation.CrossProvinceLongTerm,
  CrossRegionSituation.Referral,
  CrossRegionSituation.Emergency,
  CrossRegionSituation.OtherTemporary,
  CrossRegionSituation.Unfiled,
];

const MEDICAL_TYPES: readonly string[] = Object.values(MedicalType);

function invalid(field: string, message: string) {
  return domainError('ESTIMATE_INPUT_INVALID', message, { field });
}

/** The situation from stored filings (R-F1…R-F8); a declared one only stands in for a missing filing. */
async function situationFor(
  ctx: AppContext,
  person: Person,
  institution: Institution,
  req: EstimateRequest,
  settledAt: string,
): Promise<{ situation: string; reasonZh: string }> {
  const derived = await situationForVisit(ctx.store.db, {
    psnNo: person.personNo,
    insuredRegionCode: person.insuredRegionCode,
    treatmentRegionCode: institution.regionCode,
    treatmentDate: settledAt,
    emergencyFlag: req.medicalType === MedicalType.Emergency,
    referralFlag: false,
  });
  if (derived.situation !== CrossRegionSituation.Unfiled)
    return { situation: derived.situation, reasonZh: derived.reason };
  const declared = req.declaredSituation;
  if (declared && DECLARABLE.includes(declared) && declared !== CrossRegionSituation.Unfiled) {
    return {
      situation: declared,
      reasonZh: '您目前没有覆盖该就医地的有效备案，按您选择的情形预估；请先办理备案。',
    };
  }
  return { situation: CrossRegionSituation.Unfiled, reasonZh: derived.reason };
}

async function policyFor(ctx: AppContext, person: Person, at: string): Promise<Result<BenefitPolicy>> {
  const docs = await findPolicyDocuments(ctx.store.db, person.insuredRegionCode, person.insuranceType);
  const versions: BenefitPolicy[] = [];
  for (const doc of docs) {
    const checked = validatePolicy(JSON.parse(doc.document) as unknown);
    if (checked.ok) versions.push(checked.value);
  }
  return selectPolicyVersion(versions, at);
}

function catalogLookup(items: readonly CatalogItem[], onDate: string) {
  return (code: string) => {
    const versions = items.filter((i) => i.code === code);
    return (
      versions.find((i) => i.validFrom <= onDate && (i.validTo === null || onDate <= i.validTo)) ??
      versions.sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]
    );
  };
}

function feeLinesOf(items: EstimateRequest['items']): Result<FeeLine[]> {
  if (items.length === 0) return err(invalid('items', '请至少添加一个预计发生的药品或诊疗项目。'));
  if (items.length > 50) return err(invalid('items', '一次最多预估 50 个项目，请分批预估。'));
  const lines: FeeLine[] = [];
  for (const [i, item] of items.entries()) {
    const price = parseYuan(item.unitPriceYuan, `items[${i}].unitPriceYuan`);
    if (!price.ok) return price;
    if (price.value < 0)
      return err(invalid(`items[${i}].unitPriceYuan`, '单价不能为负数，请填写预计的单价（元）。'));
    const qty = parseQuantity(item.quantity, `items[${i}].quantity`);
    if (!qty.ok) return qty;
    const amount = multiplyQuantity(price.value, qty.value);
    lines.push({
      lineNo: String(i + 1),
      itemCode: item.itemCode,
      unitPriceFen: price.value,
      quantity: qty.value,
      amountFen: amount,
      ...(item.diseaseCode ? { diseaseCode: item.diseaseCode } : {}),
    });
  }
  return ok(lines);
}

/** China local date-time 'YYYY-MM-DDTHH:mm:ss' of an instant (the core reads the year and date from it). */
function chinaLocalDateTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19);
}

export async function estimateCost(
  ctx: AppContext,
  psnNo: string,
  req: EstimateRequest,
): Promise<Result<EstimateAnswer>> {
  if (!MEDICAL_TYPES.includes(req.medicalType)) {
    return err(invalid('medicalType', '请选择就医类别：普通门诊、急诊、门诊慢特病、住院或药店购药。'));
  }
  const lines = feeLinesOf(req.items);
  if (!lines.ok) return lines;
  const db = ctx.store.db;
  const person = await findPerson(db, { by: 'psn_no', value: psnNo });
  if (!person) return err(domainError('PERSON_NOT_FOUND', '没有找到您的参保信息，请重新登录。'));
  const institution = await findInstitution(db, req.institutionCode);
  if (!institution)
    return err(invalid('institutionCode', `定点医药机构 ${req.institutionCode} 不存在，请重新选择。`));
  const settledAt = chinaLocalDateTime(ctx.now());
  const onDate = chinaDateOf(ctx.now().toISOString());
  const policy = await policyFor(ctx, person, settledAt);
  if (!policy.ok) return policy;
  const catalog = await findCatalogItems(
    db,
    institution.regionCode,
    lines.value.map((l) => l.itemCode),
  );
  const year = Number(settledAt.slice(0, 4));
  const accumulators = Object.fromEntries(
    (await readAccumulators(db, psnNo, year)).map((a) => [a.key, a.value]),
  );
  const { situation, reasonZh } = await situationFor(ctx, person, institution, req, settledAt);
  const chronicDiseases = await chronicDiseasesOf(db, institution, psnNo, onDate);
  const result = settle({
    settlementId: 'ESTIMATE',
    settledAt,
    person,
    institution,
    medicalType: req.medicalType as MedicalType,
    situation: situation as CrossRegionSituation,
    chronicDiseases,
    feeLines: lines.value,
    catalog: catalogLookup(catalog, onDate),
    policy: policy.value,
    accumulators,
    useAccount: req.useAccount ?? true,
  });
  if (!result.ok) return result;
  const r = result.value;
  const t = r.totals;
  const funds = new Map<string, number>();
  for (const part of r.parts)
    for (const f of part.fundLines) funds.set(f.fundType, (funds.get(f.fundType) ?? 0) + f.payFen);
  return ok({
    institutionName: institution.name,
    situation,
    situationZh: SITUATION_ZH[situation] ?? situation,
    situationReasonZh: reasonZh,
    policyName: policy.value.nameZh,
    parts: r.parts.map((p) => ({ categoryZh: categoryText(p.category, p.diseaseCode) })),
    chronicDiseases,
    explanation: explainSettlement(
      {
        totalFen: t.totalFen,
        fullOwnPayFen: t.fullOwnPayFen,
        overLimitFen: t.overLimitFen,
        classBCopayFen: t.classBCopayFen,
        inScopeFen: t.inScopeFen,
        deductibleFen: t.deductiblePaidFen,
        fundPayFen: t.fundTotalFen,
        accountPayFen: t.accountFen,
        cashFen: t.cashFen,
      },
      r,
      [...funds].map(([fundType, payFen]) => ({ fundType, payFen })),
    ),
    noticeZh: '预估按您当前的年度累计和参保地现行政策计算，实际以就医结算为准。',
  });
}
