/**
 * Who is calling a case route (reimbursement claims, transfers): a person or an agency clerk, always
 * taken from the session — never from a parameter — so a person acts only on their own cases and staff
 * only in their own region.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../service/context.ts';
import type { CaseCaller } from '../service/reimbursement/index.ts';
import { findSession } from '../service/web-session.ts';
import { requireSession, sessionToken } from './web-session.ts';

export type PersonCaller = Extract<CaseCaller, { role: 'person' }>;
export type StaffCaller = Extract<CaseCaller, { role: 'staff' }>;

export async function personCaller(ctx: AppContext, request: FastifyRequest): Promise<PersonCaller> {
  const session = await requireSession(ctx, request, 'person');
  return { role: 'person', psnNo: session.subject, requestId: String(request.id) };
}

export async function staffCaller(ctx: AppContext, request: FastifyRequest): Promise<StaffCaller> {
  const session = await requireSession(ctx, request, 'staff');
  return {
    role: 'staff',
    username: session.subject,
    regionCode: session.regionCode,
    requestId: String(request.id),
  };
}

/** Routes both the person (online) and the window clerk use: a person's session first, then staff's. */
export async function personOrStaffCaller(ctx: AppContext, request: FastifyRequest): Promise<CaseCaller> {
  const asPerson = await findSession(ctx, 'person', sessionToken(request, 'person'));
  if (asPerson.ok) return { role: 'person', psnNo: asPerson.value.subject, requestId: String(request.id) };
  const asStaff = await findSession(ctx, 'staff', sessionToken(request, 'staff'));
  if (asStaff.ok) {
    const { subject, regionCode } = asStaff.value;
    return { role: 'staff', username: subject, regionCode, requestId: String(request.id) };
  }
  return personCaller(ctx, request);
}
