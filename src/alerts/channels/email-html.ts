import { escapeUTF8 } from 'entities';
import { LEVEL_NAMES_ZH, type Level, levelRank } from '../../domain/classification.ts';
import {
  type AlertNotification,
  renderDigestText,
  renderNotificationHeadline,
  renderNotificationLines,
  renderNotificationText,
} from '../notification.ts';
import { type OperationsNotice, renderOperationsText } from '../operations-notice.ts';

/** Subject, plain text and HTML of one email. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

type AlertLevel = Exclude<Level, 'none'>;

/** Banner colours of the four grades; yellow takes dark text so it stays readable. */
const LEVEL_COLOURS: Readonly<Record<AlertLevel, { background: string; text: string }>> = {
  red: { background: '#c62828', text: '#ffffff' },
  orange: { background: '#ef6c00', text: '#ffffff' },
  yellow: { background: '#f9a825', text: '#212121' },
  blue: { background: '#1565c0', text: '#ffffff' },
};

/** Every value in the HTML comes from posts or config, so all of it is escaped, attributes too. */
export const escapeHtml = escapeUTF8;

/** Only http(s) links become clickable; anything else (javascript:, data:) stays plain text. */
function link(url: string, label: string, style: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(`${label}：${url}`);
  return `<a href="${escapeHtml(url)}" style="${style}">${escapeHtml(label)}</a>`;
}

const BUTTON =
  'display:inline-block;padding:8px 18px;margin:8px 8px 0 0;border-radius:4px;' +
  'background:#2e7d32;color:#ffffff;text-decoration:none;font-weight:bold';
const PLAIN_LINK = 'display:inline-block;margin:8px 8px 0 0;color:#1565c0';

function section(n: AlertNotification): string {
  const colour = LEVEL_COLOURS[n.level];
  // The links get their own buttons below, so their text lines would only repeat them.
  const linkLines = new Set([`原文：${n.url}`, ...(n.ack_url ? [`确认处理：${n.ack_url}`] : [])]);
  const lines = renderNotificationLines(n)
    .filter((line) => !linkLines.has(line))
    .map((line) => `<p style="margin:4px 0">${escapeHtml(line)}</p>`);
  const links = [
    ...(n.ack_url ? [link(n.ack_url, '确认处理', BUTTON)] : []),
    link(n.url, '查看原文', PLAIN_LINK),
  ];
  return [
    '<div style="margin:0 0 20px;border:1px solid #dddddd;border-radius:6px;overflow:hidden">',
    `<div style="padding:10px 14px;background:${colour.background};color:${colour.text};font-size:16px;font-weight:bold">`,
    `<span style="margin-right:8px">[${escapeHtml(LEVEL_NAMES_ZH[n.level])}]</span>${escapeHtml(renderNotificationHeadline(n))}`,
    '</div>',
    `<div style="padding:10px 14px">${lines.join('')}<div>${links.join('')}</div></div>`,
    '</div>',
  ].join('');
}

function page(body: string): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>' +
    "<body style=\"font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#212121\">" +
    `${body}</body></html>`
  );
}

/** Highest grade first, the order a person on duty reads a digest in. */
function byLevel(notifications: readonly AlertNotification[]): AlertNotification[] {
  return [...notifications].sort((a, b) => levelRank(b.level) - levelRank(a.level));
}

/** One notification: the headline as subject, the full text, and an HTML card with an ack button. */
export function renderNotificationEmail(n: AlertNotification): EmailContent {
  return { subject: renderNotificationHeadline(n), text: renderNotificationText(n), html: page(section(n)) };
}

/** A digest: `【预警汇总】N 条预警（红1 …）` as subject, then every notification in full. */
export function renderDigestEmail(notifications: readonly AlertNotification[]): EmailContent {
  const summary = renderDigestText(notifications).split('\n')[0] ?? '';
  const sorted = byLevel(notifications);
  return {
    subject: summary,
    text: [summary, ...sorted.map(renderNotificationText)].join('\n\n————————\n\n'),
    html: page(
      `<h2 style="font-size:18px;margin:0 0 14px">${escapeHtml(summary)}</h2>${sorted.map(section).join('')}`,
    ),
  };
}

/** An operations notice: its first line (`【运维告警】…`) as subject, the whole text as body. */
export function renderOperationsEmail(notice: OperationsNotice): EmailContent {
  const text = renderOperationsText(notice);
  const [subject = '', ...rest] = text.split('\n');
  const body = rest.map((line) => `<p style="margin:4px 0">${escapeHtml(line)}</p>`).join('');
  return {
    subject,
    text,
    html: page(`<h2 style="font-size:18px;margin:0 0 14px">${escapeHtml(subject)}</h2>${body}`),
  };
}
