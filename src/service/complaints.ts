/**
 * 投诉台账 (R-P4) — a person files a complaint (optionally about one of their own services); the staff
 * of the person's insured region see it in their ledger, reply and close it. Every move is an
 * append-only event and an audit record; staff of another region cannot see or touch it.
 */
import { randomBytes } from 'node:crypto';
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import type { Tx } from '../store/transaction.ts';
import { appendAudit } from './audit.ts';
import './complaints-case-source.ts';
import type { AppContext } from './context.ts';
import { findOwnService, SERVICE_TYPE_NAMES, SERVICE_TYPES, type ServiceType } from './ratings.ts';
import { transact } from './transact.ts';

export type ComplaintStatus = 'open' | 'answered' | 'closed';
export const COMPLAINT_STATUS_NAMES: Readonly<Record<ComplaintStatus, string>> = {
  open: '待答复',
  answered: '已答复',
  closed: '已办结',
};

export const ComplaintErrorCode = {
  InvalidRequest: 'COMPLAINT_INVALID_REQUEST',
  SubjectNotFound: 'COMPLAINT_SUBJECT_NOT_FOUND',
  NotFound: 'COMPLAINT_NOT_FOUND',
  Closed: 'COMPLAINT_CLOSED',
  Conflict: 'COMPLAINT_CHANGED_MEANWHILE',
  PersonNotFound: 'COMPLAINT_PERSON_NOT_FOUND',
} as const;

function invalid(field: string, message: string): DomainError {
  return domainError(ComplaintErrorCode.InvalidRequest, message, { ruleId: 'R-P4', field });
}

export interface ComplaintRequest {
  readonly topic: string;
  readonly text: string;
  readonly subject?: { readonly type: string; readonly id: string };
}

export interface ComplaintEventView {
  readonly at: string;
  readonly event: 'filed' | 'replied' | 'closed';
  readonly actorRole: 'person' | 'staff';
  readonly actor: string;
  readonly text: string;
}

export interface ComplaintView {
  readonly complaintId: string;
  readonly psnNo: string;
  readonly personName: string;
  readonly insuredRegionCode: string;
  readonly topic: string;
  readonly subject: { type: ServiceType; typeName: string; id: string } | null;
  readonly text: string;
  readonly status: ComplaintStatus;
  readonly statusName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly events: readonly ComplaintEventView[];
}

export interface PersonCaller {
  readonly psnNo: string;
  readonly requestId?: string;
}

export interface StaffCaller {
  readonly username: string;
  readonly regionCode: string;
  readonly requestId?: string;
}

function checkRequest(req: ComplaintRequest): Result<{ topic: string; text: string }> {
  const topic = req.topic.trim();
  const text = req.text.trim();
  if (topic.length === 0 || topic.length > 60)
    return err(invalid('topic', '投诉主题须填写，且不超过 60 字。'));
  if (text.length === 0 || text.length > 2000)
    return err(invalid('text', '投诉内容须填写，且不超过 2000 字，请写明经过和诉求。'));
  if (req.subject && !(SERVICE_TYPES as readonly string[]).includes(req.subject.type))
    return err(
      invalid('subject.type', `业务类型“${req.subject.type}”无效，可选：${SERVICE_TYPES.join('、')}。`),
    );
  return ok({ topic, text });
}

