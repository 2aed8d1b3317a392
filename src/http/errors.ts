/**
 * The HTTP error contract: every failure is `{code, message, field?}` with a Chinese message. Known
 * errors keep their status; anything unexpected becomes INTERNAL_ERROR and its text stays in the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError, Result } from '../core/errors.ts';

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly ruleId?: string;
  readonly requestId?: string;
}

/** A business rejection raised inside a route; carries its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DomainError,
  ) {
    super(body.code);
  }
}

export function fail(status: number, error: DomainError): never {
  throw new HttpError(status, error);
}

/**
 * A route file's way from a service Result to its value: a refusal is thrown as the HTTP status its
 * code maps to in that file's table (`fallback` for codes the table does not name).
 */
export function unwrapperFor(
  statusByCode: Readonly<Record<string, number>>,
  fallback: number,
): <T>(result: Result<T, DomainError>) => T {
  return (result) =>
    result.ok ? result.value : fail(statusByCode[result.error.code] ?? fallback, result.error);
}

function validationMessage(error: FastifyError): { field?: string; message: string } {
  const first = error.validation?.[0];
  const path = first?.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
  const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
  const field = missing ? (path ? `${path}.${missing}` : missing) : path || undefined;
  const where =
    error.validationContext === 'querystring'
      ? '查询参数'
      : error.validationContext === 'params'
        ? '路径参数'
        : '请求内容';
  if (missing) return { field, message: `${where}缺少必填字段 ${field}，请补充后重试。` };
  if (field)
    return {
      field,
      message: `${where}字段 ${field} 的值不符合要求（${first?.message ?? '格式错误'}），请按接口文档修正后重试。`,
    };
  return { message: `${where}不符合接口要求（${first?.message ?? '格式错误'}），请按接口文档修正后重试。` };
}

export function toErrorReply(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  const requestId = String(request.id);
  if (error instanceof HttpError) {
    return { status: error.status, body: { ...error.body, requestId } };
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const { field, message } = validationMessage(fe);
    return {
      status: 400,
      body: { code: 'VALIDATION_FAILED', message, ...(field ? { field } : {}), requestId },
    };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: {
          code: 'INVALID_JSON',
          message: '请求内容不是合法的 JSON，请检查格式（引号、逗号、括号）后重试。',
          requestId,
        },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          code: 'BODY_TOO_LARGE',
          message: '请求内容过大，超过了接口允许的大小，请拆分后分批提交。',
          requestId,
        },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: '不支持的请求内容类型，请使用 application/json。',
          requestId,
        },
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: {
          code: 'INVALID_CONTENT_LENGTH',
          message: '请求头 Content-Length 与实际内容长度不符，请检查后重试。',
          requestId,
        },
      };
  }
  if (fe.statusCode === 429) {
    return { status: 429, body: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试。', requestId } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { code: 'BAD_REQUEST', message: '请求不符合接口要求，请按接口文档检查后重试。', requestId },
    };
  }
  return {
    status: 500,
    body: {
      code: 'INTERNAL_ERROR',
      message: `服务内部错误，本次操作未生效，请稍后重试；如持续出现，请联系运维并提供请求编号 ${requestId}。`,
      requestId,
    },
  };
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}
