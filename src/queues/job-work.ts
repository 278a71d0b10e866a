import { z } from 'zod';
import {
  type BatchStage,
  batchEnvelopeSchema,
  ITEM_SCHEMAS,
  isBatchStage,
  SINGLE_SCHEMAS,
  type StageName,
  singleItemEnvelopeSchema,
  type Work,
} from './payloads.ts';

/** What a job's data holds once checked: the work to do, and the items refused with why. */
export interface JobWork<S extends StageName> {
  work: Work<S>[];
  /** Items of a batch that failed their schema, by position: `item 3 (post x): text: expected string`. */
  refused: string[];
}

/**
 * Checks a job's data against its stage's schema. A batch's items are checked one by one, so a
 * malformed item is refused with its position while the rest go on. Version 1 jobs (one post
 * each) are read as a batch of one.
 */
export function readJobWork<S extends StageName>(stage: S, data: unknown): JobWork<S> {
  if (!isBatchStage(stage)) {
    const parsed = SINGLE_SCHEMAS[stage as Exclude<StageName, BatchStage>].safeParse(data);
    if (!parsed.success) return { work: [], refused: [describe(stage, 'payload', parsed.error)] };
    return { work: [parsed.data as Work<S>], refused: [] };
  }
  const itemSchema = ITEM_SCHEMAS[stage];
  const batch = batchEnvelopeSchema.safeParse(data);
  if (batch.success) {
    const work: Work<S>[] = [];
    const refused: string[] = [];
    batch.data.items.forEach((item, index) => {
      const parsed = itemSchema.safeParse(item);
      if (parsed.success) work.push(parsed.data as Work<S>);
      else refused.push(describe(stage, `item ${index + 1}${postIdOf(item)}`, parsed.error));
    });
    return { work, refused };
  }
  const single = singleItemEnvelopeSchema.safeParse(data);
  if (single.success) {
    const { v: _version, ...item } = single.data;
    const parsed = itemSchema.safeParse(item);
    if (parsed.success) return { work: [parsed.data as Work<S>], refused: [] };
    return { work: [], refused: [describe(stage, `v1 payload${postIdOf(item)}`, parsed.error)] };
  }
  return { work: [], refused: [describe(stage, 'payload', batch.error)] };
}

function describe(stage: StageName, what: string, error: z.ZodError): string {
  return `invalid ${stage} ${what}: ${z.prettifyError(error).replace(/\n/g, '; ')}`;
}

function postIdOf(item: unknown): string {
  const post = (item as { post?: { id?: unknown } } | null)?.post;
  return typeof post?.id === 'string' ? ` (post ${post.id.slice(0, 200)})` : '';
}
