/**
 * Who acts on a manual claim or a relation transfer, as the edge established it: a person's session
 * (their own cases only) or a staff session scoped to one region. Never a request parameter.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../audit.ts';

export type CaseCaller =
  | { readonly role: 'person'; readonly psnNo: string; readonly requestId?: string | null }
  | {
      readonly role: 'staff';
      readonly username: string;
      readonly regionCode: string;
      readonly requestId?: string | null;
    };

export type CaseActor =
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'agency'; readonly id: string; readonly regionCode: string };

/** The core's actor: staff act for their region's agency. */
export function actorOf(caller: CaseCaller): CaseActor {
  return caller.role === 'person'
    ? { kind: 'person', id: caller.psnNo }
    : { kind: 'agency', id: caller.username, regionCode: caller.regionCode };
}

export function callerId(caller: CaseCaller): string {
  return caller.role === 'person' ? caller.psnNo : caller.username;
}

export function auditRole(caller: CaseCaller): AuditEntry['role'] {
  return caller.role;
}

/** Case ids: a prefix, the China date, and randomness (ids are arguments of the core, made here). */
export function newCaseId(prefix: string, now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${prefix}${day}${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
}

/** 姓名脱敏 for queues: the surname stays, the rest is starred (张** / 欧阳*). */
export function maskPersonName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}
