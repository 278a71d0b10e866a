import { createHash } from 'node:crypto';
import { z } from 'zod';
import { classificationSchema, levelSchema } from '../domain/classification.ts';
import { postContentHash } from '../domain/content-hash.ts';
import { postSchema } from '../domain/post.ts';

/** Pipeline stages in flow order; each is also the name of its queue. */
export const STAGES = ['collect', 'classify', 'index', 'event', 'alert'] as const;
export type StageName = (typeof STAGES)[number];

export function isStageName(name: string): name is StageName {
  return (STAGES as readonly string[]).includes(name);
}

/**
 * Stages whose jobs each carry a batch of posts. A queue hop costs several Redis round trips
 * and a payload copy; paying them once per post capped the pipeline near the queue's own speed.
 */
export const BATCH_STAGES = ['classify', 'index', 'event'] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];
export type SingleStage = Exclude<StageName, BatchStage>;

export function isBatchStage(stage: StageName): stage is BatchStage {
  return (BATCH_STAGES as readonly string[]).includes(stage);
}

/** The most posts one job carries; emitters split longer lists. */
export const MAX_BATCH = 1000;

/** One post's work in each batch stage. */
export const ITEM_SCHEMAS = {
  classify: z.strictObject({ post: postSchema }),
  index: z.strictObject({
    post: postSchema,
    classification: classificationSchema,
    /** Search words from the classify stage's segmentation; absent, the store segments. */
    words: z.array(z.string().max(100)).max(10_000).optional(),
  }),
  event: z.strictObject({
    post: postSchema,
    classification: classificationSchema,
    /** SimHash of the post's words (src/events/simhash.ts). */
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  }),
} as const;

export type Item<S extends BatchStage> = z.infer<(typeof ITEM_SCHEMAS)[S]>;

/** The outer shape of a batch job; each item is checked on its own so one bad item spoils no other. */
export const batchEnvelopeSchema = z.strictObject({
  v: z.literal(2),
  items: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

/** What version 1 queued: one post per job, the item's fields beside `v`. Still read after an upgrade. */
export const singleItemEnvelopeSchema = z.looseObject({ v: z.literal(1) });

/** Schemas of the jobs that carry one piece of work. `v` lets a later release read what an older one queued. */
export const SINGLE_SCHEMAS = {
  collect: z.strictObject({ v: z.literal(1), source: z.string().min(1) }),
  /** Alert work: consider an event, escalate an unacknowledged one, or flush a channel's digest. */
  alert: z.discriminatedUnion('type', [
    z.strictObject({
      v: z.literal(2),
      type: z.literal('notify'),
      event_id: z.string().min(1),
      level: levelSchema,
      /** Sets a look apart from others at the same level (a reminder check); absent for new posts. */
      tag: z.string().max(100).optional(),
    }),
    z.strictObject({
      v: z.literal(2),
      type: z.literal('escalate'),
      event_id: z.string().min(1),
      notification_key: z.string().min(1),
      step: z.int().min(1).max(100),
    }),
    z.strictObject({
      v: z.literal(2),
      type: z.literal('flush'),
      channel: z.string().min(1),
      window: z.int(),
    }),
  ]),
} as const;

export type Payload<S extends SingleStage> = z.infer<(typeof SINGLE_SCHEMAS)[S]>;

/** What a stage is handed and what its emitter takes: a batch stage's items, or one job's payload. */
export type Work<S extends StageName> = S extends BatchStage
  ? Item<S>
  : S extends SingleStage
    ? Payload<S>
    : never;

/**
 * Job ids come from what the job is about, so adding the same work twice (a retried parent job,
 * two workers) leaves one job. BullMQ forbids `:` in custom ids, hence hashes. A batch's id
 * covers every post with its content and classification: a post classified again under new
 * rules is new work.
 */
export function batchJobId<S extends BatchStage>(stage: S, items: readonly Item<S>[]): string {
  const hash = createHash('sha256');
  for (const item of items) {
    hash.update(item.post.id).update('\u0000').update(postContentHash(item.post)).update('\u0000');
    if ('classification' in item) hash.update(JSON.stringify(item.classification));
    hash.update('\u0001');
  }
  return `${stage}-${hash.digest('hex').slice(0, 40)}`;
}

export function singleJobId(payload: Payload<'alert'>): string {
  if (payload.type === 'notify')
    return `notify-${digest(payload.event_id, payload.level, payload.tag ?? '')}`;
  if (payload.type === 'escalate')
    return `escalate-${digest(payload.notification_key, String(payload.step))}`;
  return `flush-${digest(payload.channel, String(payload.window))}`;
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}
