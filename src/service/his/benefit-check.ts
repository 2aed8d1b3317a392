/**
 * 人员待遇享受检查 (2001): before a visit, may this person settle here directly, and which funds pay?
 * Answers from the register, the cross-region situation (filings, emergency/referral flags) and the
 * insured region's policy version in force.
 */
import { ok } from '../../core/errors.ts';
import type { FundType } from '../../core/reference/codes.ts';
import { loadPolicy } from '../settlement/in-process-peer.ts';
import { situationOf } from '../settlement/situation.ts';
import { loadInsuredPerson } from './insured-person.ts';
import type { HisUseCase } from './message.ts';

export interface BenefitCheckCommand {
  readonly psnNo: string;
  readonly insuranceType: string;
  readonly medTypeCode: string;
  readonly beginTime: string;
  readonly endTime: string | null;
  readonly diseaseCode: string | null;
  readonly emergency: boolean;
  readonly referral: boolean;
}

export interface BenefitCheckRow {
  readonly fundType: FundType | string;
  readonly enjoys: boolean;
  readonly beginDate: string;
  readonly endDate: string | null;
  readonly resultZh: string;
}

export const checkBenefits: HisUseCase<
  BenefitCheckCommand,
  { psnNo: string; rows: BenefitCheckRow[] }
> = async (env, command) => {
  const person = await loadInsuredPerson(env, command.psnNo, command.insuranceType);
  if (!person.ok) return person;
  const p = person.value;
  const situation = await situationOf(
    env.tx,
    {
      psnNo: p.personNo,
      insuredRegionCode: p.insuredRegionCode,
      treatmentRegionCode: env.institution.regionCode,
      kind: command.medTypeCode.startsWith('2') ? 'inpatient' : 'outpatient',
      beginTime: command.beginTime,
      endTime: command.endTime,
      emergency: command.emergency,
      referral: command.referral,
      diagnoses: [],
      diseaseCode: command.diseaseCode,
    },
    command.beginTime.slice(0, 10),
  );
  const policy = await loadPolicy(
    env.tx,
    p.insuredRegionCode,
    p.insuranceType,
    `${command.beginTime.slice(0, 10)}T00:00:00+08:00`,
  );
  const pooled = p.insuranceType === '310' ? '310100' : '390100';
  const enjoys = situation.directSettlement && policy.ok;
  const why = !policy.ok
    ? policy.error.message
    : situation.directSettlement
      ? `可直接结算：${situation.reason}`
      : `不能直接结算：${situation.reason}${situation.guidance ? `。${situation.guidance}` : ''}`;
  const rows: BenefitCheckRow[] = [
    { fundType: pooled, enjoys, beginDate: command.beginTime.slice(0, 10), endDate: null, resultZh: why },
  ];
  if (p.insuranceType === '310') {
    rows.push({
      fundType: '310200',
      enjoys: p.accountBalanceFen > 0,
      beginDate: command.beginTime.slice(0, 10),
      endDate: null,
      resultZh: p.accountBalanceFen > 0 ? '个人账户有余额，可按规定支付个人负担部分' : '个人账户余额为零',
    });
  }
  return ok({ psnNo: p.personNo, rows });
};
