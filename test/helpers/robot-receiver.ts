import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startLoopbackServer } from './loopback-server.ts';

export type RobotPlatform = 'wecom' | 'dingtalk' | 'feishu';

/** One request as the robot saw it, and the platform code it answered (0: accepted). */
export interface RobotArrival {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  bytes: number;
  code: number;
}

export interface RobotAnswer {
  status: number;
  body?: unknown;
}

export interface RobotReceiverOptions {
  /** The key / access_token / hook token the robot URL must carry. */
  token: string;
  /** The signing secret (DingTalk, Feishu); unset means the robot does not check signatures. */
  secret?: string;
  /** Security keywords: at least one must appear in the message, as the platforms check. */
  keywords?: string[];
  /** Replaces the answer for an arrival that passed every check (a 500, a rate-limit code). */
  answer?: (arrival: RobotArrival, index: number) => RobotAnswer | undefined;
  now?: () => number;
}

export interface RobotReceiver {
  /** The robot URL, token included, exactly as the channel is configured with it. */
  url: string;
  arrivals: RobotArrival[];
  /** The message text of every accepted arrival (markdown, or the card's JSON for Feishu). */
  acceptedTexts(): string[];
  close(): Promise<void>;
}

type Check = { code: number; msg: string } | null;
const HOUR_MS = 3_600_000;

/**
 * A stand-in for a platform's robot endpoint on 127.0.0.1 that checks what the platform checks:
 * the token, the signature recomputed from the shared secret (and its timestamp within an hour),
 * keywords and size, and answers with the platform's own codes.
 */
export async function startRobotReceiver(
  platform: RobotPlatform,
  options: RobotReceiverOptions,
): Promise<RobotReceiver> {
  const arrivals: RobotArrival[] = [];
  const now = options.now ?? Date.now;
  const server = await startLoopbackServer((request, response) => {
    void readBody(request).then((raw) => {
      const url = new URL(request.url ?? '/', 'http://robot.test');
      const arrival: RobotArrival = {
        path: url.pathname,
        query: url.searchParams,
        body: parseJson(raw),
        bytes: raw.length,
        code: 0,
      };
      const failure = CHECKS[platform](arrival, options, now());
      const index = arrivals.push(arrival) - 1;
      const answer: RobotAnswer = failure
        ? { status: 200, body: reply(platform, failure.code, failure.msg) }
        : (options.answer?.(arrival, index) ?? { status: 200, body: reply(platform, 0, 'ok') });
      const body = answer.body as Record<string, unknown> | undefined;
      arrival.code = answer.status >= 300 ? -answer.status : Number(body?.errcode ?? body?.code ?? 0);
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  const base = server.url;
  const url = {
    wecom: `${base}/cgi-bin/webhook/send?key=${options.token}`,
    dingtalk: `${base}/robot/send?access_token=${options.token}`,
    feishu: `${base}/open-apis/bot/v2/hook/${options.token}`,
  }[platform];
  return {
    url,
    arrivals,
    acceptedTexts: () => arrivals.filter((a) => a.code === 0).map((a) => messageText(platform, a.body)),
    close: () => server.close(),
  };
}

export function reply(platform: RobotPlatform, code: number, msg: string): Record<string, unknown> {
  if (platform === 'feishu') {
    return code === 0
      ? { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' }
      : { code, data: {}, msg };
  }
  return { errcode: code, errmsg: msg };
}

const CHECKS: Record<RobotPlatform, (a: RobotArrival, o: RobotReceiverOptions, now: number) => Check> = {
  wecom(arrival, options) {
    if (arrival.query.get('key') !== options.token) return { code: 93000, msg: 'invalid webhook url' };
    const content = (arrival.body.markdown as { content?: unknown } | undefined)?.content;
    if (arrival.body.msgtype !== 'markdown') return { code: 40008, msg: 'invalid message type' };
    if (typeof content !== 'string' || content === '') return { code: 44004, msg: 'empty content' };
    if (Buffer.byteLength(content) > 4096) {
      return { code: 40058, msg: 'markdown.content exceed max length 4096' };
    }
    return null;
  },
  dingtalk(arrival, options, now) {
    if (arrival.query.get('access_token') !== options.token)
      return { code: 300001, msg: 'token is not exist' };
    if (options.secret) {
      const timestamp = arrival.query.get('timestamp') ?? '';
      const expected = createHmac('sha256', options.secret)
        .update(`${timestamp}\n${options.secret}`)
        .digest('base64');
      if (Math.abs(now - Number(timestamp)) > HOUR_MS) return { code: 310000, msg: 'invalid timestamp' };
      if (!same(arrival.query.get('sign') ?? '', expected)) return { code: 310000, msg: 'sign not match' };
    }
    if (!hasKeyword(arrival.body, options.keywords)) return { code: 310000, msg: 'keywords not in content' };
    if (arrival.bytes > 20_000) return { code: 460101, msg: 'message too long' };
    return null;
  },
  feishu(arrival, options, now) {
    if (arrival.path.split('/').at(-1) !== options.token) {
      return { code: 19001, msg: 'param invalid: incoming webhook access token invalid' };
    }
    if (options.secret) {
      const timestamp = String(arrival.body.timestamp ?? '');
      const expected = createHmac('sha256', `${timestamp}\n${options.secret}`).update('').digest('base64');
      const fresh = Math.abs(now / 1000 - Number(timestamp)) <= HOUR_MS / 1000;
      if (!fresh || !same(String(arrival.body.sign ?? ''), expected)) {
        return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' };
      }
    }
    if (!hasKeyword(arrival.body, options.keywords)) return { code: 19024, msg: 'Key Words Not Found' };
    if (arrival.bytes > 20 * 1024) return { code: 9499, msg: 'Bad Request' };
    return null;
  },
};

function messageText(platform: RobotPlatform, body: Record<string, unknown>): string {
  const markdown = body.markdown as { content?: string; title?: string; text?: string } | undefined;
  if (platform === 'wecom') return markdown?.content ?? '';
  if (platform === 'dingtalk') return `${markdown?.title ?? ''}\n${markdown?.text ?? ''}`;
  return JSON.stringify(body.card ?? null);
}

function hasKeyword(body: Record<string, unknown>, keywords: readonly string[] | undefined): boolean {
  if (!keywords || keywords.length === 0) return true;
  const text = JSON.stringify(body);
  return keywords.some((keyword) => text.includes(keyword));
}

function same(actual: string, expected: string): boolean {
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(raw: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
