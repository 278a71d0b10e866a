import { z } from 'zod';
import { type FetchedPage, MalformedPageError } from '../../page.ts';

const numeric = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);
const text = z.string().nullish();

/** One `result.data.lists[]` entry; only the fields the adapter reads. */
export const searchItemSchema = z.object({
  main: z.object({
    /** Goes into a URL path, so nothing but letters and digits. */
    sn: z
      .union([z.number(), z.string()])
      .transform(String)
      .pipe(z.string().regex(/^[0-9A-Za-z]+$/)),
    url: text,
    title: text,
    cotitle: text,
    summary: text,
    appeal: text,
    issue: text,
    cost: z.union([z.string(), z.number()]).nullish(),
    timestamp: z.union([z.string(), z.number()]).nullish(),
    status: z.union([z.string(), z.number()]).nullish(),
  }),
  author: z.object({ title: text }).nullish(),
});

export type SearchItem = z.infer<typeof searchItemSchema>;

const envelopeSchema = z.object({
  result: z.object({
    status: z.object({ code: z.union([z.number(), z.string()]), msg: z.string().nullish() }),
    data: z
      .object({
        pager: z.object({ current: numeric, page_amount: numeric, item_count: numeric }).partial().nullish(),
        lists: z.array(z.unknown()).nullish(),
      })
      .nullish(),
  }),
});

export type SearchEnvelope = z.infer<typeof envelopeSchema>;

/** The search API's JSON, or MalformedPageError when it is truncated or not this API's shape. */
export function readSearchEnvelope(page: FetchedPage): SearchEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(page.body);
  } catch (error) {
    throw new MalformedPageError(page.url, `search API JSON does not parse (${(error as Error).message})`);
  }
  const checked = envelopeSchema.safeParse(json);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join('.') ?? '';
    throw new MalformedPageError(page.url, `search API JSON without result.status/data (at "${where}")`);
  }
  return checked.data;
}
