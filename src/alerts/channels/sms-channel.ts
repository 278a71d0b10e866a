import { Agent, request } from 'undici';
import { z } from 'zod';
import { errorMessage, PermanentError, ThrottledError, TransientError } from '../../errors.ts';
import { headerValue, statusError } from '../../http/status-errors.ts';
import type { Logger } from '../../logger.ts';
import { envVarName } from '../../settings/env-name.ts';
import type { Secret } from '../../settings/secret.ts';
import type { Channel, ChannelLimits } from './channel-plugin.ts';
import {
  checkAnswer,
  fillRequest,
  type GatewayTemplate,
  type JsonObject,
  type SuccessCheck,
  templatePlaceholders,
  templateProblems,
} from './gateway-template.ts';
import { renderSmsAlert, renderSmsDigest, renderSmsOperations } from './sms-text.ts';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * `kind: sms` in routing.yaml: any HTTP SMS gateway, described by a request template with the
 * placeholders {phone} {text} {api_key} {sign} {template_id}. One request goes out per phone.
 */
export const smsChannelSchema = z
  .strictObject({
    kind: z.literal('sms'),
    url: z.string().min(1),
    method: z.enum(['GET', 'POST']).default('POST'),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string()).default({}),
    /** A JSON object (sent as JSON) or a form string such as `mobile={phone}&content={sign}{text}`. */
    body: z.union([z.string(), z.record(z.string(), z.json())]).optional(),
    api_key_env: envVarName.optional(),
    /** The carrier-registered signature, e.g. `【某某县人社局】`; counts towards the carrier's length. */
    sign: z.string().default(''),
    template_id: z.string().default(''),
    phones: z.array(z.string().regex(/^\+?[0-9]{5,20}$/, 'digits, optionally with a leading +')).min(1),
    /** Longest {text}; carriers bill per 70 Chinese characters, so keep it short. */
    max_chars: z.int().min(20).max(1000).default(300),
    /** Beyond a 2xx status: the JSON answer's value at `json_path` must equal `equals`. */
    success: z
      .strictObject({
        json_path: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a dotted path such as data.code'),
        equals: scalar,
        /** Values at the same path that mean "too fast", e.g. a per-phone frequency limit. */
        throttled: z.array(scalar).default([]),
      })
      .optional(),
    timeout_s: z.number().positive().max(120).default(10),
    limits: z
      .strictObject({ messages: z.int().positive().default(10), per_s: z.number().positive().default(60) })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const template = templateOf(config);
    for (const problem of templateProblems(template)) ctx.addIssue({ code: 'custom', ...problem });
    const usesKey = templatePlaceholders(template).some(({ name }) => name === 'api_key');
    if (usesKey && !config.api_key_env) {
      ctx.addIssue({
        code: 'custom',
        path: ['api_key_env'],
        message: '{api_key} is used but api_key_env is not set',
      });
    }
    if (!usesKey && config.api_key_env) {
      ctx.addIssue({
        code: 'custom',
        path: ['api_key_env'],
        message: 'set, but no {api_key} placeholder uses it',
      });
    }
  });

export type SmsChannelConfig = z.infer<typeof smsChannelSchema>;

function templateOf(config: SmsChannelConfig): GatewayTemplate {
  return {
    url: config.url,
    method: config.method,
    headers: config.headers,
    body: (config.body as string | JsonObject | undefined) ?? null,
  };
}

/** The resolved form of the config. */
export interface SmsChannelOptions {
  template: GatewayTemplate;
  apiKey: Secret | null;
  sign: string;
  templateId: string;
  phones: readonly string[];
  maxChars: number;
  success: SuccessCheck | null;
  timeoutMs: number;
  limits: ChannelLimits;
  /** Told when some phones refused a message that the others received. */
  logger?: Logger;
}

/** Maps a checked config to factory options; `apiKey` is the Secret read from `api_key_env`. */
export function smsChannelOptions(
  config: SmsChannelConfig,
  apiKey: Secret | null,
  logger?: Logger,
): SmsChannelOptions {
  return {
    template: templateOf(config),
    apiKey,
    sign: config.sign,
    templateId: config.template_id,
    phones: config.phones,
    maxChars: config.max_chars,
    success: config.success
      ? {
          jsonPath: config.success.json_path,
          equals: config.success.equals,
          throttled: config.success.throttled,
        }
      : null,
    timeoutMs: config.timeout_s * 1000,
    // Up to 4 bytes of UTF-8 per character, so the delivery layer never cuts what we would not.
    limits: {
      messages: config.limits.messages,
      perMs: config.limits.per_s * 1000,
      maxBytes: config.max_chars * 4,
    },
    ...(logger ? { logger } : {}),
  };
}

/** Phones that took a message, or refused it for good, so that a retry skips them. */
interface Outcome {
  sent: Set<string>;
  refused: Set<string>;
}
const REMEMBERED_MESSAGES = 1000;