/** A person files a complaint; it lands in the ledger of their insured region. */
export async function fileComplaint(
  ctx: AppContext,
  caller: PersonCaller,
  req: ComplaintRequest,
): Promise<Result<ComplaintView>> {
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const at = ctx.now().toISOString();
  const saved = await transact(ctx, async (tx) => {
    const person = await tx
      .selectFrom('persons')
      .select(['psn_no', 'insured_region_code'])
      .where('psn_no', '=', caller.psnNo)
      .executeTakeFirst();
    if (!person)
      return err(
        domainError(ComplaintErrorCode.PersonNotFound, '参保信息已不存在，请重新登录。', { ruleId: 'R-P4' }),
      );
    const subject = req.subject;
    if (subject) {
      const type = subject.type as ServiceType;
      const own = await findOwnService(tx, caller.psnNo, type, subject.id);
      if (!own)
        return err(
          domainError(
            ComplaintErrorCode.SubjectNotFound,
            `没有找到您本人编号为 ${subject.id} 的${SERVICE_TYPE_NAMES[type]}，请核对业务编号，或不填写关联业务。`,
            { ruleId: 'R-P4', field: 'subject.id' },
          ),
        );
    }
    const complaintId = `TS${at.slice(0, 10).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`;
    await tx
      .insertInto('complaints')
      .values({
        complaint_id: complaintId,
        psn_no: person.psn_no,
        insured_region_code: person.insured_region_code,
        topic: checked.value.topic,
        subject_type: subject?.type ?? null,
        subject_id: subject?.id ?? null,
        text: checked.value.text,
        status: 'open',
        created_at: at,
        updated_at: at,
        closed_at: null,
      })
      .execute();
    await tx
      .insertInto('complaint_events')
      .values({
        complaint_id: complaintId,
        psn_no: person.psn_no,
        insured_region_code: person.insured_region_code,
        at,
        event: 'filed',
        from_status: null,
        to_status: 'open',
        actor: caller.psnNo,
        actor_role: 'person',
        text: checked.value.text,
      })
      .execute();
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: caller.psnNo,
      role: 'person',
      action: 'complaint.file',
      subject: complaintId,
      requestId: caller.requestId ?? null,
      detail: { regionCode: person.insured_region_code, subject: subject ?? null },
    });
    return ok(complaintId);
  });
  if (!saved.ok) return saved;
  const [view] = await loadViews(ctx, { complaintId: saved.value });
  return ok(view!);
}

/** The person's own complaints with their replies, newest first. */
export async function myComplaints(ctx: AppContext, psnNo: string): Promise<ComplaintView[]> {
  return loadViews(ctx, { psnNo });
}

/** The region's complaint ledger, newest first; optionally one status only. */
export async function complaintLedger(
  ctx: AppContext,
  regionCode: string,
  status?: ComplaintStatus,
): Promise<{ items: ComplaintView[]; counts: Record<ComplaintStatus, number> }> {
  const all = await loadViews(ctx, { regionCode });
  const counts: Record<ComplaintStatus, number> = { open: 0, answered: 0, closed: 0 };
  for (const c of all) counts[c.status] += 1;
  return { items: status ? all.filter((c) => c.status === status) : all, counts };
}

async function loadViews(
  ctx: AppContext,
  by: { complaintId?: string; psnNo?: string; regionCode?: string },
): Promise<ComplaintView[]> {
  let q = ctx.store.db
    .selectFrom('complaints')
    .innerJoin('persons', 'persons.psn_no', 'complaints.psn_no')
    .selectAll('complaints')
    .select('persons.name as person_name');
  if (by.complaintId !== undefined) q = q.where('complaints.complaint_id', '=', by.complaintId);
  if (by.psnNo !== undefined) q = q.where('complaints.psn_no', '=', by.psnNo);
  if (by.regionCode !== undefined) q = q.where('complaints.insured_region_code', '=', by.regionCode);
  const rows = await q
    .orderBy('complaints.created_at', 'desc')
    .orderBy('complaints.complaint_id')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const events = await ctx.store.db
    .selectFrom('complaint_events')
    .selectAll()
    .where(
      'complaint_id',
      'in',
      rows.map((r) => r.complaint_id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const type = r.subject_type as ServiceType | null;
    return {
      complaintId: r.complaint_id,
      psnNo: r.psn_no,
      personName: r.person_name,
      insuredRegionCode: r.insured_region_code,
      topic: r.topic,
      subject: type && r.subject_id ? { type, typeName: SERVICE_TYPE_NAMES[type], id: r.subject_id } : null,
      text: r.text,
      status: r.status,
      statusName: COMPLAINT_STATUS_NAMES[r.status],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      closedAt: r.closed_at,
      events: events
        .filter((e) => e.complaint_id === r.complaint_id)
        .map((e) => ({ at: e.at, event: e.event, actorRole: e.actor_role, actor: e.actor, text: e.text })),
    };
  });
}

