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

/** One schema per queue. `v` lets a later release read payloads that an older one queued. */
export const PAYLOAD_SCHEMAS = {
  collect: z.strictObject({ v: z.literal(1), source: z.string().min(1) }),
  classify: z.strictObject({ v: z.literal(1), post: postSchema }),
  index: z.strictObject({
    v: z.literal(1),
    post: postSchema,
    classification: classificationSchema,
    /** Search words from the classify stage's segmentation; absent, the store segments. */
    words: z.array(z.string().max(100)).max(10_000).optional(),
  }),
  event: z.strictObject({
    v: z.literal(1),
    post: postSchema,
    classification: classificationSchema,
    /** SimHash of the post's words (src/events/simhash.ts). */
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  }),
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

export type Payload<S extends StageName> = z.infer<(typeof PAYLOAD_SCHEMAS)[S]>;

/**
 * Job ids come from what the job is about, so adding the same work twice (a rediscovered post,
 * a retried parent job, two workers) leaves one job. BullMQ forbids `:` in custom ids, hence hashes.
 */
export function jobIdFor<S extends Exclude<StageName, 'collect'>>(stage: S, payload: Payload<S>): string {
  switch (stage) {
    case 'classify': {
      const { post } = payload as Payload<'classify'>;
      return `classify-${digest(post.id, postContentHash(post))}`;
    }
    case 'index': {
      const { post, classification } = payload as Payload<'index'>;
      return `index-${digest(post.id, postContentHash(post), JSON.stringify(classification))}`;
    }
    case 'event': {
      const { post, classification } = payload as Payload<'event'>;
      return `event-${digest(post.id, postContentHash(post), JSON.stringify(classification))}`;
    }
    default: {
      const work = payload as Payload<'alert'>;
      if (work.type === 'notify') return `notify-${digest(work.event_id, work.level, work.tag ?? '')}`;
      if (work.type === 'escalate') return `escalate-${digest(work.notification_key, String(work.step))}`;
      return `flush-${digest(work.channel, String(work.window))}`;
    }
  }
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}