/**
 * Sends short texts through an HTTP SMS gateway, one request per phone, all phones at once.
 * A phone that fails for good is dropped; one that fails transiently makes `send` throw, and
 * the retry (same key) goes only to the phones that have not taken the message yet. That memory
 * lives in this process: across processes, repeats are up to the gateway or the delivery layer.
 * `send` throws PermanentError only when no phone took the message.
 */
export function createSmsChannel(name: string, options: SmsChannelOptions): Channel {
  const agent = new Agent({
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const outcomes = new Map<string, Outcome>();
  const key = options.apiKey?.reveal() ?? '';
  const spellings = key ? [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)] : [];
  /** Keeps the key out of every message we raise, in any spelling a template may have given it. */
  const scrub = (text: string) => spellings.reduce((t, s) => t.split(s).join('[redacted]'), text);

  const sendOne = async (phone: string, text: string): Promise<void> => {
    const what = `sms ${name} to ${maskPhone(phone)}`;
    const values = { phone, text, api_key: key, sign: options.sign, template_id: options.templateId };
    const filled = fillRequest(options.template, values);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(filled.url, {
        method: filled.method,
        headers: filled.headers,
        body: filled.body,
        dispatcher: agent,
      });
    } catch (error) {
      // Not passed on as the cause: a client error may quote the URL, and the URL may hold the key.
      throw new TransientError(`${what}: ${scrub(errorMessage(error))}`, { code: 'network' });
    }
    if (response.statusCode >= 300) {
      await response.body.dump();
      throw statusError(what, response.statusCode, headerValue(response.headers['retry-after']));
    }
    const answer = await response.body.text();
    if (options.success) checkAnswer(what, answer, options.success, scrub);
  };

  const deliver = async (id: string, text: string, label: string) => {
    const outcome = remember(outcomes, id);
    const pending = options.phones.filter((p) => !outcome.sent.has(p) && !outcome.refused.has(p));
    if (pending.length === 0) return;
    const results = await Promise.allSettled(pending.map((phone) => sendOne(phone, text)));
    const retryable: unknown[] = [];
    const refused: { phone: string; error: unknown }[] = [];
    results.forEach((result, index) => {
      const phone = pending[index] as string;
      if (result.status === 'fulfilled') outcome.sent.add(phone);
      else if (result.reason instanceof PermanentError) {
        outcome.refused.add(phone);
        refused.push({ phone, error: result.reason });
      } else retryable.push(result.reason);
    });
    const summary = `sms ${name}: ${label}: ${outcome.sent.size} of ${options.phones.length} phones reached`;
    if (retryable.length > 0) throw retryError(`${summary}, ${retryable.length} to retry`, retryable);
    if (outcome.sent.size === 0) {
      const first = refused[0]?.error as PermanentError | undefined;
      throw new PermanentError(`${summary}: ${first?.message ?? 'every phone refused'}`, {
        cause: first,
        code: first?.code ?? 'permanent',
      });
    }
    if (refused.length > 0) {
      options.logger?.warn(
        {
          channel: name,
          label,
          refused: refused.map(({ phone, error }) => `${maskPhone(phone)}: ${errorMessage(error)}`),
        },
        'sms refused for some phones, delivered to the others',
      );
    }
  };

  return {
    name,
    limits: options.limits,
    async send(message) {
      const [first, ...more] = message.notifications;
      if (!first) throw new PermanentError(`sms ${name}: message ${message.key} has no notifications`);
      const text =
        more.length === 0
          ? renderSmsAlert(first, options.maxChars)
          : renderSmsDigest(message.notifications, options.maxChars);
      await deliver(`alert\0${message.key}`, text, message.key);
    },
    async notify(notice) {
      await deliver(`operations\0${notice.key}`, renderSmsOperations(notice, options.maxChars), notice.key);
    },
    close: () => agent.close(),
  };
}

/** Throttling wins over a plain retry, and the longest wait asked for is kept. */
function retryError(message: string, errors: readonly unknown[]): Error {
  const throttled = errors.filter((e): e is ThrottledError => e instanceof ThrottledError);
  const detail = errorMessage(errors[0]);
  if (throttled.length > 0) {
    const wait = Math.max(...throttled.map((e) => e.retryAfterMs));
    return new ThrottledError(`${message}: ${detail}`, wait, { cause: errors[0] });
  }
  return new TransientError(`${message}: ${detail}`, { cause: errors[0] });
}

function remember(outcomes: Map<string, Outcome>, id: string): Outcome {
  let outcome = outcomes.get(id);
  if (!outcome) {
    outcome = { sent: new Set(), refused: new Set() };
    outcomes.set(id, outcome);
    // Insertion order makes the first key the oldest; the memory stays bounded.
    if (outcomes.size > REMEMBERED_MESSAGES) outcomes.delete(outcomes.keys().next().value as string);
  }
  return outcome;
}

/** `***5678`: phones of the people on duty are personal data, even in our own errors. */
function maskPhone(phone: string): string {
  return `***${phone.slice(-4)}`;
}