async function moveComplaint(
  ctx: AppContext,
  caller: StaffCaller,
  complaintId: string,
  move: { event: 'replied' | 'closed'; text: string },
): Promise<Result<ComplaintView>> {
  const at = ctx.now().toISOString();
  const saved = await transact(ctx, async (tx: Tx) => {
    const row = await tx
      .selectFrom('complaints')
      .select(['complaint_id', 'psn_no', 'insured_region_code', 'status', 'row_version'])
      .where('complaint_id', '=', complaintId)
      .executeTakeFirst();
    // Another region's complaint is answered exactly like a missing one: its existence is not told.
    if (!row || row.insured_region_code !== caller.regionCode)
      return err(
        domainError(
          ComplaintErrorCode.NotFound,
          `本统筹区的投诉台账中没有编号为 ${complaintId} 的投诉，请核对编号。`,
          { ruleId: 'R-P4', field: 'id' },
        ),
      );
    if (row.status === 'closed')
      return err(
        domainError(ComplaintErrorCode.Closed, `投诉 ${complaintId} 已办结，不能再答复或关闭。`, {
          ruleId: 'R-P4',
        }),
      );
    const to: ComplaintStatus = move.event === 'closed' ? 'closed' : 'answered';
    const updated = await tx
      .updateTable('complaints')
      .set({
        status: to,
        updated_at: at,
        closed_at: to === 'closed' ? at : null,
        row_version: Number(row.row_version) + 1,
      })
      .where('complaint_id', '=', complaintId)
      .where('row_version', '=', row.row_version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      return err(
        domainError(ComplaintErrorCode.Conflict, '该投诉刚被他人处理，请刷新后重试。', { ruleId: 'R-P4' }),
      );
    await tx
      .insertInto('complaint_events')
      .values({
        complaint_id: complaintId,
        psn_no: row.psn_no,
        insured_region_code: row.insured_region_code,
        at,
        event: move.event,
        from_status: row.status,
        to_status: to,
        actor: caller.username,
        actor_role: 'staff',
        text: move.text,
      })
      .execute();
    await appendAudit(tx, ctx.store.dialect, {
      at,
      actor: caller.username,
      role: 'staff',
      action: move.event === 'closed' ? 'complaint.close' : 'complaint.reply',
      subject: complaintId,
      requestId: caller.requestId ?? null,
      detail: { psnNo: row.psn_no, from: row.status, to },
    });
    return ok(complaintId);
  });
  if (!saved.ok) return saved;
  const [view] = await loadViews(ctx, { complaintId });
  return ok(view!);
}

/** Staff of the insured region answer a complaint (R-P4). */
export async function replyToComplaint(
  ctx: AppContext,
  caller: StaffCaller,
  complaintId: string,
  text: string,
): Promise<Result<ComplaintView>> {
  const t = text.trim();
  if (t.length === 0 || t.length > 2000) return err(invalid('text', '答复内容须填写，且不超过 2000 字。'));
  return moveComplaint(ctx, caller, complaintId, { event: 'replied', text: t });
}

/** Staff of the insured region close a complaint (办结), with an optional closing note. */
export async function closeComplaint(
  ctx: AppContext,
  caller: StaffCaller,
  complaintId: string,
  note = '',
): Promise<Result<ComplaintView>> {
  const t = note.trim();
  if (t.length > 2000) return err(invalid('note', '办结说明不能超过 2000 字。'));
  return moveComplaint(ctx, caller, complaintId, { event: 'closed', text: t || '已办结' });
}
