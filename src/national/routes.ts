/**
 * The national interface's HTTP transport: every path of §1.4, JSON or text/plain bodies (parsed as
 * JSON here, so a malformed body still gets a national envelope), gateway authentication, the
 * maintenance switch, and dispatch to one contract per infno.
 *
 * HTTP status: 200 for every answer in the envelope, business rejections included, as real platforms
 * do; 401 for gateway authentication failures (the envelope is still the body); 500 with an envelope
 * for unexpected failures (nothing was written; retry with the same msgid).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DomainError, domainError, err } from '../core/errors.ts';
import { chinaTime } from '../service/his/clock.ts';
import type { HisContext } from '../service/his/context.ts';
import { FILE_MAX_BYTES } from '../service/his/exchange-files.ts';
import { type GatewayAuthMode, readGatewaySettings, verifyCsbHeaders } from '../service/his/gateway.ts';
import { issueReferenceMessageId } from '../service/his/ids.ts';
import type { FileAnswer } from './contract.ts';
import { CONTRACTS } from './contracts/index.ts';
import { parseEnvelope, type ResponseTimes, renderResponse } from './envelope.ts';
import { MULTIPART_LIMITS, readMultipartBody } from './multipart.ts';
import { BODY_ROUTED_PATHS, PATH_INFNO_PATHS, SERVICE_PATHS } from './paths.ts';

/**
 * Largest request body: a 9101 file as Base64 in JSON (4/3 of FILE_MAX_BYTES) plus the envelope. A
 * larger body is refused before it is read, still in the envelope (BODY_TOO_LARGE, HTTP 413).
 */
export const NATIONAL_BODY_LIMIT = Math.ceil((FILE_MAX_BYTES * 4) / 3) + 1024 * 1024;

