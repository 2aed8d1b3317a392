/**
 * SMS through the outbox: a use case queues a row (topic 'sms') in its own transaction; a sender delivers
 * pending rows later, at least once, and marks them delivered. The default sender appends to a log file.
 * The outbox is shared with the login one-time codes, so the file sink writes a message's text only for
 * templates known to carry no secret, and masks the phone number.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { maskPhone } from '../../core/privacy/mask.ts';
import type { Tx } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';

export type SmsTemplate = 'chronic_grant' | 'chronic_approval';

export interface SmsMessage {
  readonly phone: string;
  readonly template: string;
  readonly psnNo: string;
  readonly text: string;
}

export interface SmsSender {
  /** Throws when the message could not be handed over; the row stays pending and is retried. */
  send(message: SmsMessage, outboxId: number): Promise<void>;
}

export const SMS_TOPIC = 'sms';

/** Templates whose text is safe to write to a log; anything else (login codes) is logged without text. */
const LOGGABLE_TEMPLATES: ReadonlySet<string> = new Set<SmsTemplate>(['chronic_grant', 'chronic_approval']);

export async function queueSms(
  tx: Tx,
  message: SmsMessage & { template: SmsTemplate },
  now: Date,
): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({
      topic: SMS_TOPIC,
      payload: JSON.stringify(message),
      created_at: now.toISOString(),
      delivered_at: null,
    })
    .execute();
}

export const DEFAULT_SMS_LOG = 'data/runtime/sms.log';

/** The default sink: one JSON line per message in a log file (development and demo deployments). */
export function logFileSmsSender(
  file: string = DEFAULT_SMS_LOG,
  now: () => Date = () => new Date(),
): SmsSender {
  return {
    async send(message, outboxId) {
      await mkdir(dirname(file), { recursive: true });
      const line = {
        at: now().toISOString(),
        outboxId,
        template: message.template,
        psnNo: message.psnNo,
        phone: maskPhone(message.phone),
        text: LOGGABLE_TEMPLATES.has(message.template) ? message.text : '[内容含验证码，不记录]',
      };
      await appendFile(file, `${JSON.stringify(line)}\n`, 'utf8');
    },
  };
}

export interface DeliveryReport {
  readonly delivered: number;
  readonly failed: number;
}

/** Delivers up to `batchSize` pending SMS rows in id order. */
export async function deliverSmsOutbox(
  ctx: AppContext,
  sender: SmsSender,
  options: { batchSize?: number } = {},
): Promise<DeliveryReport> {
  const rows = await ctx.store.db
    .selectFrom('outbox')
    .select(['id', 'payload'])
    .where('topic', '=', SMS_TOPIC)
    .where('delivered_at', 'is', null)
    .orderBy('id')
    .limit(options.batchSize ?? 100)
    .execute();
  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    let ok = true;
    try {
      await sender.send(JSON.parse(row.payload) as SmsMessage, Number(row.id));
    } catch {
      ok = false;
    }
    // Marked only after the hand-over: a crash in between resends (at least once, never lost).
    await ctx.store.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        ...(ok ? { delivered_at: ctx.now().toISOString() } : {}),
      }))
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null)
      .execute();
    if (ok) delivered++;
    else failed++;
  }
  return { delivered, failed };
}

/** Polls the outbox every `intervalMs` until stopped; the lead starts this next to the server. */
export function startSmsDelivery(
  ctx: AppContext,
  sender: SmsSender,
  intervalMs = 5_000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverSmsOutbox(ctx, sender)).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
