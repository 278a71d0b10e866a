import { createHash } from 'node:crypto';
import type { NodemailerError } from 'nodemailer';
import { z } from 'zod';
import { PermanentError, ThrottledError, TransientError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { envVarName } from '../../settings/env-name.ts';
import type { Secret } from '../../settings/secret.ts';
import type { Channel, ChannelLimits, ChannelMessage } from './channel-plugin.ts';
import {
  type EmailContent,
  renderDigestEmail,
  renderNotificationEmail,
  renderOperationsEmail,
} from './email-html.ts';
import { createSmtpTransport } from './smtp-transport.ts';

/** `kind: email` in routing.yaml: an SMTP relay and who receives the alerts. */
export const emailChannelSchema = z
  .strictObject({
    kind: z.literal('email'),
    host: z.string().min(1),
    /** 465 with `secure`, 587 otherwise. */
    port: z.int().min(1).max(65_535).optional(),
    /** Implicit TLS from the first byte (port 465). */
    secure: z.boolean().default(false),
    /** Without `secure`: refuse to go on (or to send the password) unless STARTTLS succeeds. */
    require_tls: z.boolean().default(true),
    user: z.string().min(1).optional(),
    /** Environment variable holding the SMTP password; the password never sits in a file. */
    password_env: envVarName.optional(),
    from: z.email(),
    from_name: z.string().min(1).max(80).optional(),
    to: z.array(z.email()).min(1),
    cc: z.array(z.email()).default([]),
    connection_timeout_s: z.number().positive().max(300).default(10),
    greeting_timeout_s: z.number().positive().max(300).default(10),
    socket_timeout_s: z.number().positive().max(600).default(60),
    max_connections: z.int().min(1).max(10).default(2),
    limits: z
      .strictObject({
        messages: z.int().positive().default(30),
        per_s: z.number().positive().default(60),
        max_bytes: z
          .int()
          .positive()
          .default(512 * 1024),
      })
      .prefault({}),
  })
  .refine((config) => (config.user === undefined) === (config.password_env === undefined), {
    message: 'user and password_env go together',
    path: ['password_env'],
  });

export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;

/** The resolved form of the config: secrets read, seconds turned into milliseconds. */
export interface EmailChannelOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  auth: { user: string; password: Secret } | null;
  from: { name: string; address: string };
  to: readonly string[];
  cc: readonly string[];
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
  maxConnections: number;
  limits: ChannelLimits;
  /** Told when some recipients refused a message that the others received. */
  logger?: Logger;
}

/** Maps a checked config to factory options; `password` is the Secret read from `password_env`. */
export function emailChannelOptions(
  config: EmailChannelConfig,
  password: Secret | null,
  logger?: Logger,
): EmailChannelOptions {
  return {
    host: config.host,
    port: config.port ?? (config.secure ? 465 : 587),
    secure: config.secure,
    requireTls: config.require_tls,
    auth: config.user && password ? { user: config.user, password } : null,
    from: { name: config.from_name ?? '', address: config.from },
    to: config.to,
    cc: config.cc,
    connectionTimeoutMs: config.connection_timeout_s * 1000,
    greetingTimeoutMs: config.greeting_timeout_s * 1000,
    socketTimeoutMs: config.socket_timeout_s * 1000,
    maxConnections: config.max_connections,
    limits: {
      messages: config.limits.messages,
      perMs: config.limits.per_s * 1000,
      maxBytes: config.limits.max_bytes,
    },
    ...(logger ? { logger } : {}),
  };
}

/**
 * Recipients (lower-cased: servers may echo another spelling) that took a message, or refused
 * it for good, so that a retry skips them.
 */
interface Outcome {
  accepted: Set<string>;
  refused: Set<string>;
}
const REMEMBERED_MESSAGES = 1000;

/**
 * Sends alerts by SMTP through a pooled nodemailer transport. Every message carries a
 * Message-ID and `X-Wagewatch-Idempotency-Key` derived from its key, so a receiver can drop
 * repeats. When some recipients defer a message (4xx) the send throws so that it is retried,
 * and the retry goes only to the recipients that have not taken it yet (remembered in this
 * process; across processes the stable Message-ID is what lets mail systems collapse repeats).
 */
