/**
 * The national envelope (§1.1/§1.2): the request's keys, checked leniently as real HIS clients send
 * them ("" / "null" mean absent, unknown keys ignored), and the response envelope, rendered once into
 * the exact text that is stored for replay.
 *
 * Request hash (idempotency): canonical JSON of {infno, fixmedins_code, mdtrtarea_admvs,
 * insuplc_admdvs, input}. Left out on purpose: msgid (it is the key), and the keys that legitimately
 * change between retries of one request — inf_time, sign_no (a retry after re-sign-in), opter*,
 * dev_no, dev_safe_info, cainfo, signtype, infver, recer_sys_code, fixmedins_name.
 */
import { type DomainError, domainError, err, ok, type Result } from '../core/errors.ts';
import { requestHash } from '../service/idempotency.ts';
import { nationalFieldName, nationalizeMessage } from './mapping.ts';

export interface Envelope {
  readonly infno: string;
  readonly msgid: string;
  readonly treatmentRegionCode: string;
  readonly insuredRegionCode: string | null;
  readonly institutionCode: string;
  readonly signNo: string | null;
  readonly operatorNo: string;
  readonly operatorName: string;
  readonly input: Record<string, unknown>;
  readonly requestHash: string;
}

/** "" / "null" / "NULL" / null / undefined → absent. Clients send all of these for an empty value. */
export function absent(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 'null' || value === 'NULL';
}

function text(value: unknown): string | null {
  if (absent(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function envelopeError(code: string, message: string, field: string): DomainError {
  return domainError(code, message, { field });
}

const REGION = /^\d{6}$/;

export function parseEnvelope(body: unknown): Result<Envelope> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err(
      envelopeError(
        'ENVELOPE_INVALID',
        '请求内容不是交易报文对象，请按接口规范发送 {"infno": …, "msgid": …, "input": {…}} 格式的 JSON。',
        'infno',
      ),
    );
  }
  const b = body as Record<string, unknown>;
  const infno = text(b.infno);
  if (infno === null)
    return err(
      envelopeError('FIELD_REQUIRED', '缺少交易编号 infno，请填写要调用的交易编号，如 1101。', 'infno'),
    );
  const msgid = text(b.msgid);
  if (msgid === null || msgid.length > 64) {
    return err(
      envelopeError(
        'FIELD_REQUIRED',
        '缺少发送方报文ID msgid（或超过 64 位），请按“机构编号(12)+yyyyMMddHHmmss(14)+顺序号(4)”生成唯一的报文ID；重试同一笔交易时沿用原报文ID。',
        'msgid',
      ),
    );
  }
  const institutionCode = text(b.fixmedins_code);
  if (institutionCode === null) {
    return err(
      envelopeError(
        'FIELD_REQUIRED',
        '缺少定点医药机构编号 fixmedins_code，请填写本机构的医保机构编号。',
        'fixmedins_code',
      ),
    );
  }
  const treatment = text(b.mdtrtarea_admvs);
  if (treatment === null || !REGION.test(treatment)) {
    return err(
      envelopeError(
        'FIELD_INVALID',
        '就医地医保区划 mdtrtarea_admvs 须为 6 位数字的区划代码（本机构所在统筹区），请检查。',
        'mdtrtarea_admvs',
      ),
    );
  }
  const insured = text(b.insuplc_admdvs);
  if (insured !== null && !REGION.test(insured)) {
    return err(
      envelopeError(
        'FIELD_INVALID',
        `参保地医保区划 insuplc_admdvs “${insured}” 不是 6 位数字的区划代码，请按 1101 返回的参保地填写。`,
        'insuplc_admdvs',
      ),
    );
  }
  const input = b.input ?? {};
  if (typeof input === 'string') {
    return err(
      envelopeError(
        'ENCRYPTION_UNSUPPORTED',
        '本平台不启用 SM4 报文加密：input 须为 JSON 对象而不是密文字符串，请关闭加密后重试。',
        'input',
      ),
    );
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return err(
      envelopeError(
        'FIELD_INVALID',
        '交易输入 input 须为 JSON 对象，按节点标识组织（如 {"data": {…}}）。',
        'input',
      ),
    );
  }
  return ok({
    infno,
    msgid,
    treatmentRegionCode: treatment,
    insuredRegionCode: insured,
    institutionCode,
    signNo: text(b.sign_no),
    operatorNo: text(b.opter) ?? '',
    operatorName: text(b.opter_name) ?? '',
    input: input as Record<string, unknown>,
    requestHash: requestHash({
      infno,
      fixmedins_code: institutionCode,
      mdtrtarea_admvs: treatment,
      insuplc_admdvs: insured,
      input,
    }),
  });
}

/**
 * err_msg carries the stable code first, then the plain Chinese message with national field names:
 * "[SIGN_IN_REQUIRED] 业务交易需要有效的签到编号 sign_no：…". Cashier screens show it verbatim; HIS code
 * can branch on the bracketed code.
 */
export function renderErrorMessage(error: DomainError): string {
  return `[${error.code}] ${nationalizeMessage(error.message)}`.slice(0, 2000);
}

export interface ResponseTimes {
  /** 接收方报文ID */
  readonly refMsgId: string;
  /** yyyyMMddHHmmssSSS when the request arrived */
  readonly receivedAt: string;
  /** yyyyMMddHHmmssSSS when the response was made */
  readonly respondedAt: string;
}

/** The response envelope as the exact JSON text sent (and stored for replay). */
export function renderResponse(outcome: Result<unknown>, times: ResponseTimes): string {
  return JSON.stringify({
    infcode: outcome.ok ? 0 : -1,
    inf_refmsgid: times.refMsgId,
    refmsg_time: times.receivedAt,
    respond_time: times.respondedAt,
    err_msg: outcome.ok ? null : renderErrorMessage(outcome.error),
    warn_msg: null,
    cainfo: '',
    signtype: '',
    enctype: '',
    output: outcome.ok ? outcome.value : null,
  });
}

/** The national field an error names, for logs. */
export function errorField(error: DomainError): string | undefined {
  return error.field === undefined ? undefined : nationalFieldName(error.field);
}
