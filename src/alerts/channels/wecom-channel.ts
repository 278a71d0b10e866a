import { z } from 'zod';
import { PermanentError } from '../../errors.ts';
import type { Secret } from '../../settings/secret.ts';
import type { OperationsNotice } from '../operations-notice.ts';
import type { Channel, ChannelMessage } from './channel-plugin.ts';
import {
  type AlertLevel,
  type DigestPart,
  escapeMarkdown,
  markdownLink,
  packDigest,
  type RobotAlert,
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

/** A WeCom (企业微信) group robot. The key is part of the URL, so the whole URL is a secret. */
export const wecomChannelConfigSchema = z.strictObject({
  kind: z.literal('wecom'),
  /** Variable holding `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`. */
  url_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name'),
  timeout_s: z.number().positive().max(120).default(10),
  style: z.enum(['full', 'brief']).default('full'),
});

export type WecomChannelConfig = z.infer<typeof wecomChannelConfigSchema>;

/** Resolved options; WeCom robots have no signing, so there is no secret besides the URL's key. */
export interface WecomChannelOptions {
  url: string | Secret;
  timeoutMs: number;
  style?: RobotStyle;
}

// WeCom group-robot documentation (developer.work.weixin.qq.com/document/path/91770): at most 20
// messages a minute per robot; markdown content at most 4096 bytes of UTF-8 (larger content is
// refused with errcode 40058 "markdown.content exceed max length 4096"). The documented 20 is
// declared as is: going over costs a 45009 and a one-minute hold, not a long penalty.
const LIMITS = { messages: 20, perMs: 60_000, maxBytes: 4096 };
const MAX_CONTENT_BYTES = LIMITS.maxBytes;
const THROTTLE_MS = 60_000;

// Confirmed from real replies: 93000 "invalid webhook url" (wrong or revoked key), 40008 "invalid
// message type", 40058 (content too long / invalid parameter), 44004 "empty content"; 45009 "api
// freq out of limit". Any other code, including -1 (system busy), is retried.
const PERMANENT_CODES = new Set([93000, 40008, 40058, 44004]);

/** Font colours are the only three WeCom markdown offers; red and orange share the alarm colour. */
const COLOURS: Readonly<Record<AlertLevel, string>> = {
  red: 'warning',
  orange: 'warning',
  yellow: 'comment',
  blue: 'info',
};

export function classifyWecomReply({ code }: RobotReply): RobotVerdict {
  if (code === 0) return { kind: 'ok' };
  if (code === 45009) return { kind: 'throttled', retryAfterMs: THROTTLE_MS };
  if (PERMANENT_CODES.has(code)) return { kind: 'permanent' };
  return { kind: 'unknown' };
}

/** Sends alerts to a WeCom group as markdown; a digest too long for one message is split. */
export function createWecomChannel(name: string, options: WecomChannelOptions): Channel {
  const what = `wecom channel ${name}`;
  const url = robotUrl(what, options.url);
  const key = url.searchParams.get('key');
  if (!key) throw new Error(`${what}: the robot URL has no key parameter`);
  const exchange: RobotExchange = { platform: 'wecom', what, classify: classifyWecomReply, secrets: [key] };
  const agent = createRobotAgent(options.timeoutMs);
  const sendParts = createPartLedger();
  const post = (content: string) =>
    postToRobot(agent, url.href, JSON.stringify({ msgtype: 'markdown', markdown: { content } }), exchange);
  return {
    name,
    limits: { ...LIMITS },
    send: (message) => sendParts(`send:${message.key}`, renderWecomMessage(message, options.style), post),
    notify: (notice) => sendParts(`notify:${notice.key}`, [renderWecomNotice(notice)], post),
    close: () => agent.close(),
  };
}

/** The markdown contents for one channel message: one per part, each within 4096 bytes. */
export function renderWecomMessage(message: ChannelMessage, style: RobotStyle = 'full'): string[] {
  const [first, ...others] = message.notifications;
  if (!first) throw new PermanentError(`message ${message.key} has no notifications`);
  if (others.length === 0) {
    return [alertContent(shrinkToFit(renderRobotAlert(first, style), (a) => fits(alertContent(a))))];
  }
  return packDigest(renderRobotDigest(message.notifications), (p) => fits(digestContent(p))).map(
    digestContent,
  );
}

export function renderWecomNotice(notice: OperationsNotice): string {
  const colour = (recovered: boolean) => (recovered ? 'info' : 'warning');
  const layout = (n: ReturnType<typeof renderRobotNotice>) =>
    [
      `<font color="${colour(n.recovered)}">${escapeMarkdown(n.headline)}</font>`,
      ...n.lines.map(escapeMarkdown),
    ].join('\n');
  return layout(shrinkToFit(renderRobotNotice(notice), (n) => fits(layout(n))));
}

function alertContent(alert: RobotAlert): string {
  return [
    `<font color="${COLOURS[alert.level]}">${escapeMarkdown(alert.headline)}</font>`,
    ...alert.lines.map(escapeMarkdown),
    alert.links.map(markdownLink).join('　'),
  ].join('\n');
}

function digestContent(part: DigestPart): string {
  const entries = part.entries.map((e) => {
    const headline = escapeMarkdown(e.headline);
    const coloured = e.level ? `<font color="${COLOURS[e.level]}">${headline}</font>` : headline;
    return e.link ? `${coloured}　${markdownLink(e.link)}` : coloured;
  });
  return [`**${escapeMarkdown(part.headline)}**`, ...entries].join('\n');
}

function fits(content: string): boolean {
  return utf8Bytes(content) <= MAX_CONTENT_BYTES;
}
