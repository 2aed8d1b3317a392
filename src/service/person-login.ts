/**
 * 参保人登录 — an insured person logs in with the certificate number and a one-time code sent by SMS.
 * The code goes out through the outbox (topic 'sms', same transaction as the code row) and is stored
 * only as a hash; it is never logged. Codes live 5 minutes, allow 5 attempts, and one is sent per minute.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { domainError, err, ok, type Result } from '../core/errors.ts';
import { maskPhone } from '../core/privacy/mask.ts';
import { inTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { openSession, type WebSession } from './web-session.ts';

export const LOGIN_CODE_TTL_MS = 5 * 60 * 1000;
export const LOGIN_CODE_RESEND_MS = 60 * 1000;
export const LOGIN_CODE_ATTEMPTS_MAX = 5;

export const PersonLoginErrorCode = {
  TooFrequent: 'LOGIN_CODE_TOO_FREQUENT',
  CodeInvalid: 'LOGIN_CODE_INVALID',
  CertificateInvalid: 'CERTIFICATE_NO_INVALID',
} as const;

/** The SMS outbox payload; the SMS sender delivers `text` to `phone`. */
export interface SmsMessage {
  readonly phone: string;
  readonly template: 'login_code';
  readonly psnNo: string;
  readonly text: string;
}

function codeHash(psnNo: string, code: string): string {
  return createHash('sha256').update(`${psnNo}:${code}`).digest('hex');
}

const CERT_PATTERN = /^[0-9A-Za-z]{6,32}$/;

function normalizeCertificate(certificateNo: string): string | undefined {
  const trimmed = certificateNo.trim().toUpperCase();
  return CERT_PATTERN.test(trimmed) ? trimmed : undefined;
}

function certificateInvalid() {
  return domainError(
    PersonLoginErrorCode.CertificateInvalid,
    '证件号码格式不正确：请输入 6 至 32 位数字或字母（身份证号末位可为 X）。',
    { field: 'certificateNo' },
  );
}

/** The answer never says whether the number is insured, so the form cannot be used to probe who is. */
export const CODE_SENT_MESSAGE = '如该证件号码已参保并登记了手机号，验证码已发送，5 分钟内有效。';

export async function requestLoginCode(
  ctx: AppContext,
  certificateNo: string,
): Promise<Result<{ message: string; phoneMasked: string | null }>> {
  const cert = normalizeCertificate(certificateNo);
  if (cert === undefined) return err(certificateInvalid());
  const now = ctx.now();
  return inTransaction(ctx.store.db, async (tx) => {
    const person = await tx
      .selectFrom('persons')
      .select(['psn_no', 'phone', 'status'])
      .where('certificate_no', '=', cert)
      .executeTakeFirst();
    if (person === undefined || !person.phone || person.status === 'terminated') {
      return ok({ message: CODE_SENT_MESSAGE, phoneMasked: null });
    }
    const last = await tx
      .selectFrom('login_codes')
      .select('created_at')
      .where('psn_no', '=', person.psn_no)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && now.getTime() - Date.parse(last.created_at) < LOGIN_CODE_RESEND_MS) {
      return err(
        domainError(PersonLoginErrorCode.TooFrequent, '验证码刚刚发送过，请 1 分钟后再重新获取。', {
          field: 'certificateNo',
        }),
      );
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await tx
      .insertInto('login_codes')
      .values({
        psn_no: person.psn_no,
        code_hash: codeHash(person.psn_no, code),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + LOGIN_CODE_TTL_MS).toISOString(),
        consumed_at: null,
      })
      .execute();
    const sms: SmsMessage = {
      phone: person.phone,
      template: 'login_code',
      psnNo: person.psn_no,
      text: `【医保服务】您的登录验证码为 ${code}，5 分钟内有效。请勿告诉他人，工作人员不会索取验证码。`,
    };
    await tx
      .insertInto('outbox')
      .values({
        topic: 'sms',
        payload: JSON.stringify(sms),
        created_at: now.toISOString(),
        delivered_at: null,
      })
      .execute();
    return ok({ message: CODE_SENT_MESSAGE, phoneMasked: maskPhone(person.phone) });
  });
}

function codeInvalid() {
  return domainError(
    PersonLoginErrorCode.CodeInvalid,
    '验证码不正确或已失效：请核对短信中的 6 位数字；多次输错或超过 5 分钟请重新获取。',
    { field: 'code' },
  );
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks the code and opens a person session; every failure looks the same to the caller. */
export async function verifyLoginCode(
  ctx: AppContext,
  certificateNo: string,
  code: string,
): Promise<Result<{ token: string; session: WebSession; name: string }>> {
  const cert = normalizeCertificate(certificateNo);
  if (cert === undefined) return err(certificateInvalid());
  if (!/^\d{6}$/.test(code.trim())) return err(codeInvalid());
  const now = ctx.now();
  const nowIso = now.toISOString();
  return inTransaction(ctx.store.db, async (tx) => {
    const person = await tx
      .selectFrom('persons')
      .select(['psn_no', 'name', 'insured_region_code', 'status'])
      .where('certificate_no', '=', cert)
      .executeTakeFirst();
    if (person === undefined || person.status === 'terminated') return err(codeInvalid());
    const pending = await tx
      .selectFrom('login_codes')
      .selectAll()
      .where('psn_no', '=', person.psn_no)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (pending === undefined || Number(pending.attempts) >= LOGIN_CODE_ATTEMPTS_MAX)
      return err(codeInvalid());
    if (!sameHash(pending.code_hash, codeHash(person.psn_no, code.trim()))) {
      await tx
        .updateTable('login_codes')
        .set({ attempts: Number(pending.attempts) + 1 })
        .where('id', '=', pending.id)
        .execute();
      return ok(null);
    }
    await tx.updateTable('login_codes').set({ consumed_at: nowIso }).where('id', '=', pending.id).execute();
    const opened = await openSession(
      { store: { ...ctx.store, db: tx } },
      { role: 'person', subject: person.psn_no, regionCode: person.insured_region_code },
      now,
    );
    return ok({ ...opened, name: person.name });
  }).then((result) => {
    // A wrong code is committed (the attempt counts) and only then reported as an error.
    if (result.ok && result.value === null) return err(codeInvalid());
    return result as Result<{ token: string; session: WebSession; name: string }>;
  });
}

/**
 * 演示短信 — the latest SMS sent to a person, for demonstrations without an SMS gateway. Only the route
 * guarded by the YIBAO_DEMO_SMS_ECHO setting may call this: it hands out a login code.
 */
export async function demoLatestSms(ctx: AppContext, certificateNo: string): Promise<SmsMessage | undefined> {
  const cert = normalizeCertificate(certificateNo);
  if (cert === undefined) return undefined;
  const person = await ctx.store.db
    .selectFrom('persons')
    .select('psn_no')
    .where('certificate_no', '=', cert)
    .executeTakeFirst();
  if (!person) return undefined;
  const rows = await ctx.store.db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', 'sms')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  for (const row of rows) {
    const sms = JSON.parse(row.payload) as SmsMessage;
    if (sms.psnNo === person.psn_no) return sms;
  }
  return undefined;
}
