import { NO_METRICS, type Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import type { ItemProblem } from '../../page.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { type LetterRecord, TEXT_LABELS } from './letter-record.ts';

export interface PostPlace {
  sourceId: string;
  /** The page the record was read from: base for relative links, and where problems point. */
  pageUrl: string;
  fetchedAt: Date;
  item: number;
  placeHints: readonly string[];
  /** The post's address when the record has no link (JSON APIs without a page per item). */
  fallbackUrl?: string | null;
}

export interface BuiltPost {
  post: Post | null;
  problems: ItemProblem[];
}

/** A date inside longer text: `来信日期：2026-1-5`, `时间：2026年01月05日 09:30`. */
const DATE_IN_TEXT = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?/;

/**
 * A record as a Post. The letter itself is the text (the title when there is no text); the
 * state of the letter and any reply follow as labelled lines (`【状态】已办结`, `【答复】…`),
 * because a reply saying wages were paid changes what the post means.
 */
export function recordToPost(record: LetterRecord, place: PostPlace): BuiltPost {
  const problem = (severity: ItemProblem['severity'], reason: string): ItemProblem => ({
    url: place.pageUrl,
    item: place.item,
    severity,
    reason,
  });
  const nativeId = record.id?.trim();
  if (!nativeId) return { post: null, problems: [problem('dropped', 'no id')] };
  const url = absoluteUrl(record.link, place.pageUrl) ?? place.fallbackUrl ?? null;
  if (!url) return { post: null, problems: [problem('dropped', `item ${nativeId}: no usable link`)] };
  const text = composeText(record);
  if (!text) return { post: null, problems: [problem('dropped', `item ${nativeId}: no text and no title`)] };
  const published = readTime(record.published_at, place.fetchedAt);
  const problems = published
    ? []
    : [
        problem(
          'degraded',
          `item ${nativeId}: unreadable time ${JSON.stringify(record.published_at ?? null)}, fetch time used`,
        ),
      ];
  return {
    post: {
      id: `${place.sourceId}:${nativeId}`,
      source: place.sourceId,
      url,
      author: record.author ?? null,
      published_at: published ?? toShanghaiIso(place.fetchedAt),
      fetched_at: toShanghaiIso(place.fetchedAt),
      title: record.title ?? null,
      text,
      metrics: NO_METRICS,
      place_hints: [...place.placeHints],
    },
    problems,
  };
}

export function composeText(record: LetterRecord): string {
  const body = record.text ?? record.title;
  if (!body) return '';
  const lines = [body];
  for (const [field, label] of TEXT_LABELS) {
    const value = record[field];
    if (value) lines.push(`【${label}】${value}`);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('extra.')) lines.push(`【${key.slice('extra.'.length)}】${value}`);
  }
  return lines.join('\n');
}

function readTime(raw: string | undefined, fetchedAt: Date): string | null {
  if (!raw) return null;
  const direct = parsePublishedTime(raw, fetchedAt);
  if (direct) return direct;
  const inside = raw.match(DATE_IN_TEXT)?.[0];
  return inside ? parsePublishedTime(inside, fetchedAt) : null;
}

export function absoluteUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
