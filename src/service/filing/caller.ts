/**
 * Who is acting on a filing, as the edge established it (a person's session, a staff session scoped to
 * one region, or an institution signed in on the national interface). Services decide what each may do.
 */
import type { FilingActor, FilingChannel } from '../../core/filing/index.ts';
import type { AuditEntry } from '../audit.ts';

export type FilingCaller =
  | { readonly role: 'person'; readonly psnNo: string; readonly requestId?: string | null }
  | {
      readonly role: 'staff';
      readonly username: string;
      /** The staff member's region: they act only on filings of persons insured there. */
      readonly regionCode: string;
      readonly requestId?: string | null;
    }
  | { readonly role: 'institution'; readonly institutionCode: string; readonly requestId?: string | null };

export type PersonCaller = Extract<FilingCaller, { role: 'person' }>;
export type StaffCaller = Extract<FilingCaller, { role: 'staff' }>;
export type InstitutionCaller = Extract<FilingCaller, { role: 'institution' }>;

export function callerId(caller: FilingCaller): string {
  switch (caller.role) {
    case 'person':
      return caller.psnNo;
    case 'staff':
      return caller.username;
    case 'institution':
      return caller.institutionCode;
  }
}

/** The core's actor kind: staff act for the agency. */
export function actorKind(caller: FilingCaller): FilingActor {
  return caller.role === 'staff' ? 'agency' : caller.role;
}

export function auditRole(caller: FilingCaller): AuditEntry['role'] {
  return caller.role;
}

/** The channel a caller files through (R-F2). */
export function channelOf(caller: FilingCaller): FilingChannel {
  return caller.role === 'person' ? 'online' : caller.role === 'staff' ? 'window' : 'institution';
}
