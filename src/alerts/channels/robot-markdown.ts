import {
  type AlertNotification,
  renderDigestText,
  renderNotificationHeadline,
  renderNotificationLines,
} from '../notification.ts';
import { isRecovery, type OperationsNotice, renderOperationsText } from '../operations-notice.ts';
import { trimToBytes, utf8Bytes } from './text-limits.ts';

/**
 * Platform-neutral pieces of a robot message, all plain text: each channel lays them into its own
 * markdown or card and escapes them there (`escapeMarkdown`), because only it knows the syntax.
 */
export type AlertLevel = AlertNotification['level'];
/** `full` sends the body lines; `brief` only the headline and the links, for a busy group. */
export type RobotStyle = 'full' | 'brief';

export interface RobotLink {
  label: string;
  url: string;
  /** The signed acknowledge link, as opposed to the post's address. */
  ack: boolean;
}

export interface RobotAlert {
  level: AlertLevel;
  headline: string;
  lines: string[];
  links: RobotLink[];
}

export interface RobotDigestEntry {
  level: AlertLevel | null;
  headline: string;
  link: RobotLink | null;
}

export interface RobotDigest {
  /** The highest level in the digest, for the colour of the whole message. */
  level: AlertLevel;
  headline: string;
  entries: RobotDigestEntry[];
}

export interface RobotNotice {
  recovered: boolean;
  headline: string;
  lines: string[];
}

const LEVEL_ORDER: readonly AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];

/** One notification: the shared headline and body lines, with the two addresses turned into links. */
export function renderRobotAlert(n: AlertNotification, style: RobotStyle = 'full'): RobotAlert {
  const linkLines = new Set([`原文：${n.url}`, ...(n.ack_url ? [`确认处理：${n.ack_url}`] : [])]);
  return {
    level: n.level,
    headline: renderNotificationHeadline(n),
    lines: style === 'brief' ? [] : renderNotificationLines(n).filter((line) => !linkLines.has(line)),
    links: [
      ...(n.ack_url ? [{ label: '确认处理', url: n.ack_url, ack: true }] : []),
      { label: '查看原文', url: n.url, ack: false },
    ],
  };
}

/**
 * A digest, read back from `renderDigestText` so its wording and order stay defined in one place:
 * the first line is the summary, then each headline with its (indented) link on the next line.
 */
export function renderRobotDigest(notifications: readonly AlertNotification[]): RobotDigest {
  const [summary = '', ...rest] = renderDigestText(notifications).split('\n');
  const byHeadline = new Map(notifications.map((n) => [renderNotificationHeadline(n), n]));
  const ackUrls = new Set(notifications.map((n) => n.ack_url).filter((url) => url !== null));
  const entries: RobotDigestEntry[] = [];
  for (const line of rest) {
    const last = entries.at(-1);
    const url = line.trim();
    if (last && line.startsWith(' ') && /^https?:\/\/\S+$/.test(url)) {
      const ack = ackUrls.has(url);
      last.link = { label: ack ? '确认处理' : '查看原文', url, ack };
    } else if (last && line.startsWith(' ')) {
      last.headline += ` ${url}`;
    } else {
      entries.push({ level: byHeadline.get(line)?.level ?? null, headline: line, link: null });
    }
  }
  const level = LEVEL_ORDER.find((l) => notifications.some((n) => n.level === l)) ?? 'blue';
  return { level, headline: summary, entries };
}

/** An operations notice: its first line carries the 【运维告警】/【运维恢复】 marker. */
export function renderRobotNotice(notice: OperationsNotice): RobotNotice {
  const [headline = '', ...lines] = renderOperationsText(notice).split('\n');
  return { recovered: isRecovery(notice.kind), headline, lines };
}

/**
 * Cuts the longest piece in half until `fits` says the laid-out message is small enough, so one
 * absurd field (a pasted essay as a title) costs only itself; each cut is marked `…（已截断）`.
 */
export function shrinkToFit<T extends { headline: string; lines: string[] }>(
  message: T,
  fits: (message: T) => boolean,
): T {
  let current = message;
  for (let round = 0; round < 64 && !fits(current); round++) {
    const pieces = [current.headline, ...current.lines];
    const sizes = pieces.map(utf8Bytes);
    const longest = sizes.indexOf(Math.max(...sizes));
    const cut = trimToBytes(pieces[longest] ?? '', Math.floor((sizes[longest] ?? 0) / 2));
    current =
      longest === 0
        ? { ...current, headline: cut }
        : { ...current, lines: current.lines.map((line, i) => (i === longest - 1 ? cut : line)) };
  }
  return current;
}

/** One message's worth of a digest; its headline ends in `（1/3）` when there are several parts. */
export interface DigestPart {
  headline: string;
  entries: RobotDigestEntry[];
}

/**
 * Packs digest entries greedily into as few parts as `fits` allows; every part repeats the summary
 * with its number, and no entry is dropped (an entry too big on its own is trimmed instead).
 */
export function packDigest(digest: RobotDigest, fits: (part: DigestPart) => boolean): DigestPart[] {
  const widest = `${digest.headline}（99/99）`;
  const groups: RobotDigestEntry[][] = [];
  let current: RobotDigestEntry[] = [];
  for (const entry of digest.entries) {
    if (fits({ headline: widest, entries: [...current, entry] })) {
      current.push(entry);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [fitEntry(entry, (e) => fits({ headline: widest, entries: [e] }))];
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((entries, i) => ({
    headline: groups.length === 1 ? digest.headline : `${digest.headline}（${i + 1}/${groups.length}）`,
    entries,
  }));
}

function fitEntry(entry: RobotDigestEntry, fits: (entry: RobotDigestEntry) => boolean): RobotDigestEntry {
  const shrunk = shrinkToFit({ headline: entry.headline, lines: [] }, (e) => fits({ ...entry, ...e }));
  return { ...entry, headline: shrunk.headline };
}

const LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '＊',
  _: '＿',
  '`': '｀',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '~': '～',
  '|': '｜',
};
const URL_PATTERN = /https?:\/\/[^\s<>()[\]"'，。）】]+/g;

/**
 * Text from public posts must not become markup (a fake link or a `<font>` in a government duty
 * group), so markdown characters outside addresses become their full-width look-alikes.
 */
export function escapeMarkdown(text: string): string {
  const neutral = (part: string) => part.replace(/[*_`[\]<>#~|]/g, (c) => LOOKALIKES[c] ?? c);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += neutral(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + neutral(text.slice(last));
}

/** `[label](url)`, with the characters that would end the link early percent-encoded. */
export function markdownLink(link: RobotLink): string {
  const url = link.url.replace(/[()<>\s"]/g, (c) => encodeURIComponent(c));
  return `[${escapeMarkdown(link.label)}](${url})`;
}
