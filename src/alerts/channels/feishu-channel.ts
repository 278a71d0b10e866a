import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { PermanentError } from '../../errors.ts';
import type { OperationsNotice } from '../operations-notice.ts';
import type { Channel, ChannelMessage } from './channel-plugin.ts';
import { type SignedRobotOptions, signedRobotFields } from './robot-config.ts';
import {
  type AlertLevel,
  type DigestPart,
  escapeMarkdown,
  markdownLink,
  packDigest,
  type RobotAlert,
  type RobotLink,
  type RobotStyle,
  renderRobotAlert,
  renderRobotDigest,
  renderRobotNotice,
  shrinkToFit,
} from './robot-markdown.ts';
import {
  createPartLedger,
  createRobotAgent,
  postToRobot,
  type RobotExchange,
  type RobotReply,
  type RobotVerdict,
  robotUrl,
} from './robot-response.ts';
import { utf8Bytes } from './text-limits.ts';

/** A Feishu/Lark (飞书) custom bot, signed (签名校验) when `secret_env` is set. */
export const feishuChannelConfigSchema = z.strictObject({
  kind: z.literal('feishu'),
  ...signedRobotFields,
});

export type FeishuChannelConfig = z.infer<typeof feishuChannelConfigSchema>;

export type FeishuChannelOptions = SignedRobotOptions;

// Feishu custom-bot guide (open.feishu.cn … ucTM5YjL3ETO24yNxkjN): 100 requests a minute and 5 a
// second per bot, a request body of at most 20 KB, and 11232 when the platform throttles under
// load. Neither limit alone binds: 5/s allows 300 a minute, 100/min allows 100 in a second. The
// delivery layer counts in fixed windows, so any second spans at most two 1.25 s windows (4
// messages) and any minute at most 49 (98 messages): 2 per 1.25 s keeps both. The body budget
// keeps room for the signature fields, which are added after the size check.
const LIMITS = { messages: 2, perMs: 1_250, maxBytes: 20_000 };
const MAX_BODY_BYTES = LIMITS.maxBytes;
const SIGNATURE_ROOM = 128;
const THROTTLE_MS = 60_000;

// Confirmed from real replies: 19021 "sign match fail or timestamp is not within one hour", 19024
// "Key Words Not Found", 19001 "param invalid: incoming webhook access token invalid", 19002
// (other parameters), 19022 (IP not allowed). 9499 is both "Bad Request" (a malformed body) and
// "too many request"; only the latter is worth waiting for. Unknown codes are retried.
const PERMANENT_CODES = new Set([9499, 19001, 19002, 19021, 19022, 19024]);

/** Card header templates, one per level, as the people on duty already read the grades. */
const TEMPLATES: Readonly<Record<AlertLevel, string>> = {
  red: 'red',
  orange: 'orange',
  yellow: 'yellow',
  blue: 'blue',
};

export function classifyFeishuReply({ code, message }: RobotReply): RobotVerdict {
  if (code === 0) return { kind: 'ok' };
  if (code === 11232 || (code === 9499 && /too many|frequen|rate limit/i.test(message))) {
    return { kind: 'throttled', retryAfterMs: THROTTLE_MS };
  }
  if (PERMANENT_CODES.has(code)) return { kind: 'permanent' };
  return { kind: 'unknown' };
}

/** The `sign` field: base64 of HMAC-SHA256 keyed by `${timestamp}\n${secret}` over empty input. */
export function feishuSign(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/** Sends alerts to a Feishu group as interactive cards: coloured header, markdown, ack button. */
export function createFeishuChannel(name: string, options: FeishuChannelOptions): Channel {
  const what = `feishu channel ${name}`;
  const url = robotUrl(what, options.url);
  const token = url.pathname.split('/').filter(Boolean).at(-1);
  if (!token) throw new Error(`${what}: the bot URL has no token`);
  const secret = options.secret?.reveal() ?? null;
  const exchange: RobotExchange = {
    platform: 'feishu',
    what,
    classify: classifyFeishuReply,
    secrets: secret ? [token, secret] : [token],
  };
  const now = options.now ?? Date.now;
  const agent = createRobotAgent(options.timeoutMs);
  const sendParts = createPartLedger();
  const post = (card: FeishuCard) => {
    const timestamp = String(Math.floor(now() / 1000));
    const signature = secret ? { timestamp, sign: feishuSign(timestamp, secret) } : {};
    const body = JSON.stringify({ ...signature, msg_type: 'interactive', card });
    return postToRobot(agent, url.href, body, exchange);
  };
  return {
    name,
    limits: { ...LIMITS },
    send: (message) => sendParts(`send:${message.key}`, renderFeishuMessage(message, options.style), post),
    notify: (notice) => sendParts(`notify:${notice.key}`, [renderFeishuNotice(notice)], post),
    close: () => agent.close(),
  };
}

/** The message card (legacy `card` JSON, which custom bots accept inline). */
export interface FeishuCard {
  config: { wide_screen_mode: boolean };
  header: { template: string; title: { tag: 'plain_text'; content: string } };
  elements: unknown[];
}

/** The cards for one channel message: one per part, each body within 20 KB. */
export function renderFeishuMessage(message: ChannelMessage, style: RobotStyle = 'full'): FeishuCard[] {
  const [first, ...others] = message.notifications;
  if (!first) throw new PermanentError(`message ${message.key} has no notifications`);
  if (others.length === 0) {
    return [alertCard(shrinkToFit(renderRobotAlert(first, style), (a) => fits(alertCard(a))))];
  }
  const digest = renderRobotDigest(message.notifications);
  const layout = (part: DigestPart) => digestCard(digest.level, part);
  return packDigest(digest, (p) => fits(layout(p))).map(layout);
}

/** Violet and green: apart from the four grades, so nobody reads a notice as a public alert. */
export function renderFeishuNotice(notice: OperationsNotice): FeishuCard {
  const layout = (n: ReturnType<typeof renderRobotNotice>) =>
    card(n.recovered ? 'green' : 'violet', n.headline, n.lines.map(escapeMarkdown), []);
  return layout(shrinkToFit(renderRobotNotice(notice), (n) => fits(layout(n))));
}

function alertCard(alert: RobotAlert): FeishuCard {
  return card(TEMPLATES[alert.level], alert.headline, alert.lines.map(escapeMarkdown), alert.links);
}

function digestCard(level: AlertLevel, part: DigestPart): FeishuCard {
  const lines = part.entries.map((e) => {
    const headline = escapeMarkdown(e.headline);
    return e.link ? `${headline}　${markdownLink(e.link)}` : headline;
  });
  return card(TEMPLATES[level], part.headline, lines, []);
}

/** Links become buttons; the ack button comes first and stands out. */
function card(template: string, title: string, lines: string[], links: RobotLink[]): FeishuCard {
  const buttons = links.map((link) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: link.label },
    type: link.ack ? 'primary' : 'default',
    url: link.url,
  }));
  return {
    config: { wide_screen_mode: true },
    header: { template, title: { tag: 'plain_text', content: title } },
    elements: [
      ...(lines.length > 0 ? [{ tag: 'markdown', content: lines.join('\n') }] : []),
      ...(buttons.length > 0 ? [{ tag: 'action', actions: buttons }] : []),
    ],
  };
}

function fits(card: FeishuCard): boolean {
  const body = JSON.stringify({ msg_type: 'interactive', card });
  return utf8Bytes(body) <= MAX_BODY_BYTES - SIGNATURE_ROOM;
}
