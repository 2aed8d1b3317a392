/**
 * 医保关系转移接续 REST API (R-T1): the person applies online and follows progress; either end's window
 * applies for the person; the outgoing agency confirms, the incoming agency accepts (which completes the
 * transfer), either may refuse with a reason. No certificate or contact letter field exists to demand.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import {
  acceptTransferIn,
  applyTransfer,
  confirmTransferOut,
  myTransfers,
  regionTransferQueue,
  rejectTransfer,
  transferProgressOf,
  withdrawTransfer,
} from '../../service/transfer/index.ts';
import { personCaller, personOrStaffCaller, staffCaller } from '../case-callers.ts';
import { errorBody, errors } from '../error-schemas.ts';
import { unwrapperFor } from '../errors.ts';

const STATUS: Readonly<Record<string, number>> = {
  TRANSFER_NOT_FOUND: 404,
  TRANSFER_PERSON_NOT_FOUND: 404,
  TRANSFER_OTHER_REGION: 403,
  TRANSFER_WRONG_SIDE: 403,
  TRANSFER_INVALID_TRANSITION: 409,
  TRANSFER_ALREADY_OPEN: 409,
  TRANSFER_CONCURRENT_UPDATE: 409,
  TRANSFER_RELATION_CHANGED: 409,
};

const unwrap = unwrapperFor(STATUS, 422);

const id = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['id'],
} as const;
const open = (description: string) => ({ type: 'object', description, additionalProperties: true }) as const;
const transferView = open('关系转移：状态、转出地/转入地、办结期限（15个工作日）与历史');
const progressView = open(
  '办理进度：steps[{step, labelZh, done, at, detailZh}]、clock{deadlineDate, workingDaysLeft, overdue, atRisk, atRiskReasonZh}',
);
const applyBody = {
  type: 'object',
  properties: {
    toRegionCode: { type: 'string', pattern: '^\\d{6}$', description: '转入地统筹区代码' },
    toInsuranceType: { type: 'string', enum: ['310', '390'], description: '转入后的险种，默认不变' },
  },
  required: ['toRegionCode'],
  additionalProperties: false,
} as const;
const reasonBody = (required: boolean) =>
  ({
    type: 'object',
    properties: {
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      note: { type: 'string', maxLength: 500 },
    },
    ...(required ? { required: ['reason'] } : {}),
    additionalProperties: false,
  }) as const;
const tags = ['transfer'];

export function registerTransferRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  _opts: Record<string, unknown> = {},
): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    routes(scope, ctx);
  });
}

function routes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: { toRegionCode: string; toInsuranceType?: string } }>(
    '/api/transfers',
    {
      schema: {
        tags,
        summary: '线上申请医保关系转移（无需参保凭证和联系函）',
        body: applyBody,
        response: { 201: transferView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(unwrap(await applyTransfer(ctx, await personCaller(ctx, request), request.body))),
  );

  app.get(
    '/api/transfers',
    {
      schema: {
        tags,
        summary: '我的关系转移及办理进度',
        response: { 200: open('{items: [办理进度]}'), 401: errorBody },
      },
    },
    async (request) => {
      const caller = await personCaller(ctx, request);
      return { items: await myTransfers(ctx, caller.psnNo) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/transfers/:id',
    {
      schema: {
        tags,
        summary: '办理进度（本人，或转出地、转入地经办人员）',
        params: id,
        response: { 200: progressView, ...errors },
      },
    },
    async (request) =>
      unwrap(await transferProgressOf(ctx, await personOrStaffCaller(ctx, request), request.params.id)),
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } }>(
    '/api/transfers/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回关系转移申请',
        params: id,
        body: reasonBody(false),
        response: { 200: transferView, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await withdrawTransfer(
          ctx,
          await personOrStaffCaller(ctx, request),
          request.params.id,
          request.body?.reason,
        ),
      ),
  );

  app.post<{ Body: { psnNo: string; toRegionCode: string; toInsuranceType?: string } }>(
    '/api/agency/transfers',
    {
      schema: {
        tags,
        summary: '转出地或转入地窗口代为申请关系转移',
        body: {
          ...applyBody,
          properties: { ...applyBody.properties, psnNo: { type: 'string', minLength: 1, maxLength: 40 } },
          required: ['psnNo', 'toRegionCode'],
        },
        response: { 201: transferView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(unwrap(await applyTransfer(ctx, await staffCaller(ctx, request), request.body))),
  );

  app.get(
    '/api/agency/transfers/queue',
    {
      schema: {
        tags,
        summary: '待本统筹区办理的关系转移（转出确认 / 转入接收），标注剩余工作日、逾期和预警',
        response: { 200: open('{items: [...]}'), 401: errorBody },
      },
    },
    async (request) => {
      const caller = await staffCaller(ctx, request);
      return { items: await regionTransferQueue(ctx, caller.regionCode) };
    },
  );

  app.post<{ Params: { id: string }; Body: { note?: string } }>(
    '/api/agency/transfers/:id/confirm-out',
    {
      schema: {
        tags,
        summary: '转出地确认',
        params: id,
        body: reasonBody(false),
        response: { 200: transferView, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await confirmTransferOut(ctx, await staffCaller(ctx, request), request.params.id, request.body?.note),
      ),
  );

  app.post<{ Params: { id: string }; Body: { note?: string } }>(
    '/api/agency/transfers/:id/accept-in',
    {
      schema: {
        tags,
        summary: '转入地接收（完成转移：参保关系、个人账户余额、门慢特资格随转）',
        params: id,
        body: reasonBody(false),
        response: { 200: transferView, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await acceptTransferIn(ctx, await staffCaller(ctx, request), request.params.id, request.body?.note),
      ),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/agency/transfers/:id/reject',
    {
      schema: {
        tags,
        summary: '退回关系转移申请（须写明理由）',
        params: id,
        body: reasonBody(true),
        response: { 200: transferView, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await rejectTransfer(ctx, await staffCaller(ctx, request), request.params.id, request.body.reason),
      ),
  );
}
