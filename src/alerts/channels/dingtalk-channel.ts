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

/** A DingTalk (钉钉) custom robot, signed (加签) when `secret_env` is set. */
export const dingtalkChannelConfigSchema = z.strictObject({
  kind: z.literal('dingtalk'),
  ...signedRobotFields,
});

export type DingtalkChannelConfig = z.infer<typeof dingtalkChannelConfigSchema>;

export type DingtalkChannelOptions = SignedRobotOptions;

// DingTalk custom-robot documentation: at most 20 messages a minute per robot, and a robot that
// exceeds it is throttled for 10 minutes (errcode 130101 "send too fast, exceed 20 times per
// minute"). The delivery layer counts in fixed windows, which lets two windows' worth through
// within one sliding minute; with a ten-minute penalty at stake we declare half the limit, so no
// minute ever sees more than 20. The 20,000-byte body limit is not confirmed from documentation.
const LIMITS = { messages: 10, perMs: 60_000, maxBytes: 20_000 };
const MAX_BODY_BYTES = LIMITS.maxBytes;
const THROTTLE_MS = 10 * 60_000;

// Confirmed from real replies: 310000 (sign not match, keywords not in content, IP not allowed:
// the robot's security settings refused us), 300001 and 300005 "token is not exist". Unconfirmed
// and mapped by their class: 400000-499999 are robot/token/content errors (410100, a newer
// throttling code, excepted). Anything else, including -1 (system busy), is retried.
const PERMANENT_CODES = new Set([300001, 300005, 310000]);
const THROTTLED_CODES = new Set([130101, 410100]);

/** DingTalk markdown has no documented font colour, so the level gets a coloured sign. */
const SIGNS: Readonly<Record<AlertLevel, string>> = { red: '🔴', orange: '🟠', yellow: '🟡', blue: '🔵' };
/** A single newline does not reliably break a line in DingTalk markdown; a blank line does. */
const BREAK = '\n\n';

export function classifyDingtalkReply({ code }: RobotReply): RobotVerdict {
  if (code === 0) return { kind: 'ok' };
  if (THROTTLED_CODES.has(code)) return { kind: 'throttled', retryAfterMs: THROTTLE_MS };
  if (PERMANENT_CODES.has(code) || (code >= 400_000 && code < 500_000)) return { kind: 'permanent' };
  return { kind: 'unknown' };
}

/** The `sign` query value: base64 of HMAC-SHA256 keyed by the secret over `${timestamp}\n${secret}`. */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Sends alerts to a DingTalk group as markdown, signing every request when a secret is set. */
export function createDingtalkChannel(name: string, options: DingtalkChannelOptions): Channel {
  const what = `dingtalk channel ${name}`;
  const base = robotUrl(what, options.url);
  const token = base.searchParams.get('access_token');
  if (!token) throw new Error(`${what}: the robot URL has no access_token parameter`);
  const secret = options.secret?.reveal() ?? null;
  const exchange: RobotExchange = {
    platform: 'dingtalk',
    what,
    classify: classifyDingtalkReply,
    secrets: secret ? [token, secret] : [token],
  };
  const now = options.now ?? Date.now;
  const agent = createRobotAgent(options.timeoutMs);
  const sendParts = createPartLedger();
  const post = (payload: DingtalkPayload) => {
    const url = new URL(base.href);
    if (secret) {
      const timestamp = String(now());
      url.searchParams.set('timestamp', timestamp);
      // URLSearchParams percent-encodes `+`, `/` and `=`, which the platform requires.
      url.searchParams.set('sign', dingtalkSign(timestamp, secret));
    }
    return postToRobot(agent, url.href, JSON.stringify(payload), exchange);
  };
  return {
    name,
    limits: { ...LIMITS },
    send: (message) => sendParts(`send:${message.key}`, renderDingtalkMessage(message, options.style), post),
    notify: (notice) => sendParts(`notify:${notice.key}`, [renderDingtalkNotice(notice)], post),
    close: () => agent.close(),
  };
}

export interface DingtalkPayload {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
}

/** The request bodies for one channel message: one per part, each within 20,000 bytes. */
export function renderDingtalkMessage(
  message: ChannelMessage,
  style: RobotStyle = 'full',
): DingtalkPayload[] {
  const [first, ...others] = message.notifications;
  if (!first) throw new PermanentError(`message ${message.key} has no notifications`);
  if (others.length === 0) {
    return [alertPayload(shrinkToFit(renderRobotAlert(first, style), (a) => fits(alertPayload(a))))];
  }
  return packDigest(renderRobotDigest(message.notifications), (p) => fits(digestPayload(p))).map(
    digestPayload,
  );
}

export function renderDingtalkNotice(notice: OperationsNotice): DingtalkPayload {
  const layout = (n: ReturnType<typeof renderRobotNotice>) =>
    payload(n.headline, [`#### ${escapeMarkdown(n.headline)}`, ...n.lines.map(escapeMarkdown)]);
  return layout(shrinkToFit(renderRobotNotice(notice), (n) => fits(layout(n))));
}

function alertPayload(alert: RobotAlert): DingtalkPayload {
  return payload(alert.headline, [
    `#### ${SIGNS[alert.level]} ${escapeMarkdown(alert.headline)}`,
    ...alert.lines.map(escapeMarkdown),
    alert.links.map(markdownLink).join('　'),
  ]);
}

function digestPayload(part: DigestPart): DingtalkPayload {
  const entries = part.entries.map((e) => {
    const line = `${e.level ? `${SIGNS[e.level]} ` : ''}${escapeMarkdown(e.headline)}`;
    return e.link ? `${line}　${markdownLink(e.link)}` : line;
  });
  return payload(part.headline, [`#### ${escapeMarkdown(part.headline)}`, ...entries]);
}

/** The title is what the chat list and the notification show, so it is the plain headline. */
function payload(title: string, lines: string[]): DingtalkPayload {
  return { msgtype: 'markdown', markdown: { title, text: lines.join(BREAK) } };
}

function fits(body: DingtalkPayload): boolean {
  return utf8Bytes(JSON.stringify(body)) <= MAX_BODY_BYTES;
}
