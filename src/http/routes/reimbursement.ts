/**
 * 手工报销 REST API (R-R1…R-R3). Persons act on their own claims through their session, staff on their
 * region's through theirs; institutions upload self-paid bills (admin token + institution code for now —
 * the seam where institution authentication plugs in). Routes translate (yuan strings → fen) and
 * validate; every rule lives in service/reimbursement, service/unsettled-upload and the core.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { chinaDateOf } from '../../core/calendar/index.ts';
import type { Result } from '../../core/errors.ts';
import { type Fen, parseQuantity, parseYuan } from '../../core/money/index.ts';
import type { AppContext } from '../../service/context.ts';
import {
  acceptClaim,
  adjustClaimPayment,
  approveClaim,
  type CaseCaller,
  claimDetail,
  claimMaterialFile,
  importMaterialLists,
  MATERIAL_MAX_BYTES,
  type MaterialFileInput,
  materialListOf,
  myClaims,
  myUnsettledBills,
  payClaim,
  previewClaimComputation,
  provideClaimMaterials,
  regionClaims,
  reimbursementQueueItems,
  rejectClaim,
  resubmitClaim,
  returnClaim,
  submitClaim,
  withdrawClaim,
  workingCalendar,
} from '../../service/reimbursement/index.ts';
import {
  lateUnsettledUploads,
  type UnsettledLineInput,
  uploadUnsettledFees,
} from '../../service/unsettled-upload/index.ts';
import { requireAdmin } from '../admin-auth.ts';
import { personCaller, personOrStaffCaller, staffCaller } from '../case-callers.ts';
import { errorBody, errors } from '../error-schemas.ts';
import { fail, unwrapperFor } from '../errors.ts';

const STATUS: Readonly<Record<string, number>> = {
  REIMBURSEMENT_CLAIM_NOT_FOUND: 404,
  REIMBURSEMENT_UPLOAD_NOT_FOUND: 404,
  REIMBURSEMENT_MATERIAL_NOT_FOUND: 404,
  REIMBURSEMENT_OTHER_REGION: 403,
  REIMBURSEMENT_NOT_YOUR_CLAIM: 403,
  REIMBURSEMENT_INVALID_TRANSITION: 409,
  REIMBURSEMENT_ALREADY_RETURNED: 409,
  REIMBURSEMENT_ALREADY_CLAIMED: 409,
  REIMBURSEMENT_CONCURRENT_UPDATE: 409,
  REIMBURSEMENT_NOT_PAID: 409,
  UNSETTLED_INSTITUTION_NOT_FOUND: 404,
  UNSETTLED_PERSON_NOT_FOUND: 404,
  UNSETTLED_ALREADY_UPLOADED: 409,
};

const unwrap = unwrapperFor(STATUS, 422);

function money(value: string, field: string): Fen {
  const parsed = parseYuan(value, field);
  if (!parsed.ok) fail(400, parsed.error);
  return parsed.value;
}

// ---- schemas (OpenAPI) ----
const yuan = {
  type: 'string',
  pattern: '^\\d{1,12}(\\.\\d{1,2})?$',
  description: '金额（元），最多两位小数，如 "1234.50"',
} as const;
const isoTime = {
  type: 'string',
  minLength: 16,
  maxLength: 40,
  description: '带时区的 ISO 时间，如 2026-04-27T10:00:00+08:00',
} as const;
const id = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['id'],
} as const;
const open = (description: string) => ({ type: 'object', description, additionalProperties: true }) as const;
const materialFile = {
  type: 'object',
  properties: {
    itemCode: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]{0,39}$',
      description: '材料清单中的材料代码，如 RECEIPT',
    },
    fileName: { type: 'string', minLength: 1, maxLength: 200 },
    mimeType: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'] },
    contentBase64: { type: 'string', minLength: 4 },
  },
  required: ['itemCode', 'fileName', 'mimeType', 'contentBase64'],
  additionalProperties: false,
} as const;
const claimView = open(
  '手工报销申请：状态、材料清单及提交情况、办结期限（deadline）与剩余工作日（clock.workingDaysLeft、clock.overdue）、核准金额、支付记录',
);
const claimRequest = {
  type: 'object',
  properties: {
    uploadId: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: '医院上传的未直接结算费用编号（GET /api/reimbursement/bills）',
    },
    accident: { type: 'boolean', description: '是否涉及意外伤害（涉及时按30个工作日办结）' },
    materials: { type: 'array', maxItems: 20, items: materialFile },
  },
  required: ['uploadId'],
  additionalProperties: false,
} as const;
const tags = ['reimbursement'];

export interface ReimbursementRouteOptions {
  readonly adminToken?: string | undefined;
}

export function registerReimbursementRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  opts: ReimbursementRouteOptions = {},
): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    // Multipart only in this scope: material files may come as form-data (field name = material code).
    await scope.register(multipart, { limits: { fileSize: MATERIAL_MAX_BYTES, files: 20, fields: 20 } });
    personRoutes(scope, ctx);
    agencyRoutes(scope, ctx);
    institutionRoutes(scope, ctx, opts.adminToken);
  });
}

function personRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { regionCode: string } }>(
    '/api/reimbursement/material-lists/:regionCode',
    {
      schema: {
        tags,
        summary: '参保地公布的手工报销材料清单（清单以外的材料不得要求提供）',
        params: {
          type: 'object',
          properties: { regionCode: { type: 'string', pattern: '^\\d{6}$' } },
          required: ['regionCode'],
        },
        response: {
          200: open('材料清单 {regionCode, nameZh, sourceZh, items[{code, nameZh, when}]}'),
          404: errorBody,
        },
      },
    },
    async (request) => {
      const list = await materialListOf(ctx, request.params.regionCode);
      if (list === undefined) {
        fail(404, {
          code: 'REIMBURSEMENT_MATERIAL_LIST_MISSING',
          message: `统筹区 ${request.params.regionCode} 尚未公布手工报销材料清单。`,
          ruleId: 'R-R1',
        });
      }
      return list;
    },
  );

  app.get(
    '/api/reimbursement/bills',
    {
      schema: {
        tags,
        summary: '我的未直接结算费用（医院已上传，可申请手工报销）',
        response: { 200: open('{items: [...]}') },
      },
    },
    async (request) => {
      const caller = await personCaller(ctx, request);
      return { items: await myUnsettledBills(ctx, caller.role === 'person' ? caller.psnNo : '') };
    },
  );

  app.post<{ Body: { uploadId: string; accident?: boolean; materials?: MaterialFileInput[] } }>(
    '/api/reimbursement/claims',
    {
      schema: {
        tags,
        summary: '线上申请手工报销（参保人本人）',
        body: claimRequest,
        response: { 201: claimView, ...errors },
      },
    },
    async (request, reply) => {
      const claim = unwrap(await submitClaim(ctx, await personCaller(ctx, request), request.body));
      return reply.status(201).send(claim);
    },
  );

  app.get(
    '/api/reimbursement/claims',
    {
      schema: {
        tags,
        summary: '我的手工报销申请（含办结期限与剩余工作日）',
        response: { 200: open('{items: [...]}') },
      },
    },
    async (request) => {
      const caller = await personCaller(ctx, request);
      return { items: await myClaims(ctx, caller.role === 'person' ? caller.psnNo : '') };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/reimbursement/claims/:id',
    {
      schema: {
        tags,
        summary: '报销申请详情（本人，或参保地经办人员）',
        params: id,
        response: { 200: claimView, ...errors },
      },
    },
    async (request) =>
      unwrap(await claimDetail(ctx, await personOrStaffCaller(ctx, request), request.params.id)),
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/reimbursement/claims/:id/materials',
    {
      schema: {
        tags,
        summary:
          '上传报销材料：JSON {materials:[{itemCode,fileName,mimeType,contentBase64}]} 或 multipart/form-data（字段名为材料代码）',
        params: id,
        response: { 200: claimView, ...errors },
      },
    },
    async (request) => {
      const files = await materialFiles(request);
      return unwrap(
        await provideClaimMaterials(ctx, await personOrStaffCaller(ctx, request), request.params.id, files),
      );
    },
  );

  app.get<{ Params: { id: string; materialId: string } }>(
    '/api/reimbursement/claims/:id/materials/:materialId',
    {
      schema: {
        tags,
        summary: '下载报销材料文件',
        params: {
          type: 'object',
          properties: { id: { type: 'string' }, materialId: { type: 'string' } },
          required: ['id', 'materialId'],
        },
      },
    },
    async (request, reply) => {
      const file = unwrap(
        await claimMaterialFile(
          ctx,
          await personOrStaffCaller(ctx, request),
          request.params.id,
          request.params.materialId,
        ),
      );
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.content);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/reimbursement/claims/:id/resubmit',
    {
      schema: {
        tags,
        summary: '补正后重新提交（退回仅一次）',
        params: id,
        response: { 200: claimView, ...errors },
      },
    },
    async (request) => unwrap(await resubmitClaim(ctx, await personCaller(ctx, request), request.params.id)),
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } }>(
    '/api/reimbursement/claims/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回报销申请（本人，或窗口代办）',
        params: id,
        body: {
          type: 'object',
          properties: { reason: { type: 'string', maxLength: 500 } },
          additionalProperties: false,
        },
        response: { 200: claimView, ...errors },
      },
    },
    async (request) =>
      unwrap(
        await withdrawClaim(
          ctx,
          await personOrStaffCaller(ctx, request),
          request.params.id,
          request.body?.reason,
        ),
      ),
  );
}

/** JSON with base64 content, or multipart parts whose field name is the material code. */
async function materialFiles(request: FastifyRequest): Promise<MaterialFileInput[]> {
  if (request.isMultipart()) {
    const files: MaterialFileInput[] = [];
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const content = await part.toBuffer();
      files.push({
        itemCode: part.fieldname,
        fileName: part.filename,
        mimeType: part.mimetype,
        contentBase64: content.toString('base64'),
      });
    }
    return files;
  }
  const body = request.body as { materials?: unknown } | null;
  const list = Array.isArray(body?.materials) ? body.materials : null;
  const valid = list?.every(
    (m: unknown) =>
      typeof m === 'object' &&
      m !== null &&
      ['itemCode', 'fileName', 'mimeType', 'contentBase64'].every(
        (k) => typeof (m as Record<string, unknown>)[k] === 'string',
      ),
  );
  if (!valid) {
    fail(400, {
      code: 'VALIDATION_FAILED',
      message:
        '请求内容须为 {materials:[{itemCode, fileName, mimeType, contentBase64}]}，或以 multipart/form-data 上传（字段名为材料代码）。',
      field: 'materials',
    });
  }
  return list as MaterialFileInput[];
}

function agencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{
    Body: {
      psnNo: string;
      uploadId: string;
      accident?: boolean;
      materials?: MaterialFileInput[];
      presentedAtWindow?: string[];
    };
  }>(
    '/api/agency/reimbursement/claims',
    {
      schema: {
        tags,
        summary: '经办窗口代为申请手工报销（可登记窗口查验的纸质材料）',
        body: {
          ...claimRequest,
          properties: {
            ...claimRequest.properties,
            psnNo: { type: 'string', minLength: 1, maxLength: 40 },
            presentedAtWindow: {
              type: 'array',
              maxItems: 20,
              items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,39}$' },
            },
          },
          required: ['psnNo', 'uploadId'],
        },
        response: { 201: claimView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(unwrap(await submitClaim(ctx, await staffCaller(ctx, request), request.body))),
  );

  app.get<{ Querystring: { status?: string } }>(
    '/api/agency/reimbursement/claims',
    {
      schema: {
        tags,
        summary: '本统筹区的手工报销申请（默认办理中的），含办结期限与剩余工作日',
        querystring: {
          type: 'object',
          properties: { status: { type: 'string', pattern: '^[a-z_,]{1,200}$' } },
          additionalProperties: false,
        },
        response: { 200: open('{items: [...]}'), 401: errorBody },
      },
    },
    async (request) => {
      const caller = await staffCaller(ctx, request);
      const statuses = request.query.status?.split(',').filter(Boolean);
      return { items: await regionClaims(ctx, caller, statuses) };
    },
  );

  app.get(
    '/api/agency/reimbursement/queue',
    {
      schema: {
        tags,
        summary: '手工报销待办（按办结期限排序，标注剩余工作日、逾期、大额快速办）',
        response: { 200: open('{items: [...]}'), 401: errorBody },
      },
    },
    async (request) => {
      const caller = await staffCaller(ctx, request);
      const calendar = await workingCalendar(ctx);
      const today = chinaDateOf(ctx.now().toISOString());
      return { items: await reimbursementQueueItems(ctx.store.db, caller.regionCode, today, calendar) };
    },
  );

  const move = (
    path: string,
    summary: string,
    body: Record<string, unknown> | null,
    run: (
      caller: CaseCaller,
      id: string,
      body: Record<string, string | string[]>,
    ) => Promise<Result<unknown>>,
  ) =>
    app.post<{ Params: { id: string }; Body: Record<string, string | string[]> }>(
      `/api/agency/reimbursement/claims/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: id,
          ...(body ? { body } : {}),
          response: { 200: claimView, ...errors },
        },
      },
      async (request) =>
        unwrap(await run(await staffCaller(ctx, request), request.params.id, request.body ?? {})),
    );

  move(
    'return',
    '退回补正（仅一次，须逐项列明清单内缺少的材料）',
    {
      type: 'object',
      properties: {
        missing: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,39}$' },
        },
        note: { type: 'string', maxLength: 500 },
      },
      required: ['missing'],
      additionalProperties: false,
    },
    (c, claimId, b) => returnClaim(ctx, c, claimId, b.missing as string[], b.note as string | undefined),
  );
  move(
    'accept',
    '受理（确定办结期限：30个工作日；单笔超5万元、材料齐全且非意外伤害7个工作日）',
    null,
    (c, claimId) => acceptClaim(ctx, c, claimId),
  );
  move(
    'approve',
    '核准报销（金额由结算核心按上传明细和参保地政策计算）',
    { type: 'object', properties: { note: { type: 'string', maxLength: 500 } }, additionalProperties: false },
    (c, claimId, b) => approveClaim(ctx, c, claimId, b.note as string | undefined),
  );
  move(
    'reject',
    '不予报销（须写明理由）',
    {
      type: 'object',
      properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
      required: ['reason'],
      additionalProperties: false,
    },
    (c, claimId, b) => rejectClaim(ctx, c, claimId, b.reason as string),
  );
  move(
    'pay',
    '登记支付',
    {
      type: 'object',
      properties: { paymentRef: { type: 'string', minLength: 1, maxLength: 100 } },
      required: ['paymentRef'],
      additionalProperties: false,
    },
    (c, claimId, b) => payClaim(ctx, c, claimId, b.paymentRef as string),
  );

  app.get<{ Params: { id: string } }>(
    '/api/agency/reimbursement/claims/:id/computation',
    {
      schema: {
        tags,
        summary: '试算报销金额（不作决定；含就医情形与计算过程）',
        params: id,
        response: {
          200: open('计算结果 {situation, situationReason, result{totals, parts, trace}}'),
          ...errors,
        },
      },
    },
    async (request) =>
      unwrap(await previewClaimComputation(ctx, await staffCaller(ctx, request), request.params.id)),
  );

  app.post<{
    Params: { id: string };
    Body: {
      kind: 'supplement' | 'recovery' | 'reversal';
      amount?: string;
      reversesId?: string;
      reason: string;
    };
  }>(
    '/api/agency/reimbursement/claims/:id/adjustments',
    {
      schema: {
        tags,
        summary: '补支、追回或冲销（关联原支付记录，可冲销一次）',
        params: id,
        body: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['supplement', 'recovery', 'reversal'] },
            amount: yuan,
            reversesId: { type: 'string', minLength: 1, maxLength: 64 },
            reason: { type: 'string', minLength: 1, maxLength: 500 },
          },
          required: ['kind', 'reason'],
          additionalProperties: false,
        },
        response: { 201: open('{payment, netPaidFen}'), ...errors },
      },
    },
    async (request, reply) => {
      const caller = await staffCaller(ctx, request);
      const b = request.body;
      const adjustment =
        b.kind === 'reversal'
          ? { kind: b.kind, reversesId: b.reversesId ?? '', reason: b.reason }
          : { kind: b.kind, amountFen: money(b.amount ?? '', 'amount'), reason: b.reason };
      return reply
        .status(201)
        .send(unwrap(await adjustClaimPayment(ctx, caller, request.params.id, adjustment)));
    },
  );

  app.get(
    '/api/agency/unsettled-uploads/late',
    {
      schema: {
        tags,
        summary: '本统筹区定点机构逾期上传的未直接结算费用（督促补传，R-R3）',
        response: { 200: open('{items: [...]}'), 401: errorBody },
      },
    },
    async (request) => {
      const caller = await staffCaller(ctx, request);
      return { items: await lateUnsettledUploads(ctx, caller.regionCode) };
    },
  );
}

interface UploadBody {
  institutionCode: string;
  psnNo: string;
  hospitalVisitNo: string;
  kind: 'outpatient' | 'inpatient';
  medType: string;
  beginTime: string;
  endTime: string;
  emergency?: boolean;
  referral?: boolean;
  accident?: boolean;
  diagnoses: { code: string; name: string }[];
  lines: {
    lineNo: string;
    itemCode: string;
    itemName?: string;
    unitPrice: string;
    quantity: string;
    amount: string;
    diseaseCode?: string;
    feeTime: string;
  }[];
}

function institutionRoutes(app: FastifyInstance, ctx: AppContext, adminToken: string | undefined): void {
  app.post<{ Body: UploadBody }>(
    '/api/institutions/unsettled-fees',
    {
      onRequest: requireAdmin(adminToken),
      schema: {
        tags,
        summary: '定点机构上传未直接结算患者的费用明细和诊断（出院/就诊后3个工作日内，R-R3）',
        description:
          '暂以管理员令牌 + institutionCode 标识机构；机构认证上线后改由机构凭证确定 institutionCode。',
        body: {
          type: 'object',
          properties: {
            institutionCode: { type: 'string', minLength: 1, maxLength: 30 },
            psnNo: { type: 'string', minLength: 1, maxLength: 40 },
            hospitalVisitNo: { type: 'string', minLength: 1, maxLength: 60 },
            kind: { type: 'string', enum: ['outpatient', 'inpatient'] },
            medType: { type: 'string', minLength: 2, maxLength: 6 },
            beginTime: isoTime,
            endTime: isoTime,
            emergency: { type: 'boolean' },
            referral: { type: 'boolean' },
            accident: { type: 'boolean' },
            diagnoses: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string', minLength: 1, maxLength: 30 },
                  name: { type: 'string', minLength: 1, maxLength: 200 },
                },
                required: ['code', 'name'],
                additionalProperties: false,
              },
            },
            lines: {
              type: 'array',
              minItems: 1,
              maxItems: 5000,
              items: {
                type: 'object',
                properties: {
                  lineNo: { type: 'string', minLength: 1, maxLength: 40 },
                  itemCode: { type: 'string', minLength: 1, maxLength: 60 },
                  itemName: { type: 'string', maxLength: 200 },
                  unitPrice: yuan,
                  quantity: { type: 'string', pattern: '^\\d{1,9}(\\.\\d{1,4})?$' },
                  amount: yuan,
                  diseaseCode: { type: 'string', maxLength: 20 },
                  feeTime: isoTime,
                },
                required: ['lineNo', 'itemCode', 'unitPrice', 'quantity', 'amount', 'feeTime'],
                additionalProperties: false,
              },
            },
          },
          required: [
            'institutionCode',
            'psnNo',
            'hospitalVisitNo',
            'kind',
            'medType',
            'beginTime',
            'endTime',
            'diagnoses',
            'lines',
          ],
          additionalProperties: false,
        },
        response: {
          201: open('{uploadId, totalFen, inScopeFen, dueDate, late, workingDaysLate, lines}'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { institutionCode, lines, ...rest } = request.body;
      const parsed: UnsettledLineInput[] = lines.map((l, i) => {
        const quantity = parseQuantity(l.quantity, `lines[${i}].quantity`);
        if (!quantity.ok) fail(400, quantity.error);
        return {
          lineNo: l.lineNo,
          itemCode: l.itemCode,
          ...(l.itemName === undefined ? {} : { itemName: l.itemName }),
          unitPriceFen: money(l.unitPrice, `lines[${i}].unitPrice`),
          quantity: quantity.value,
          amountFen: money(l.amount, `lines[${i}].amount`),
          ...(l.diseaseCode === undefined ? {} : { diseaseCode: l.diseaseCode }),
          feeTime: l.feeTime,
        };
      });
      const receipt = unwrap(
        await uploadUnsettledFees(
          ctx,
          institutionCode,
          { ...rest, lines: parsed },
          { actorId: `admin:${institutionCode}`, role: 'admin', requestId: String(request.id) },
        ),
      );
      return reply.status(201).send(receipt);
    },
  );

  app.post<{ Body: { lists: unknown[] } }>(
    '/api/admin/reimbursement/material-lists',
    {
      onRequest: requireAdmin(adminToken),
      schema: {
        tags,
        summary: '导入各统筹区公布的手工报销材料清单（整体替换所列统筹区，全部成功或全部不生效）',
        body: {
          type: 'object',
          properties: { lists: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'object' } } },
          required: ['lists'],
          additionalProperties: false,
        },
        response: { 200: open('{regions, itemCount}'), ...errors },
      },
    },
    async (request) =>
      unwrap(
        await importMaterialLists(ctx, request.body.lists, {
          id: 'admin',
          role: 'admin',
          requestId: String(request.id),
        }),
      ),
  );
}
