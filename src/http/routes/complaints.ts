/**
 * 投诉与好差评 (R-P4) — persons file complaints and rate their own finished services; staff of the
 * person's insured region keep the ledger (reply, close) and read the rating summary. The caller is
 * always the session's: the person's psn_no, the staff member's username and region.
 */
import type { FastifyInstance } from 'fastify';
import type { DomainError } from '../../core/errors.ts';
import {
  ComplaintErrorCode,
  type ComplaintStatus,
  closeComplaint,
  complaintLedger,
  fileComplaint,
  myComplaints,
  replyToComplaint,
} from '../../service/complaints.ts';
import type { AppContext } from '../../service/context.ts';
import {
  myRatings,
  RatingErrorCode,
  rateService,
  ratingSummary,
  SERVICE_TYPES,
} from '../../service/ratings.ts';
import { fail } from '../errors.ts';
import { requireSession } from '../web-session.ts';

const STATUS: Readonly<Record<string, number>> = {
  [ComplaintErrorCode.InvalidRequest]: 400,
  [ComplaintErrorCode.SubjectNotFound]: 404,
  [ComplaintErrorCode.NotFound]: 404,
  [ComplaintErrorCode.Closed]: 409,
  [ComplaintErrorCode.Conflict]: 409,
  [ComplaintErrorCode.PersonNotFound]: 401,
  [RatingErrorCode.InvalidRequest]: 400,
  [RatingErrorCode.ServiceNotFound]: 404,
  [RatingErrorCode.ServiceNotFinished]: 409,
  [RatingErrorCode.AlreadyRated]: 409,
  [RatingErrorCode.PersonNotFound]: 401,
};

function refuse(error: DomainError): never {
  fail(STATUS[error.code] ?? 422, error);
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const textBody = (field: 'text' | 'note', required: boolean) =>
  ({
    type: 'object',
    additionalProperties: false,
    ...(required ? { required: [field] } : {}),
    properties: { [field]: { type: 'string', maxLength: 2000 } },
  }) as const;

interface ComplaintBody {
  topic: string;
  text: string;
  subject?: { type: string; id: string };
}

interface RatingBody {
  serviceType: string;
  serviceId: string;
  score: number;
  comment?: string;
}

export function registerComplaintRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    scope.post<{ Body: ComplaintBody }>(
      '/api/complaints',
      {
        schema: {
          tags: ['person'],
          summary: '提交投诉（进入参保地投诉台账）',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['topic', 'text'],
            properties: {
              topic: { type: 'string', maxLength: 60 },
              text: { type: 'string', maxLength: 2000 },
              subject: {
                type: 'object',
                additionalProperties: false,
                required: ['type', 'id'],
                properties: {
                  type: { type: 'string', enum: [...SERVICE_TYPES] },
                  id: { type: 'string', minLength: 1, maxLength: 64 },
                },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const session = await requireSession(ctx, request, 'person');
        const filed = await fileComplaint(
          ctx,
          { psnNo: session.subject, requestId: request.id },
          request.body,
        );
        if (!filed.ok) refuse(filed.error);
        return reply.code(201).send(filed.value);
      },
    );

    scope.get(
      '/api/complaints/mine',
      { schema: { tags: ['person'], summary: '我的投诉及答复' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        return { items: await myComplaints(ctx, session.subject) };
      },
    );

    scope.post<{ Body: RatingBody }>(
      '/api/ratings',
      {
        schema: {
          tags: ['person'],
          summary: '评价本人已办结的业务（好差评：4–5 好评，3 中评，1–2 差评）',
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['serviceType', 'serviceId', 'score'],
            properties: {
              serviceType: { type: 'string', enum: [...SERVICE_TYPES] },
              serviceId: { type: 'string', minLength: 1, maxLength: 64 },
              score: { type: 'integer', minimum: 1, maximum: 5 },
              comment: { type: 'string', maxLength: 500 },
            },
          },
        },
      },
      async (request, reply) => {
        const session = await requireSession(ctx, request, 'person');
        const rated = await rateService(ctx, { psnNo: session.subject, requestId: request.id }, request.body);
        if (!rated.ok) refuse(rated.error);
        return reply.code(201).send(rated.value);
      },
    );

    scope.get(
      '/api/ratings/mine',
      { schema: { tags: ['person'], summary: '我的评价，以及可评价的已办结业务' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'person');
        return myRatings(ctx, session.subject);
      },
    );

    scope.get<{ Querystring: { status?: ComplaintStatus } }>(
      '/api/agency/complaints',
      {
        schema: {
          tags: ['agency'],
          summary: '本统筹区投诉台账',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { status: { type: 'string', enum: ['open', 'answered', 'closed'] } },
          },
        },
      },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        return complaintLedger(ctx, session.regionCode, request.query.status);
      },
    );

    scope.post<{ Params: { id: string }; Body: { text: string } }>(
      '/api/agency/complaints/:id/reply',
      { schema: { tags: ['agency'], summary: '答复投诉', params: idParams, body: textBody('text', true) } },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        const caller = { username: session.subject, regionCode: session.regionCode, requestId: request.id };
        const done = await replyToComplaint(ctx, caller, request.params.id, request.body.text);
        if (!done.ok) refuse(done.error);
        return done.value;
      },
    );

    scope.post<{ Params: { id: string }; Body: { note?: string } | undefined }>(
      '/api/agency/complaints/:id/close',
      { schema: { tags: ['agency'], summary: '办结投诉', params: idParams, body: textBody('note', false) } },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        const caller = { username: session.subject, regionCode: session.regionCode, requestId: request.id };
        const done = await closeComplaint(ctx, caller, request.params.id, request.body?.note ?? '');
        if (!done.ok) refuse(done.error);
        return done.value;
      },
    );

    scope.get(
      '/api/agency/ratings/summary',
      { schema: { tags: ['agency'], summary: '本统筹区好差评汇总（数量、平均分、差评占比）' } },
      async (request) => {
        const session = await requireSession(ctx, request, 'staff');
        return ratingSummary(ctx, session.regionCode);
      },
    );
  });
}
