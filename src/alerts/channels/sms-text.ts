import { levelRank } from '../../domain/classification.ts';
import { type AlertNotification, renderDigestText, renderNotificationHeadline } from '../notification.ts';
import { type OperationsNotice, renderOperationsText } from '../operations-notice.ts';

/** Carriers count characters, not UTF-16 units. */
const chars = (text: string) => [...text].length;

/**
 * One alert as an SMS: the headline (grade, kind, town, title) and the ack link, or the post's
 * link without a console. The headline is what gets cut, never the link: a cut link is useless.
 */
export function renderSmsAlert(n: AlertNotification, maxChars: number): string {
  const head = renderNotificationHeadline(n);
  const link = n.ack_url ? `确认：${n.ack_url}` : `详情：${n.url}`;
  if (chars(head) + 1 + chars(link) <= maxChars) return `${head}\n${link}`;
  const room = maxChars - chars(link) - 1;
  return room >= 12 ? `${cut(head, room)}\n${link}` : cut(`${head}\n${link}`, maxChars);
}

/** A digest as an SMS: the counts, then headlines highest grade first while they fit. */
export function renderSmsDigest(notifications: readonly AlertNotification[], maxChars: number): string {
  const summary = renderDigestText(notifications).split('\n')[0] ?? '';
  const sorted = [...notifications].sort((a, b) => levelRank(b.level) - levelRank(a.level));
  const lines = [summary];
  for (const [index, n] of sorted.entries()) {
    const rest = sorted.length - index - 1;
    const candidate = [...lines, renderNotificationHeadline(n), ...(rest > 0 ? [`…另 ${rest} 条`] : [])];
    if (chars(candidate.join('\n')) > maxChars) {
      lines.push(`…另 ${rest + 1} 条`);
      break;
    }
    lines.push(renderNotificationHeadline(n));
  }
  return cut(lines.join('\n'), maxChars);
}

export function renderSmsOperations(notice: OperationsNotice, maxChars: number): string {
  return cut(renderOperationsText(notice), maxChars);
}

/** Cuts by characters (not UTF-16 units, so no half emoji) and marks the cut. */
function cut(text: string, max: number): string {
  const all = [...text];
  return all.length <= max ? text : `${all.slice(0, max - 1).join('')}…`;
}
