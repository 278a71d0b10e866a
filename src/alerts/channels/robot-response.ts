import { Agent, request } from 'undici';
import { PermanentError, ThrottledError, TransientError } from '../../errors.ts';
import { headerValue, networkError, statusError } from '../../http/status-errors.ts';
import type { Secret } from '../../settings/secret.ts';

/** What a group robot answered: its error code (0 is success) and its message, when it sent JSON. */
export interface RobotReply {
  code: number;
  message: string;
}

/** How one platform reads a non-zero code; `unknown` codes are retried (see `replyError`). */
export type RobotVerdict =
  | { kind: 'ok' }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'permanent' }
  | { kind: 'unknown' };

/** Everything the shared exchange needs to know about one channel. */
export interface RobotExchange {
  /** `wecom`, `dingtalk` or `feishu`: prefixes error codes, e.g. `wecom_93000`. */
  platform: string;
  /** Names the channel in errors, e.g. `wecom channel duty`; never the URL. */
  what: string;
  classify(reply: RobotReply): RobotVerdict;
  /** The robot key/token and the signing secret: scrubbed from any text that reaches an error. */
  secrets: readonly string[];
}

const REPLY_LIMIT_BYTES = 64 * 1024;
const MESSAGE_LIMIT_CHARS = 160;

/** Parses a robot URL without echoing it: Node's parse error would carry the key in `input`. */
export function robotUrl(what: string, url: string | Secret): URL {
  try {
    return new URL(typeof url === 'string' ? url : url.reveal());
  } catch {
    throw new Error(`${what}: the robot URL is not a valid URL`);
  }
}

/** One dispatcher per channel, with the configured timeout on connect, headers and body. */
export function createRobotAgent(timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/**
 * POSTs one JSON body and resolves only when the robot accepted it. Robots answer HTTP 200 with
 * an error code in the body, so the body is always read: a known code decides (even on a non-2xx
 * answer, since the platform knows best), otherwise the HTTP status does.
 */
export async function postToRobot(
  agent: Agent,
  url: string,
  body: string,
  exchange: RobotExchange,
): Promise<void> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      dispatcher: agent,
    });
  } catch (error) {
    throw scrubbed(networkError(exchange.what, error), exchange.secrets);
  }
  let text: string;
  try {
    text = await readCapped(response.body);
  } catch (error) {
    throw scrubbed(networkError(exchange.what, error), exchange.secrets);
  }
  const reply = parseRobotReply(text);
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    if (reply === null) {
      // A 200 that is not the robot's JSON (a proxy or captive page): the message may not have
      // arrived, and another try may reach the robot.
      throw new TransientError(`${exchange.what}: HTTP ${status} without a robot reply`, {
        code: `${exchange.platform}_unreadable_reply`,
      });
    }
    const verdict = exchange.classify(reply);
    if (verdict.kind === 'ok') return;
    throw replyError(exchange, reply, verdict);
  }
  if (reply !== null && reply.code !== 0) {
    const verdict = exchange.classify(reply);
    if (verdict.kind === 'permanent' || verdict.kind === 'throttled') {
      throw replyError(exchange, reply, verdict);
    }
  }
  throw statusError(exchange.what, status, headerValue(response.headers['retry-after']));
}

/**
 * The error for a non-zero code. Unknown codes become TransientError: a lost alert costs more than
 * a few extra attempts, and the delivery layer bounds the attempts anyway.
 */
export function replyError(exchange: RobotExchange, reply: RobotReply, verdict: RobotVerdict): Error {
  const code = `${exchange.platform}_${reply.code}`;
  const detail = redact(reply.message, exchange.secrets).slice(0, MESSAGE_LIMIT_CHARS);
  const message = `${exchange.what}: errcode ${reply.code}: ${detail}`;
  if (verdict.kind === 'throttled') return new ThrottledError(message, verdict.retryAfterMs);
  if (verdict.kind === 'permanent') return new PermanentError(message, { code });
  return new TransientError(message, { code });
}

/**
 * Reads `{errcode, errmsg}` (WeCom, DingTalk), `{code, msg}` (Feishu) or `{StatusCode,
 * StatusMessage}` (older Feishu bots); null when the body is not such JSON.
 */
export function parseRobotReply(text: string): RobotReply | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const fields = parsed as Record<string, unknown>;
  const code = [fields.errcode, fields.code, fields.StatusCode].find((v) => typeof v === 'number');
  if (typeof code !== 'number') return null;
  const message = [fields.errmsg, fields.msg, fields.StatusMessage].find((v) => typeof v === 'string');
  return { code, message: typeof message === 'string' ? message : '' };
}

/** Replaces every occurrence of each secret (plain and URL-encoded) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}

function scrubbed<E extends Error>(error: E, secrets: readonly string[]): E {
  error.message = redact(error.message, secrets);
  return error;
}

/** Robot replies are tiny; a body larger than this is not a robot's and is cut off. */
async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > REPLY_LIMIT_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends the parts of one message in order; see `createPartLedger`. */
export type PartSender = <T>(
  key: string,
  parts: readonly T[],
  sendOne: (part: T) => Promise<void>,
) => Promise<void>;

/**
 * Remembers how many parts of a split message the robot already accepted, so a retry of the same
 * key sends only the rest instead of repeating earlier parts to the people on duty. It lives in
 * memory: after a restart a retry may repeat the parts already sent, never skip one.
 */
export function createPartLedger(capacity = 1000): PartSender {
  const progress = new Map<string, { parts: number; accepted: number }>();
  return async (key, parts, sendOne) => {
    const known = progress.get(key);
    const start = known && known.parts === parts.length ? known.accepted : 0;
    for (let i = start; i < parts.length; i++) {
      await sendOne(parts[i] as (typeof parts)[number]);
      progress.delete(key);
      if (i + 1 < parts.length) progress.set(key, { parts: parts.length, accepted: i + 1 });
      // Oldest first: a Map iterates in insertion order, and an entry is re-inserted on progress.
      if (progress.size > capacity) progress.delete(progress.keys().next().value as string);
    }
  };
}
