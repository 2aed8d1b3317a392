/**
 * 对明细账 (national 3202): the institution's list of settlements against the platform's, matched by
 * settlement id. Every difference is reported by settlement id: on the institution's list only, on the
 * platform only, or present on both with differing amounts or attributes. Nothing else is reported, so
 * an institution can act on each line (reverse with the platform's msgid, re-upload, or correct).
 */
import { type Fen, fen, formatYuan } from '../money/index.ts';

export interface DetailRecord {
  readonly settlementId: string;
  readonly visitId: string;
  readonly psnNo: string;
  readonly medicalTotalFen: Fen;
  readonly fundPayFen: Fen;
  readonly accountPayFen: Fen;
  /** 退费结算标志: this record is a refund (reversal). */
  readonly refund: boolean;
}

export interface PlatformDetailRecord extends DetailRecord {
  /** The settlement's message id (for 冲正 of a settlement the institution does not know about). */
  readonly msgid: string;
}

export type DetailDifferenceKind = 'missing_on_platform' | 'missing_at_institution' | 'mismatch';

export interface FieldDifference {
  readonly field: 'visitId' | 'psnNo' | 'medicalTotalFen' | 'fundPayFen' | 'accountPayFen' | 'refund';
  readonly institution: string | number | boolean;
  readonly platform: string | number | boolean;
}

export interface DetailDifference {
  readonly settlementId: string;
  readonly kind: DetailDifferenceKind;
  readonly fields: readonly FieldDifference[];
  readonly institution: DetailRecord | null;
  readonly platform: PlatformDetailRecord | null;
  /** 备注 — what differs and what to do, in Chinese. */
  readonly message: string;
}

export interface DetailReconciliation {
  readonly balanced: boolean;
  readonly institutionCount: number;
  readonly platformCount: number;
  readonly matchedCount: number;
  readonly differences: readonly DetailDifference[];
}

const LABELS: Record<FieldDifference['field'], string> = {
  visitId: '就诊ID',
  psnNo: '人员编号',
  medicalTotalFen: '医疗费总额',
  fundPayFen: '基金支付总额',
  accountPayFen: '个人账户支出',
  refund: '退费结算标志',
};

const COMPARED = ['visitId', 'psnNo', 'refund', 'medicalTotalFen', 'fundPayFen', 'accountPayFen'] as const;

function show(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return `${formatYuan(fen(value))}元`;
  return value;
}

function compareFields(inst: DetailRecord, plat: PlatformDetailRecord): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const field of COMPARED) {
    if (inst[field] !== plat[field]) out.push({ field, institution: inst[field], platform: plat[field] });
  }
  return out;
}

function byId(a: { settlementId: string }, b: { settlementId: string }): number {
  return a.settlementId < b.settlementId ? -1 : a.settlementId > b.settlementId ? 1 : 0;
}

/** The institution list must not repeat a settlement id; the caller rejects duplicates first. */
export function firstDuplicateId(records: readonly { settlementId: string }[]): string | null {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.settlementId)) return r.settlementId;
    seen.add(r.settlementId);
  }
  return null;
}

export function reconcileDetails(
  institution: readonly DetailRecord[],
  platform: readonly PlatformDetailRecord[],
): DetailReconciliation {
  const platformById = new Map(platform.map((p) => [p.settlementId, p]));
  const institutionIds = new Set<string>();
  const differences: DetailDifference[] = [];
  let matched = 0;
  for (const inst of institution) {
    institutionIds.add(inst.settlementId);
    const plat = platformById.get(inst.settlementId);
    if (!plat) {
      differences.push({
        settlementId: inst.settlementId,
        kind: 'missing_on_platform',
        fields: [],
        institution: inst,
        platform: null,
        message:
          '平台在对账范围内无此结算记录：请核实该笔结算是否成功，未成功的请按医保规定处理（不得向参保人重复收费）。',
      });
      continue;
    }
    const fields = compareFields(inst, plat);
    if (fields.length === 0) {
      matched++;
      continue;
    }
    differences.push({
      settlementId: inst.settlementId,
      kind: 'mismatch',
      fields,
      institution: inst,
      platform: plat,
      message: `信息不一致：${fields
        .map((f) => `${LABELS[f.field]}机构为${show(f.institution)}、平台为${show(f.platform)}`)
        .join('；')}。以平台记录为准更正机构数据。`,
    });
  }
  for (const plat of platform) {
    if (institutionIds.has(plat.settlementId)) continue;
    differences.push({
      settlementId: plat.settlementId,
      kind: 'missing_at_institution',
      fields: [],
      institution: null,
      platform: plat,
      message: `机构无此结算记录而平台已结算：如该笔结算未完成，请以原发送方报文ID ${plat.msgid} 发起冲正（2601）；否则请补录机构数据。`,
    });
  }
  differences.sort(byId);
  return {
    balanced: differences.length === 0,
    institutionCount: institution.length,
    platformCount: platform.length,
    matchedCount: matched,
    differences,
  };
}