export interface NationalRouteOptions {
  /** Overrides the `national.gateway_auth` setting (tests, or a deployment that fixes it). */
  readonly gatewayAuth?: GatewayAuthMode;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  let text = raw.trim();
  try {
    // jQuery-style form posts send "=<json>" (an ASP.NET [FromBody] string habit); a malformed
    // percent-encoding there is a bad body like any other, not a server error.
    if (text.startsWith('=')) text = decodeURIComponent(text.slice(1).replace(/\+/g, ' '));
    if (text === '') return undefined;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** attachment; filename="…" with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const bodyNotJson = (): DomainError =>
  domainError(
    'JSON_INVALID',
    '请求内容不是合法的 JSON 交易报文，请检查引号、逗号和括号；Content-Type 可用 application/json 或 text/plain。',
    { field: 'input' },
  );

export async function registerNationalRoutes(
  app: FastifyInstance,
  ctx: HisContext,
  options: NationalRouteOptions = {},
): Promise<void> {
  // Fastify's default when the server sets none.
  const ordinaryBodyLimit = app.initialConfig.bodyLimit ?? 1024 * 1024;
  async function handle(request: FastifyRequest, reply: FastifyReply, pathInfno: string | null) {
    const received = chinaTime(ctx.now());
    // 接收方医保区划: the treatment region the message is for, once the envelope has been read.
    let receiverRegion = '000000';
    const times = (): ResponseTimes => ({
      refMsgId: issueReferenceMessageId(receiverRegion, received.compactMs),
      receivedAt: received.compactMs,
      respondedAt: chinaTime(ctx.now()).compactMs,
    });
    const answer = (status: number, body: string, replayed = false) => {
      reply.code(status).type('application/json; charset=utf-8');
      if (replayed) reply.header('idempotency-hit', 'true');
      return reply.send(body);
    };
    const refuse = (error: DomainError, status = 200) => answer(status, renderResponse(err(error), times()));
    const sendFile = (file: FileAnswer, replayed: boolean) => {
      reply
        .code(200)
        .type('application/octet-stream')
        .header('content-disposition', attachmentHeader(file.fileName));
      if (replayed) reply.header('idempotency-hit', 'true');
      return reply.send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
    };

    try {
      const settings = await readGatewaySettings(ctx);
      if (settings.maintenance !== null) {
        return refuse(
          domainError(
            'MAINTENANCE',
            `医保平台正在维护：${settings.maintenance.message}。预计 ${settings.maintenance.until} 恢复，请届时重试；急需结算的患者可先按自费处理，之后凭单据办理手工报销。`,
            { ruleId: 'R-S1' },
          ),
        );
      }
      let parsed: unknown;
      if (request.isMultipart()) {
        const read = await readMultipartBody(request);
        if (!read.ok) return refuse(read.error);
        parsed = read.value;
      } else {
        parsed = parseBody(request.body);
      }
      if (parsed === undefined) return refuse(bodyNotJson());
      const envelope = parseEnvelope(parsed);
      if (!envelope.ok) return refuse(envelope.error);
      const env = envelope.value;
      // Only a 9101 file upload may use the file-sized limit; every other transaction keeps the
      // server's ordinary one (a padded settlement must not slip through on the upload allowance).
      const bodyBytes = typeof request.body === 'string' ? Buffer.byteLength(request.body) : 0;
      if (env.infno !== '9101' && bodyBytes > ordinaryBodyLimit) {
        return refuse(
          domainError(
            'BODY_TOO_LARGE',
            `请求报文 ${bodyBytes} 字节，超过 ${ordinaryBodyLimit} 字节上限（仅 9101 文件上传可更大）：请删去多余内容或分批上传。`,
            { field: 'input' },
          ),
          413,
        );
      }
      receiverRegion = env.treatmentRegionCode;
      if (pathInfno !== null && pathInfno !== env.infno) {
        return refuse(
          domainError(
            'INFNO_MISMATCH',
            `请求地址中的交易编号 ${pathInfno} 与报文中的交易编号 infno ${env.infno} 不一致，请核对调用地址或报文。`,
            { field: 'operation' },
          ),
        );
      }
      const authMode = options.gatewayAuth ?? settings.authMode;
      if (authMode === 'csb') {
        const verified = await verifyCsbHeaders(
          ctx,
          {
            accessKey: header(request, '_api_access_key'),
            apiName: header(request, '_api_name'),
            timestamp: header(request, '_api_timestamp'),
            version: header(request, '_api_version'),
            signature: header(request, '_api_signature'),
          },
          env.institutionCode,
        );
        if (!verified.ok) return refuse(verified.error, 401);
      }
      const contract = CONTRACTS.get(env.infno);
      if (contract === undefined) {
        return refuse(
          domainError(
            'INFNO_UNSUPPORTED',
            `本平台暂不支持交易 ${env.infno}。已支持的交易：${[...CONTRACTS.keys()].join('、')}。`,
            { field: 'operation' },
          ),
        );
      }
      const render = (outcome: Parameters<typeof renderResponse>[0]) => renderResponse(outcome, times());
      const outcome = await contract.run(ctx, env, render);
      if ('invalid' in outcome) return refuse(outcome.invalid);
      if (outcome.file !== undefined) return sendFile(outcome.file, outcome.replayed);
      return answer(200, outcome.body, outcome.replayed);
    } catch (error) {
      request.log.error({ err: error }, 'national interface failure');
      return refuse(
        domainError(
          'INTERNAL_ERROR',
          `服务内部错误，本次交易未生效。请稍后用原报文ID msgid 重试；如持续出现，请联系运维并提供请求编号 ${String(request.id)}。`,
        ),
        500,
      );
    }
  }

  await app.register(async (scope) => {
    // Bodies are read as text whatever the Content-Type (HIS clients send text/plain, application/json,
    // or none), then parsed above, so every failure is answered in the national envelope.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // 9101 multipart/form-data: read in the handler (readMultipartBody), so its failures are enveloped too.
    await scope.register(multipart, { limits: MULTIPART_LIMITS });
    // Failures before the handler (a body over the limit) are answered in the envelope as well.
    scope.setErrorHandler((error, request, reply) => {
      const received = chinaTime(ctx.now()).compactMs;
      const times: ResponseTimes = {
        refMsgId: issueReferenceMessageId('000000', received),
        receivedAt: received,
        respondedAt: received,
      };
      const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
      const status =
        typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'national interface failure before the handler');
      const refusal =
        code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? domainError(
              'BODY_TOO_LARGE',
              `请求报文超过 ${NATIONAL_BODY_LIMIT} 字节上限：9101 上传的 ZIP 文件不得超过 ${FILE_MAX_BYTES} 字节，请拆分后分批上传。`,
              { field: 'input' },
            )
          : status < 500
            ? domainError(
                'REQUEST_INVALID',
                `请求无法读取（${String(code ?? status)}），请检查请求头与报文。`,
                {
                  field: 'input',
                },
              )
            : domainError(
                'INTERNAL_ERROR',
                `服务内部错误，本次交易未生效。请稍后用原报文ID msgid 重试；如持续出现，请联系运维并提供请求编号 ${String(request.id)}。`,
              );
      return reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send(renderResponse(err(refusal), times));
    });
    const hidden = { schema: { hide: true }, bodyLimit: NATIONAL_BODY_LIMIT };
    for (const path of BODY_ROUTED_PATHS) {
      scope.post(path, hidden, (request, reply) => handle(request, reply, null));
    }
    for (const path of PATH_INFNO_PATHS) {
      scope.post<{ Params: { infno: string } }>(path, hidden, (request, reply) =>
        handle(request, reply, request.params.infno),
      );
    }
    for (const [path, infno] of Object.entries(SERVICE_PATHS)) {
      scope.post(path, hidden, (request, reply) => handle(request, reply, infno));
    }
  });
}
