import { z } from 'zod';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { emptyPage, type FetchedPage, type ParsedPage } from '../../page.ts';
import { readApiAnswer } from './api-answer.ts';
import { joinLines, readable, unixTime } from './threads.ts';

const entrySchema = z.object({
  dataType: z.union([z.number(), z.string()]).transform(Number),
  content: z.string().nullish(),
  dateline: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  organization: z.string().nullish(),
});

const contentSchema = z.object({
  resultData: z.object({ contentList: z.array(z.unknown()).nullish() }).nullish(),
});

const contextSchema = z.object({ header: z.string() });

/** `dataType` of a citizen's message and of an official reply in `contentList`. */
const MESSAGE = 1;
const REPLY = 4;

/**
 * A message's detail (`/v1/threads/content`): the full message, and every official reply
 * marked as such, since a reply saying the wages were paid changes what the post means.
 * Anything unreadable yields no post, so the pass keeps the list's version.
 */
export function parseContentPage(page: FetchedPage): ParsedPage {
  const partial = page.request.partial;
  const degraded = (reason: string): ParsedPage => ({
    ...emptyPage(),
    problems: [{ url: page.url, item: 0, severity: 'degraded', reason: `${reason}; list version kept` }],
  });
  let answer: ReturnType<typeof readApiAnswer>;
  try {
    answer = readApiAnswer(page);
  } catch (error) {
    return degraded((error as Error).message);
  }
  if (answer.kind === 'blocked') return { ...emptyPage(), blocked: answer.blocked };
  if (answer.kind === 'refused') return degraded(answer.detail);
  const context = contextSchema.safeParse(page.request.context);
  if (!partial || !context.success) return degraded('detail requested without its list version');
  const entries = (contentSchema.safeParse(answer.json).data?.resultData?.contentList ?? [])
    .map((entry) => entrySchema.safeParse(entry).data)
    .filter((entry) => entry !== undefined);
  const message = readable(entries.find((entry) => entry.dataType === MESSAGE)?.content);
  const replies = entries.filter((entry) => entry.dataType === REPLY).map(replyText);
  if (!message && replies.length === 0) return degraded('detail without a message or a reply');
  const listMessage = partial.text.startsWith(context.data.header)
    ? partial.text.slice(context.data.header.length)
    : partial.text;
  return {
    posts: [
      {
        ...partial,
        fetched_at: toShanghaiIso(page.fetchedAt),
        text: joinLines([context.data.header, message || listMessage, ...replies]),
      },
    ],
    next: [],
    problems: [],
  };
}

/** `【官方回复】灵山县住房和城乡建设局 时间：2021-01-25 16:40` and the reply itself. */
function replyText(entry: z.infer<typeof entrySchema>): string {
  const time = unixTime(entry.dateline ?? null);
  const heading = [
    `【官方回复】${entry.organization?.trim() ?? ''}`.trim(),
    time ? `时间：${time.slice(0, 16).replace('T', ' ')}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return joinLines([heading, readable(entry.content)]);
}