export function createEmailChannel(name: string, options: EmailChannelOptions): Channel {
  const password = options.auth?.password.reveal() ?? null;
  const transport = createSmtpTransport(options, true);
  const recipients = [...new Set([...options.to, ...options.cc])];
  const domain = options.from.address.split('@').pop() ?? 'wagewatch.invalid';
  const outcomes = new Map<string, Outcome>();
  /** Keeps a password a server might echo out of every message we raise. */
  const scrub = (text: string) => (password ? text.split(password).join('[redacted]') : text);

  const deliver = async (id: string, key: string, content: EmailContent, urgent: boolean) => {
    const outcome = remember(outcomes, id);
    const pending = recipients.filter((r) => !settled(outcome, r));
    if (pending.length === 0) return;
    const what = `email ${name}`;
    let rejected: NodemailerError[];
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: [...options.to],
        cc: [...options.cc],
        subject: content.subject,
        text: content.text,
        html: content.html,
        priority: urgent ? 'high' : 'normal',
        messageId: `<${createHash('sha256').update(id).digest('hex').slice(0, 40)}@${domain}>`,
        headers: { 'X-Wagewatch-Idempotency-Key': key },
        envelope: { from: options.from.address, to: pending },
      });
      for (const address of info.accepted) outcome.accepted.add(address.toLowerCase());
      rejected = info.rejectedErrors ?? [];
    } catch (error) {
      const failure = error as NodemailerError;
      // Only "every recipient rejected" carries per-recipient errors; anything else failed whole.
      if (!failure.rejectedErrors?.length) throw smtpError(what, failure, scrub);
      rejected = failure.rejectedErrors;
    }
    settle(what, outcome, rejected, scrub, (refused) =>
      options.logger?.warn(
        { channel: name, key, refused: refused.map(maskAddress) },
        'email refused for good by some recipients, delivered to the others',
      ),
    );
  };

  return {
    name,
    limits: options.limits,
    async send(message: ChannelMessage) {
      const [first, ...more] = message.notifications;
      if (!first) throw new PermanentError(`email ${name}: message ${message.key} has no notifications`);
      const content =
        more.length === 0 ? renderNotificationEmail(first) : renderDigestEmail(message.notifications);
      const urgent = message.notifications.some((n) => n.level === 'red' || n.level === 'orange');
      await deliver(`alert\0${message.key}`, message.key, content, urgent);
    },
    async notify(notice) {
      await deliver(`operations\0${notice.key}`, notice.key, renderOperationsEmail(notice), false);
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * Books the per-recipient rejections: permanent ones are dropped (logged when others got the
 * message), deferred or throttled ones make the send throw so that the retry reaches them.
 */
function settle(
  what: string,
  outcome: Outcome,
  rejected: readonly NodemailerError[],
  scrub: (text: string) => string,
  onPartial: (refused: string[]) => void,
): void {
  const refusedNow: string[] = [];
  const deferred: NodemailerError[] = [];
  for (const error of rejected) {
    const verdict = smtpVerdict(error);
    if (verdict === 'permanent' && error.recipient) {
      outcome.refused.add(error.recipient.toLowerCase());
      refusedNow.push(error.recipient);
    } else deferred.push(error);
  }
  const [firstDeferred] = deferred;
  if (firstDeferred) {
    throw smtpError(`${what}: ${deferred.length} recipient(s) deferred`, firstDeferred, scrub);
  }
  const [firstRejected] = rejected;
  if (outcome.accepted.size === 0 && firstRejected) throw smtpError(what, firstRejected, scrub);
  if (refusedNow.length > 0) onPartial(refusedNow);
}

function remember(outcomes: Map<string, Outcome>, id: string): Outcome {
  let outcome = outcomes.get(id);
  if (!outcome) {
    outcome = { accepted: new Set(), refused: new Set() };
    outcomes.set(id, outcome);
    // Insertion order makes the first key the oldest; the memory stays bounded.
    if (outcomes.size > REMEMBERED_MESSAGES) outcomes.delete(outcomes.keys().next().value as string);
  }
  return outcome;
}

function settled(outcome: Outcome, address: string): boolean {
  const folded = address.toLowerCase();
  return outcome.accepted.has(folded) || outcome.refused.has(folded);
}

/** `zh***@county.gov.cn`: enough to tell who, without writing whole addresses into logs. */
function maskAddress(address: string): string {
  const [local = '', host = ''] = address.split('@');
  return `${local.slice(0, 2)}***@${host}`;
}

type SmtpVerdict = 'permanent' | 'throttled' | 'transient';

/** How long to stay away after a throttling reply, which never says for how long. */
const THROTTLED_MS = 60_000;
/**
 * Replies that mean "slow down" whatever their class: rate limits, greylisting, and the 550
 * "Ip frequency limited" that Chinese mail hosts (QQ/Tencent Exmail, NetEase) answer with.
 */
const THROTTLE_TEXT =
  /rate.?limit|too many (connections|messages|mails|emails|requests|recipients|concurrent)|frequency|throttl|slow down|quota|try (again )?later|greylist|频率|频繁|稍后|发送量超限|数量超过限制/i;
/** Refusals nodemailer raises itself, before any reply: the message or config is unusable. */
const LOCAL_REFUSALS = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'EOTP']);

/**
 * RFC 5321 with refinements. A refused login (5xx, or no reply) is permanent. 421 (server
 * closing the channel), enhanced status 4.7.x (policy: rate limits, greylisting) and any reply
 * that speaks of rate, frequency or quota are throttling, whatever their class. 503 (bad
 * sequence) is retryable. Other 4xx (450/451/452: mailbox busy, local error, storage) are
 * transient, other 5xx (550/552/553/554) permanent. No reply at all is a network failure,
 * so transient, except refusals nodemailer raises itself about the message or config.
 */
export function smtpVerdict(error: NodemailerError): SmtpVerdict {
  const reply = error.responseCode;
  const text = error.response ?? '';
  // A refused login stays refused, even worded "password is incorrect, login frequency limited".
  if (error.code === 'EAUTH' && reply !== undefined && reply >= 500) return 'permanent';
  if (reply !== undefined && reply >= 400 && reply < 600) {
    const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? '';
    if (reply === 421 || THROTTLE_TEXT.test(text) || enhanced.startsWith('4.7.')) return 'throttled';
    return reply >= 500 && reply !== 503 ? 'permanent' : 'transient';
  }
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') return 'permanent';
  if (error.code !== undefined && LOCAL_REFUSALS.has(error.code)) return 'permanent';
  return 'transient';
}

/** The project error for a nodemailer error; the message never holds the password. */
export function smtpError(what: string, error: NodemailerError, scrub: (text: string) => string): Error {
  const detail = scrub(error.message);
  const message = `${what}: ${detail}`;
  // An error whose text had to be scrubbed is not passed on as the cause.
  const cause = detail === error.message ? { cause: error } : {};
  const code = `smtp_${error.responseCode ?? error.code ?? 'error'}`;
  switch (smtpVerdict(error)) {
    case 'permanent':
      return new PermanentError(message, { ...cause, code });
    case 'throttled':
      return new ThrottledError(message, THROTTLED_MS, cause);
    default:
      return new TransientError(message, { ...cause, code });
  }
}
