/** Shared by the chronic use cases: ids, the caller and its region scope, dialect of a transaction, persons. */
import { randomUUID } from 'node:crypto';
import { PostgresAdapter } from 'kysely';
import { ChronicErrorCode } from '../../core/chronic/errors.ts';
import type { ChronicActor } from '../../core/chronic/types.ts';
import { type DomainError, domainError } from '../../core/errors.ts';
import type { DialectName } from '../../store/database.ts';
import type { Executor } from '../../store/repositories/executor.ts';

/** Who calls: staff are limited to their region's people and cases; admin and system see all. */
export interface ChronicCaller extends ChronicActor {
  /** Set for staff (the session's region) and for persons (their insured region). */
  readonly regionCode?: string;
  readonly requestId?: string | null;
}

export const SYSTEM_CALLER: ChronicCaller = { id: 'system', role: 'system' };

export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24).toUpperCase()}`;
}

/** The dialect of an open transaction, for callers (relation transfer) that hand us only a transaction. */
export function dialectOf(db: Executor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface PersonFacts {
  readonly psnNo: string;
  readonly name: string;
  readonly phone: string | null;
  readonly regionCode: string;
  readonly insuranceType: string;
  readonly status: string;
}

export async function findPerson(db: Executor, psnNo: string): Promise<PersonFacts | undefined> {
  const row = await db
    .selectFrom('persons')
    .select(['psn_no', 'name', 'phone', 'insured_region_code', 'insurance_type', 'status'])
    .where('psn_no', '=', psnNo)
    .executeTakeFirst();
  return (
    row && {
      psnNo: row.psn_no,
      name: row.name,
      phone: row.phone,
      regionCode: row.insured_region_code,
      insuranceType: row.insurance_type,
      status: row.status,
    }
  );
}

export function personNotFound(psnNo: string): DomainError {
  return domainError(
    ChronicErrorCode.PersonNotFound,
    `未找到人员编号为 ${psnNo} 的参保人，请核对人员编号或证件号码。`,
    {
      field: 'psnNo',
    },
  );
}

/** A staff member acting outside their region is told so plainly (DOMAIN: agencies see their own region only). */
export function outOfScope(caller: ChronicCaller, regionCode: string): DomainError | null {
  if (caller.role === 'admin' || caller.role === 'system' || caller.role === 'institution') return null;
  if (caller.regionCode === regionCode) return null;
  return domainError(
    ChronicErrorCode.RegionMismatch,
    `该参保人（或案件）属于统筹区 ${regionCode}，不在您的经办范围（${caller.regionCode ?? '未知'}）内，请转参保地经办机构办理。`,
    { field: 'regionCode' },
  );
}
