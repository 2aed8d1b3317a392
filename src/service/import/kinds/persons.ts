/**
 * 参保人 — insured persons. Natural key: psnNo. Certificate numbers and social-security card numbers are
 * unique too (one person, one identity), checked within the file and against the stored persons.
 * An ID-card number (certificate type 01) must pass the GB 11643 checksum and agree with birth date and gender.
 */
import type { Insertable } from 'kysely';
import {
  personsByCertificateNo,
  personsBySocialSecurityCardNo,
  upsertPersons,
} from '../../../store/repositories/reference-writer.ts';
import type { DB } from '../../../store/schema.ts';
import { readIdCard } from '../id-card.ts';
import type { IssueList, RowIssue } from '../issues.ts';
import { checkNonNegativeYuan } from '../row-checks.ts';
import type { PersonRow } from '../schemas.ts';
import type { KindSpec } from './kind-spec.ts';

type Rec = Insertable<DB['persons']>;

const ID_CARD = '01';

function checkIdCard(row: PersonRow, issue: RowIssue): boolean {
  const read = readIdCard(row.certificateNo);
  if (!read.ok) {
    const why = {
      format: '应为 18 位：17 位数字加 1 位校验码（数字或大写 X）',
      birth_date: '其中的出生日期（第 7–14 位）不是有效日期',
      checksum: '校验码（最后一位）不正确，请核对号码是否录错',
    }[read.fault];
    issue('certificateNo', `证件号码（certificateNo）不是有效的居民身份证号码：${why}`);
    return false;
  }
  let ok = true;
  if (read.facts.birthDate !== row.birthDate) {
    issue(
      'birthDate',
      `出生日期（birthDate）${row.birthDate} 与身份证号码中的出生日期 ${read.facts.birthDate} 不一致`,
    );
    ok = false;
  }
  if ((row.gender === '1' || row.gender === '2') && row.gender !== read.facts.gender) {
    issue(
      'gender',
      `性别（gender）与身份证号码不一致：号码第 17 位表示${read.facts.gender === '1' ? '男（1）' : '女（2）'}`,
    );
    ok = false;
  }
  return ok;
}

function checkResident(row: PersonRow, balanceFen: number, issue: RowIssue): boolean {
  if (row.insuranceType !== '390') return true;
  let ok = true;
  if (balanceFen !== 0) {
    issue('accountBalance', '个人账户余额（accountBalance）：城乡居民医保（390）不设个人账户，请填 0');
    ok = false;
  }
  if (row.civilServant) {
    issue('civilServant', '公务员医疗补助（civilServant）只适用于职工医保（310），居民医保请填 false');
    ok = false;
  }
  return ok;
}

/** A secondary key used twice in one file. */
function checkUniqueInFile(
  values: readonly (string | null | undefined)[],
  rows: readonly number[],
  field: string,
  label: string,
  issues: IssueList,
): void {
  const firstRow = new Map<string, number>();
  values.forEach((value, i) => {
    if (value == null) return;
    const seen = firstRow.get(value);
    if (seen === undefined) firstRow.set(value, rows[i]!);
    else issues.add(rows[i]!, field, `${label}与本文件第 ${seen} 行重复，一个号码只能属于一位参保人`);
  });
}

function checkAgainstStored(
  values: readonly (string | null | undefined)[],
  psnNos: readonly string[],
  stored: Map<string, string>,
  rows: readonly number[],
  field: string,
  label: string,
  issues: IssueList,
): void {
  values.forEach((value, i) => {
    if (value == null) return;
    const owner = stored.get(value);
    if (owner !== undefined && owner !== psnNos[i]) {
      issues.add(
        rows[i]!,
        field,
        `${label}已属于已导入的参保人（人员编号 ${owner}），一个号码只能属于一位参保人`,
      );
    }
  });
}

export const personsKind: KindSpec<Rec> = {
  kind: 'persons',
  title: '参保人',
  csv: true,
  keyField: 'psnNo',
  toRecord(value, issue) {
    const row = value as PersonRow;
    let ok = row.certificateType === ID_CARD ? checkIdCard(row, issue) : true;
    const balance = checkNonNegativeYuan(
      row.accountBalance,
      'accountBalance',
      '个人账户余额（accountBalance）',
      issue,
    );
    if (balance === undefined) return undefined;
    ok = checkResident(row, balance, issue) && ok;
    if (!ok) return undefined;
    return {
      psn_no: row.psnNo,
      name: row.name,
      certificate_type: row.certificateType,
      certificate_no: row.certificateNo,
      social_security_card_no: row.socialSecurityCardNo ?? null,
      phone: row.phone ?? null,
      gender: row.gender,
      birth_date: row.birthDate,
      insured_region_code: row.insuredRegionCode,
      insurance_type: row.insuranceType,
      employment: row.employment,
      civil_servant: row.civilServant ? 1 : 0,
      assistance_category: row.assistanceCategory,
      status: row.status,
      account_balance_fen: balance,
    };
  },
  naturalKey: (r) => r.psn_no,
  describeKey: (r) => `人员编号 ${r.psn_no}`,
  regionRefs: (r) => [{ field: 'insuredRegionCode', code: r.insured_region_code }],
  fileChecks(records, rows, issues) {
    checkUniqueInFile(
      records.map((r) => r.certificate_no),
      rows,
      'certificateNo',
      '证件号码（certificateNo）',
      issues,
    );
    checkUniqueInFile(
      records.map((r) => r.social_security_card_no),
      rows,
      'socialSecurityCardNo',
      '社会保障卡号（socialSecurityCardNo）',
      issues,
    );
  },
  async storeChecks(tx, records, rows, issues) {
    const psnNos = records.map((r) => r.psn_no);
    const certificateNos = records.map((r) => r.certificate_no);
    const cardNos = records.map((r) => r.social_security_card_no);
    const byCertificate = await personsByCertificateNo(tx, certificateNos);
    checkAgainstStored(
      certificateNos,
      psnNos,
      byCertificate,
      rows,
      'certificateNo',
      '证件号码（certificateNo）',
      issues,
    );
    const byCard = await personsBySocialSecurityCardNo(
      tx,
      cardNos.filter((c): c is string => c != null),
    );
    checkAgainstStored(
      cardNos,
      psnNos,
      byCard,
      rows,
      'socialSecurityCardNo',
      '社会保障卡号（socialSecurityCardNo）',
      issues,
    );
  },
  write: (tx, records) => upsertPersons(tx, records),
};
