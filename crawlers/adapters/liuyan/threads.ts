import { z } from 'zod';
import { NO_METRICS, type Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { htmlToText } from '../../text/html-text.ts';
import { placeHint } from '../../text/place-hints.ts';

const text = z.string().nullish();
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

/** One message of a board list or a search (`resultData.data[]` / `data.data[]`). */
export const threadSchema = z.object({
  tid: z.union([z.int().positive(), z.string().regex(/^\d+$/)]).transform(String),
  subject: text,
  content: text,
  nickName: text,
  createDateline: seconds,
  dateline: seconds,
  forumName: text,
  typeName: text,
  domainName: text,
  stateInfo: text,
  from: text,
});

export type Thread = z.infer<typeof threadSchema>;

/** A list message as a post, with the header line its detail will need; or why it cannot be one. */
export function threadPost(
  thread: Thread,
  sourceId: string,
  baseUrl: string,
  fetchedAt: Date,
): { post: Post; header: string; timeKnown: boolean } | string {
  const header = [
    field('留言类型', thread.typeName),
    field('领域', thread.domainName),
    field('办理状态', thread.stateInfo),
  ]
    .filter(Boolean)
    .join(' ');
  const message = readable(thread.content) || readable(thread.subject);
  if (!message) return `message ${thread.tid}: no content or subject`;
  // createDateline is when the message was written; dateline alone on older payloads.
  const published = unixTime(thread.createDateline ?? thread.dateline);
  const places = [thread.forumName?.trim() || null, placeHint(thread.from)].filter((place): place is string =>
    Boolean(place),
  );
  return {
    header,
    timeKnown: published !== null,
    post: {
      id: `${sourceId}:${thread.tid}`,
      source: sourceId,
      url: `${baseUrl}/threads/content?tid=${thread.tid}`,
      author: thread.nickName?.trim() || null,
      published_at: published ?? toShanghaiIso(fetchedAt),
      fetched_at: toShanghaiIso(fetchedAt),
      title: thread.subject?.trim() || null,
      text: joinLines([header, message]),
      metrics: NO_METRICS,
      place_hints: [...new Set(places)],
    },
  };
}

/** Message text may carry the editor's HTML; plain text is left as it is. */
export function readable(raw: string | null | undefined): string {
  if (!raw) return '';
  return /<[a-z][^>]*>/i.test(raw) ? htmlToText(raw) : raw.trim();
}

export function unixTime(value: number | null | undefined): string | null {
  // A payload may carry anything here (a string, 1e308): no usable time, not a crash.
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  // Some payloads count milliseconds.
  const date = new Date(value > 1e12 ? value : value * 1000);
  return Number.isNaN(date.getTime()) ? null : toShanghaiIso(date);
}

export function joinLines(lines: readonly (string | null | undefined)[]): string {
  return lines
    .map((line) => line?.trim())
    .filter(Boolean)
    .join('\n');
}

function field(label: string, value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? `[${label}]${trimmed}` : null;
}
